import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export const SCREENSHOTS = path.resolve('e2e/screenshots');

/** A small JPEG served in place of remote photos, so tests never reach the internet. */
export const FIXTURE_PHOTO = fs.readFileSync(path.resolve('e2e/fixtures/photo.jpg'));

interface Fixtures {
  /** Console errors the test expects (e.g. an image host that is down), or null for none. */
  allowConsoleErrors: RegExp | null;
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [null, { option: true }],
  page: async ({ page, allowConsoleErrors }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    // Nothing leaves this machine: any request off localhost fails unless a test routes it.
    await page.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])/, (route) => route.abort('internetdisconnected'));
    // A prerendered page (decision 0015) shows its text before the app has taken it over; a
    // click then would go nowhere. Every navigation waits until the app has it, as a reader's
    // first tap in practice does (it marks #root when it has hydrated).
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    const appReady = () => page.waitForFunction(() => !document.querySelector('#root[data-prerendered]'));
    page.goto = async (...args) => {
      const response = await goto(...args);
      await appReady();
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await appReady();
      return response;
    };
    await use(page);
    const unexpected = errors.filter((text) => !allowConsoleErrors?.test(text));
    expect(unexpected, 'console errors').toEqual([]);
  },
});

export { expect };

/**
 * Serves the app's own page at `address`, as for an article beyond the prerendered newest
 * (decision 0015): the app then loads the article's data itself, which a test can intercept.
 */
export async function withoutEntryPage(page: Page, address: string): Promise<void> {
  await page.route(
    (url) => url.pathname === address || url.pathname.startsWith(`${address}/`),
    (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ path: path.resolve('dist/index.html'), contentType: 'text/html; charset=utf-8' })
        : route.fallback(),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

const AXE_SOURCE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core, injected from node_modules, on the current page. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  // Evaluated over the DevTools protocol: a <script> tag would be refused by the page's
  // CSP and Trusted Types, as it should be.
  await page.evaluate(AXE_SOURCE);
  // Contrast is judged on the settled page, not halfway through a fade-in.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  return page.evaluate(async (context) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(context ?? document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, selector);
}

/**
 * Waits until the page has nothing left in motion: every image that is loading has loaded or
 * failed, every finite animation has finished, the fonts are in, and two frames have been
 * drawn since. Whatever
 * an image error, an animation or a layout would set off has happened by then: a state to
 * wait for, not a length of time.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const loading = [...document.images].filter((image) => !image.complete && image.loading !== 'lazy');
    await Promise.all(
      loading.map(
        (image) =>
          new Promise((resolve) => {
            image.addEventListener('load', resolve, { once: true });
            image.addEventListener('error', resolve, { once: true });
          }),
      ),
    );
    await Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    );
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

/** Serves the data files of another build (a folder of the pipeline's output) in place of the bundled one. */
export async function serveDataDir(page: Page, root: string): Promise<void> {
  await page.route('**/data/**', (route) => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^.*?\/data\//, ''));
    const file = path.join(root, relative);
    if (!file.startsWith(root) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '{}' });
    return route.fulfill({ body: fs.readFileSync(file), contentType: 'application/json' });
  });
}

export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Serves an article of the sample data with its photos moved to other hosts. */
export async function movePhotos(
  page: Page,
  id: string,
  urls: (index: number) => { src: string; fallbackSrc?: string },
): Promise<void> {
  await withoutEntryPage(page, `/article/${id}`);
  await page.route(`**/data/articles/${id}.json`, async (route) => {
    const response = await route.fetch();
    const article = (await response.json()) as { photos: object[] };
    article.photos = article.photos.map((photo, index) => ({ ...photo, ...urls(index) }));
    await route.fulfill({ response, json: article });
  });
}
