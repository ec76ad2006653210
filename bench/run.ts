import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { compiledPipeline } from '../pipeline/bin/compiled-pipeline.mjs';
import { PAGES_NEWEST, PRERENDER_NEWEST } from '../pipeline/src/pipeline-options.ts';
import { dataPaths, type ListHead } from '../src/lib/content-contract.ts';
import { pageRange } from '../src/lib/list-cuts.ts';
import { categoryListFiles } from '../pipeline/src/output/assemble-output.ts';
import { readListStretch } from '../pipeline/src/output/read-list-files.ts';
import { nameSegment } from '../src/lib/name-segment.ts';
import { parseListHead, parseManifest } from '../src/lib/validate-data.ts';
import { corpusShape, generateArticle, generateCorpus, lateArticle } from './generate-corpus.ts';
import { benchPeers } from './peers.ts';
import { removeSetAside, setAside } from './set-aside.ts';
import { measureCategoryPaging } from './category-paging.ts';
import { measureInBrowser, measureQueries } from './search.ts';
import { serveCorpus } from './site.ts';
import { type WatchedRun, watchedRuns } from './watched-runs.ts';
import { measureRoutes, measureWebVitals } from './web-vitals.ts';

/**
 * `npm run bench`: prints numbers, asserts nothing.
 * - the pipeline on N generated articles (default 20,000): cold, unchanged, one file changed,
 *   added and deleted: found by listing, named with --changed, and reported by --watch;
 * - the same without search terms, to show what the search index costs;
 * - Hexo (JSON only, and with the default theme) and Eleventy on the same corpus;
 * - the gzip size of the JavaScript the built app loads per route, and the JSON bytes per view;
 * - search: bytes and ranking time per query, and in Chromium (4x CPU slowdown) the time from
 *   the index chunks' arrival to the results; paging through a 5,000-article category;
 * - LCP and CLS per route.
 * Writes them to bench/results/latest.json as well.
 */

const COUNT = Number(process.env.BENCH_ARTICLES ?? 20_000);
/** `mixed` (three light shapes) or `seed` (the real input's shape at full weight): BENCH_SHAPE. */
const SHAPE = corpusShape();
/**
 * BENCH_CORPUS=<folder>: keep the corpus there (outside the repository) and generate it only
 * when it is not the one asked for, so that 100,000 or 1,000,000 articles are written once.
 */
const WORK = path.resolve(process.env.BENCH_CORPUS ?? 'bench/.corpus');
const CORPUS = path.join(WORK, 'content');
const OUT = path.join(WORK, 'data');
/** Cold runs of each kind, the better counting: 2, or 1 with BENCH_COLD_RUNS=1. */
const COLD_RUNS = process.env.BENCH_COLD_RUNS === '1' ? 1 : 2;
/**
 * The runs without search terms and with entry pages, which show what each costs; BENCH_VARIANTS=0
 * leaves them out (at a million articles each adds a quarter-hour cold run).
 */
const VARIANTS = process.env.BENCH_VARIANTS !== '0';
const variant = (run: () => RunResult): RunResult | undefined => (VARIANTS ? run() : undefined);
const CACHE = path.join(WORK, 'cache');

interface RunResult {
  built: number;
  parsed: number;
  durationMs: number;
  maxRssMb: number;
  wallMs: number;
  /** How the search index was made (kept, appended, patched, built). */
  searchIndex?: string;
  /** `edits`: published in place, only what the named files change (publish-edits.ts). */
  run?: string;
}

/** The app's server build, which prerenders the pages (decision 0015); `npm run build` makes it. */
const RENDERER = path.resolve('node_modules/.cache/news-reader/server/entry-server.js');

/**
 * The corpus again under names out of date order, as a Hexo archive names its posts by slug
 * (`source/_posts/<title>.md`): the order its files are listed in is not its articles' order.
 * The generated names follow the dates, which flatters what reads back in date order what was
 * spooled in the order of the files (decision 0024).
 */
const SLUGGED = path.join(WORK, 'slugged');

/**
 * Each article file of the corpus hard-linked (or copied) into SLUGGED/content/<xx>/<hash>-<name>,
 * a hash of its path first; kept while its marker names the same corpus.
 */
function sluggedCorpus(wanted: string): string {
  const content = path.join(SLUGGED, 'content');
  const marker = path.join(SLUGGED, 'corpus.json');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) return content;
  setAside(SLUGGED, WORK);
  for (const entry of fs.readdirSync(CORPUS, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const from = path.join(entry.parentPath, entry.name);
    const hash = createHash('sha1').update(path.relative(CORPUS, from)).digest('hex');
    const to = path.join(content, hash.slice(0, 2), `${hash.slice(2, 10)}-${entry.name}`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
  fs.writeFileSync(marker, wanted);
  return content;
}

/** The built app the entry-pages runs write their pages beside (decision 0014). */
const PAGES_SITE = path.join(WORK, 'pages-site');

/**
 * One run in its own process; `changed`: the files to name with `--changed`. `search: false`
 * builds no search terms (its own output and cache); `pages` writes the entry pages too.
 */
function runOnce(search = true, changed?: string[], pages = false, corpus = CORPUS): RunResult {
  const started = performance.now();
  const [out, cache] =
    corpus !== CORPUS
      ? [path.join(SLUGGED, 'data'), path.join(SLUGGED, 'cache')]
      : pages
        ? [path.join(PAGES_SITE, 'data'), `${CACHE}-pages`]
        : search
          ? [OUT, CACHE]
          : [`${OUT}-nosearch`, `${CACHE}-nosearch`];
  const list = path.join(WORK, 'changed.txt');
  if (changed) fs.writeFileSync(list, changed.join('\n'));
  const child = spawnSync(
    process.execPath,
    ['bench/run-pipeline-once.mjs', corpus, out, cache, ...(changed ? [list] : [])],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, BENCH_SEARCH: search ? '1' : '0', BENCH_PAGES: pages ? PAGES_SITE : '' },
    },
  );
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`pipeline failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(line) as Omit<RunResult, 'wallMs'>), wallMs };
}

/** Pads to a width in columns: a CJK character takes two. */
function pad(text: string, width: number): string {
  const columns = Array.from(text).reduce((sum, char) => sum + (/[\u2e80-\uffff]/.test(char) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - columns));
}

/** A built app for the entry pages: dist/index.html when built, else a page of the same shape. */
function preparePagesSite(): void {
  fs.mkdirSync(PAGES_SITE, { recursive: true });
  const built = path.resolve('dist/index.html');
  const shell =
    '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <meta charset="UTF-8" />\n    <title>新闻阅读</title>\n  </head>\n  <body><div id="root"></div></body>\n</html>\n';
  fs.writeFileSync(path.join(PAGES_SITE, 'index.html'), fs.existsSync(built) ? fs.readFileSync(built) : shell);
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function pipelineBench() {
  await compiledPipeline(); // compiled before the clock starts, as after any first run
  const shapeName = SHAPE === 'seed' ? 'shaped like the seed' : 'in three shapes';
  const marker = path.join(WORK, 'corpus.json');
  const wanted = JSON.stringify({ count: COUNT, shape: SHAPE });
  if (process.env.BENCH_CORPUS && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted) {
    console.log(`using the ${COUNT} articles ${shapeName} kept in ${CORPUS}`);
  } else {
    console.log(`generating ${COUNT} articles, ${shapeName}…`);
    fs.rmSync(marker, { force: true });
    setAside(CORPUS, WORK);
    generateCorpus(CORPUS, COUNT, SHAPE);
    fs.writeFileSync(marker, wanted);
  }
  for (const dir of [OUT, CACHE, `${OUT}-nosearch`, `${CACHE}-nosearch`, PAGES_SITE, `${CACHE}-pages`])
    setAside(dir, WORK);
  // Flush the 80 MB just written, so the cold run measures the pipeline, not the write-back.
  spawnSync('sync');

  // Cold runs alternate with and without search terms, twice, and the better of each pair
  // counts: this machine's disk moves single runs by 20 % or more.
  const best = (a: RunResult, b: RunResult) => (a.durationMs <= b.durationMs ? a : b);
  const clear = () => {
    for (const dir of [OUT, CACHE, `${OUT}-nosearch`, `${CACHE}-nosearch`, PAGES_SITE, `${CACHE}-pages`])
      setAside(dir, WORK);
    preparePagesSite();
    spawnSync('sync');
  };
  clear();
  let coldWithout = variant(() => runOnce(false));
  let cold = runOnce();
  let coldPages = variant(() => runOnce(true, undefined, true));
  // BENCH_COLD_RUNS=1: one cold run of each (at a million articles each takes a quarter hour).
  if (COLD_RUNS > 1) {
    clear();
    coldWithout = variant(() => best(coldWithout as RunResult, runOnce(false)));
    cold = best(cold, runOnce());
    coldPages = variant(() => best(coldPages as RunResult, runOnce(true, undefined, true)));
  }
  // The same articles named out of date order: one cold run, into its own output and cache.
  const slugged = sluggedCorpus(wanted);
  for (const dir of ['data', 'cache']) setAside(path.join(SLUGGED, dir), WORK);
  spawnSync('sync');
  const coldSlugged = runOnce(true, undefined, false, slugged);
  for (const dir of ['data', 'cache']) setAside(path.join(SLUGGED, dir), WORK);
  const unchanged = runOnce();
  variant(() => runOnce(false));
  // Change one file in the middle of the corpus.
  const index = Math.floor(COUNT / 2);
  const { name, content } = generateArticle(index, SHAPE);
  const file = path.join(CORPUS, String(Math.floor(index / 1000)).padStart(3, '0'), name);
  fs.writeFileSync(file, content.replace('<p', '<p data-edited="1"').replace(/\n$/, '\n\n补充一句。\n'));
  const oneChanged = runOnce();
  const oneChangedWithout = variant(() => runOnce(false));
  variant(() => runOnce(true, undefined, true)); // its cache catches up with the unchanged corpus's
  fs.writeFileSync(file, content.replace('<p', '<p data-edited="3"').replace(/\n$/, '\n\n补充一句。\n'));
  const oneChangedPages = variant(() => runOnce(true, undefined, true));
  const oneChangedAgain = runOnce();
  // A new newest article: its lists' heads and newest chunks change; then it is deleted again.
  const added = generateArticle(COUNT, SHAPE);
  const addedFile = path.join(CORPUS, 'added', added.name);
  fs.mkdirSync(path.dirname(addedFile), { recursive: true });
  fs.writeFileSync(addedFile, added.content);
  const oneAdded = runOnce();
  fs.rmSync(path.dirname(addedFile), { recursive: true });
  const oneDeleted = runOnce();
  fs.writeFileSync(file, content); // as generated: a kept corpus stays the one its marker names
  runOnce();
  // The same, naming the file with --changed: no folder is read, nothing else is stat'ed.
  const changedName = path.relative(CORPUS, file);
  const addedName = path.relative(CORPUS, addedFile);
  const unchangedNamed = runOnce(true, []);
  fs.writeFileSync(file, content.replace('<p', '<p data-edited="2"'));
  const oneChangedNamed = runOnce(true, [changedName]);
  fs.mkdirSync(path.dirname(addedFile), { recursive: true });
  fs.writeFileSync(addedFile, added.content);
  const oneAddedNamed = runOnce(true, [addedName]);
  fs.rmSync(path.dirname(addedFile), { recursive: true });
  const oneDeletedNamed = runOnce(true, [addedName]);
  fs.writeFileSync(file, content);
  runOnce(true, [changedName]);
  // Filed late, named: the articles above it move one place along in their lists and the search
  // index (their documents renumbered), then it is deleted again.
  const filedBelow = (depth: number) => {
    const late = lateArticle(COUNT, depth, SHAPE);
    const lateFile = path.join(CORPUS, 'added', late.name);
    const lateName = path.relative(CORPUS, lateFile);
    fs.mkdirSync(path.dirname(lateFile), { recursive: true });
    fs.writeFileSync(lateFile, late.content);
    const filed = runOnce(true, [lateName]);
    fs.rmSync(path.dirname(lateFile), { recursive: true });
    return [filed, runOnce(true, [lateName])] as const;
  };
  const [filed50, filed50Deleted] = filedBelow(50);
  const [filed1000, filed1000Deleted] = filedBelow(Math.min(1000, COUNT - 1));
  // Half-way down (an old article filed late, or taken down): past 8,192 articles that is deeper
  // than a run of edits lays out again (a quarter of the order, 4,096 to 65,536 places), and the
  // whole run takes over.
  const [filedHalf, filedHalfDeleted] = filedBelow(Math.floor(COUNT / 2));
  // The same under --watch: the system names the files, and the process stays warm between runs.
  const watched = await watchedRuns({ inDir: CORPUS, outDir: OUT, cacheDir: CACHE }, [
    () => fs.writeFileSync(file, content.replace('<p', '<p data-edited="4"')),
    () => {
      fs.mkdirSync(path.dirname(addedFile), { recursive: true });
      fs.writeFileSync(addedFile, added.content);
    },
    () => fs.rmSync(addedFile),
    () => fs.writeFileSync(file, content),
  ]);
  fs.rmSync(path.dirname(addedFile), { recursive: true, force: true });
  const [oneChangedWatched, oneAddedWatched, oneDeletedWatched] = watched.runs as [WatchedRun, WatchedRun, WatchedRun];

  const rows = [
    ['cold', cold],
    ['cold, slug names', coldSlugged],
    ['unchanged', unchanged],
    ['one file changed', oneChanged],
    ['one newest added', oneAdded],
    ['that one deleted', oneDeleted],
    ['unchanged, --changed', unchangedNamed],
    ['one changed, named', oneChangedNamed],
    ['one added, named', oneAddedNamed],
    ['that deleted, named', oneDeletedNamed],
    ['filed 50 down, named', filed50],
    ['that deleted, named', filed50Deleted],
    ['filed 1,000 down, named', filed1000],
    ['that deleted, named', filed1000Deleted],
    ['filed half-way, named', filedHalf],
    ['that deleted, named', filedHalfDeleted],
    ['--watch: first run', watched.first],
    ['one changed, watched', oneChangedWatched],
    ['one added, watched', oneAddedWatched],
    ['that deleted, watched', oneDeletedWatched],
  ] as const;
  console.log(
    `\npipeline, ${COUNT} articles (2 cores; cold: ${COLD_RUNS > 1 ? 'the better of two runs' : 'one run'}):`,
  );
  console.log('run                   in-process   wall (with Node start)   parsed   articles/s   peak RSS   index');
  for (const [label, r] of rows) {
    const rate = Math.round(r.built / (r.durationMs / 1000));
    console.log(
      `${label.padEnd(22)}${fmt(r.durationMs).padStart(10)}   ${fmt(r.wallMs).padStart(22)}   ${String(r.parsed).padStart(6)}   ${String(rate).padStart(10)}   ${r.maxRssMb.toFixed(0).padStart(5)} MB   ${r.searchIndex ?? ''}${r.run === 'edits' ? ', edits in place' : ''}`,
    );
  }
  console.log(
    'watched: wall from the change on disk to the report (the 0.1 s quiet wait included, no Node start); peak RSS of the watching process',
  );
  const share = (withIndex: RunResult, without: RunResult) => {
    const delta = withIndex.durationMs - without.durationMs;
    const sign = delta < 0 ? '−' : '+';
    return `${sign}${fmt(Math.abs(delta))} (${sign}${Math.abs(Math.round((delta / without.durationMs) * 100))} %)`;
  };
  if (coldWithout && oneChangedWithout)
    console.log(
      `search index: cold ${fmt(coldWithout.durationMs)} without it, ${share(cold, coldWithout)}; ` +
        `one file changed ${fmt(oneChangedWithout.durationMs)} without it, ${share(oneChanged, oneChangedWithout)}`,
    );
  if (coldPages && oneChangedPages)
    console.log(
      `entry pages (--pages, the newest ${Math.min(COUNT, PAGES_NEWEST)}, with --site-url${fs.existsSync(RENDERER) ? `, the newest ${Math.min(COUNT, PRERENDER_NEWEST)} prerendered` : ', no server build: heads only'}): cold ${share(coldPages, cold)}; ` +
        `one file changed ${share(oneChangedPages, oneChangedAgain)}`,
    );
  const searchFolder = path.join(OUT, 'search');
  const indexBytes = fs
    .readdirSync(searchFolder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + fs.statSync(path.join(entry.parentPath, entry.name)).size, 0);
  console.log(`search index size: ${(indexBytes / 1024 / 1024).toFixed(1)} MB`);
  return {
    articles: COUNT,
    cold,
    coldSlugged,
    unchanged,
    oneChanged,
    oneAdded,
    oneDeleted,
    named: {
      unchanged: unchangedNamed,
      oneChanged: oneChangedNamed,
      oneAdded: oneAddedNamed,
      oneDeleted: oneDeletedNamed,
      filed50,
      filed50Deleted,
      filed1000,
      filed1000Deleted,
      filedHalf,
      filedHalfDeleted,
    },
    watched: {
      first: watched.first,
      oneChanged: oneChangedWatched,
      oneAdded: oneAddedWatched,
      oneDeleted: oneDeletedWatched,
    },
    withoutSearch: { cold: coldWithout, oneChanged: oneChangedWithout },
    withPages: { cold: coldPages, oneChanged: oneChangedPages, oneChangedWithout: oneChangedAgain },
    searchIndexBytes: indexBytes,
  };
}

function bundleBench() {
  const dist = path.resolve('dist/assets');
  if (!fs.existsSync(dist)) {
    console.log('\n(no dist/: run `npm run build` for bundle sizes)');
    return undefined;
  }
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(dist, file))).length;
  const js = fs.readdirSync(dist).filter((f) => f.endsWith('.js'));
  const entry = js.filter((f) => f.startsWith('index-'));
  const article = js.filter((f) => f.startsWith('article-route-'));
  const sum = (files: string[]) => files.reduce((total, f) => total + gz(f), 0);
  const home = sum(entry);
  const articleRoute = home + sum(article);
  console.log('\nJavaScript per route (gzip):');
  console.log(`home, category     ${(home / 1024).toFixed(1)} KB`);
  console.log(`article            ${(articleRoute / 1024).toFixed(1)} KB`);
  // The service worker (decision 0021): loaded after the first screen, its own file, never on a route.
  const worker = path.resolve('dist/sw.js');
  const serviceWorker = fs.existsSync(worker) ? gzipSync(fs.readFileSync(worker)).length : undefined;
  const offline = js.filter((f) => f.startsWith('start-offline-'));
  console.log(
    `service worker     ${serviceWorker === undefined ? '(none built)' : `${(serviceWorker / 1024).toFixed(1)} KB`}` +
      ` (its page side, after load: ${(sum(offline) / 1024).toFixed(1)} KB)`,
  );

  const data = path.join(WORK, 'data');
  const size = (relative: string) => fs.statSync(path.join(data, relative)).size;
  const manifest = JSON.parse(fs.readFileSync(path.join(data, 'manifest.json'), 'utf8')) as {
    pageSize: number;
    categories: { slug: string }[];
  };
  const firstCategory = manifest.categories[0]?.slug ?? 'all';
  const firstArticle = fs.readdirSync(path.join(data, 'articles'))[0] ?? '';
  // A list's first page is its head; a later page is cut from the chunks its head (or a group
  // the head names) says hold it (decision 0025): every file read counts.
  const pageTwo = (slug: string) => {
    const list = {
      ...categoryListFiles(slug),
      read: (file: string): unknown => JSON.parse(fs.readFileSync(path.join(data, file), 'utf8')),
    };
    const head = list.read(list.head) as ListHead;
    const { from, to } = pageRange(head.total, manifest.pageSize, 2);
    return readListStretch(list, from, to)
      .files.slice(1)
      .map(size)
      .reduce((sum, bytes) => sum + bytes, 0);
  };
  const views = {
    home: size('manifest.json') + size(dataPaths.listHead('all')),
    'home, page 2': size('manifest.json') + pageTwo('all'),
    category: size('manifest.json') + size(dataPaths.listHead(firstCategory)),
    article: size('manifest.json') + size(`articles/${firstArticle}`),
  };
  console.log(`\nJSON per view, ${COUNT} articles (uncompressed):`);
  for (const [view, bytes] of Object.entries(views)) console.log(`${view.padEnd(19)}${(bytes / 1024).toFixed(1)} KB`);
  return { homeJsGzip: home, articleJsGzip: articleRoute, serviceWorkerGzip: serviceWorker, jsonPerView: views };
}

const pipeline = await pipelineBench();
let peers: ReturnType<typeof benchPeers> | undefined;
if (process.env.BENCH_PEERS !== '0') {
  peers = benchPeers(COUNT, SHAPE);
  const ours = pipeline.cold.wallMs;
  console.log(`\nthe same ${COUNT} articles, whole command (BENCH_PEERS=0 skips this):`);
  console.log(`ours (cold)        ${fmt(ours)}`);
  console.log(`hexo, JSON only    ${fmt(peers.hexoMs)}   (${(peers.hexoMs / ours).toFixed(1)}x ours)`);
  console.log(`hexo, with theme   ${fmt(peers.hexoThemedMs)}   (${(peers.hexoThemedMs / ours).toFixed(1)}x ours)`);
  console.log(`eleventy           ${fmt(peers.eleventyMs)}   (${(peers.eleventyMs / ours).toFixed(1)}x ours)`);
  if (peers.hugoMs !== undefined)
    console.log(`hugo, JSON         ${fmt(peers.hugoMs)}   (${(peers.hugoMs / ours).toFixed(1)}x ours)`);
}
// Nothing after this point times a build: what was set aside for the cold runs goes now.
removeSetAside();
const bundle = bundleBench();
let search:
  { queries: ReturnType<typeof measureQueries>; browser?: Awaited<ReturnType<typeof measureInBrowser>> } | undefined;
let paging: Awaited<ReturnType<typeof measureCategoryPaging>> | undefined;
if (fs.existsSync(path.join(OUT, 'manifest.json'))) {
  const queries = measureQueries(OUT);
  console.log(`\nsearch, ${COUNT} articles: what a query fetches (results page 1) and ranking time (Node):`);
  console.log('query            results   chunks   chunk KB   total KB   rank ms');
  for (const q of queries) {
    console.log(
      `${pad(q.query, 16)}${String(q.results).padStart(8)}${String(q.chunks).padStart(9)}${(q.chunkBytes / 1024).toFixed(1).padStart(11)}${(q.totalBytes / 1024).toFixed(1).padStart(11)}${q.rankMs.toFixed(2).padStart(10)}`,
    );
  }
  search = { queries };
}
let corpusVitals: Awaited<ReturnType<typeof measureRoutes>> | undefined;
if (fs.existsSync('dist/index.html') && search) {
  const site = await serveCorpus(path.resolve('dist'), OUT, path.join(WORK, 'site'), PAGES_SITE);
  try {
    search.browser = await measureInBrowser(site);
    console.log(`\nsearch in Chromium, 4x CPU slowdown, ${COUNT} articles (ms after the last index chunk arrived):`);
    console.log('query            ranked   on screen (after docs and articles)');
    for (const q of search.browser) {
      console.log(
        `${pad(q.query, 16)}${String(q.rankedAfterChunksMs).padStart(7)}${String(q.shownAfterChunksMs).padStart(12)}`,
      );
    }
    paging = await measureCategoryPaging(site);
    const sorted = [...paging.turnMs].sort((a, b) => a - b);
    console.log(
      `\npaging ${paging.category} (${paging.articles} articles, ${paging.pages} pages), Chromium 4x slowdown: ` +
        `next page median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted[sorted.length - 1]} ms; ` +
        `${paging.longTasks} long tasks, longest ${paging.longestTaskMs} ms; last page by URL ${paging.lastPageMs} ms`,
    );
    // The first screen on this corpus: home, its largest category, its newest article (which
    // has an entry page when the pages run wrote them).
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(OUT, dataPaths.manifest()), 'utf8')));
    const head = parseListHead(JSON.parse(fs.readFileSync(path.join(OUT, dataPaths.listHead('all')), 'utf8')));
    const largest = [...manifest.categories].sort((a, b) => b.count - a.count)[0];
    const routes = ['/'];
    if (largest) routes.push(`/category/${nameSegment(largest.name)}`);
    if (head.items[0]) routes.push(`/article/${encodeURIComponent(head.items[0].id)}`);
    corpusVitals = await measureRoutes(site.url, routes);
    console.log(`
Chromium, 4x CPU slowdown, 390 px, ${COUNT} articles, cold load per route (LCP / CLS):`);
    for (const [route, { lcpMs, cls }] of Object.entries(corpusVitals)) {
      console.log(`${pad(route, 32)}${String(lcpMs).padStart(6)} ms   ${cls}`);
    }
  } finally {
    site.close();
  }
}
let webVitals: Awaited<ReturnType<typeof measureWebVitals>> | undefined;
if (fs.existsSync('dist/index.html')) {
  webVitals = await measureWebVitals();
  console.log('\nChromium, 4x CPU slowdown, 390 px, sample data (LCP / CLS):');
  for (const [route, { lcpMs, cls }] of Object.entries(webVitals)) {
    console.log(`${route.padEnd(32)}${String(lcpMs).padStart(6)} ms   ${cls}`);
  }
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, pipeline, peers, bundle, search, paging, corpusVitals, webVitals }, null, 2)}\n`,
);
console.log('\nwrote bench/results/latest.json');
