import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { rankChunks } from '../src/features/search/lib/rank-documents.ts';
import { dataPaths, type Manifest } from '../src/lib/content-contract.ts';
import { planQuery, termsByBucket } from '../src/lib/search-terms.ts';
import { chromiumLaunchOptions } from '../scripts/chromium.ts';
import type { Site } from '../scripts/site-server.ts';

/**
 * Search on the generated corpus: what a query downloads, how long ranking
 * takes once its chunks are in, and — in Chromium with the CPU slowed four
 * times — how long after the last chunk arrives the results are on screen.
 */

export const QUERIES = [
  '中欧班列',
  '滚装船',
  '进出口总值',
  '东港',
  '港',
  '集装箱码头',
  '东港 数据中心',
  '第12345期',
  '9.8',
  '林小川',
  'iphone',
];

const PAGE = 10;

export interface QueryCost {
  query: string;
  results: number;
  chunks: number;
  chunkBytes: number;
  /** Chunks, the docs files and the first page's articles: everything the results page fetches. */
  totalBytes: number;
  /** Decoding the chunks and ranking, median of 20, Node on this machine. */
  rankMs: number;
}

export function measureQueries(dataDir: string): QueryCost[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const index = manifest.search;
  const file = (relative: string) => fs.readFileSync(path.join(dataDir, relative));
  return QUERIES.map((query) => {
    const plan = planQuery(query);
    const chunks = [...termsByBucket(plan, index.buckets)].map(([bucket, terms]) => ({
      bytes: file(dataPaths.searchTerms(index.path, bucket)),
      terms,
    }));
    const rank = () => rankChunks(plan, chunks, index.docs);
    const times: number[] = [];
    let ranked = rank();
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      ranked = rank();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const firstPage = ranked.docs.slice(0, PAGE);
    const docFiles = [...new Set(firstPage.map((doc) => Math.floor(doc / index.docsPerFile)))];
    let totalBytes = chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
    for (const n of docFiles) {
      const docs = file(dataPaths.searchDocs(index.path, n));
      totalBytes += docs.length;
      const ids = JSON.parse(docs.toString('utf8')) as string[];
      for (const doc of firstPage) {
        if (Math.floor(doc / index.docsPerFile) === n) {
          totalBytes += file(dataPaths.article(ids[doc % index.docsPerFile] as string)).length;
        }
      }
    }
    return {
      query,
      results: ranked.total,
      chunks: chunks.length,
      chunkBytes: chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0),
      totalBytes,
      rankMs: Number((times[10] as number).toFixed(2)),
    };
  });
}

export interface BrowserQuery {
  query: string;
  /** From the last index chunk's arrival to the ranking done (the app's `search-ranked` mark). */
  rankedAfterChunksMs: number;
  /** From the last index chunk's arrival to the results on screen (after the docs files and articles). */
  shownAfterChunksMs: number;
  /** From navigation start to the results on screen. */
  totalMs: number;
}

/** The built app with the generated corpus's data (bench/site.ts), in Chromium at 4x CPU slowdown. */
export async function measureInBrowser(site: Site): Promise<BrowserQuery[]> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: BrowserQuery[] = [];
  try {
    for (const query of QUERIES) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        const w = window as unknown as { __shown: number };
        w.__shown = 0;
        new MutationObserver(() => {
          if (!w.__shown && document.querySelector('.result-count, .search-page .empty-state[role="status"]')) {
            w.__shown = performance.now();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${site.url}/search?q=${encodeURIComponent(query)}`);
      // Waits for the results, not for a quiet network: at 4x slowdown the bundle can take
      // longer to start than networkidle's half second, and the page would be read too early.
      await page.waitForFunction(() => (window as unknown as { __shown: number }).__shown > 0, undefined, {
        timeout: 120_000,
      });
      results.push(
        await page.evaluate((q) => {
          const shown = (window as unknown as { __shown: number }).__shown;
          const chunks = performance
            .getEntriesByType('resource')
            .filter((entry) => /\/data\/search\/[^/]+\/terms\//.test(entry.name)) as PerformanceResourceTiming[];
          const arrived = Math.max(...chunks.map((entry) => entry.responseEnd));
          const ranked = performance.getEntriesByName('search-ranked')[0]?.startTime ?? Number.NaN;
          return {
            query: q,
            rankedAfterChunksMs: Math.round(ranked - arrived),
            shownAfterChunksMs: Math.round(shown - arrived),
            totalMs: Math.round(shown),
          };
        }, query),
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
