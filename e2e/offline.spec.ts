import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type Site, startPreview } from '../scripts/site-server.ts';
import { writeServiceWorker } from '../scripts/vite-service-worker-plugin.ts';
import { axeViolations, expect, FIXTURE_PHOTO, screenshot, test } from './test.ts';

// Offline reading (issue 17, decision 0021): the service worker is allowed here, and only here
// (playwright.config.ts blocks it elsewhere: it would answer before a test's routes).
test.use({ serviceWorkers: 'allow' });

const HARBOUR = '海港吞吐量稳中有升，外贸订单排到年中（新时代画卷）';

/** Waits until the app's service worker controls the page: from then on it sees every request. */
async function underServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Waits until the worker has kept the article `id` (its data and photos). */
async function kept(page: Page, id: string): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async (id) => {
        const index = await caches.match('/.offline/kept-index.json', { cacheName: 'kept' });
        const entries = index ? ((await index.json()) as [string, string[]][]) : [];
        return entries.find(([kept]) => kept === id)?.[1].length ?? -1;
      }, id),
    )
    .toBeGreaterThan(0);
}

/** A port no one listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A copy of the built site, served on a port of its own: a test may change it. */
async function servedCopy(): Promise<{ folder: string; site: Site; close: () => void }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'news-reader-sw-'));
  fs.cpSync(path.resolve('dist'), folder, { recursive: true });
  const site = await startPreview(await freePort(), folder);
  return {
    folder,
    site,
    close: () => {
      site.close();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

test.describe('offline', () => {
  // Requests the page makes offline fail (a list never read, a photo not kept): that is the test.
  test.use({ allowConsoleErrors: /Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/ });

  test('a saved article reads offline with its text and photos; a list never read says so', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await underServiceWorker(page);
    // Registered under the page's Trusted Types (a refused string would have left no worker), and
    // under a policy of its own, which the worker's script carries.
    const worker = await page.request.get('/sw.js');
    expect(worker.headers()['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; connect-src 'self' https:; require-trusted-types-for 'script'; trusted-types 'none'",
    );
    await page.getByRole('link', { name: HARBOUR, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: HARBOUR })).toBeVisible();
    const save = page.locator('.article__actions').getByRole('button', { name: /收藏/ });
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await kept(page, '001_harbor-trade');

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('离线', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: '收藏', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '收藏' })).toBeVisible();
    const entry = page.getByRole('main').getByRole('link', { name: HARBOUR });
    await expect(entry).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'offline-saved');

    await entry.click();
    const article = page.getByRole('main');
    await expect(page.getByRole('heading', { level: 1, name: HARBOUR })).toBeVisible();
    await expect(article.getByText('集装箱', { exact: false }).first()).toBeVisible();
    const firstPhoto = article.locator('.gallery__list img').first();
    await expect(firstPhoto).toBeVisible();
    await expect.poll(() => firstPhoto.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

    // A category never opened: not kept, and the page says why, with a retry.
    await page.getByRole('navigation', { name: '分类' }).getByRole('link', { name: /^足球/ }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('离线时无法加载');
    await expect(alert.getByRole('button', { name: '重试' })).toBeVisible();
    await screenshot(page, 'offline-list');

    // Back online, the retry loads it.
    await context.setOffline(false);
    await expect(page.getByText('离线', { exact: true })).toBeHidden();
    await alert.getByRole('button', { name: '重试' }).click();
    await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();
  });

  test('photos from another host are kept too: without CORS, cookies or a referrer, and shown offline', async ({
    page,
    context,
  }) => {
    const { folder, site, close } = await servedCopy();
    try {
      // One article's photos on a photo host, as the real archive has them, and no page of its own
      // (the app reads its data, as for any article past the prerendered newest).
      const id = '002_solar-export';
      const file = path.join(folder, 'data/articles', `${id}.json`);
      const article = JSON.parse(fs.readFileSync(file, 'utf8')) as { cover?: string; photos: { src: string }[] };
      article.photos.forEach((photo, n) => Object.assign(photo, { src: `https://photos.example.cn/solar-${n}.jpg` }));
      delete article.cover;
      fs.writeFileSync(file, JSON.stringify(article));
      fs.rmSync(path.join(folder, 'article', id), { recursive: true });
      const asked: (string | null)[] = [];
      await context.route('https://photos.example.cn/**', async (route) => {
        asked.push(await route.request().headerValue('referer'));
        await route.fulfill({ body: FIXTURE_PHOTO, contentType: 'image/jpeg' });
      });

      await page.goto(site.url + '/');
      await underServiceWorker(page);
      await page.goto(`${site.url}/article/${id}`);
      const save = page.locator('.article__actions').getByRole('button', { name: /收藏/ });
      await save.click();
      await expect(save).toHaveAttribute('aria-pressed', 'true');
      await kept(page, id);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((referer) => referer === null)).toBe(true);

      // From here the photo host is gone, and so is the network: only the worker has them.
      await context.unroute('https://photos.example.cn/**');
      await context.setOffline(true);
      await page.reload();
      const photo = page.getByRole('main').locator('.gallery__list img').first();
      await expect(photo).toHaveAttribute('src', 'https://photos.example.cn/solar-0.jpg');
      await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    } finally {
      close();
    }
  });
});

test('a new build while the page is open shows 有新内容, not over an article, and updates on a click', async ({
  page,
}) => {
  const { folder, site, close } = await servedCopy();
  try {
    await page.goto(site.url + '/');
    await underServiceWorker(page);
    const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    await page.getByRole('link', { name: HARBOUR, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: HARBOUR })).toBeVisible();

    // The next build: the same last step as `vite build`, over a shell that changed.
    fs.appendFileSync(path.join(folder, 'theme-init.js'), '\n// the next build\n');
    await writeServiceWorker(folder);
    // The reader comes back to the tab: the app looks for a new worker then.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect
      .poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)))
      .toBe(true);
    // Not while an article is open: the page never reloads under a reader.
    await expect(page.getByText('有新内容')).toBeHidden();

    await page.goBack();
    const notice = page.locator('[aria-live="polite"] > p', { hasText: '有新内容' });
    await expect(notice).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'update-ready');
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: '更新' }).click()]);
    await expect(page.getByRole('heading', { level: 1, name: '最新文章' })).toBeVisible();
    await expect(page.getByText('有新内容')).toBeHidden();
    const next = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(next).toBe(first);
    // The worker now in charge is the new build's: its shell has the changed file.
    expect(
      await page.evaluate(async () => {
        const response = await caches.match('/theme-init.js', { ignoreVary: true });
        return (await response?.text())?.includes('the next build');
      }),
    ).toBe(true);
  } finally {
    close();
  }
});
