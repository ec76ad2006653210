import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Article,
  CONTRACT_VERSION,
  dataPaths,
  isCategorySlug,
  type ListHead,
  type Manifest,
} from '../../src/lib/content-contract.ts';
import { rankChunks } from '../../src/features/search/lib/rank-documents.ts';
import { planQuery, termsByBucket } from '../../src/lib/search-terms.ts';
import { RecordSpool } from './parse/record-spool.ts';
import { runPipeline } from './run-pipeline.ts';
import { publishedFiles } from './testing/published-files.ts';
import { readListPage } from './testing/read-list-page.ts';

let root: string;
let inDir: string;
let outDir: string;
let cacheDir: string;

const seedShape = fs.readFileSync(new URL('./fixtures/seed-shape.txt', import.meta.url), 'utf8');

function article(title: string, date: string, categories: string[], body = '<p>正文。</p>'): string {
  return `---\ntitle: ${title}\ndate: ${date}\ncategories:\n${categories.map((c) => ` - ${c}`).join('\n')}\n---\n${body}\n`;
}

function write(relative: string, content: string | Buffer): void {
  const file = path.join(inDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function read<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(outDir, relative), 'utf8')) as T;
}

/** The folder's entries, less the old outputs still being deleted in the background. */
const settled = (folder: string) => fs.readdirSync(folder).filter((name) => !name.includes('.trash-'));

/** Searches the built output as the reader does: manifest, chunks, ranking, docs files. */
function search(query: string): string[] {
  const { search: index } = read<Manifest>('manifest.json');
  const plan = planQuery(query);
  const chunks = [...termsByBucket(plan, index.buckets)].map(([bucket, terms]) => ({
    bytes: fs.readFileSync(path.join(outDir, dataPaths.searchTerms(index.path, bucket))),
    terms,
  }));
  return rankChunks(plan, chunks, index.docs).docs.map((doc) => {
    const ids = read<string[]>(dataPaths.searchDocs(index.path, Math.floor(doc / index.docsPerFile)));
    return ids[doc % index.docsPerFile] as string;
  });
}

const run = (extra: Partial<Parameters<typeof runPipeline>[0]> = {}) =>
  runPipeline({ inDir, outDir, cacheDir, now: () => new Date('2024-05-01T00:00:00Z'), ...extra });

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'out', 'data');
  cacheDir = path.join(root, 'cache');
  fs.mkdirSync(inDir);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('runPipeline', () => {
  it('builds the manifest, the list pages and the articles', async () => {
    write('000_seed.txt', seedShape);
    write('posts/a.md', article('第一篇', '2024-04-03 10:00:00', ['财经', '科技']));
    write('posts/b.markdown', article('第二篇', '2024-04-01 10:00:00', ['科技']));
    write('c.html', article('第三篇', '2024-04-05T10:00:00+08:00', ['[体育, 足球]']));
    write('notes.json', '{}');

    const report = await run({ pageSize: 2 });
    expect(report).toMatchObject({ built: 4, skipped: 0, problems: [], written: true });

    const manifest = read<Manifest>('manifest.json');
    expect(manifest).toMatchObject({
      version: CONTRACT_VERSION,
      generatedAt: '2024-05-01T00:00:00.000Z',
      total: 4,
      pageSize: 2,
      pages: 2,
    });
    expect(manifest.categories.map((c) => [c.name, c.count, c.pages])).toEqual([
      ['财经', 2, 1],
      ['科技', 2, 1],
      ['港口观察', 1, 1],
      ['体育', 1, 1],
      ['要闻', 1, 1],
      ['足球', 1, 1],
    ]);
    for (const category of manifest.categories) expect(isCategorySlug(category.slug)).toBe(true);

    const first = readListPage(outDir, { slug: 'all' }, 1);
    expect(first).toMatchObject({ page: 1, pages: 2, total: 4 });
    expect(first.items.map((item) => item.id)).toEqual(['c', 'a']);
    expect(readListPage(outDir, { slug: 'all' }, 2).items.map((item) => item.id)).toEqual(['000_seed', 'b']);
    // The head names the parts that make up the whole list (decision 0025).
    expect(read<ListHead>(dataPaths.listHead('all')).parts.reduce((sum, [, count]) => sum + count, 0)).toBe(4);
    const tech = manifest.categories.find((c) => c.name === '科技');
    expect(readListPage(outDir, { slug: tech?.slug ?? '' }, 1).items.map((item) => item.id)).toEqual(['a', 'b']);
    expect(first.items[0]).not.toHaveProperty('html');

    const seed = read<Article>('articles/000_seed.json');
    expect(seed).toMatchObject({
      title: '港口夜色，集装箱吞吐再创新高（城市新貌）',
      date: '2024-04-02T03:15:00.000Z',
      author: '港口观察网',
      categories: ['财经', '港口观察', '要闻'],
      cover: 'https://img.example-news.cn/news/202404/W0001.jpeg',
      coverFallback: 'https://mirror.example-cdn.cn/upload/202404/0001.jpg',
      photoCount: 3,
      readingMinutes: 1,
      prev: { id: 'a', title: '第一篇' },
      next: { id: 'b', title: '第二篇' },
    });
    expect(read<Article>('articles/b.json')).not.toHaveProperty('next');
    expect(seed.photos).toHaveLength(3);
    expect(read<Article>('articles/a.json')).toMatchObject({ prev: { id: 'c' }, next: { id: '000_seed' } });
    expect(fs.existsSync(path.join(outDir, 'articles/notes.json'))).toBe(false);
  });

  it('writes a paged list for every tag, found from the name alone', async () => {
    for (let n = 1; n <= 5; n++) {
      write(
        `t${n}.md`,
        article(`第${n}篇`, `2024-04-0${n} 10:00:00`, ['要闻']).replace(
          'categories:',
          `tags: [港口${n % 2 ? ', 夜景' : ''}]\ncategories:`,
        ),
      );
    }
    await run({ pageSize: 2 });
    const port = readListPage(outDir, { tag: '港口' }, 1);
    expect(port).toMatchObject({ page: 1, pages: 3, total: 5 });
    expect(port.items.map((item) => item.title)).toEqual(['第5篇', '第4篇']);
    expect(readListPage(outDir, { tag: '港口' }, 2).items.map((item) => item.title)).toEqual(['第3篇', '第2篇']);
    expect(readListPage(outDir, { tag: '港口' }, 3).items.map((item) => item.title)).toEqual(['第1篇']);
    expect(readListPage(outDir, { tag: '夜景' }, 1).items.map((item) => item.title)).toEqual(['第5篇', '第3篇']);
    expect(fs.existsSync(path.join(outDir, dataPaths.tagHead('不存在')))).toBe(false);
    // A tag that no article has any more goes with its pages.
    fs.rmSync(path.join(inDir, 't5.md'));
    fs.rmSync(path.join(inDir, 't3.md'));
    fs.rmSync(path.join(inDir, 't1.md'));
    await run({ pageSize: 2 });
    expect(fs.existsSync(path.join(outDir, path.dirname(dataPaths.tagHead('夜景'))))).toBe(false);
    expect(read<ListHead>(dataPaths.tagHead('港口')).total).toBe(2);
  });

  it('skips each bad file with one message naming the problem, and builds the rest', async () => {
    write('good.md', article('好文章', '2024-04-01 10:00:00', ['要闻']));
    write('empty.md', '');
    write('binary.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    write('latin1.md', Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
    write('no-front.md', '# 只有正文\n');
    write('unterminated.md', '\n---\ntitle: 没有结束\n正文');
    write('bad-yaml.md', '---\ntitle: x\ncategories: [a, b\n---\n');
    write('no-title.md', '---\ndate: 2024-04-01\n---\n正文');
    write('bad-date.md', '---\ntitle: 日期不对\ndate: 昨天下午\n---\n正文');
    write('dup/good.txt', article('重复', '2024-04-01 10:00:00', ['要闻']));

    const report = await run();
    expect(report.built).toBe(4);
    expect(report.skipped).toBe(6);
    expect(report.written).toBe(true);
    expect(report.problems.map((p) => `${p.level} ${p.file}: ${p.message}`)).toEqual([
      // An unreadable date is not a reason to lose the article (as in Hexo).
      'warning bad-date.md: unreadable date: "昨天下午": using the file modification time',
      'error bad-yaml.md: invalid YAML in front matter at line 3: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'error binary.md: not an article: this is a PNG image',
      // The same name in another folder: built too, under an id qualified by its folder.
      'warning dup/good.txt: published as "dup-good": good.md has the id "good"',
      'error empty.md: the file is empty',
      'error latin1.md: not UTF-8 text: byte 0xe9 at offset 14 (perhaps Latin-1 or Windows-1252): save it as UTF-8',
      // No front matter at all: Hexo publishes it, and so do we, named by its heading.
      'warning no-front.md: no title: using the first heading',
      'warning no-front.md: no date: using the file modification time',
      'error no-title.md: missing title: no "title:" in the front matter and no heading in the body',
      'error unterminated.md: no title: the front matter\'s opening "---" on line 2 is never closed',
    ]);
  });

  it('publishes the files of a post asset folder, and copies them again only when they change', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    write(
      '印花.md',
      article(
        '资产',
        '2024-04-01 10:00:00',
        ['要闻'],
        '{% asset_img 印花餐具.png 一套印花餐具 %}\n\n![](./细节.png)\n\n[下载](附件.pdf)',
      ),
    );
    write('印花/印花餐具.png', png);
    write('印花/细节.png', png);
    write('印花/附件.pdf', '%PDF-1.4');
    write('印花/未用.png', png);
    const report = await run();
    expect(report.problems).toEqual([]);
    const built = read<Article>('articles/印花.json');
    expect(built.photos.map((photo) => [photo.src, photo.caption])).toEqual([
      [encodeURI('/data/assets/印花/印花餐具.png'), '一套印花餐具'],
      [encodeURI('/data/assets/印花/细节.png'), ''],
    ]);
    expect(built.html).toContain(`<a href="${encodeURI('/data/assets/印花/附件.pdf')}">下载</a>`);
    expect(fs.readFileSync(path.join(outDir, 'assets/印花/印花餐具.png'))).toEqual(png);
    expect(fs.existsSync(path.join(outDir, 'assets/印花/附件.pdf'))).toBe(true);
    // Only what the post uses is published.
    expect(fs.existsSync(path.join(outDir, 'assets/印花/未用.png'))).toBe(false);

    // An unchanged run copies nothing; a changed asset alone is copied again.
    const published = path.join(outDir, 'assets/印花/细节.png');
    const before = fs.statSync(published).ino;
    await run();
    expect(fs.statSync(path.join(outDir, 'assets/印花/细节.png')).ino).toBe(before);
    write('印花/细节.png', Buffer.concat([png, png]));
    fs.utimesSync(path.join(inDir, '印花/细节.png'), new Date(), new Date(Date.now() + 5000));
    await run();
    expect(fs.readFileSync(path.join(outDir, 'assets/印花/细节.png')).length).toBe(png.length * 2);

    // The post gone, its assets go too.
    fs.rmSync(path.join(inDir, '印花.md'));
    await run();
    expect(fs.existsSync(path.join(outDir, 'assets/印花'))).toBe(false);
  });

  it('leaves drafts out unless asked, and counts them', async () => {
    write('a.md', article('正式', '2024-04-01 10:00:00', ['要闻']));
    write('b.md', article('草稿', '2024-04-02 10:00:00', ['要闻']).replace('title:', 'published: false\ntitle:'));
    write('_drafts/c.md', article('也是草稿', '2024-04-03 10:00:00', ['要闻']));
    const report = await run();
    expect([report.built, report.drafts, report.skipped]).toEqual([1, 2, 0]);
    expect(read<ListHead>(dataPaths.listHead('all')).items.map((item) => item.title)).toEqual(['正式']);
    const withDrafts = await run({ drafts: true });
    expect([withDrafts.built, withDrafts.drafts]).toEqual([3, 0]);
  });

  it('warns about an article whose data passes 1 MB, naming its size', async () => {
    write('big.md', article('大', '2024-04-01 10:00:00', ['要闻'], `<p>${'长文。'.repeat(200_000)}</p>`));
    const report = await run();
    expect(report.built).toBe(1);
    expect(report.problems).toEqual([
      { file: 'big.md', level: 'warning', message: expect.stringMatching(/^the article's data is 1\.\d MB/) as string },
    ]);
  });

  it('warns when a date is missing and uses the modification time', async () => {
    write('undated.md', '---\ntitle: 无日期\n---\n正文');
    const when = new Date('2023-06-01T08:00:00Z');
    fs.utimesSync(path.join(inDir, 'undated.md'), when, when);
    const report = await run();
    expect(report.problems).toEqual([
      { file: 'undated.md', level: 'warning', message: 'no date: using the file modification time' },
    ]);
    expect(read<Article>('articles/undated.json').date).toBe('2023-06-01T08:00:00.000Z');
  });

  it('names the file of the newest article in a category whose slug another category took', async () => {
    // Two names whose slugs collide (c_55299a56): in name order the later one, 航车汽, gets "_2".
    write('clash/taken.md', article('先', '2024-04-25 10:00:00', ['育色农口']));
    write('clash/older.md', article('旧', '2024-04-01 10:00:00', ['航车汽']));
    write('clash/newer.md', article('新', '2024-04-20 10:00:00', ['航车汽']));
    const report = await run();
    const clashes = report.problems.filter((problem) => problem.message.includes('has the same slug'));
    // The file, found from the article's place in the order, not the article's id.
    expect(clashes).toEqual([
      {
        file: 'clash/newer.md',
        level: 'warning',
        message: 'category "航车汽" is listed under "c_55299a56_2": "育色农口" has the same slug',
      },
    ]);
  });

  it('with --strict, any problem fails the run and keeps the previous output', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    await run();
    const before = fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
    write('b.md', '---\ntitle: 乙\n');
    const report = await run({ strict: true });
    expect(report.written).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('rejects bad options before touching the output', async () => {
    await expect(run({ timeZone: 'Mars/Olympus' })).rejects.toThrow('unknown time zone "Mars/Olympus"');
    await expect(run({ pageSize: 0 })).rejects.toThrow('--page-size');
    await expect(run({ inDir: path.join(root, 'missing') })).rejects.toThrow('does not exist');
    await expect(run({ outDir: path.join(inDir, 'out') })).rejects.toThrow('is inside the input folder');
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('rebuilds incrementally: only the changed file is parsed, neighbours are patched', async () => {
    for (let i = 1; i <= 30; i++) {
      write(`p${i}.md`, article(`第${i}篇`, `2024-04-${String(i).padStart(2, '0')} 10:00:00`, ['要闻']));
    }
    expect((await run()).parsed).toBe(30);
    const untouched = fs.statSync(path.join(outDir, 'articles/p1.json')).ino;

    const again = await run();
    expect(again.parsed).toBe(0);
    expect(again.built).toBe(30);

    // Retitle p10: its neighbours p9 and p11 must show the new title.
    write('p10.md', article('新标题', '2024-04-10 10:00:00', ['要闻']));
    const changed = await run();
    expect(changed.parsed).toBe(1);
    expect(read<Article>('articles/p10.json').title).toBe('新标题');
    expect(read<Article>('articles/p9.json').prev).toEqual({ id: 'p10', title: '新标题' });
    expect(read<Article>('articles/p11.json').next).toEqual({ id: 'p10', title: '新标题' });
    expect(readListPage(outDir, { slug: 'all' }, 2).items.find((item) => item.id === 'p10')?.title).toBe('新标题');
    // An article whose neighbours did not move is carried over, not rewritten.
    expect(fs.statSync(path.join(outDir, 'articles/p1.json')).ino).toBe(untouched);
    // Each run closes the cache files it read (kept-file.ts): a watching process makes many runs.
    const cacheFilesOpen = () =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(cacheDir);
        } catch {
          return false; // closed while listed
        }
      }).length;
    write('p11.md', article('又一个标题', '2024-04-11 10:00:00', ['要闻']));
    expect((await run()).parsed).toBe(1);
    expect(cacheFilesOpen()).toBe(0);
  });

  it('parses a touched file again only when its content changed', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    await run();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(inDir, 'a.md'), later, later);
    const report = await run();
    expect(report.parsed).toBe(1); // read and hashed
    expect(read<Article>('articles/a.json').title).toBe('甲');
  });

  it('removes a deleted article and its category', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    write('b.md', article('乙', '2024-04-02 10:00:00', ['体育']));
    await run();
    fs.rmSync(path.join(inDir, 'b.md'));
    await run();
    expect(read<Manifest>('manifest.json').categories.map((c) => c.name)).toEqual(['要闻']);
    expect(fs.existsSync(path.join(outDir, 'articles/b.json'))).toBe(false);
    expect(read<Article>('articles/a.json')).not.toHaveProperty('prev');
  });

  it('changes the published output in place to what a cold build makes, through edits, additions and deletions', async () => {
    /** Every file but the search index, whose term order may differ (its search results may not). */
    const tree = (folder: string) =>
      publishedFiles(folder, (file, text) =>
        file.startsWith('search') ? undefined : text.replace(/"search":\{.*\}/, ''),
      );
    const coldOut = path.join(root, 'cold', 'data');
    const compare = async () => {
      const report = await run();
      expect(report.parsed).toBeLessThan(report.files);
      await run({ outDir: coldOut, cacheDir: undefined });
      expect(tree(outDir)).toEqual(tree(coldOut));
      expect(settled(path.dirname(outDir))).toEqual(['data']);
    };
    for (let i = 1; i <= 45; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      write(`p${i}.md`, article(`第${i}篇`, `2024-04-${day} ${String(i % 24).padStart(2, '0')}:00:00`, ['要闻']));
    }
    write('x1.md', article('东港码头', '2024-03-01 10:00:00', ['财经']));
    write('x2.md', article('西江航运', '2024-03-02 10:00:00', ['财经', '交通']));
    await run();
    const unchanged = fs.statSync(path.join(outDir, 'articles/p30.json')).ino;

    write('p10.md', article('新标题', '2024-04-11 10:00:00', ['要闻'])); // retitled: neighbours and lists change
    write('p46.md', article('第46篇', '2024-04-30 10:00:00', ['要闻'])); // newest: heads and newest chunks change
    fs.rmSync(path.join(inDir, 'x2.md')); // the last of 交通: its lists go
    await compare();
    expect(fs.statSync(path.join(outDir, 'articles/p30.json')).ino).toBe(unchanged); // not rewritten
    expect(fs.existsSync(path.join(outDir, 'articles/x2.json'))).toBe(false);
    expect(search('西江')).toEqual([]);
    expect(search('新标题')).toEqual(['p10']);

    write('p3.md', article('第3篇', '2024-04-04 03:00:00', ['要闻', '交通'])); // 交通 comes back
    for (let i = 40; i <= 46; i++) fs.rmSync(path.join(inDir, `p${i}.md`)); // the last page goes
    await compare();
    expect(search('东港')).toEqual(['x1']);

    // A file that is not the pipeline's goes, as it would with a whole new folder.
    fs.writeFileSync(path.join(outDir, 'articles', 'stray.json'), '{}');
    const oldestPart = read<ListHead>(dataPaths.listHead('all')).parts[0]?.[0] ?? '';
    fs.rmSync(path.join(outDir, dataPaths.listPart('all', oldestPart)));
    await compare();
  });

  it('rewrites only the heads and newest chunks of its lists when a newest article arrives', async () => {
    const tagged = (title: string, date: string) =>
      article(title, date, ['要闻']).replace('categories:', 'tags: [港口]\ncategories:');
    for (let i = 1; i <= 45; i++) {
      write(
        `p${i}.md`,
        tagged(`第${i}篇`, `2024-03-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`),
      );
    }
    write('other.md', article('别的', '2024-01-01 10:00:00', ['体育']));
    await run({ pageSize: 10 });
    const listFiles = () =>
      new Map(
        ['lists', 'tags'].flatMap((folder) =>
          fs
            .readdirSync(path.join(outDir, folder), { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => {
              const file = path.join(entry.parentPath, entry.name);
              return [path.relative(outDir, file), fs.statSync(file).ino] as const;
            }),
        ),
      );
    const before = listFiles();
    const everyPage = () =>
      [1, 2, 3, 4, 5].flatMap((page) => readListPage(outDir, { slug: 'all' }, page).items.map((item) => item.title));
    const listed = everyPage();

    write('p46.md', tagged('第46篇', '2024-04-30 10:00:00'));
    await run({ pageSize: 10 });
    const after = listFiles();
    const rewritten = [...after].filter(([file, ino]) => before.get(file) !== ino).map(([file]) => file);
    const news = read<Manifest>('manifest.json').categories.find((c) => c.name === '要闻')?.slug ?? '';
    // Each list's head and its newest chunk, a new file under a new name (decision 0025).
    const newest = (head: string, part: (name: string) => string) => [
      head,
      part(read<ListHead>(head).parts.at(-1)?.[0] ?? ''),
    ];
    expect(rewritten.sort()).toEqual(
      [
        ...newest(dataPaths.listHead('all'), (name) => dataPaths.listPart('all', name)),
        ...newest(dataPaths.listHead(news), (name) => dataPaths.listPart(news, name)),
        ...newest(dataPaths.tagHead('港口'), (name) => dataPaths.tagPart('港口', name)),
      ].sort(),
    );
    // ?page=N keeps its meaning: the pages, read in turn, are the whole list newest first.
    expect(everyPage()).toEqual(['第46篇', ...listed]);
    expect(readListPage(outDir, { slug: 'all' }, 5).items).toHaveLength(7);
    expect(readListPage(outDir, { tag: '港口' }, 1)).toMatchObject({ pages: 5, total: 46 });
  });

  it('with --changed, looks only at the files named, and builds what a full run builds from them', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    write('b.md', article('乙', '2024-04-02 10:00:00', ['体育']));
    write('sub/d.md', article('丁', '2024-04-04 10:00:00', ['要闻']));
    await run();
    write('a.md', article('甲改', '2024-04-01 10:00:00', ['要闻']));
    write('sub/c.md', article('丙', '2024-04-03 10:00:00', ['要闻']));
    fs.rmSync(path.join(inDir, 'b.md'));
    write('sub/d.md', article('丁改', '2024-04-04 10:00:00', ['要闻'])); // not named: not looked at
    const outside = path.join(root, 'outside.md');
    fs.writeFileSync(outside, article('外面', '2024-04-05 10:00:00', ['要闻']));
    const changed = ['a.md', 'sub/c.md', 'b.md', 'notes.txt~', '../outside.md', '.git/x.md', outside, ''];
    const report = await run({ changed });
    expect(report.parsed).toBe(2);
    expect(report.problems.map((problem) => problem.file)).toEqual(['../outside.md', '.git/x.md', outside].sort());
    expect(readListPage(outDir, { slug: 'all' }, 1).items.map((item) => item.title)).toEqual(['丁', '丙', '甲改']);
    expect(fs.existsSync(path.join(outDir, 'articles/b.json'))).toBe(false);
    expect(read<Manifest>('manifest.json').categories.map((category) => category.name)).toEqual(['要闻']);
    // A full run finds what --changed did not name.
    expect((await run()).parsed).toBe(1);
    expect(readListPage(outDir, { slug: 'all' }, 1).items.map((item) => item.title)).toEqual(['丁改', '丙', '甲改']);
    // Without a cache, every file is looked at.
    write('e.md', article('戊', '2024-04-06 10:00:00', ['要闻']));
    expect((await run({ changed: [], cacheDir: undefined })).built).toBe(4);
  });

  it('keeps the published output as it was when an incremental run fails before its commit', async () => {
    for (let i = 1; i <= 5; i++) write(`p${i}.md`, article(`第${i}篇`, `2024-04-0${i} 10:00:00`, ['要闻']));
    await run();
    const snapshot = () =>
      fs
        .readdirSync(outDir, { recursive: true })
        .map(String)
        .sort()
        .map((file) => [
          file,
          fs.statSync(path.join(outDir, file)).isFile() && fs.readFileSync(path.join(outDir, file), 'utf8'),
        ]);
    const before = snapshot();
    write('p3.md', article('改过的标题', '2024-04-03 10:00:00', ['要闻']));
    const original = fs.writeFileSync;
    fs.writeFileSync = ((...args: Parameters<typeof fs.writeFileSync>) => {
      if (String(args[0]).endsWith('manifest.json')) throw new Error('disk full');
      return original(...args);
    }) as typeof fs.writeFileSync;
    try {
      await expect(run()).rejects.toThrow('disk full');
    } finally {
      fs.writeFileSync = original;
    }
    expect(snapshot()).toEqual(before);
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(['data']);
    expect((await run()).parsed).toBe(1);
    expect(read<Article>('articles/p3.json').title).toBe('改过的标题');
  });

  it('recovers when the previous output lost a file the cache relies on', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    await run();
    fs.rmSync(path.join(outDir, 'articles/a.json'));
    await run();
    expect(read<Article>('articles/a.json').title).toBe('甲');
  });

  it('never leaves half an output: a failed write keeps the previous one and no staging folder', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    await run();
    const before = fs.readFileSync(path.join(outDir, dataPaths.listHead('all')), 'utf8');
    write('b.md', article('乙', '2024-04-02 10:00:00', ['要闻']));
    // Two categories that collide on one slug make the assembly fail after parsing.
    write('c.md', article('丙', '2024-04-03 10:00:00', ['x']));
    const original = fs.writeFileSync;
    let calls = 0;
    const failing = ((...args: Parameters<typeof fs.writeFileSync>) => {
      if (String(args[0]).includes('staging') && ++calls === 2) throw new Error('disk full');
      return original(...args);
    }) as typeof fs.writeFileSync;
    fs.writeFileSync = failing;
    try {
      await expect(run({ cacheDir: undefined })).rejects.toThrow('disk full');
    } finally {
      fs.writeFileSync = original;
    }
    expect(fs.readFileSync(path.join(outDir, dataPaths.listHead('all')), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outDir))).toEqual(['data']);
  });

  it('finishes a swap that a killed run left half done, and clears its staging folder', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    await run();
    const parent = path.dirname(outDir);
    fs.renameSync(outDir, path.join(parent, '.data.previous'));
    fs.mkdirSync(path.join(parent, '.data.staging-99999-dead'));
    write('b.md', article('乙', '2024-04-02 10:00:00', ['要闻']));
    const report = await run();
    expect(report.parsed).toBe(1); // the recovered output served the cache
    expect(settled(parent)).toEqual(['data']);
    expect(read<Manifest>('manifest.json').total).toBe(2);
  });

  it('lets two runs on the same output take turns', async () => {
    for (let i = 1; i <= 5; i++) write(`p${i}.md`, article(`第${i}篇`, `2024-04-0${i} 10:00:00`, ['要闻']));
    const [one, two] = await Promise.all([run(), run({ cacheDir: undefined })]);
    expect(one.written && two.written).toBe(true);
    expect(read<Manifest>('manifest.json').total).toBe(5);
    expect(settled(path.dirname(outDir))).toEqual(['data']);
  });

  it('takes over the lock of a run that died', async () => {
    write('a.md', article('甲', '2024-04-01 10:00:00', ['要闻']));
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(outDir), '.data.lock'), '999999999');
    expect((await run()).written).toBe(true);
  });

  it('builds a search index that finds articles by title, caption and body, newest first on ties', async () => {
    write('000_seed.txt', seedShape);
    write('a.md', article('东港码头扩建', '2024-04-03 10:00:00', ['财经'], '<p>码头将新增泊位。</p>'));
    write('b.md', article('西江航运', '2024-04-04 10:00:00', ['财经'], '<p>滚装船从东港码头出发。</p>'));
    await run();
    const manifest = read<Manifest>('manifest.json');
    expect(manifest.search).toMatchObject({ docs: 3, docsPerFile: 100 });
    expect(manifest.search.path).toMatch(/^search\/[0-9a-f]{12}$/);
    expect(search('东港码头')).toEqual(['a', 'b']);
    expect(search('滚装船')).toEqual(['b']);
    expect(search('没有这个词')).toEqual([]);
    // The seed-shaped fixture: a caption's photographer is searchable.
    const credit = read<Article>('articles/000_seed.json').photos[0]?.credit ?? '';
    expect(credit).not.toBe('');
    expect(search(credit.slice(0, 3))).toContain('000_seed');
  });

  it('keeps the index up to date incrementally: edits, additions and deletions', async () => {
    write('a.md', article('东港码头', '2024-04-03 10:00:00', ['财经']));
    write('b.md', article('西江航运', '2024-04-04 10:00:00', ['财经']));
    await run();
    const first = read<Manifest>('manifest.json').search.path;

    write('a.md', article('南湖公园', '2024-04-03 10:00:00', ['财经']));
    write('c.md', article('东港新区', '2024-04-05 10:00:00', ['财经']));
    fs.rmSync(path.join(inDir, 'b.md'));
    const report = await run();
    expect(report.parsed).toBe(2);
    expect(search('东港')).toEqual(['c']);
    expect(search('南湖')).toEqual(['a']);
    expect(search('西江')).toEqual([]);
    // A new index lives in a new folder: a reader holding the old manifest never mixes the two.
    expect(read<Manifest>('manifest.json').search.path).not.toBe(first);
    expect(fs.existsSync(path.join(outDir, first))).toBe(false);

    // Unchanged articles come from the term store, not parsed again, and the index is kept.
    const kept = read<Manifest>('manifest.json').search;
    expect((await run()).parsed).toBe(0);
    expect(read<Manifest>('manifest.json').search).toEqual(kept);
    expect(search('东港')).toEqual(['c']);
    // A kept index that went missing from the output is built again.
    fs.rmSync(path.join(outDir, kept.path), { recursive: true });
    expect((await run()).parsed).toBe(0);
    expect(search('南湖')).toEqual(['a']);
  });

  it('patches the index for an edited article and a deleted newest one, to the index a cold build makes', async () => {
    const date = (i: number) => `2024-03-${String((i % 28) + 1).padStart(2, '0')} 10:${String(i).padStart(2, '0')}:00`;
    for (let i = 1; i <= 40; i++) write(`p${i}.md`, article(`第${i}篇 港口`, date(i), ['要闻']));
    await run();
    const coldOut = path.join(root, 'cold', 'data');
    const coldIndex = async () => {
      await run({ outDir: coldOut, cacheDir: undefined });
      return (JSON.parse(fs.readFileSync(path.join(coldOut, 'manifest.json'), 'utf8')) as Manifest).search;
    };

    write('p20.md', article('南湖公园', date(20), ['要闻'], '<p>湖边的新码头。</p>')); // in place: same date
    const edited = await run();
    expect(edited).toMatchObject({ parsed: 1, searchIndex: 'patched' });
    expect(search('南湖')).toEqual(['p20']);
    expect(search('第20篇')).toEqual([]);
    expect(search('港口')).toHaveLength(39);
    expect(read<Manifest>('manifest.json').search).toEqual(await coldIndex());

    const newest = 'p27.md'; // 2024-03-28: the newest
    fs.rmSync(path.join(inDir, newest));
    write('p5.md', article('第5篇 港口 夜色', date(5), ['要闻']));
    expect(await run()).toMatchObject({ parsed: 1, searchIndex: 'patched' });
    expect(search('第27篇')).toEqual([]);
    expect(search('夜色')).toEqual(['p5']);
    expect(read<Manifest>('manifest.json').search).toEqual(await coldIndex());

    write('p27.md', article('第27篇 港口', date(27), ['要闻']));
    expect(await run()).toMatchObject({ searchIndex: 'appended' });
    expect(read<Manifest>('manifest.json').search).toEqual(await coldIndex());

    // An old one: every newer document is numbered anew, its lists' postings renumbered.
    fs.rmSync(path.join(inDir, 'p2.md'));
    expect(await run()).toMatchObject({ searchIndex: 'patched' });
    expect(search('第2篇')).toEqual([]);
    expect(read<Manifest>('manifest.json').search).toEqual(await coldIndex());
    expect(await run()).toMatchObject({ parsed: 0, searchIndex: 'kept' });

    // More articles rewritten than a patch is worth (8 at this size): the index is built whole.
    for (let i = 30; i < 40; i++) write(`p${i}.md`, article(`第${i}篇 灯塔`, date(i), ['要闻']));
    expect(await run()).toMatchObject({ parsed: 10, searchIndex: 'built' });
    expect(search('灯塔')).toHaveLength(10);
    expect(read<Manifest>('manifest.json').search).toEqual(await coldIndex());
  });

  it('gives new files the ids a cold build gives them, whether they take their own names or clash', async () => {
    for (const name of ['a.md', 'b.md', 'old.md']) write(name, article(name, '2024-03-01 10:00:00', ['要闻']));
    await run();
    const ids = (out: string) => fs.readdirSync(path.join(out, 'articles')).sort();
    let n = 0;
    const expectLikeCold = async () => {
      const report = await run();
      const coldOut = path.join(root, `cold-${n++}`, 'data');
      const cold = await runPipeline({ inDir, outDir: coldOut, now: () => new Date('2024-05-01T00:00:00Z') });
      expect(ids(outDir)).toEqual(ids(coldOut));
      expect(report.problems).toEqual(cold.problems);
    };
    // Each from an input whose files all have their own names: a new one that takes another id
    // is removed again before the next.
    const added = async (files: string[]) => {
      for (const [k, file] of files.entries()) write(file, article(file, `2024-03-0${k + 2} 10:00:00`, ['要闻']));
      await expectLikeCold();
    };
    const removed = async (files: string[]) => {
      for (const file of files) fs.rmSync(path.join(inDir, file));
      await expectLikeCold();
    };
    await added(['fresh.md']); // its own name, taken by none
    await added(['sub/A.md']); // "a" is taken, whatever the case
    await removed(['sub/A.md']);
    await added(['x/twin.md', 'y/twin.md']); // two new files, one name
    await removed(['x/twin.md', 'y/twin.md']);
    await added(['新 闻.md']); // not usable in a web address as it is
    await removed(['新 闻.md']);
    fs.rmSync(path.join(inDir, 'old.md'));
    await added(['later/old.md']); // a deleted file's id
    expect(ids(outDir)).toContain('old.json');
  });

  it('numbers documents by day: a new newest article links the docs files it leaves as they were', async () => {
    for (let i = 1; i <= 150; i++) {
      write(
        `p${i}.md`,
        article(`第${i}篇 港口`, `2024-03-01 10:${String(i % 60).padStart(2, '0')}:0${i % 10}`, ['要闻']),
      );
    }
    await run();
    const before = read<Manifest>('manifest.json').search;
    const inode = (folder: string, n: number) => fs.statSync(path.join(outDir, dataPaths.searchDocs(folder, n))).ino;
    const docsZero = inode(before.path, 0);
    const oldest = read<string[]>(dataPaths.searchDocs(before.path, 0))[0];

    // The next day: numbered by day, it is the first of its day, past every number before it.
    write('newest.md', article('最新 港口', '2024-03-02 10:00:00', ['要闻']));
    expect(await run()).toMatchObject({ searchIndex: 'appended' });
    const after = read<Manifest>('manifest.json').search;
    expect(after.path).not.toBe(before.path);
    expect(after.docs).toBe(151);
    expect(after.numbering).toEqual({ ...before.numbering, end: 2 ** (before.numbering?.dayBits ?? 0) + 1 });
    // Document 0 is still the oldest article; its file is the published one, linked, not written.
    expect(read<string[]>(dataPaths.searchDocs(after.path, 0))[0]).toBe(oldest);
    expect(inode(after.path, 0)).toBe(docsZero);
    const newestFile = Math.floor(((after.numbering?.end ?? 0) - 1) / after.docsPerFile);
    expect(read<string[]>(dataPaths.searchDocs(after.path, newestFile)).at(-1)).toBe('newest');
    expect(search('最新')).toEqual(['newest']);
    expect(search('第1篇')).toEqual(['p1']);
    // Appended to, not built again, the index is the one a cold build makes: same folder name.
    const coldOut = path.join(root, 'cold', 'data');
    await run({ outDir: coldOut, cacheDir: undefined });
    const cold = JSON.parse(fs.readFileSync(path.join(coldOut, 'manifest.json'), 'utf8')) as Manifest;
    expect(cold.search).toEqual(after);

    // The newest deleted and an old one edited in place: the docs file before them is still linked.
    fs.rmSync(path.join(inDir, 'newest.md'));
    write('p3.md', article('第3篇 港口 改写', '2024-03-01 10:03:03', ['要闻']));
    expect(await run()).toMatchObject({ parsed: 1, searchIndex: 'patched' });
    const patched = read<Manifest>('manifest.json').search;
    expect(inode(patched.path, 0)).toBe(docsZero);
    expect(search('改写')).toEqual(['p3']);
    expect(search('最新')).toEqual([]);
    fs.rmSync(coldOut, { recursive: true });
    await run({ outDir: coldOut, cacheDir: undefined });
    expect((JSON.parse(fs.readFileSync(path.join(coldOut, 'manifest.json'), 'utf8')) as Manifest).search).toEqual(
      patched,
    );
    // File by file, the linked ones too.
    const indexFiles = (out: string) => publishedFiles(path.join(out, patched.path), (_file, text) => text);
    expect(indexFiles(outDir)).toEqual(indexFiles(coldOut));
    // No staging folder of links is left behind.
    expect(fs.readdirSync(path.join(outDir, 'search')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('numbers densely when an article dated far ahead would leave the numbers sparse, by day again when it goes', async () => {
    for (let i = 1; i <= 40; i++)
      write(
        `p${i}.md`,
        article(`第${i}篇 港口`, `2024-03-0${1 + (i % 4)} 10:${String(i).padStart(2, '0')}:00`, ['要闻']),
      );
    await run();
    expect(read<Manifest>('manifest.json').search.numbering?.dayBits).toBe(4); // 10 a day
    const cold = async () => {
      const coldOut = path.join(root, `cold-${Math.random().toString(36).slice(2)}`, 'data');
      await run({ outDir: coldOut, cacheDir: undefined });
      return JSON.parse(fs.readFileSync(path.join(coldOut, 'manifest.json'), 'utf8')) as Manifest;
    };
    // A typo's year: 40 articles over 30 years of days would be 175,000 numbers.
    write('ahead.md', article('未来 港口', '2054-03-01 10:00:00', ['要闻']));
    expect(await run()).toMatchObject({ run: 'edits', searchIndex: 'built' });
    const dense = read<Manifest>('manifest.json').search;
    expect(dense.numbering).toBeUndefined();
    expect((await cold()).search).toEqual(dense);
    expect(search('未来')).toEqual(['ahead']);
    // Put right: numbered by day again, as a cold build numbers it.
    write('ahead.md', article('未来 港口', '2024-03-05 10:00:00', ['要闻']));
    expect(await run()).toMatchObject({ run: 'edits', searchIndex: 'built' });
    const byDay = read<Manifest>('manifest.json').search;
    expect(byDay.numbering?.dayBits).toBe(4);
    expect((await cold()).search).toEqual(byDay);
    expect(search('未来')).toEqual(['ahead']);
    expect(search('第1篇')).toEqual(['p1']);
  });

  it('parses again the articles whose summaries are lost, and lists them as before', async () => {
    write('a.md', article('东港码头', '2024-04-03 10:00:00', ['财经']));
    write('b.md', article('西江航运', '2024-04-04 10:00:00', ['财经']));
    await run({ pageSize: 1 });
    const head = fs.readFileSync(path.join(outDir, dataPaths.listHead('all')), 'utf8');
    for (const name of fs.readdirSync(cacheDir).filter((file) => file.endsWith('.summaries'))) {
      fs.truncateSync(path.join(cacheDir, name), 8);
    }
    write('c.md', article('南湖公园', '2024-04-05 10:00:00', ['财经']));
    expect((await run({ pageSize: 1 })).parsed).toBe(3);
    expect(readListPage(outDir, { slug: 'all' }, 2).items.map((item) => item.title)).toEqual(['西江航运']);
    // Stored again: the next run parses nothing and writes the same lists.
    fs.rmSync(path.join(inDir, 'c.md'));
    expect((await run({ pageSize: 1 })).parsed).toBe(0);
    expect(fs.readFileSync(path.join(outDir, dataPaths.listHead('all')), 'utf8')).toBe(head);
    expect(readListPage(outDir, { slug: 'all' }, 2).items.map((item) => item.title)).toEqual(['东港码头']);
  });

  it('finds every article of a run large enough that workers count terms before they are asked', async () => {
    // More than 512 parsed articles per worker: the first ones' terms are counted early.
    const count = 1400;
    for (let i = 0; i < count; i++) {
      write(`p${i}.md`, article(`第${i}篇`, `2024-01-01 00:00:00`, ['要闻']).replace('正文', `特征${i}x`));
    }
    expect((await run()).built).toBe(count);
    for (const i of [0, 1, 511, 700, 1399]) expect(search(`特征${i}x`), `article ${i}`).toEqual([`p${i}`]);
  });

  it('rebuilds the index from the sources when its term store is damaged or gone', async () => {
    write('a.md', article('东港码头', '2024-04-03 10:00:00', ['财经']));
    write('b.md', article('西江航运', '2024-04-04 10:00:00', ['财经']));
    await run();
    for (const name of fs.readdirSync(cacheDir).filter((file) => file.endsWith('.terms'))) {
      fs.truncateSync(path.join(cacheDir, name), 8);
    }
    expect((await run()).parsed).toBe(2);
    expect(search('西江')).toEqual(['b']);
    for (const name of fs.readdirSync(cacheDir).filter((file) => !file.endsWith('.snapshot'))) {
      fs.rmSync(path.join(cacheDir, name));
    }
    expect((await run()).parsed).toBe(2);
    expect(search('东港')).toEqual(['a']);
  });
});

describe('an archive named by slug, its files in no relation to their dates', () => {
  it('builds from spools on disk, put back in date order, what it builds from spools in memory', async () => {
    const putInOrder = vi.spyOn(RecordSpool.prototype, 'putInOrder');
    // Hashed names, listed in an order that is not the articles' (their dates follow `n`).
    for (let n = 0; n < 240; n++) {
      const name = `${((n * 2_654_435_761) >>> 0).toString(16).padStart(8, '0')}-post.md`;
      const day = String(1 + Math.floor(n / 24)).padStart(2, '0');
      const hour = String(n % 24).padStart(2, '0');
      const lists = [['财经', '科技', '港口'][n % 3] as string];
      const body = `<p>第${n}篇，${'港口夜色与货运班列'.repeat(1 + (n % 7))}，编号${n * 7}。</p>`;
      write(name, article(`第${n}篇 ${n % 5 === 0 ? '班列' : '夜色'}`, `2024-04-${day} ${hour}:00:00`, lists, body));
    }
    vi.stubEnv('NEWS_PIPELINE_SPOOL_MEMORY', '0');
    try {
      expect((await run()).built).toBe(240);
    } finally {
      vi.unstubAllEnvs();
    }
    // Terms and summaries written again (the articles' JSON is read by place, a record at a time).
    expect(putInOrder.mock.results.filter((result) => result.value === true)).toHaveLength(2);
    putInOrder.mockRestore();
    const inMemory = path.join(root, 'in-memory');
    await run({ outDir: inMemory, cacheDir: path.join(root, 'cache-in-memory') });
    const same = (_: string, text: string) => text;
    expect(publishedFiles(outDir, same)).toEqual(publishedFiles(inMemory, same));
    expect(search('班列').length).toBeGreaterThan(0);
  });
});
