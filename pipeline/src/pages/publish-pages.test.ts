import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPublished } from '../output/output-dir.ts';
import { PipelineError, runPipeline } from '../run-pipeline.ts';
import { homeHead } from './home-page.ts';

let root: string;
let inDir: string;
let outDir: string;
let pagesDir: string;
let cacheDir: string;

const SHELL = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <title>新闻阅读</title>
    <script type="module" src="/assets/index-1.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

function write(relative: string, title: string, day: number): void {
  const file = path.join(inDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const date = `2024-03-${String(day).padStart(2, '0')} 08:00:00`;
  fs.writeFileSync(file, `---\ntitle: ${title}\ndate: ${date}\ncategories:\n - 财经\n---\n<p>${title}的正文。</p>\n`);
}

const run = (extra: Partial<Parameters<typeof runPipeline>[0]> = {}) =>
  runPipeline({ inDir, outDir, cacheDir, pagesDir, siteUrl: 'https://news.example.cn/', ...extra });

const page = (id: string) => path.join(pagesDir, 'article', id, 'index.html');
/** Each page's inode and change time: a page rewritten or moved in gets new ones. */
const stamps = () =>
  Object.fromEntries(
    fs
      .readdirSync(path.join(pagesDir, 'article'))
      .filter((name) => !name.startsWith('.'))
      .map((id) => {
        const stat = fs.statSync(page(id));
        return [id, `${stat.ino}:${stat.ctimeMs}`];
      }),
  );
const titleOf = (id: string) => new JSDOM(fs.readFileSync(page(id), 'utf8')).window.document.title;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pages-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'dist', 'data');
  pagesDir = path.join(root, 'dist');
  cacheDir = path.join(root, 'cache');
  fs.mkdirSync(pagesDir, { recursive: true });
  fs.writeFileSync(path.join(pagesDir, 'index.html'), SHELL);
  for (let day = 1; day <= 5; day++) write(`a${day}.md`, `第${day}篇`, day);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('entry pages (--pages)', () => {
  it('writes a page per article with its title, beside the app, and a sitemap and robots.txt', async () => {
    const report = await run();
    expect(report.problems).toEqual([]);
    expect(titleOf('a3')).toBe('第3篇 · 新闻阅读');
    expect(fs.readFileSync(page('a3'), 'utf8')).toContain('<script type="module" src="/assets/index-1.js"></script>');
    const sitemap = fs.readFileSync(path.join(pagesDir, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://news.example.cn/article/a1</loc>');
    expect(sitemap).toContain('<loc>https://news.example.cn/category/%E8%B4%A2%E7%BB%8F</loc>');
    expect(fs.readFileSync(path.join(pagesDir, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://news.example.cn/sitemap.xml',
    );
    // The app's own page is left as it was.
    expect(fs.readFileSync(path.join(pagesDir, 'index.html'), 'utf8')).toBe(SHELL);
  });

  it('an incremental run rewrites the pages of what changed, and removes those of what was deleted', async () => {
    await run();
    const before = stamps();
    await run();
    expect(stamps()).toEqual(before);

    write('a2.md', '第2篇（更新）', 2);
    fs.rmSync(path.join(inDir, 'a4.md'));
    await run();
    const after = stamps();
    expect(Object.keys(after).sort()).toEqual(['a1', 'a2', 'a3', 'a5']);
    expect(after.a2).not.toBe(before.a2);
    for (const id of ['a1', 'a3', 'a5']) expect(after[id], id).toBe(before[id]);
    expect(titleOf('a2')).toBe('第2篇（更新） · 新闻阅读');
    expect(fs.readFileSync(path.join(pagesDir, 'sitemap.xml'), 'utf8')).not.toContain('/article/a4<');
  });

  it('keeps a record of its pages that lists exactly what the folder holds', async () => {
    const check = () => {
      const out = path.join(pagesDir, 'article');
      const record = JSON.parse(fs.readFileSync(path.join(out, '.pages.json'), 'utf8')) as { ids: string[] };
      const recorded = [...record.ids.flatMap((id) => [id, `${id}/index.html`]), '.pages.json', '.news-reader-output'];
      expect([...listPublished(out)].sort()).toEqual(recorded.sort());
    };
    await run({ pagesNewest: 3 });
    check();
    write('a6.md', '第6篇', 6);
    fs.rmSync(path.join(inDir, 'a5.md'));
    await run({ pagesNewest: 3 });
    check();
  });

  it('a new app page, or a new site address, rewrites every page', async () => {
    await run();
    const before = stamps();
    fs.writeFileSync(path.join(pagesDir, 'index.html'), SHELL.replace('index-1.js', 'index-2.js'));
    await run();
    const after = stamps();
    for (const id of Object.keys(before)) expect(after[id], id).not.toBe(before[id]);
    expect(fs.readFileSync(page('a1'), 'utf8')).toContain('/assets/index-2.js');

    await run({ siteUrl: 'https://other.example.cn/' });
    expect(fs.readFileSync(page('a1'), 'utf8')).toContain('https://other.example.cn/article/a1');
  });

  it('only the newest get a page when asked for fewer; a new article pushes the oldest out', async () => {
    await run({ pagesNewest: 2 });
    expect(Object.keys(stamps()).sort()).toEqual(['a4', 'a5']);
    write('a6.md', '第6篇', 6);
    await run({ pagesNewest: 2 });
    expect(Object.keys(stamps()).sort()).toEqual(['a5', 'a6']);
    // The sitemap still lists them all.
    const sitemap = fs.readFileSync(path.join(pagesDir, 'sitemap.xml'), 'utf8');
    for (let day = 1; day <= 6; day++) expect(sitemap).toContain(`/article/a${day}<`);
  });

  it('writes a page per category, again only when what it says changed', async () => {
    const file = path.join(pagesDir, 'category', '财经', 'index.html');
    await run();
    const html = fs.readFileSync(file, 'utf8');
    expect(new JSDOM(html).window.document.title).toBe('财经 · 新闻阅读');
    expect(html).toContain('财经：共 5 篇文章。最新：第5篇');
    const stamp = () => `${fs.statSync(file).ino}:${fs.statSync(file).ctimeMs}`;
    const before = stamp();
    await run();
    expect(stamp()).toBe(before);
    write('a6.md', '第6篇', 6);
    await run();
    expect(stamp()).not.toBe(before);
    expect(fs.readFileSync(file, 'utf8')).toContain('财经：共 6 篇文章。最新：第6篇');
  });

  it('a category with an odd name gets its page where a host looks; one no folder can hold gets none', async () => {
    const categories = ['..', '%2F', 'a/b'];
    fs.writeFileSync(
      path.join(inDir, 'odd.md'),
      `---\ntitle: 怪名\ndate: 2024-02-01\ncategories: [${categories.map((c) => JSON.stringify(c)).join(', ')}]\n---\n<p>正文。</p>\n`,
    );
    await run();
    const folders = fs.readdirSync(path.join(pagesDir, 'category')).filter((name) => !name.startsWith('.'));
    expect(folders.sort()).toEqual(['%2F', '~..', '财经'].sort());
    // The odd category left: its page goes with it.
    fs.rmSync(path.join(inDir, 'odd.md'));
    await run();
    expect(fs.readdirSync(path.join(pagesDir, 'category')).filter((name) => !name.startsWith('.'))).toEqual(['财经']);
  });

  it("leaves someone else's robots.txt alone, and says so", async () => {
    fs.writeFileSync(path.join(pagesDir, 'robots.txt'), 'User-agent: *\nDisallow: /private/\n');
    const report = await run();
    expect(fs.readFileSync(path.join(pagesDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /private/\n');
    expect(report.problems).toEqual([
      expect.objectContaining({ file: 'robots.txt', level: 'warning', message: expect.stringContaining('Sitemap:') }),
    ]);
  });

  it('a site under a sub-folder gets its sitemap but no robots.txt, which belongs at the root', async () => {
    const report = await run({ siteUrl: 'https://example.cn/news' });
    expect(fs.existsSync(path.join(pagesDir, 'robots.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(pagesDir, 'sitemap.xml'), 'utf8')).toContain(
      '<loc>https://example.cn/news/article/a1</loc>',
    );
    expect(report.problems).toEqual([expect.objectContaining({ file: 'robots.txt', level: 'warning' })]);
  });

  it('links each category page and the home page to their feeds, which are beside the data', async () => {
    await run();
    const feedsOf = (file: string) => {
      const { document } = new JSDOM(fs.readFileSync(path.join(pagesDir, file), 'utf8')).window;
      return [...document.querySelectorAll('head link[rel="alternate"]')].map((link) => {
        const href = link.getAttribute('href') ?? '';
        // The address is the site's; the file is where the site serves it from.
        expect(fs.existsSync(path.join(pagesDir, href.replace('https://news.example.cn/', ''))), href).toBe(true);
        return `${link.getAttribute('type')} ${link.getAttribute('title')}`;
      });
    };
    expect(feedsOf('category/财经/index.html')).toEqual([
      'application/atom+xml 财经 · 新闻阅读',
      'application/feed+json 财经 · 新闻阅读',
    ]);
    // The home page's head (written when the pages are prerendered) links the feeds of all articles.
    expect(homeHead(undefined, new URL('https://news.example.cn/'))).toContain(
      '<link rel="alternate" type="application/atom+xml" title="新闻阅读" href="https://news.example.cn/data/feeds/all/atom.xml" />',
    );
    await run({ siteUrl: undefined });
    expect(fs.readFileSync(path.join(pagesDir, 'category/财经/index.html'), 'utf8')).not.toContain('alternate');
  });

  it('without a site address, pages are written and no sitemap', async () => {
    await run({ siteUrl: undefined });
    expect(titleOf('a1')).toBe('第1篇 · 新闻阅读');
    expect(fs.existsSync(path.join(pagesDir, 'sitemap.xml'))).toBe(false);
    expect(fs.existsSync(path.join(pagesDir, 'robots.txt'))).toBe(false);
  });

  it('refuses, before writing anything, a bad site address or a folder with no app page', async () => {
    await expect(run({ siteUrl: 'news.example.cn' })).rejects.toThrow(PipelineError);
    await expect(run({ siteUrl: 'javascript:alert(1)' })).rejects.toThrow('http or https');
    fs.rmSync(path.join(pagesDir, 'index.html'));
    await expect(run()).rejects.toThrow('holds no index.html');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('refuses a pages folder whose article/ holds files that are not its own', async () => {
    fs.mkdirSync(path.join(pagesDir, 'article'));
    fs.writeFileSync(path.join(pagesDir, 'article', 'notes.txt'), 'mine');
    await expect(run()).rejects.toThrow(PipelineError);
    expect(fs.readFileSync(path.join(pagesDir, 'article', 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('prerendered entry pages (--render)', () => {
  // A stand-in for the app's server build: it shows what it was handed, so that a test sees
  // which data each page was rendered from; an article titled 坏 makes it fail.
  const RENDERER = `export function createPageRenderer() {
  return {
    async render({ path, files }) {
      const article = Object.entries(files).find(([file]) => file.startsWith('articles/'))?.[1];
      if (article?.title === '坏') throw new Error('cannot render this one');
      const shown = article ? article.title + '|' + (article.prev?.title ?? '') + '|' + (article.next?.title ?? '') : Object.keys(files).join(',');
      return { root: '<main>' + path + ' ' + shown + '</main>', data: JSON.stringify({ path, files: Object.keys(files) }) };
    },
  };
}
`;
  let renderer: string;
  beforeEach(() => {
    renderer = path.join(root, 'entry-server.js');
    fs.writeFileSync(renderer, RENDERER);
  });
  const rendered = (file: string) =>
    /<div id="root" data-prerendered><main>([^<]*)<\/main><\/div>/.exec(fs.readFileSync(file, 'utf8'))?.[1];

  it('renders the newest articles and the categories into their pages, with the data they came from', async () => {
    const report = await run({ renderer, prerenderNewest: 3 });
    expect(report.problems).toEqual([]);
    expect(rendered(page('a5'))).toBe('/article/a5 第5篇||第4篇');
    expect(rendered(page('a3'))).toBe('/article/a3 第3篇|第4篇|第2篇');
    // Beyond the newest three: the head only, and the app renders it as before.
    expect(rendered(page('a2'))).toBeUndefined();
    expect(fs.readFileSync(page('a2'), 'utf8')).toContain('<div id="root"></div>');
    const html = fs.readFileSync(page('a5'), 'utf8');
    expect(html).toContain(
      '<script type="application/json" id="page-data">{"path":"/article/a5","files":["manifest.json","articles/a5.json"]}</script>',
    );
    // Its data is in the page: only the manifest, checked for news after hydration, is preloaded.
    expect(html).toContain('href="/data/manifest.json"');
    expect(html).not.toContain('href="/data/articles/a5.json"');
    const category = path.join(pagesDir, 'category', '财经', 'index.html');
    expect(rendered(category)).toMatch(/^\/category\/%E8%B4%A2%E7%BB%8F manifest\.json,lists\/[^/]+\/head\.json$/);
  });

  it('a new article rewrites its page, its neighbour’s, and the one that left the prerendered newest', async () => {
    await run({ renderer, prerenderNewest: 3 });
    const before = stamps();
    await run({ renderer, prerenderNewest: 3 });
    expect(stamps()).toEqual(before);
    write('a6.md', '第6篇', 6);
    await run({ renderer, prerenderNewest: 3 });
    const after = stamps();
    expect(rendered(page('a6'))).toBe('/article/a6 第6篇||第5篇');
    expect(rendered(page('a5'))).toBe('/article/a5 第5篇|第6篇|第4篇');
    expect(rendered(page('a3'))).toBeUndefined();
    for (const id of ['a5', 'a3']) expect(after[id], id).not.toBe(before[id]);
    for (const id of ['a4', 'a2', 'a1']) expect(after[id], id).toBe(before[id]);
  });

  it('a new server build renders every page again', async () => {
    await run({ renderer, prerenderNewest: 3 });
    const before = stamps();
    // A new build (in a file of its own: this process has the first one loaded).
    const next = path.join(root, 'entry-server-2.js');
    fs.writeFileSync(next, RENDERER.replace("'<main>'", "'<main>v2 '"));
    await run({ renderer: next, prerenderNewest: 3 });
    const after = stamps();
    for (const id of Object.keys(before)) expect(after[id], id).not.toBe(before[id]);
    expect(rendered(page('a5'))).toBe('v2 /article/a5 第5篇||第4篇');
  });

  it('a page that cannot be rendered keeps its head, with a warning naming its file; the rest are rendered', async () => {
    write('a4.md', '坏', 4);
    const report = await run({ renderer, prerenderNewest: 3 });
    expect(report.problems).toEqual([
      expect.objectContaining({
        file: 'a4.md',
        level: 'warning',
        message: expect.stringContaining('cannot render this one'),
      }),
    ]);
    expect(titleOf('a4')).toBe('坏 · 新闻阅读');
    expect(rendered(page('a4'))).toBeUndefined();
    expect(rendered(page('a5'))).toBe('/article/a5 第5篇||坏');
  });

  it('prerenders the home page beside the app page, and removes it when pages are no longer prerendered', async () => {
    const home = path.join(pagesDir, 'home.html');
    await run({ renderer, prerenderNewest: 3 });
    expect(rendered(home)).toBe('/ manifest.json,lists/all/head.json');
    const { document } = new JSDOM(fs.readFileSync(home, 'utf8')).window;
    expect(document.title).toBe('新闻阅读');
    expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://news.example.cn/');
    // The app page itself stays the page of every other address.
    expect(fs.readFileSync(path.join(pagesDir, 'index.html'), 'utf8')).toBe(SHELL);
    await run();
    expect(fs.existsSync(home)).toBe(false);
  });

  it("leaves someone else's home.html alone, and says so", async () => {
    const home = path.join(pagesDir, 'home.html');
    fs.writeFileSync(home, '<p>mine</p>');
    const report = await run({ renderer, prerenderNewest: 3 });
    expect(fs.readFileSync(home, 'utf8')).toBe('<p>mine</p>');
    expect(report.problems).toEqual([expect.objectContaining({ file: 'home.html', level: 'warning' })]);
    await run();
    expect(fs.readFileSync(home, 'utf8')).toBe('<p>mine</p>');
  });

  it('prerenders the pages of tags, again only when a tag’s list changed', async () => {
    const tagged = (relative: string, title: string, day: number, tags: string[]) =>
      fs.writeFileSync(
        path.join(inDir, relative),
        `---\ntitle: ${title}\ndate: 2024-03-${String(day).padStart(2, '0')} 09:00:00\ntags: [${tags.join(', ')}]\n---\n<p>${title}。</p>\n`,
      );
    tagged('t1.md', '港口', 10, ['港口', '外贸']);
    tagged('t2.md', '码头', 11, ['港口']);
    const tagPage = (name: string) => path.join(pagesDir, 'tag', name, 'index.html');
    const stamp = (name: string) => `${fs.statSync(tagPage(name)).ino}:${fs.statSync(tagPage(name)).ctimeMs}`;
    await run({ renderer, prerenderNewest: 3 });
    expect(rendered(tagPage('港口'))).toMatch(
      /^\/tag\/%E6%B8%AF%E5%8F%A3 manifest\.json,tags\/[0-9a-f]{16}\/head\.json$/,
    );
    expect(new JSDOM(fs.readFileSync(tagPage('港口'), 'utf8')).window.document.title).toBe('#港口 · 新闻阅读');
    const before = { port: stamp('港口'), trade: stamp('外贸') };
    // Another article with one of the tags: only that tag's page is rendered again.
    tagged('t3.md', '货轮', 12, ['外贸']);
    await run({ renderer, prerenderNewest: 3 });
    expect(stamp('港口')).toBe(before.port);
    expect(stamp('外贸')).not.toBe(before.trade);
    // A tag no article has any more: its page goes.
    fs.rmSync(path.join(inDir, 't2.md'));
    fs.rmSync(path.join(inDir, 't1.md'));
    await run({ renderer, prerenderNewest: 3 });
    expect(fs.existsSync(tagPage('港口'))).toBe(false);
    expect(fs.existsSync(tagPage('外贸'))).toBe(true);
  });

  it('renders only what changed: nothing at all when nothing did', async () => {
    const log = path.join(root, 'renders.log');
    const counting = path.join(root, 'counting-renderer.js');
    fs.writeFileSync(
      counting,
      `import fs from 'node:fs';\n${RENDERER.replace('async render({ path, files }) {', `async render({ path, files }) {\n      fs.appendFileSync(${JSON.stringify(log)}, path + '\\n');`)}`,
    );
    const renders = () => {
      const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
      fs.rmSync(log, { force: true });
      return lines.map(decodeURIComponent).sort();
    };
    await run({ renderer: counting, prerenderNewest: 3 });
    expect(renders()).toEqual(['/', '/article/a3', '/article/a4', '/article/a5', '/category/财经']);
    await run({ renderer: counting, prerenderNewest: 3 });
    expect(renders()).toEqual([]);
    // The oldest article, beyond the prerendered newest, edited: its lists show it, its page does not.
    write('a1.md', '第1篇（更新）', 1);
    await run({ renderer: counting, prerenderNewest: 3 });
    expect(renders()).toEqual(['/', '/category/财经']);
  });

  it('refuses a server build that is not one, and --render without --pages', async () => {
    const bad = path.join(root, 'not-a-renderer.js');
    fs.writeFileSync(bad, 'export const nothing = 1;\n');
    await expect(run({ renderer: bad })).rejects.toThrow('exports no createPageRenderer');
    await expect(run({ renderer: path.join(root, 'missing.js') })).rejects.toThrow(PipelineError);
    await expect(runPipeline({ inDir, outDir, renderer })).rejects.toThrow('--render needs --pages');
  });
});
