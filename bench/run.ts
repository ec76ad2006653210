import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateArticle, generateCorpus } from './generate-corpus.ts';
import { benchPeers } from './peers.ts';
import { measureWebVitals } from './web-vitals.ts';

/**
 * `npm run bench`: prints numbers, asserts nothing.
 * - the pipeline on N generated articles (default 20,000): cold, unchanged, one file changed;
 * - the gzip size of the JavaScript the built app loads per route, and the JSON bytes per view.
 * Writes them to bench/results/latest.json as well.
 */

const COUNT = Number(process.env.BENCH_ARTICLES ?? 20_000);
const WORK = path.resolve('bench/.corpus');
const CORPUS = path.join(WORK, 'content');
const OUT = path.join(WORK, 'data');
const CACHE = path.join(WORK, 'cache');

interface RunResult {
  built: number;
  parsed: number;
  durationMs: number;
  maxRssMb: number;
  wallMs: number;
}

function runOnce(): RunResult {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run-pipeline-once.ts', CORPUS, OUT, CACHE], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`pipeline failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(line) as Omit<RunResult, 'wallMs'>), wallMs };
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function pipelineBench() {
  console.log(`generating ${COUNT} articles in three shapes…`);
  generateCorpus(CORPUS, COUNT);
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.rmSync(CACHE, { recursive: true, force: true });
  // Flush the 80 MB just written, so the cold run measures the pipeline, not the write-back.
  spawnSync('sync');

  const cold = runOnce();
  const unchanged = runOnce();
  // Change one file in the middle of the corpus.
  const index = Math.floor(COUNT / 2);
  const { name, content } = generateArticle(index);
  const file = path.join(CORPUS, String(Math.floor(index / 1000)).padStart(3, '0'), name);
  fs.writeFileSync(file, content.replace('<p', '<p data-edited="1"').replace(/\n$/, '\n\n补充一句。\n'));
  const oneChanged = runOnce();

  const rows = [
    ['cold', cold],
    ['unchanged', unchanged],
    ['one file changed', oneChanged],
  ] as const;
  console.log(`\npipeline, ${COUNT} articles (2 cores):`);
  console.log('run                 in-process   wall (with Node start)   parsed   articles/s   peak RSS');
  for (const [label, r] of rows) {
    const rate = Math.round(r.built / (r.durationMs / 1000));
    console.log(
      `${label.padEnd(20)}${fmt(r.durationMs).padStart(10)}   ${fmt(r.wallMs).padStart(22)}   ${String(r.parsed).padStart(6)}   ${String(rate).padStart(10)}   ${r.maxRssMb.toFixed(0).padStart(5)} MB`,
    );
  }
  return { articles: COUNT, cold, unchanged, oneChanged };
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

  const data = path.join(WORK, 'data');
  const size = (relative: string) => fs.statSync(path.join(data, relative)).size;
  const manifest = JSON.parse(fs.readFileSync(path.join(data, 'manifest.json'), 'utf8')) as {
    categories: { slug: string }[];
  };
  const firstCategory = manifest.categories[0]?.slug ?? 'all';
  const firstArticle = fs.readdirSync(path.join(data, 'articles'))[0] ?? '';
  const views = {
    home: size('manifest.json') + size('lists/all/1.json'),
    category: size('manifest.json') + size(`lists/${firstCategory}/1.json`),
    article: size('manifest.json') + size(`articles/${firstArticle}`),
  };
  console.log(`\nJSON per view, ${COUNT} articles (uncompressed):`);
  for (const [view, bytes] of Object.entries(views)) console.log(`${view.padEnd(19)}${(bytes / 1024).toFixed(1)} KB`);
  return { homeJsGzip: home, articleJsGzip: articleRoute, jsonPerView: views };
}

const pipeline = pipelineBench();
let peers: ReturnType<typeof benchPeers> | undefined;
if (process.env.BENCH_PEERS !== '0') {
  peers = benchPeers(COUNT);
  const ours = pipeline.cold.wallMs;
  console.log(`\nthe same ${COUNT} articles, whole command (BENCH_PEERS=0 skips this):`);
  console.log(`ours (cold)        ${fmt(ours)}`);
  console.log(`hexo generate      ${fmt(peers.hexoMs)}   (${(peers.hexoMs / ours).toFixed(1)}x ours)`);
  console.log(`eleventy           ${fmt(peers.eleventyMs)}   (${(peers.eleventyMs / ours).toFixed(1)}x ours)`);
}
const bundle = bundleBench();
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
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, pipeline, peers, bundle, webVitals }, null, 2)}\n`,
);
console.log('\nwrote bench/results/latest.json');
