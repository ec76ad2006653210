import { expect, test } from './test.ts';

/** A PNG's width and height, from its IHDR chunk. */
const pngSize = (bytes: Buffer) => `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;

test('the app is installable: Chromium reads its manifest without a complaint, every icon is there', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
  expect(manifest.errors).toEqual([]);
  const installability = await cdp.send('Page.getInstallabilityErrors');
  // A test's browser context is a private one, which Chromium never installs from: that one reason aside, none.
  const reasons = installability.installabilityErrors.map((error) => error.errorId);
  expect(reasons.filter((reason) => reason !== 'in-incognito')).toEqual([]);

  const data = JSON.parse(manifest.data ?? '{}') as {
    name: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(data).toMatchObject({ name: '新闻阅读', short_name: '新闻阅读', display: 'standalone', lang: 'zh-CN' });
  expect(data.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
  for (const icon of data.icons) {
    const response = await request.get(new URL(icon.src, manifest.url).pathname);
    expect(response.ok(), icon.src).toBe(true);
    expect(response.headers()['content-type'], icon.src).toContain(icon.type);
    if (icon.type === 'image/png') expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
  }
  // The browser's bar follows the theme: a colour for light and one for dark.
  const colours = await page
    .locator('meta[name="theme-color"]')
    .evaluateAll((metas) => metas.map((meta) => `${meta.getAttribute('media')} ${meta.getAttribute('content')}`));
  expect(colours).toEqual(['(prefers-color-scheme: light) #fbfaf7', '(prefers-color-scheme: dark) #141413']);
});
