import { axeViolations, expect, hasHorizontalScroll, screenshot, test, withoutEntryPage } from './test.ts';

test.describe('lists', () => {
  test('the home page lists the sample articles, newest first, with covers and dates', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(8);
    await expect(cards.first().getByRole('heading')).toHaveText('跨境电商直播间里的“夜班”');
    await expect(cards.first().locator('time')).toHaveText('2024年11月20日 23:10');
    await expect(page).toHaveTitle('新闻阅读');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect(cards.nth(1).locator('img')).toHaveJSProperty('complete', true);
    await screenshot(page, 'home-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await hasHorizontalScroll(page)).toBe(false);
    await screenshot(page, 'home-390');
  });

  test('pages through the list in the URL; reload and Back return to the same place', async ({ page }) => {
    await page.goto('/');
    const pager = page.getByRole('navigation', { name: '分页' });
    await pager.getByRole('link', { name: '下一页' }).click();
    await expect(page).toHaveURL(/\?page=2$/);
    // The address changes a moment before the new page renders: wait for the pager to say so.
    await expect(pager.getByRole('link', { name: '第 2 页' })).toHaveAttribute('aria-current', 'page');
    const firstTitle = await page.getByRole('article').first().getByRole('heading').textContent();
    await page.reload();
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(firstTitle ?? '');
    await pager.getByRole('link', { name: '第 3 页' }).click();
    await expect(page.getByRole('article')).toHaveCount(1);
    await page.goBack();
    await expect(page).toHaveURL(/\?page=2$/);
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(firstTitle ?? '');
  });

  test('Back from an article puts focus on its card, where the reader had scrolled', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto('/');
    const card = page.getByRole('article').nth(6).getByRole('link').first();
    await card.scrollIntoViewIfNeeded();
    const title = (await card.textContent()) ?? '';
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(0);
    await card.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await page.goBack();
    await expect(page.getByRole('link', { name: title, exact: true })).toBeFocused();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);
  });

  test('a tag on an article leads to the list of its articles', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/article/011_transit-plan');
    await page.getByRole('list', { name: '标签' }).getByRole('link', { name: '地铁' }).click();
    await expect(page).toHaveURL(/\/tag\/%E5%9C%B0%E9%93%81$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^#地铁\s*\d+ 篇$/);
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(
      '地铁线网规划公布，五年内新增四条线路',
    );
    await expect(page).toHaveTitle('#地铁 · 新闻阅读');
    // A card's tags are links of their own, above the link that covers the card.
    await page
      .getByRole('article')
      .first()
      .getByRole('list', { name: '标签' })
      .getByRole('link', { name: '规划' })
      .click();
    await expect(page).toHaveURL(/\/tag\/%E8%A7%84%E5%88%92$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^#规划\s*\d+ 篇$/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'tag-390');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'tag-1280-dark');
  });

  test('a page past the end says so inside the list, with a way back', async ({ page }) => {
    await page.goto('/?page=9');
    await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(/没有第 9 页，共 3 页。/);
    await page.getByRole('link', { name: '去最后一页（第 3 页）' }).click();
    await expect(page).toHaveURL(/\?page=3$/);
    await expect(page.getByRole('article')).toHaveCount(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a category opens by URL and by click, and the current one is marked', async ({ page }) => {
    await page.goto('/category/%E4%BD%93%E8%82%B2');
    await expect(page.getByRole('heading', { level: 1, name: /体育/ })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(3);
    await expect(page).toHaveTitle('体育 · 新闻阅读');
    const nav = page.getByRole('navigation', { name: '分类' });
    await expect(nav.getByRole('link', { name: /体育/ })).toHaveAttribute('aria-current', 'page');
    await page.reload();
    await expect(page.getByRole('article')).toHaveCount(3);

    await nav.getByRole('link', { name: /农业/ }).click();
    await expect(page).toHaveURL(/\/category\/%E5%86%9C%E4%B8%9A$/);
    await expect(page.getByRole('heading', { level: 1, name: /农业/ })).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'category-390');
  });

  test('Back restores the scroll position of a list', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto('/');
    const card = page.getByRole('article').nth(6);
    await card.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 50));
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(400);
    await card.getByRole('heading').getByRole('link').click();
    await expect(page).toHaveURL(/\/article\//);
    await expect(page.locator('.article__title')).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(before);
  });

  test('j and k move between articles; ? lists the shortcuts', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('article')).toHaveCount(8);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page.getByRole('article').nth(1).getByRole('link').first()).toBeFocused();
    await page.keyboard.press('k');
    await expect(page.getByRole('article').nth(0).getByRole('link').first()).toBeFocused();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: '键盘快捷键' });
    await expect(dialog).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Focus returns to where it was.
    await expect(page.getByRole('article').nth(0).getByRole('link').first()).toBeFocused();
  });

  test('an unknown address is a real not-found page with a way back', async ({ page }) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
    await expect(page).toHaveTitle('未找到 · 新闻阅读');
    await page.getByRole('link', { name: '返回首页' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
    await page.goto('/category/%E4%B8%8D%E5%AD%98%E5%9C%A8');
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'not-found-1280');
  });

  test('no horizontal scroll from 360 to 1920 pixels', async ({ page }) => {
    for (const width of [360, 768, 1024, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await expect(page.getByRole('article').first()).toBeVisible();
      expect(await hasHorizontalScroll(page), `home at ${width}px`).toBe(false);
      await page.goto('/article/001_harbor-trade');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await hasHorizontalScroll(page), `article at ${width}px`).toBe(false);
    }
  });

  test('the theme toggle switches to dark and is remembered', async ({ page }) => {
    await page.goto('/');
    const toggle = page.getByRole('button', { name: /^主题/ });
    await toggle.click(); // system → light
    await toggle.click(); // light → dark
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('article').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'home-dark-1280');
  });
});

test.describe('lists when data requests fail', () => {
  test.use({ allowConsoleErrors: /Failed to load resource/ });

  test('a failed list request shows a message and recovers on retry', async ({ page }) => {
    let failing = true;
    await withoutEntryPage(page, '/');
    await page.route('**/data/lists/all/head.json', (route) =>
      failing ? route.fulfill({ status: 500, body: 'boom' }) : route.fallback(),
    );
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('服务器出错（500）');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'error-390');
    failing = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('article')).toHaveCount(8);
  });
});

test.describe('a tag that no article has', () => {
  // Its first page is not there: the browser logs the 404 the reader turns into a not-found page.
  test.use({ allowConsoleErrors: /Failed to load resource: the server responded with a status of 404/ });

  test('is a real not-found page', async ({ page }) => {
    await page.goto('/tag/%E6%B2%A1%E6%9C%89');
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  });
});
