import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../pipeline/src/run-pipeline.ts';
import type { ListHead } from '../src/lib/content-contract.ts';
import { type Site, startPlainServer, startPreview } from '../scripts/site-server.ts';
import { expect, hasHorizontalScroll, screenshot, test } from './test.ts';

// Every article and category can be opened whatever its name holds, on `vite preview` and on a
// plain static server that decodes a request once: Chinese, spaces, #, +, %, accents, a name of
// 28 CJK characters, categories named `..`, `.`, `%2F` and `%2525`, and an unbroken title.

const FILES: [file: string, title: string][] = [
  ['中文.md', '中文文件名的文章'],
  ['a b.md', '文件名带空格'],
  ['a#b.md', '文件名带井号'],
  ['a+b=c.md', '文件名带加号和等号'],
  ['é.md', '文件名带重音字母'],
  ['100%.md', '文件名带百分号'],
  [`${'港'.repeat(28)}.md`, '二十八个汉字的文件名'],
];
const CATEGORIES = ['..', '.', '%2F', '%2525', '类'.repeat(60)];
const LONG_TITLE = 'W'.repeat(3000);

test.describe.configure({ mode: 'serial' });
// The plain server has no favicon route answers and logs its 404s like any browser would.
test.use({ allowConsoleErrors: /Failed to load resource/ });

let root = '';
const sites: Record<string, Site> = {};

test.beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'reachable-'));
  const content = path.join(root, 'content');
  fs.mkdirSync(content);
  FILES.forEach(([file, title], i) => {
    fs.writeFileSync(
      path.join(content, file),
      `---\ntitle: ${title}\ndate: 2024-04-0${i + 1} 10:00\ncategories: [可达性]\n---\n<p>${title}的正文。</p>\n`,
    );
  });
  fs.writeFileSync(
    path.join(content, 'odd-categories.md'),
    `---\ntitle: 怪名分类\ndate: 2024-03-01 10:00\ncategories: [${CATEGORIES.map((name) => JSON.stringify(name)).join(', ')}]\n---\n<p>分类名很怪。</p>\n`,
  );
  fs.writeFileSync(
    path.join(content, 'long-title.md'),
    `---\ntitle: ${LONG_TITLE}\ndate: 2024-02-01 10:00\n---\n<p>${'X'.repeat(2000)}</p>\n`,
  );
  // The built app (the web server built dist/ before any test) with this data.
  const site = path.join(root, 'site');
  // Without the sample's data and its entry pages (this data has none).
  const sampleOnly = ['data', 'article', 'category', 'tag', 'home.html', 'sitemap.xml', 'robots.txt'].map((name) =>
    path.join('dist', name),
  );
  fs.cpSync('dist', site, { recursive: true, filter: (source) => !sampleOnly.includes(source) });
  const report = await runPipeline({ inDir: content, outDir: path.join(site, 'data') });
  expect(report.built).toBe(FILES.length + 2);
  sites['vite preview'] = await startPreview(4181, site);
  sites['a plain static server'] = await startPlainServer(4182, site);
});

test.afterAll(() => {
  for (const site of Object.values(sites)) site.close();
  fs.rmSync(root, { recursive: true, force: true });
});

for (const server of ['vite preview', 'a plain static server']) {
  test(`every article and category opens on ${server}`, async ({ page }) => {
    const { url } = sites[server] as Site;
    await page.goto(`${url}/`);
    const ids = ((await (await page.request.get(`${url}/data/lists/all/head.json`)).json()) as ListHead).items;
    const home = page.getByRole('heading', { level: 1, name: '最新文章' });
    for (const [file, title] of FILES) {
      await test.step(file, async () => {
        await page.getByRole('article').getByRole('link', { name: title }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
        await expect(page.locator('.article__body')).toContainText(`${title}的正文`);
        const id = ids.find((item) => item.title === title)?.id ?? '';
        expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/article/${id}`);
        if (server === 'vite preview') {
          await page.reload(); // a deep link: the single-page fallback serves it
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
        }
        await page.goBack();
        await expect(home).toBeVisible();
      });
    }
    const nav = page.getByRole('navigation', { name: '分类' });
    for (const name of CATEGORIES) {
      await test.step(`category ${name.slice(0, 8)}`, async () => {
        await nav.locator('.category-nav__name').getByText(name, { exact: true }).click();
        await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
        await expect(page.getByRole('article').getByRole('heading')).toHaveText('怪名分类');
        expect(await page.evaluate(() => document.title)).toContain(name.slice(0, 20));
      });
    }
  });
}

test('an unbroken title or category name never widens the page', async ({ page }) => {
  const { url } = sites['vite preview'] as Site;
  for (const width of [360, 390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${url}/`);
    await expect(page.getByRole('article').first()).toBeVisible();
    expect(await hasHorizontalScroll(page), `home at ${width}`).toBe(false);
    if (width === 390) await screenshot(page, 'long-title-home-390');
    // Opened from the keyboard: the card of a 300-character title is taller than a phone's screen.
    await page.getByRole('article').getByRole('link', { name: /^WWWW/ }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('WWWW');
    expect(await hasHorizontalScroll(page), `article at ${width}`).toBe(false);
    if (width === 390) await screenshot(page, 'long-title-article-390');
    const title = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(title && title.width <= width).toBe(true);
  }
});
