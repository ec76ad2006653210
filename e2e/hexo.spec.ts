import type { Page } from '@playwright/test';
import { axeViolations, expect, hasHorizontalScroll, screenshot, serveDataDir, settle, test } from './test.ts';

/**
 * axe on an article of Hexo's test posts. Two rules judge the author's own markup, kept as Hexo
 * renders it, not the reader: markdown.md puts a code block inside a <dl> and leaves a table
 * header cell empty, on purpose. Everything the reader adds is held to every rule.
 */
async function readerViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page, '.article')).filter(
    (violation) => !/^(definition-list|empty-table-header):/.test(violation),
  );
}

// Hexo's own theme test posts (../shared/hexo-fixtures), built by the pipeline as a user's
// archive would be (e2e/global-setup.ts), read in Chromium: code, tables, math, tag plugins,
// media cards, long titles. Their photos are on hosts this machine cannot reach.
test.use({ allowConsoleErrors: /Failed to load resource/ });

function hexoData(): string {
  const dir = process.env.HEXO_DATA_DIR;
  if (!dir) throw new Error('HEXO_DATA_DIR is not set: e2e/global-setup.ts builds the Hexo posts');
  return dir;
}

async function open(page: Page, id: string, title: string | RegExp): Promise<void> {
  await serveDataDir(page, hexoData());
  await page.goto(`/article/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await settle(page);
}

const POSTS = [
  { id: 'code-highlight', title: 'Code Highlight Style test' },
  { id: 'markdown', title: 'Markdown Style test' },
  { id: 'tag-plugins', title: 'Tag Plugins' },
  { id: 'videos', title: 'Videos' },
  { id: 'elements', title: 'Elements' },
  { id: 'long-title', title: /^Lorem ipsum dolor sit amet/ },
] as const;

for (const { id, title } of POSTS) {
  test(`${id}: nothing widens the page at 360 px, and no tag syntax shows`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, id, title);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expect(page.locator('.article__body')).not.toContainText(/\{%|%\}/);
  });
}

test('a code-heavy post: highlighted at build time, copyable, scrolling in its own box', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'code-highlight', 'Code Highlight Style test');
  const block = page
    .locator('.c-code')
    .filter({ has: page.locator('[class^="c-hl-"]') })
    .first();
  await expect(block.locator('[class^="c-hl-"]').first()).toBeVisible();
  await expect(block.getByRole('button', { name: '复制代码' })).toBeVisible();
  // A long line scrolls inside its block, not the page.
  const pre = page.locator('.c-code pre').filter({ hasText: /.{60}/ }).first();
  expect(await pre.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  expect(await pre.evaluate((element) => getComputedStyle(element).overflowX)).toBe('auto');
  // The keyboard reaches it too.
  await expect(pre).toHaveAttribute('tabindex', '0');
  expect(await hasHorizontalScroll(page)).toBe(false);
  await screenshot(page, 'hexo-code-390');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await block.scrollIntoViewIfNeeded();
    await screenshot(page, `hexo-code-1280-${scheme}`);
    expect(await readerViolations(page)).toEqual([]);
  }
});

test('a table post: the table scrolls in its own box on a phone; math stays text', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, 'markdown', 'Markdown Style test');
  const table = page.locator('.article__body table').first();
  await table.scrollIntoViewIfNeeded();
  expect(await table.evaluate((element) => getComputedStyle(element).overflowX)).toBe('auto');
  expect(await hasHorizontalScroll(page)).toBe(false);
  await expect(page.locator('.article__body h1, .article__body h2').filter({ hasText: /\$\$/ })).toHaveCount(0);
  await screenshot(page, 'hexo-table-390');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'hexo-table-1280-dark');
  expect(await readerViolations(page)).toEqual([]);
});

test('tag plugins and videos read as quotes, notes, code and link cards', async ({ page }) => {
  await open(page, 'tag-plugins', 'Tag Plugins');
  const body = page.locator('.article__body');
  await expect(body.locator('blockquote footer').first()).toContainText('David Levithan');
  await expect(body.locator('.c-code-caption').filter({ hasText: 'Array.map' })).toBeVisible();
  await open(page, 'videos', 'Videos');
  const card = page.getByRole('link', { name: /YouTube 视频/ });
  await expect(card).toHaveAttribute('href', 'https://www.youtube.com/watch?v=TIbZDRXM-Tg');
  await expect(card).toHaveAttribute('target', '_blank');
  expect(await readerViolations(page)).toEqual([]);
});
