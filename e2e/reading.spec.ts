import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { axeViolations, expect, screenshot, test } from './test.ts';

// What the browser remembers (issue 17): read, saved, where the reader left off, and the
// reader's own data, in IndexedDB. Each test has a fresh browser context, so a fresh store.

const card = (page: Page, title: string) => page.getByRole('main').getByRole('article', { name: title });

/** Opens an article from the page shown, and waits until what is remembered has been read. */
async function open(page: Page, title: string) {
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const save = page.locator('.article__actions').getByRole('button', { name: /收藏/ });
  await expect(save).toBeEnabled();
  return save;
}

test('three articles opened are read after a reload: their cards are quieter and say so', async ({ page }) => {
  const titles = [
    '海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）',
    '高山茶园迎来秋茶采摘季',
    '城市足球联赛决赛上演逆转，四万球迷见证新科冠军',
  ];
  await page.goto('/');
  for (const title of titles) {
    // Opening it is what counts (decision 0020).
    await open(page, title);
    await page.goBack();
    await expect(card(page, title).getByText('已读')).toBeVisible();
  }
  await page.reload();
  // The navigation's counts are of unread articles: 17 less 3, and 农业 (the tea hills) 3 less 1.
  const nav = page.getByRole('navigation', { name: '分类' });
  await expect(nav.getByRole('link', { name: /^全部/ })).toHaveText('全部14篇未读');
  await expect(nav.getByRole('link', { name: /^农业/ })).toHaveText('农业2篇未读');
  for (const title of titles) {
    await expect(card(page, title)).toHaveClass(/card--read/);
    await expect(card(page, title).getByText('已读')).toBeVisible();
  }
  const unread = card(page, '跨境电商直播间里的“夜班”');
  await expect(unread.getByRole('button', { name: '收藏' })).toBeEnabled(); // the state is read
  await expect(unread).not.toHaveClass(/card--read/);
  await expect(unread.getByText('已读')).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);
});

test('saves from a card and with s on an article; /saved lists them with covers, after a reload', async ({ page }) => {
  await page.goto('/');
  const tea = card(page, '高山茶园迎来秋茶采摘季');
  await tea.getByRole('button', { name: '收藏' }).click();
  await expect(tea.getByRole('button', { name: '收藏', pressed: true })).toBeVisible();

  const save = await open(page, '跨江大桥顺利合龙，两岸通行将缩短至十分钟');
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('s');
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  await expect(save).toHaveText('★收藏');

  await page.reload();
  await page.getByRole('link', { name: '收藏', exact: true }).click();
  await expect(page).toHaveURL(/\/saved$/);
  const list = page.getByRole('list', { name: '收藏的文章' });
  await expect(list.getByRole('link')).toHaveText([
    '跨江大桥顺利合龙，两岸通行将缩短至十分钟',
    '高山茶园迎来秋茶采摘季',
  ]);
  await expect(list.locator('.card__cover img')).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'saved-390');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'saved-1280-dark');
});

test('export, clear and import: the saved articles come back', async ({ page }, testInfo) => {
  await page.goto('/');
  await card(page, '高山茶园迎来秋茶采摘季').getByRole('button', { name: '收藏' }).click();
  await expect(card(page, '高山茶园迎来秋茶采摘季').getByRole('button', { name: '收藏', pressed: true })).toBeVisible();
  await page.goto('/saved');
  const list = page.getByRole('list', { name: '收藏的文章' });
  await expect(list.getByRole('link')).toHaveText(['高山茶园迎来秋茶采摘季']);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出为文件' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^新闻阅读-阅读记录-\d{4}-\d\d-\d\d\.json$/);
  const file = testInfo.outputPath('records.json');
  await download.saveAs(file);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'news-reader-local-data', version: 1 });

  await page.getByRole('button', { name: '清除记录' }).click();
  await page.getByRole('button', { name: '确定清除' }).click();
  await expect(page.getByText('已清除本机的阅读记录。')).toBeVisible();
  await expect(list).toBeHidden();

  // A file that is not an export is refused whole, and nothing changes.
  const chooser = page.getByLabel('选择要导入的阅读记录文件');
  await chooser.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2]') });
  await expect(page.getByText('这不是本站导出的阅读记录文件，没有导入任何内容。')).toBeVisible();
  await chooser.setInputFiles(file);
  await expect(page.getByText('已导入 1 条记录，与本机的记录合并。')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('list', { name: '收藏的文章' }).getByRole('link')).toHaveText(['高山茶园迎来秋茶采摘季']);
});

test('an article left part-way reopens where the reader was, says so quietly, and the home page lists it', async ({
  page,
}) => {
  // A short window, so that the article is several screens long.
  await page.setViewportSize({ width: 390, height: 420 });
  const title = '海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）';
  await page.goto('/');
  await open(page, title);
  const body = page.locator('.article__body');
  await body.evaluate((element) => {
    const { top, height } = element.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + top + height / 2 - window.innerHeight / 2, behavior: 'instant' });
  });
  // Leaving writes the place (and so does a pause in scrolling).
  await page.getByRole('link', { name: '新闻阅读', exact: true }).click();
  const continueReading = page.getByRole('list', { name: '继续阅读' });
  await expect(continueReading.getByRole('link')).toHaveText([title]);
  await expect(continueReading).toContainText(/读到 \d+%/);

  await continueReading.getByRole('link', { name: title }).click();
  const notice = page.getByRole('status').filter({ hasText: '从上次位置继续' });
  await expect(notice).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'resume-390');
  await notice.getByRole('button', { name: '回到开头' }).click();
  await expect(notice).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test('全部标为已读 on a category, and 只看未读 kept in the address, hold after a reload', async ({ page }) => {
  await page.goto('/');
  await open(page, '高山茶园迎来秋茶采摘季');
  await page.goBack();
  const nav = page.getByRole('navigation', { name: '分类' });
  await expect(nav.getByRole('link', { name: /^农业/ })).toHaveText('农业2篇未读');

  // Only unread: the article opened is left out, and the filter is in the address.
  await page
    .getByRole('navigation', { name: '筛选' })
    .getByRole('link', { name: /^只看未读/ })
    .click();
  await expect(page).toHaveURL(/\/\?unread=1$/);
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  await expect(card(page, '高山茶园迎来秋茶采摘季')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: /^只看未读/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  await expect(card(page, '高山茶园迎来秋茶采摘季')).toHaveCount(0);

  await nav.getByRole('link', { name: /^农业/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^农业/ })).toBeVisible();
  await page.getByRole('button', { name: '全部标为已读' }).click();
  await expect(page.getByText('已将 2 篇标为已读')).toBeVisible();
  await expect(nav.getByRole('link', { name: /^农业/ })).toHaveText('农业0篇未读');
  await expect(nav.getByRole('link', { name: /^全部/ })).toHaveText('全部14篇未读');
  // The category was read whole: its terraces article, filed under 科技 too, is read there as well.
  await expect(nav.getByRole('link', { name: /^科技/ })).toHaveText('科技0篇未读');
  await expect(page.getByRole('link', { name: /^只看未读/ })).toHaveText('只看未读0');
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'mark-all-read-1280');

  await page.reload();
  await expect(nav.getByRole('link', { name: /^农业/ })).toHaveText('农业0篇未读');
  const cards = page.getByRole('main').getByRole('article');
  await expect(cards).toHaveCount(3);
  for (const each of await cards.all()) await expect(each).toHaveClass(/card--read/);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, 'mark-all-read-390-dark');
});
