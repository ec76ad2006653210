import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';
import { startPreview } from '../scripts/site-server.ts';

/**
 * Largest Contentful Paint and Cumulative Layout Shift per route, in Chromium with the CPU
 * slowed four times, against the built app served by `vite preview` on localhost.
 */

const PORT = 4188;
const ROUTES = ['/', '/category/%E8%B4%A2%E7%BB%8F', '/article/001_harbor-trade'];

/** The built app with the sample data (dist/), on its own `vite preview`. */
export async function measureWebVitals(): Promise<Record<string, { lcpMs: number; cls: number }>> {
  const server = await startPreview(PORT);
  try {
    return await measureRoutes(server.url, ROUTES);
  } finally {
    server.close();
  }
}

/** Each route loaded cold, in a fresh context, on the site at `origin`. */
export async function measureRoutes(
  origin: string,
  routes: readonly string[],
): Promise<Record<string, { lcpMs: number; cls: number }>> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: Record<string, { lcpMs: number; cls: number }> = {};
  try {
    for (const route of routes) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        const w = window as unknown as { __lcp: number; __cls: number };
        w.__lcp = 0;
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__lcp = entry.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) w.__cls += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${origin}${route}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      results[decodeURIComponent(route)] = await page.evaluate(() => {
        const w = window as unknown as { __lcp: number; __cls: number };
        return { lcpMs: Math.round(w.__lcp), cls: Number(w.__cls.toFixed(3)) };
      });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
