import { axeViolations, expect, hasHorizontalScroll, screenshot, test } from './test.ts';

test.describe('search', () => {
  test('searches from the header, opens a result, and comes back to the same results', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: '搜索' });
    await box.fill('中欧班列');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/search\?q=%E4%B8%AD%E6%AC%A7%E7%8F%AD%E5%88%97$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('“中欧班列”的搜索结果');
    await expect(page.getByRole('status')).toHaveText('找到 2 篇相关文章');
    const results = page.getByRole('article');
    await expect(results).toHaveCount(2);
    // The title match ranks first, its words marked.
    const first = results.first();
    await expect(first.getByRole('heading')).toHaveText('中欧班列开行加密，内陆城市货物“一单到底”');
    await expect(first.getByRole('heading').locator('mark')).toHaveText('中欧班列');
    await expect(results.nth(1).locator('.result__snippet mark').first()).toHaveText('中欧班列');
    await expect(first.locator('time')).toBeVisible();
    await expect(first.getByRole('link', { name: '财经' })).toBeVisible();
    await expect(page).toHaveTitle('搜索：中欧班列 · 新闻阅读');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-1280');

    await first.getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/\/article\/009_rail-freight$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/中欧班列开行加密/);
    await page.goBack();
    await expect(page.getByRole('status')).toHaveText('找到 2 篇相关文章');
    await expect(box).toHaveValue('中欧班列');

    await page.reload();
    await expect(page.getByRole('article')).toHaveCount(2);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'search-390');
    // Marked words keep their contrast in the dark theme too.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-390-dark');
  });

  test('a one-character query works, and its results page in the URL', async ({ page }) => {
    await page.goto('/search?q=%E7%9A%84');
    await expect(page.getByRole('status')).toHaveText('找到 17 篇相关文章 · 第 1 / 2 页');
    await expect(page.getByRole('article')).toHaveCount(10);
    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/\?q=%E7%9A%84&page=2$/);
    await expect(page.getByRole('article')).toHaveCount(7);
    await page.reload();
    await expect(page.getByRole('status')).toHaveText('找到 17 篇相关文章 · 第 2 / 2 页');
    await page.goto('/search?q=%E7%9A%84&page=3');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面');
  });

  test('finds a photographer named only in a caption', async ({ page }) => {
    await page.goto('/search?q=%E6%9E%97%E5%B0%8F%E5%B7%9D');
    await expect(page.getByRole('status')).toHaveText('找到 3 篇相关文章');
    const results = page.getByRole('article');
    const titles = await results.getByRole('heading').allTextContents();
    expect(titles.map((title) => title.slice(0, 4)).sort()).toEqual(['新城区天', '梯田里的', '海港吞吐'].sort());
    for (const result of await results.all()) await expect(result.locator('mark')).toHaveText('林小川');
  });

  test('says so for an empty query and for no result', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await expect(page).toHaveURL(/\/search$/);
    await expect(page.getByText('在上方的搜索框输入人名、地名或机构名，按回车搜索。')).toBeVisible();
    await page.getByRole('searchbox', { name: '搜索' }).fill('火星基地');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await expect(page.getByText('没有找到与“火星基地”相关的文章。')).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-empty-390');
  });

  test('/ focuses the search box from any page; Escape leaves it', async ({ page }) => {
    await page.goto('/article/001_harbor-trade');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('/');
    const box = page.getByRole('searchbox', { name: '搜索' });
    await expect(box).toBeFocused();
    await page.keyboard.type('马拉松');
    await page.keyboard.press('Escape');
    await expect(box).not.toBeFocused();
    await expect(box).toHaveValue('马拉松');
    await box.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(/秋日马拉松开跑/);
  });

  test('the home page downloads none of the index; a search downloads only its chunks', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/');
    await expect(page.getByRole('article').first()).toBeVisible();
    expect(requested.filter((path) => path.includes('/data/search/'))).toEqual([]);
    expect(requested.filter((path) => path.includes('search-route'))).toEqual([]);

    await page.getByRole('searchbox', { name: '搜索' }).fill('港口');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await expect(page.getByRole('status')).toBeVisible();
    const chunks = requested.filter((path) => /\/data\/search\/[0-9a-f]+\/terms\//.test(path));
    // 港口 is one bigram: one chunk.
    expect(chunks).toHaveLength(1);
  });
});
