import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { runPipeline } from '../pipeline/src/run-pipeline.ts';
import { PAYLOAD_CLASSES, PAYLOADS } from '../src/test/hostile-payloads.ts';
import { expect, test } from './test.ts';

// Every payload rides in an article's body, photo caption, alt text, title, author and
// category. The pipeline builds them like any content; the reader must render them as text
// or drop them, and nothing may run: not an alert, not a handler, not a navigation.

// Broken images and blocked http: images are expected noise; nothing else is.
test.use({ allowConsoleErrors: /Failed to load resource|Content Security Policy directive: "img-src/ });

/**
 * More vectors from outside the project, for a run by hand:
 * `EXTRA_XSS_VECTORS=../shared/xss-vectors/dompurify-vectors.json npx playwright test hostile`
 * (a JSON array of strings, or of objects with a `data` string; several files comma-separated).
 */
function extraVectors(): { id: string; group: string; html: string }[] {
  const files = (process.env.EXTRA_XSS_VECTORS ?? '').split(',').filter(Boolean);
  return files.flatMap((file) => {
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as (string | { data?: string })[];
    const name = path
      .basename(file, '.json')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    return list
      .map((entry) => (typeof entry === 'string' ? entry : (entry.data ?? '')))
      .filter((html) => html !== '')
      .map((html, index) => ({ id: `${name}-${index + 1}`, group: name, html }));
  });
}

const CASES = [...PAYLOADS, ...extraVectors()];

let dataDir = '';

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

test.beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-'));
  const content = path.join(root, 'content');
  fs.mkdirSync(content);
  CASES.forEach(({ id, html }, index) => {
    const minute = String(index % 60).padStart(2, '0');
    const hour = String(Math.floor(index / 60) % 24).padStart(2, '0');
    const front = [
      '---',
      `title: ${JSON.stringify(`案例 ${id}：${html}`)}`,
      `author: ${JSON.stringify(html)}`,
      `categories: [恶意样本, ${JSON.stringify(html)}]`,
      `date: 2024-01-01 ${hour}:${minute}:00`,
      '---',
    ].join('\n');
    const body = [
      `<p>正文标记-${id}：这一段文字必须显示。</p>`,
      html,
      `<p style="text-align:center"><img src="/sample-photos/port-dawn.svg" data-bitmap="javascript:alert(1)" alt="${attribute(html)}"></p>`,
      `<p style="text-align:center">图说-${id}：${html}</p>`,
      `<p>结尾标记-${id}。</p>`,
    ].join('\n');
    fs.writeFileSync(path.join(content, `${id}.html`), `${front}\n${body}\n`);
  });
  dataDir = path.join(root, 'data');
  const report = await runPipeline({ inDir: content, outDir: dataDir });
  expect(report.built).toBe(CASES.length);
});

/** Serves the hostile data set in place of the bundled one, and arms the tripwires. */
async function prepare(page: Page): Promise<{ dialogs: string[] }> {
  await page.route('**/data/**', (route) => {
    const relative = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^.*?\/data\//, ''));
    const file = path.join(dataDir, relative);
    if (!file.startsWith(dataDir) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '{}' });
    return route.fulfill({ body: fs.readFileSync(file), contentType: 'application/json' });
  });
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
  await page.waitForTimeout(300);
  expect(await tripped(page)).toEqual({ executed: [], violations: [], dangerous: [] });
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
  await page.waitForTimeout(300);
  expect(await tripped(page)).toEqual({ executed: [], violations: [], dangerous: [] });
  expect(dialogs).toEqual([]);
});

for (const { id, group, html } of CASES) {
  test(`${group}: ${id} runs nowhere`, async ({ page }) => {
    const { dialogs } = await prepare(page);
    await page.goto(`/article/${id}`);
    await expect(page.locator('.article__title')).toContainText(`案例 ${id}：`);
    await expect(page.locator('.article__body')).toContainText(`正文标记-${id}`);
    await expect(page).toHaveTitle(new RegExp(`案例 ${id}：`));
    // Open the photo, where caption and alt text are shown (some payloads swallow the photo itself).
    const thumbnails = page.getByRole('complementary').getByRole('button');
    if ((await thumbnails.count()) > 0) {
      await thumbnails.first().click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await page.waitForTimeout(150); // handlers, animations and refreshes get a moment to fire
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
    await page.locator('.article__body').hover();
    await page.waitForTimeout(100);
    expect(await tripped(page), html).toEqual({ executed: [], violations: [], dangerous: [] });
    expect(dialogs).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(`/article/${id}`);
  });
}
