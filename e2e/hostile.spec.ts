import type { Page } from '@playwright/test';
import { PAYLOAD_CLASSES, PAYLOADS } from '../src/test/hostile-payloads.ts';
import { CASES, type HostileCase, TAKEOVER_CASES } from './hostile-corpus.ts';
import { expect, serveDataDir, settle, test } from './test.ts';

// Every payload rides in an article's body, photo caption, alt text, title, author and
// category (e2e/global-setup.ts builds them once for the run). The reader must render them as
// text or drop them, and nothing may run: not an alert, not a handler, not a navigation.
// One browser page reads a whole batch of articles, moving from one to the next with `j`.

// Broken images and blocked http: images are expected noise; nothing else is.
test.use({ allowConsoleErrors: /Failed to load resource|Content Security Policy directive: "img-src/ });

const BATCH = 16;

function dataDir(): string {
  const dir = process.env.HOSTILE_DATA_DIR;
  if (!dir) throw new Error('HOSTILE_DATA_DIR is not set: e2e/global-setup.ts builds the hostile data');
  return dir;
}

/** Serves the hostile data set in place of the bundled one, and arms the tripwires. */
async function prepare(page: Page): Promise<{ dialogs: string[] }> {
  await serveDataDir(page, dataDir());
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const executed: string[] = [];
    const violations: string[] = [];
    w.__executed = executed;
    w.__violations = violations;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = () => executed.push(name);
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      if (event.effectiveDirective !== 'img-src') violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { dialogs };
}

/** What ran, what the CSP had to stop, and what dangerous markup reached the page at all. */
async function tripped(page: Page): Promise<{ executed: string[]; violations: string[]; dangerous: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __executed: string[]; __violations: string[] };
    const dangerous: string[] = [];
    const app = [document.getElementById('root'), ...document.body.children].filter(Boolean) as Element[];
    for (const root of app) {
      for (const element of [root, ...root.querySelectorAll('*')]) {
        const tag = element.tagName.toLowerCase();
        if (
          ['script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'style', 'link', 'svg', 'math'].includes(tag)
        ) {
          if (!(tag === 'script' && element.parentElement === document.body && element.getAttribute('src')))
            dangerous.push(tag);
        }
        for (const { name, value } of element.attributes) {
          if (/^on/i.test(name)) dangerous.push(`${tag}[${name}]`);
          if (
            /^(href|src|action|formaction|xlink:href|data|background|poster)$/i.test(name) &&
            /^\s*(javascript:|vbscript:|data:text)/i.test(value.replace(/[\t\n\r]/g, ''))
          ) {
            dangerous.push(`${tag}[${name}=${value.slice(0, 30)}]`);
          }
          if (name === 'style' && element.closest('.article__body')) dangerous.push(`${tag}[style]`);
        }
      }
    }
    return { executed: w.__executed, violations: w.__violations, dangerous };
  });
}

const CLEAN = { executed: [], violations: [], dangerous: [] };

/** Reads the article on screen as a reader would, photo viewer included, then checks every tripwire. */
async function readHostileArticle(page: Page, { id, html }: HostileCase, dialogs: string[]): Promise<void> {
  await expect(page.locator('.article__title')).toContainText(`案例 ${id}：`);
  await expect(page.locator('.article__body')).toContainText(`正文标记-${id}`);
  await expect(page).toHaveTitle(new RegExp(`案例 ${id}：`));
  expect(new URL(page.url()).pathname).toBe(`/article/${id}`);
  // Open the photo, where caption and alt text are shown (some payloads swallow the photo itself).
  const thumbnails = page.getByRole('complementary').getByRole('list').getByRole('button');
  if ((await thumbnails.count()) > 0) {
    await thumbnails.first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/article/${id}/photo/1$`));
    await settle(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/article/${id}$`));
  }
  await page.locator('.article__body').hover();
  await settle(page);
  expect(await tripped(page), html).toEqual(CLEAN);
  expect(dialogs, html).toEqual([]);
}

test('the corpus covers every class of attack, over a hundred cases', () => {
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
  expect(Object.keys(PAYLOAD_CLASSES).length).toBeGreaterThanOrEqual(10);
});

test('the home page and a hostile category list them as text', async ({ page }) => {
  const { dialogs } = await prepare(page);
  await page.goto('/');
  await expect(page.getByRole('article').first()).toBeVisible();
  await page.goto(`/category/${encodeURIComponent(PAYLOADS[1]?.html ?? '')}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('<SCRIPT');
  await settle(page);
  expect(await tripped(page)).toEqual(CLEAN);
  expect(dialogs).toEqual([]);
});

test('search results show hostile titles and captions as text', async ({ page }) => {
  const { dialogs } = await prepare(page);
  // Every title starts with 案例; every caption with 图说.
  await page.goto(`/search?q=${encodeURIComponent('案例')}`);
  await expect(page.getByRole('status')).toContainText(`找到 ${CASES.length} 篇相关文章`);
  await expect(page.getByRole('article')).toHaveCount(10);
  await expect(page.getByRole('article').first().locator('mark').first()).toHaveText('案例');
  await page.goto(`/search?q=${encodeURIComponent('图说')}`);
  await expect(page.getByRole('article').first().locator('.result__snippet mark').first()).toHaveText('图说');
  await settle(page);
  expect(await tripped(page)).toEqual(CLEAN);
  expect(dialogs).toEqual([]);
});

// Batches of consecutive cases: the newest of a batch is opened by URL, and `j` (the older
// neighbour) walks back through the rest, so each page load serves BATCH articles. The app's
// own fades are off (reduced motion): content brings no animation of its own (both sanitizers
// drop `style`), and each fade would cost every case a fifth of a second.
test.describe('hostile articles', () => {
  test.use({ reducedMotion: 'reduce', viewport: { width: 390, height: 844 } });
  defineBatches();
});

function defineBatches(): void {
  for (let start = 0; start < CASES.length; start += BATCH) {
    const batch = CASES.slice(start, start + BATCH);
    const first = batch[0] as HostileCase;
    const last = batch[batch.length - 1] as HostileCase;
    test(`hostile articles ${first.id} … ${last.id}: nothing runs`, async ({ page }) => {
      const { dialogs } = await prepare(page);
      await page.goto(`/article/${last.id}`);
      for (let i = batch.length - 1; i >= 0; i--) {
        const item = batch[i] as HostileCase;
        await test.step(`${item.group}: ${item.id}`, async () => {
          if (i < batch.length - 1) await page.keyboard.press('j');
          await readHostileArticle(page, item, dialogs);
        });
      }
    });
  }
}

/** Whether the element `selector` names is what a tap at its centre reaches (it or a child of it). */
async function onTop(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((css) => {
    const element = document.querySelector(css);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  }, selector);
}

// Article HTML may not borrow the app's classes to lay a fake dialog, viewer or header over the
// page: after each attempt, the header, the search box and the title are still what a tap hits.
for (const width of [390, 1280]) {
  test(`no article covers the header, the search box or the title, at ${width} px`, async ({ page }) => {
    await prepare(page);
    await page.setViewportSize({ width, height: 800 });
    for (const { id } of TAKEOVER_CASES) {
      await test.step(id, async () => {
        await page.goto(`/article/${id}`);
        await expect(page.locator('.article__body')).toContainText(`正文结尾-${id}`);
        await settle(page);
        expect(await onTop(page, '.site-header__name'), 'the site name').toBe(true);
        expect(await onTop(page, '#site-search'), 'the search box').toBe(true);
        expect(await onTop(page, '.article__title'), 'the title').toBe(true);
        // Scrolled to the article's text: the sticky header is still the real one, on top.
        await page.locator('.article__body').scrollIntoViewIfNeeded();
        await page.evaluate(() => window.scrollBy(0, 200));
        expect(await onTop(page, '.site-header__name'), 'the site name, scrolled').toBe(true);
        expect(await onTop(page, '#site-search'), 'the search box, scrolled').toBe(true);
        // A tap on the search box gets the search box, not a link to elsewhere.
        await page.locator('#site-search').click();
        await expect(page.locator('#site-search')).toBeFocused();
        expect(new URL(page.url()).pathname).toBe(`/article/${id}`);
        // The article's markup keeps none of the app's classes.
        expect(await page.locator('.article__body [class]').count()).toBe(0);
      });
    }
  });
}
