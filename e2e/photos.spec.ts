import { axeViolations, expect, FIXTURE_PHOTO, movePhotos, screenshot, test } from './test.ts';

const HARBOR = '/article/001_harbor-trade';

test.describe('photos and captions', () => {
  test('open a photo, read its caption, move with keys and buttons, close with Escape', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(HARBOR);
    await page.getByRole('button', { name: /桥吊司机在四十米高的驾驶室里/ }).click();
    await expect(page).toHaveURL(/\/article\/001_harbor-trade\/photo\/2$/);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog.locator('figcaption')).toContainText(
      '桥吊司机在四十米高的驾驶室里操作吊具，一次起吊只需九十秒。',
    );
    await expect(dialog.locator('figcaption')).toContainText('马 青摄（影像滨海）');
    await expect(dialog.getByText('2 / 3')).toBeVisible();
    await expect(dialog.getByRole('button', { name: '关闭图片查看' })).toBeFocused();
    await expect(page).toHaveTitle(/^图片 2 · /);
    await screenshot(page, 'photo-1280');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/\/photo\/3$/);
    await expect(dialog.locator('figcaption')).toContainText('周 林 宋一帆摄影报道 数据来源：滨海港务集团');
    await dialog.getByRole('button', { name: '← 上一张' }).click();
    await dialog.getByRole('button', { name: '← 上一张' }).click();
    await expect(dialog.getByText('1 / 3')).toBeVisible();
    await expect(dialog.getByRole('button', { name: '← 上一张' })).toBeDisabled();
    // Focus stayed in the dialog when the button it was on became disabled.
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);

    // The neighbour is preloaded.
    await expect
      .poll(() =>
        page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('port-crane'))),
      )
      .toBe(true);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/article\/001_harbor-trade$/);
    await expect(page.getByRole('button', { name: /清晨的滨海港集装箱码头/ })).toBeFocused();
  });

  test('Back closes the photo; the backdrop and close button close it too', async ({ page }) => {
    await page.goto(HARBOR);
    const thumbs = page.getByRole('complementary').getByRole('list').getByRole('button');
    await thumbs.nth(2).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await page.goBack();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/article\/001_harbor-trade$/);

    await thumbs.nth(0).click();
    await expect(dialog).toBeVisible();
    await page.mouse.click(5, 450); // the dark backdrop beside the photo
    await expect(dialog).toBeHidden();

    await thumbs.nth(1).click();
    await dialog.getByRole('button', { name: '关闭图片查看' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/photo/);
  });

  test('a shared link opens the same photo, also after a reload, on a phone; swipe moves', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${HARBOR}/photo/3`);
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('3 / 3')).toBeVisible();
    await page.reload();
    await expect(dialog.locator('figcaption')).toContainText('入夜后的自动化堆场灯火通明');
    await screenshot(page, 'photo-390');
    const box = await dialog.locator('.lightbox__stage').boundingBox();
    if (!box) throw new Error('no stage');
    await page.mouse.move(box.x + 60, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(dialog.getByText('2 / 3')).toBeVisible();
    await dialog.getByRole('button', { name: '关闭图片查看' }).click();
    await expect(page).toHaveURL(/\/article\/001_harbor-trade$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a photo number out of range is not found', async ({ page }) => {
    await page.goto(`${HARBOR}/photo/7`);
    await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  });
});

test.describe('image hosts that fail', () => {
  test.use({ allowConsoleErrors: /Failed to load resource/ });

  test('a missing primary photo falls back to its mirror', async ({ page }) => {
    await page.goto('/article/016_mirror-fallback');
    const image = page.getByRole('complementary').getByRole('img');
    await expect(image).toHaveAttribute('data-source', 'fallback');
    await expect(image).toHaveAttribute('src', '/sample-photos/rail-yard.svg');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });

  test('with the primary host down, photos come from the mirror, without a referrer', async ({ page }) => {
    await movePhotos(page, '001_harbor-trade', (index) => ({
      src: `https://img.example-news.cn/photo-${index}.jpeg`,
      fallbackSrc: `https://mirror.example-cdn.cn/photo-${index}.jpg`,
    }));
    const referrers: (string | undefined)[] = [];
    await page.route('https://img.example-news.cn/**', (route) => route.abort('connectionrefused'));
    await page.route('https://mirror.example-cdn.cn/**', (route) => {
      referrers.push(route.request().headers().referer);
      return route.fulfill({ body: FIXTURE_PHOTO, contentType: 'image/jpeg' });
    });
    await page.goto(HARBOR);
    const first = page.getByRole('complementary').getByRole('img').first();
    await expect(first).toHaveAttribute('src', 'https://mirror.example-cdn.cn/photo-0.jpg');
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('complementary').getByRole('list').getByRole('button').first().click();
    await expect(page.getByRole('dialog').getByRole('img')).toHaveAttribute(
      'src',
      'https://mirror.example-cdn.cn/photo-0.jpg',
    );
    expect(referrers.length).toBeGreaterThan(0);
    expect(referrers.every((referrer) => referrer === undefined)).toBe(true);
  });

  test('with every host down, the gallery and the dialog still show captions and a retry', async ({ page }) => {
    await movePhotos(page, '001_harbor-trade', (index) => ({
      src: `https://img.example-news.cn/p${index}.jpeg`,
      fallbackSrc: `https://mirror.example-cdn.cn/p${index}.jpg`,
    }));
    await page.goto(HARBOR);
    const gallery = page.getByRole('complementary');
    await expect(gallery.getByText(/图片加载失败：清晨的滨海港集装箱码头/)).toBeVisible();
    await gallery.getByRole('button', { name: /^清晨的滨海港集装箱码头/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText(/图片加载失败/)).toBeVisible();
    await expect(dialog.locator('figcaption')).toContainText('清晨的滨海港集装箱码头');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'photo-failed-390');
    // The host comes back: retry loads the photo.
    await page.route('https://img.example-news.cn/**', (route) =>
      route.fulfill({ body: FIXTURE_PHOTO, contentType: 'image/jpeg' }),
    );
    await dialog.getByRole('button', { name: '重试' }).click();
    await expect(dialog.getByRole('img')).toHaveAttribute('data-source', 'primary');
  });
});
