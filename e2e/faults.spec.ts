import { expect, movePhotos, test, withoutEntryPage } from './test.ts';

// Data and image hosts fail in every way we can provoke; the reader explains and recovers.
test.use({ allowConsoleErrors: /Failed to load resource/ });

const HARBOR = '/article/001_harbor-trade';

test('a list page of invalid JSON is explained and recovers on retry', async ({ page }) => {
  let broken = true;
  await withoutEntryPage(page, '/');
  await page.route('**/data/lists/all/head.json', (route) =>
    broken ? route.fulfill({ body: '{"page": 1, "items": [', contentType: 'application/json' }) : route.fallback(),
  );
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('数据格式有误');
  broken = false;
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('article')).toHaveCount(8);
});

test('data of another contract version is refused with a clear message', async ({ page }) => {
  await page.route('**/data/manifest.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), version: 99 } });
  });
  await page.goto('/category/%E4%BD%93%E8%82%B2');
  await expect(page.getByRole('alert')).toContainText('数据版本不兼容');
  // The rest of the page stands: header, search of another category by URL, way home.
  await expect(page.getByRole('link', { name: '新闻阅读' })).toBeVisible();
});

test('a missing manifest never leaves a blank page', async ({ page }) => {
  await page.route('**/data/manifest.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.goto('/category/%E4%BD%93%E8%82%B2');
  await expect(page.getByRole('alert')).toContainText('找不到数据目录');
  await page.goto(HARBOR);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/海港吞吐量/);
});

test('a corrupt manifest never leaves a blank page', async ({ page }) => {
  await page.route('**/data/manifest.json', (route) =>
    route.fulfill({ body: 'garbage', contentType: 'application/json' }),
  );
  await page.goto('/category/%E4%BD%93%E8%82%B2');
  await expect(page.getByRole('alert')).toContainText('数据格式有误');
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
});

test('a request that hangs times out into a retry', async ({ page }) => {
  await page.clock.install();
  let hang = true;
  await withoutEntryPage(page, '/article/003_river-bridge');
  await page.route('**/data/articles/003_river-bridge.json', (route) => (hang ? undefined : route.fallback()));
  await page.goto('/article/003_river-bridge');
  await expect(page.getByLabel('正在加载文章')).toBeVisible();
  // Three attempts of 15 s each, with back-off between them, on a clock moved on five seconds at
  // a time until the message shows (between polls, the page handles what each step set off).
  const alert = page.getByRole('alert');
  await expect
    .poll(
      async () => {
        await page.clock.runFor(5_000);
        return alert.count();
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(1);
  await expect(alert).toContainText('请求超时');
  hang = false;
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/跨江大桥顺利合龙/);
});

test('image hosts that hang leave the gallery and the viewer usable, captions shown', async ({ page }) => {
  await movePhotos(page, '001_harbor-trade', (index) => ({ src: `https://slow.example-news.cn/p${index}.jpeg` }));
  await page.route('https://slow.example-news.cn/**', () => undefined); // never answers
  await page.goto(HARBOR);
  const gallery = page.getByRole('complementary');
  await expect(gallery.getByText('桥吊司机在四十米高的驾驶室里操作吊具')).toBeVisible();
  await gallery.getByRole('list').getByRole('button').first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('figcaption')).toContainText('清晨的滨海港集装箱码头');
  await page.keyboard.press('ArrowRight');
  await expect(dialog.locator('figcaption')).toContainText('桥吊司机');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.article__body')).toContainText('今年前三季度');
});

test('going offline mid-read keeps the article readable; other pages explain and recover', async ({
  page,
  context,
}) => {
  await page.goto(HARBOR);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/海港吞吐量/);
  await context.setOffline(true);
  await page.getByRole('complementary').getByRole('list').getByRole('button').nth(1).click();
  await expect(page.getByRole('dialog').locator('figcaption')).toContainText('桥吊司机');
  await page.keyboard.press('Escape');
  await expect(page.locator('.article__body')).toContainText('今年前三季度');

  await page
    .getByRole('navigation', { name: '相邻文章' })
    .getByRole('link', { name: /下一篇/ })
    .click();
  // The browser knows it is offline: the message says so (not a failure to retry at once).
  await expect(page.getByRole('alert')).toContainText('离线时无法加载');
  await context.setOffline(false);
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/梯田里的/);
});

test('data edited by hand with a field of the wrong type is explained, never a crash', async ({ page }) => {
  const edits: [string, (article: Record<string, unknown>) => void, string][] = [
    ['categories', (a) => (a.categories = { name: '财经' }), '文章的 categories'],
    ['author', (a) => (a.author = { name: '张三' }), '文章的 author'],
    ['credit', (a) => ((a.photos as Record<string, unknown>[])[0]!.credit = ['张三摄']), '文章的 photos'],
    ['prev.title', (a) => (a.next = { id: '005_terrace-harvest', title: { zh: '梯田' } }), '文章的 next'],
    ['date', (a) => (a.date = 'not-a-date'), '文章的 date'],
  ];
  for (const [field, edit, message] of edits) {
    await test.step(field, async () => {
      await page.unrouteAll();
      await withoutEntryPage(page, HARBOR);
      await page.route('**/data/articles/001_harbor-trade.json', async (route) => {
        const response = await route.fetch();
        const article = (await response.json()) as Record<string, unknown>;
        edit(article);
        await route.fulfill({ response, json: article });
      });
      await page.goto(HARBOR);
      await expect(page.getByRole('alert')).toContainText(`数据格式有误（${message}）`);
      // The rest of the page stands: the header and the way to other articles.
      await expect(page.getByRole('link', { name: '新闻阅读' })).toBeVisible();
    });
  }
});
