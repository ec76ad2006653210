import { axeViolations, expect, screenshot, test, withoutEntryPage } from './test.ts';

const HARBOR = '/article/001_harbor-trade';

test.describe('reading an article', () => {
  test('at 1280 px the photos stand in a sticky column beside the text', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(HARBOR);
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveText('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）');
    await expect(page).toHaveTitle('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷） · 新闻阅读');
    const gallery = page.getByRole('complementary', { name: '文章图片（3 张）' });
    const body = page.locator('.article__body');
    const [galleryBox, bodyBox] = [await gallery.boundingBox(), await body.boundingBox()];
    expect(galleryBox && bodyBox && galleryBox.x > bodyBox.x + bodyBox.width - 1).toBe(true);
    // The body holds no photo: each is shown once, in the gallery.
    await expect(body.locator('img')).toHaveCount(0);
    await expect(gallery.getByRole('list').getByRole('button')).toHaveCount(3);
    await expect(body.getByRole('link', { name: '滨海港' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /清晨的滨海港集装箱码头/ })).toBeVisible();
    await screenshot(page, 'article-1280');

    // Sticky while the text scrolls.
    await page.evaluate(() => window.scrollTo(0, 400));
    await expect.poll(async () => (await gallery.boundingBox())?.y).toBeLessThan(200);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('at 390 px the photos are a strip above the text', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(HARBOR);
    const gallery = page.getByRole('complementary', { name: '文章图片（3 张）' });
    const body = page.locator('.article__body');
    const [galleryBox, bodyBox] = [await gallery.boundingBox(), await body.boundingBox()];
    expect(galleryBox && bodyBox && galleryBox.y + galleryBox.height <= bodyBox.y + 1).toBe(true);
    const thumb = await gallery.getByRole('list').getByRole('button').first().boundingBox();
    expect(thumb && thumb.height >= 44 && thumb.width >= 44).toBe(true);
    await screenshot(page, 'article-390');
  });

  test('every photo of a long gallery can be reached: the column says how many lie below', async ({ page }) => {
    // A ten-photo article, made from a real one, served in place of the data file.
    const harbor = (await (await page.request.get('/data/articles/001_harbor-trade.json')).json()) as {
      photos: { src: string; caption: string; credit?: string; anchor: number }[];
    };
    const photos = Array.from({ length: 10 }, (_, k) => ({
      ...harbor.photos[k % harbor.photos.length],
      src: `/sample-photos/${['port-dawn', 'port-crane', 'port-night', 'rail-yard', 'solar-farm'][k % 5]}.svg`,
      caption: `第 ${k + 1} 张图的说明。`,
      credit: `摄影者${k + 1}摄`,
      anchor: k * 20,
    }));
    await page.route('**/data/articles/ten-photos.json', (route) =>
      route.fulfill({ json: { ...harbor, id: 'ten-photos', photos, photoCount: 10 } }),
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/article/ten-photos');
    const gallery = page.getByRole('complementary', { name: '文章图片（10 张）' });
    const more = gallery.getByRole('button', { name: /^还有 \d+ 张$/ });
    await expect(more).toBeVisible();
    await expect(gallery.getByText('摄影者1摄')).toBeVisible();
    // The marker is a quiet ring, not the accent colour.
    const marked = gallery.locator('[aria-current="true"] img');
    await expect(marked).toHaveCount(1);
    expect(await marked.evaluate((img) => getComputedStyle(img).outlineWidth)).toBe('2px');
    await screenshot(page, 'article-ten-photos-1280');
    const before = Number((await more.textContent())?.match(/\d+/)?.[0]);
    await more.click();
    // Clicking brings the next photo in; the count goes down, and at the end it is gone.
    await expect
      .poll(async () => Number((await more.textContent().catch(() => '还有 0 张'))?.match(/\d+/)?.[0] ?? 0))
      .toBeLessThan(before);
    const last = gallery.getByRole('button', { name: /第 10 张图的说明/ });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await expect(more).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/article/ten-photos');
    const count = gallery.getByRole('button', { name: /^还有 \d+ 张$/ });
    await expect(count).toBeVisible();
    // On a phone it is a small round count in the fade at the strip's edge, not over a photo.
    const list = await gallery.getByRole('list').boundingBox();
    const box = await count.boundingBox();
    expect(box && list && box.x >= list.x + list.width - 56 && box.width <= 48).toBe(true);
    await screenshot(page, 'article-ten-photos-390');
  });

  test('a one-photo article shows no marker', async ({ page }) => {
    const harbor = (await (await page.request.get('/data/articles/001_harbor-trade.json')).json()) as {
      photos: unknown[];
    };
    await page.route('**/data/articles/one-photo.json', (route) =>
      route.fulfill({ json: { ...harbor, id: 'one-photo', photos: harbor.photos.slice(0, 1), photoCount: 1 } }),
    );
    await page.goto('/article/one-photo');
    const gallery = page.getByRole('complementary', { name: '文章图片（1 张）' });
    await expect(gallery.getByRole('list').getByRole('button')).toHaveCount(1);
    await expect(gallery.locator('[aria-current]')).toHaveCount(0);
    await expect(gallery.getByRole('button', { name: /^还有/ })).toHaveCount(0);
  });

  test('an article without photos shows no gallery', async ({ page }) => {
    await page.goto('/article/011_transit-plan');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('地铁线网规划公布，五年内新增四条线路');
    await expect(page.getByRole('complementary')).toHaveCount(0);
  });

  test('as the reader scrolls, the gallery marks the photo that stood nearest that text', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 700 });
    await page.goto('/article/005_terrace-harvest');
    const thumbs = page.getByRole('complementary').getByRole('list').getByRole('button');
    await expect(thumbs.nth(0)).toHaveAttribute('aria-current', 'true');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(thumbs.nth(2)).toHaveAttribute('aria-current', 'true');
    await expect(thumbs.nth(0)).not.toHaveAttribute('aria-current', 'true');
  });

  test('previous and next articles, by link and with j / k', async ({ page }) => {
    await page.goto(HARBOR);
    const neighbours = page.getByRole('navigation', { name: '相邻文章' });
    // Next is the older neighbour, as in the list (newest first).
    const title = page.getByRole('heading', { level: 1 });
    await neighbours.getByRole('link', { name: /下一篇/ }).click();
    await expect(title).toHaveText('梯田里的“数字农人”：无人机巡田，手机上看墒情');
    await page.keyboard.press('k');
    await expect(title).toHaveText('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）');
    await page.keyboard.press('k');
    await expect(title).toHaveText('城市足球联赛决赛上演逆转，四万球迷见证新科冠军');
    await page.keyboard.press('j');
    await expect(title).toHaveText('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）');
  });
});

test('a j / k pressed while the next article loads waits for it, and never lands on a third', async ({ page }) => {
  await page.goto(HARBOR);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）');
  // The next article's data is held until the second key has been pressed.
  let requested!: () => void;
  const seen = new Promise<void>((resolve) => (requested = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/data/articles/005_terrace-harvest.json', async (route) => {
    requested();
    await released;
    await route.continue();
  });
  await page.keyboard.press('j');
  await seen;
  await page.keyboard.press('k');
  release();
  await expect(title).toHaveText('梯田里的“数字农人”：无人机巡田，手机上看墒情');
  await expect(page).toHaveURL(/\/article\/005_terrace-harvest$/);
  // Once it is shown, k goes back to where the reader came from.
  await page.keyboard.press('k');
  await expect(title).toHaveText('海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）');
});

// The browser logs the failed requests these tests provoke.
test.describe('reading an article when data requests fail', () => {
  test.use({ allowConsoleErrors: /Failed to load resource/ });

  test('an unknown article is a not-found page, also on reload', async ({ page }) => {
    await page.goto('/article/no-such-article');
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  });

  test('a failed article request shows a message; retry loads it without a reload', async ({ page }) => {
    let failing = true;
    await withoutEntryPage(page, '/article/003_river-bridge');
    await page.route('**/data/articles/003_river-bridge.json', (route) =>
      failing ? route.abort('connectionreset') : route.fallback(),
    );
    await page.goto('/article/003_river-bridge');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('网络连接失败');
    failing = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('跨江大桥顺利合龙，两岸通行将缩短至十分钟');
  });
});
