import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';
import { BIG_CATEGORY } from './generate-corpus.ts';
import type { Site } from '../scripts/site-server.ts';

export interface PagingResult {
  category: string;
  articles: number;
  pages: number;
  /** Click on 下一页 to the next page's first title on screen, per turn. */
  turnMs: number[];
  /** Long tasks (over 50 ms) while paging, and the longest. */
  longTasks: number;
  longestTaskMs: number;
  /** A deep link to the last page, navigation start to its list on screen. */
  lastPageMs: number;
}

const TURNS = 10;

/** Pages through the 5,000-article category in Chromium, 390 px, CPU slowed four times. */
export async function measureCategoryPaging(site: Site): Promise<PagingResult> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__long.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const base = `${site.url}/category/${encodeURIComponent(BIG_CATEGORY)}`;
    await page.goto(base);
    await page.getByRole('article').first().waitFor();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    const articles = Number(/([\d,]+)\s*篇/.exec(heading ?? '')?.[1]?.replaceAll(',', '') ?? 0);
    const pages = Math.ceil(articles / 20);
    // The long tasks of the first load are not paging.
    await page.evaluate(() => {
      (window as unknown as { __long: number[] }).__long = [];
    });
    const turnMs: number[] = [];
    // A small corpus's category has fewer pages than turns.
    for (let turn = 0; turn < Math.min(TURNS, pages - 1); turn++) {
      const before = await page.getByRole('article').first().getByRole('heading').textContent();
      const started = Date.now();
      await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '下一页' }).click();
      await page.waitForFunction((title) => document.querySelector('article h2')?.textContent !== title, before, {
        polling: 'raf',
      });
      turnMs.push(Date.now() - started);
    }
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    const started = Date.now();
    await page.goto(`${base}?page=${pages}`);
    await page.getByRole('article').first().waitFor();
    const lastPageMs = Date.now() - started;
    await context.close();
    return {
      category: BIG_CATEGORY,
      articles,
      pages,
      turnMs,
      longTasks: long.length,
      longestTaskMs: Math.round(Math.max(0, ...long)),
      lastPageMs,
    };
  } finally {
    await browser.close();
  }
}
