import { JSDOM } from 'jsdom';
import type { Article, Manifest } from '../src/lib/content-contract.ts';
import { expect, test } from './test.ts';

// The build writes an entry page per article (the pipeline's --pages, decision 0014): a link
// shared in a chat or read by a crawler names the article without running any script.

const ID = '001_harbor-trade';

test('an article address answers with its title, description and link preview, before any script runs', async ({
  request,
}) => {
  const article = (await (await request.get(`/data/articles/${ID}.json`)).json()) as Article;
  for (const address of [`/article/${ID}`, `/article/${ID}/photo/2`]) {
    const response = await request.get(address);
    expect(response.headers()['content-type']).toContain('text/html');
    const { document } = new JSDOM(await response.text()).window;
    const meta = (key: string) =>
      document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content');
    expect(document.title, address).toBe(`${article.title} · 新闻阅读`);
    expect(meta('description')).toBe(article.excerpt);
    expect(meta('og:title')).toBe(article.title);
    expect(meta('og:description')).toBe(article.excerpt);
    expect(meta('og:type')).toBe('article');
    expect(meta('og:image')).toBe(new URL(article.cover ?? '', 'https://news.example.cn/').href);
    expect(meta('article:published_time')).toBe(article.date);
    expect(meta('twitter:card')).toBe('summary_large_image');
    expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
      `https://news.example.cn/article/${ID}`,
    );
    // The same app and policy as every other page.
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')).not.toBeNull();
    expect(document.querySelector('script[type=module]')?.getAttribute('src')).toMatch(/^\/assets\/index-/);
  }
});

test('the app starts from an entry page as from any address: the article, then its photo', async ({ page }) => {
  await page.goto(`/article/${ID}/photo/2`);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByText('2 / 3')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.title()).toContain('· 新闻阅读');
});

test('an entry page fetches its data while the app loads, and the app uses it instead of asking again', async ({
  page,
}) => {
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/data/')) requested.push(new URL(request.url()).pathname);
  });
  await page.goto(`/article/${ID}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.article__body')).not.toBeEmpty();
  const started = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/data/'))
      .map((entry) => [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).initiatorType]),
  );
  expect(started).toEqual(
    expect.arrayContaining([
      ['/data/manifest.json', 'link'],
      [`/data/articles/${ID}.json`, 'link'],
    ]),
  );
  expect(requested.filter((path) => path === `/data/articles/${ID}.json`)).toHaveLength(1);
  expect(requested.filter((path) => path === '/data/manifest.json')).toHaveLength(1);
});

test('a category address answers with its name, its count and a preview; the app starts from it', async ({
  page,
  request,
}) => {
  const manifest = (await (await request.get('/data/manifest.json')).json()) as Manifest;
  const category = manifest.categories.find((entry) => entry.name === '财经');
  expect(category).toBeDefined();
  const { document } = new JSDOM(await (await request.get('/category/%E8%B4%A2%E7%BB%8F')).text()).window;
  expect(document.title).toBe('财经 · 新闻阅读');
  expect(document.querySelector('meta[name=description]')?.getAttribute('content')).toMatch(
    new RegExp(`^财经：共 ${category?.count} 篇文章。最新：`),
  );
  expect(document.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('website');
  expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(
    'https://news.example.cn/category/%E8%B4%A2%E7%BB%8F',
  );

  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/category/%E8%B4%A2%E7%BB%8F');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('财经');
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(requested.filter((path) => path === `/data/lists/${category?.slug}/head.json`)).toHaveLength(1);
});

test('the sitemap lists the home page, every category and every article; robots.txt names it', async ({ request }) => {
  const manifest = (await (await request.get('/data/manifest.json')).json()) as Manifest;
  const sitemap = await (await request.get('/sitemap.xml')).text();
  const { document } = new JSDOM(sitemap, { contentType: 'text/xml' }).window;
  const locs = [...document.getElementsByTagName('loc')].map((loc) => loc.textContent ?? '');
  expect(locs).toContain('https://news.example.cn/');
  expect(locs.filter((loc) => loc.includes('/category/'))).toHaveLength(manifest.categories.length);
  expect(locs.filter((loc) => loc.includes('/article/'))).toHaveLength(manifest.total);
  expect(locs).toContain(`https://news.example.cn/article/${ID}`);
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Sitemap: https://news.example.cn/sitemap.xml');
});
