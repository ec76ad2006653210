import { JSDOM } from 'jsdom';
import type { Article, Manifest } from '../src/lib/content-contract.ts';
import { expect, screenshot, test } from './test.ts';

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

test('a prerendered article page holds the text, the photos and their captions, before any script runs', async ({
  request,
}) => {
  const article = (await (await request.get(`/data/articles/${ID}.json`)).json()) as Article;
  const { document } = new JSDOM(await (await request.get(`/article/${ID}`)).text()).window;
  const root = document.getElementById('root');
  expect(root?.querySelector('h1')?.textContent).toBe(article.title);
  expect(root?.querySelector('.article__body')?.textContent).toContain('今年前三季度');
  const gallery = root?.querySelector('[aria-label^="文章图片"]')?.textContent ?? '';
  for (const photo of article.photos) {
    expect(gallery).toContain(photo.caption);
    if (photo.credit) expect(gallery).toContain(photo.credit);
  }
  expect(root?.querySelectorAll('.gallery img')).toHaveLength(article.photos.length);
  // Only data rides beside it (the CSP allows no inline script).
  expect(document.querySelectorAll('script:not([src]):not([type="application/json"])')).toHaveLength(0);
  expect(JSON.parse(document.getElementById('page-data')?.textContent ?? '{}')).toMatchObject({
    path: `/article/${ID}`,
  });
});

test('the app takes a prerendered article over as it is: no mismatch, no second fetch, no warning', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    // Playwright's own note that it blocked the service worker (playwright.config.ts) is not the app's.
    if (/blocked by Playwright/.test(message.text())) return;
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/data/')) requested.push(new URL(request.url()).pathname);
  });
  // The elements the page arrived with, kept before the app's script runs; and a remembered
  // dark theme, which the page cannot know.
  await page.addInitScript(() => {
    localStorage.setItem('news-reader:theme', 'dark');
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      const w = window as unknown as { arrived: (Element | null)[] };
      w.arrived = ['h1', '.article__body p', '.gallery__thumb', '.site-footer'].map((s) => document.querySelector(s));
    });
  });
  await page.goto(`/article/${ID}`);
  const kept = await page.evaluate(() => {
    const { arrived } = window as unknown as { arrived: (Element | null)[] };
    const now = ['h1', '.article__body p', '.gallery__thumb', '.site-footer'].map((s) => document.querySelector(s));
    return arrived.map((element, i) => element !== null && element === now[i]);
  });
  expect(kept).toEqual([true, true, true, true]);
  // What the page could not know, now as the reader has it.
  await expect(page.getByRole('button', { name: /^主题：深色/ })).toBeVisible();
  // The article came with the page; the manifest is asked for once, to check for news.
  expect(requested.filter((path) => path.startsWith('/data/articles/'))).toEqual([]);
  await expect.poll(() => requested.filter((path) => path === '/data/manifest.json').length).toBe(1);
  expect(warnings).toEqual([]);

  // The viewer opens from it, and Back closes it. From the keyboard: the column's "还有 N 张"
  // bar comes over its lower thumbnails when their images arrive, at a moment a click cannot
  // know (it took one click in CI), and a keyboard reader's Enter goes to the thumbnail itself.
  await page.getByRole('complementary').getByRole('list').getByRole('button').nth(1).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').locator('figcaption')).toContainText('桥吊司机');
  await page.goBack();
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(warnings).toEqual([]);
});

test('the home page comes prerendered; the app takes it over, and its later pages still work', async ({
  page,
  request,
}) => {
  const manifest = (await (await request.get('/data/manifest.json')).json()) as Manifest;
  const { document } = new JSDOM(await (await request.get('/')).text()).window;
  expect(document.title).toBe('新闻阅读');
  expect(document.querySelectorAll('#root article')).toHaveLength(Math.min(manifest.total, manifest.pageSize));
  expect(document.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe('https://news.example.cn/');

  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive')
        (window as unknown as { arrived: Element | null }).arrived = document.querySelector('#root article');
    });
  });
  await page.goto('/');
  expect(
    await page.evaluate(
      () => (window as unknown as { arrived: Element | null }).arrived === document.querySelector('#root article'),
    ),
  ).toBe(true);
  expect(requested.filter((path) => path.startsWith('/data/lists/'))).toEqual([]);
  // The same page with ?page=2 is another list: the app renders that one.
  await page.goto('/?page=2');
  await expect(page.getByRole('article')).toHaveCount(Math.min(manifest.total - manifest.pageSize, manifest.pageSize));
  await expect(page.getByRole('navigation', { name: /分页/ })).toBeVisible();
});

test('without JavaScript, the home page, an article and a category are still there to read, photos and captions too', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(`/article/${ID}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/海港吞吐量/);
    await expect(page.locator('.article__body')).toContainText('今年前三季度');
    const gallery = page.getByRole('complementary');
    await expect(gallery.getByRole('img').first()).toBeVisible();
    await expect
      .poll(() =>
        gallery
          .getByRole('img')
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);
    // No viewer opens without a script: each caption shows whole, with its credit.
    await expect(gallery.getByText('林小川摄（影像滨海）')).toBeVisible();
    await expect(gallery.getByText('入夜后的自动化堆场灯火通明，无人集卡往来穿梭。')).toBeVisible();
    expect(
      await gallery
        .locator('.gallery__caption')
        .first()
        .evaluate((caption) => caption.scrollHeight <= caption.clientHeight),
    ).toBe(true);
    await expect(page.getByText('这个阅读器需要启用 JavaScript')).toHaveCount(0);
    await screenshot(page, `noscript-article-${width}`);
  }
  await page.goto('/category/%E8%B4%A2%E7%BB%8F');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('财经');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByRole('article')).toHaveCount(8);
  await expect(page.getByRole('article').first().locator('img')).toBeVisible();
  await screenshot(page, 'noscript-home-390');
  await context.close();
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
  // Prerendered: its list is in the page.
  expect(document.querySelectorAll('#root article')).toHaveLength(Math.min(category?.count ?? 0, manifest.pageSize));

  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('/category/%E8%B4%A2%E7%BB%8F');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('财经');
  await expect(page.getByRole('article').first()).toBeVisible();
  expect(requested.filter((path) => path.startsWith('/data/lists/'))).toEqual([]);
  // The app has it: a card opens its article.
  await page.getByRole('article').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/article\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('a tag address comes prerendered, and the app takes it over without asking for its list', async ({
  page,
  request,
}) => {
  const address = '/tag/%E5%9C%B0%E9%93%81';
  const { document } = new JSDOM(await (await request.get(address)).text()).window;
  expect(document.title).toBe('#地铁 · 新闻阅读');
  const titles = [...document.querySelectorAll('#root article h2')].map((heading) => heading.textContent);
  expect(titles.length).toBeGreaterThan(0);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(address);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText(titles.map((title) => title ?? ''));
  expect(requested.filter((path) => path.startsWith('/data/tags/'))).toEqual([]);
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
