import fs from 'node:fs';
import path from 'node:path';
import { checkOutputFolder } from './output/output-folder.ts';
import { assertTimeZone } from './read/parse-date.ts';
import { PageTemplate } from './pages/page-template.ts';
import { checkSiteUrl } from './pages/site-url.ts';
import { PipelineError } from './report.ts';

export interface PipelineOptions {
  inDir: string;
  outDir: string;
  strict?: boolean;
  timeZone?: string;
  pageSize?: number;
  /** Where the incremental cache lives; undefined turns it off. */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** Build drafts too: posts with `published: false` and files under `_drafts/` (off: left out). */
  drafts?: boolean;
  /** Follow symbolic links that lead outside the input folder (off: they are skipped with a warning). */
  followSymlinks?: boolean;
  /**
   * The files (paths under the input folder) changed, added or deleted since the last run, as
   * a watcher, a CMS or `git diff --name-only` knows them: with a cache of the published
   * output, only these are looked at (`--changed FILE`). Without one, every file is.
   */
  changed?: readonly string[];
  /** A file that takes longer to read is skipped (default PARSE_TIME_LIMIT_MS). */
  parseTimeLimitMs?: number;
  /** Heap of each parse worker, in MB (default WORKER_MEMORY_MB). */
  workerMemoryMb?: number;
  /** Crash tests only: files (by path under the input) on which a worker hangs or runs out of memory. */
  faults?: Record<string, 'stall' | 'exhaust-memory'>;
  /** The time the output says it was generated; fixed in tests. */
  now?: () => Date;
  /**
   * False builds an index with no terms (search finds nothing): the benchmark
   * uses it to measure what the search index adds to a build.
   */
  searchTerms?: boolean;
  /**
   * The built app (`dist`, holding its index.html): entry pages with the title, description and
   * link preview of what their address shows are written under it, `article/<id>/index.html`
   * for each of the newest articles and `category/<name>/index.html` for each category
   * (`--pages DIR`; pages/publish-pages.ts).
   */
  pagesDir?: string;
  /** How many of the newest articles get an entry page (default PAGES_NEWEST). */
  pagesNewest?: number;
  /**
   * The app's server build (`--render FILE`, src/entry-server.tsx built by `npm run build`):
   * the entry pages of the newest articles and of the categories carry the markup the app
   * renders, which it then hydrates (decision 0015). Without it the pages carry a head only.
   */
  renderer?: string;
  /** How many of the newest articles' pages are prerendered (default PRERENDER_NEWEST). */
  prerenderNewest?: number;
  /**
   * The site's public address (`--site-url`): absolute links in the pages, and a sitemap and
   * robots.txt beside them. Without it they are left out.
   */
  siteUrl?: string;
}

/**
 * Entry pages written by default: a page is two new files (a folder and its index.html), and on
 * a disk where creating a file costs 0.05–0.7 ms, pages for all of 20,000 articles would add
 * more than the quarter of a cold build they may cost (docs/decisions/0014).
 */
export const PAGES_NEWEST = 2000;

/**
 * Article pages prerendered by default: one costs about 6 ms of one core (a React render, and
 * DOMPurify over jsdom), and a cold build may grow by a quarter at most (decision 0015).
 */
export const PRERENDER_NEWEST = 500;

/** The options of one run, checked, with every default filled in and the folders resolved. */
export interface BuildSettings extends Omit<PipelineOptions, 'siteUrl'> {
  inDir: string;
  outDir: string;
  timeZone: string;
  pageSize: number;
  pagesNewest: number;
  prerenderNewest: number;
  siteUrl?: URL;
}

/** Checks the options before anything is read or written; a bad one is a PipelineError. */
export function checkOptions(options: PipelineOptions): BuildSettings {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new PipelineError(`unknown time zone "${timeZone}"`);
  }
  const pageSize = options.pageSize ?? 20;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new PipelineError(`--page-size must be a whole number from 1 to 1000, not ${pageSize}`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(options.inDir);
  } catch {
    throw new PipelineError(`input folder ${options.inDir} does not exist`);
  }
  if (!stat.isDirectory()) throw new PipelineError(`input ${options.inDir} is not a folder`);
  checkOutputFolder(options.inDir, options.outDir);
  const pagesNewest = options.pagesNewest ?? PAGES_NEWEST;
  if (!Number.isInteger(pagesNewest) || pagesNewest < 0)
    throw new PipelineError(`--pages-newest must be a whole number, not ${pagesNewest}`);
  const prerenderNewest = options.prerenderNewest ?? PRERENDER_NEWEST;
  if (!Number.isInteger(prerenderNewest) || prerenderNewest < 0)
    throw new PipelineError(`--prerender-newest must be a whole number, not ${prerenderNewest}`);
  let renderer: string | undefined;
  if (options.renderer !== undefined) {
    renderer = path.resolve(options.renderer);
    if (options.pagesDir === undefined) throw new PipelineError('--render needs --pages: it renders the entry pages');
    if (!fs.existsSync(renderer) || !fs.statSync(renderer).isFile())
      throw new PipelineError(`--render ${options.renderer} is not a file: give the app's server build`);
  }
  let pagesDir: string | undefined;
  if (options.pagesDir !== undefined) {
    pagesDir = path.resolve(options.pagesDir);
    if (!fs.existsSync(path.join(pagesDir, 'index.html')))
      throw new PipelineError(`--pages ${options.pagesDir} holds no index.html: give the built app's folder (dist)`);
    checkTemplate(path.join(pagesDir, 'index.html'), renderer !== undefined);
    checkOutputFolder(options.inDir, path.join(pagesDir, 'article'));
    checkOutputFolder(options.inDir, path.join(pagesDir, 'category'));
    checkOutputFolder(options.inDir, path.join(pagesDir, 'tag'));
  }
  const { siteUrl: siteAddress, ...rest } = options;
  return {
    ...rest,
    timeZone,
    pageSize,
    pagesNewest,
    prerenderNewest,
    inDir: path.resolve(options.inDir),
    outDir: path.resolve(options.outDir),
    ...(pagesDir !== undefined && { pagesDir }),
    ...(renderer !== undefined && { renderer }),
    ...(siteAddress !== undefined && { siteUrl: checkSiteUrl(siteAddress) }),
  };
}

/** The app's page must be one the pages can be made from, before anything is written. */
function checkTemplate(file: string, prerender: boolean): void {
  let template: PageTemplate;
  try {
    template = new PageTemplate(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PipelineError(`${file} cannot serve as the pages' template: ${(error as Error).message}`);
  }
  if (prerender && !template.canPrerender)
    throw new PipelineError(`${file} cannot hold prerendered pages: it has no empty <div id="root"></div>`);
}
