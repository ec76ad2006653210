import fs from 'node:fs';
import path from 'node:path';
import { importCompiled } from '../pipeline/bin/compiled-pipeline.mjs';

// One pipeline run in its own process, so that peak memory is this run's alone. It runs the
// compiled pipeline, as `npm run content` does.
const { runPipeline } = await importCompiled('run-pipeline.mjs');
const [inDir, outDir, cacheDir, changedList] = process.argv.slice(2);
const RENDERER = path.resolve('node_modules/.cache/news-reader/server/entry-server.js');
// A fourth argument: a file naming the files changed, as `--changed` takes it.
const changed = changedList ? fs.readFileSync(changedList, 'utf8').split('\n') : undefined;
const report = await runPipeline({
  inDir,
  outDir,
  cacheDir,
  searchTerms: process.env.BENCH_SEARCH !== '0',
  ...(changed && { changed }),
  // BENCH_PAGES: the entry pages too, beside the built app in that folder, prerendered with the
  // app's server build when `npm run build` has made it (decision 0015; BENCH_RENDER=0: heads only).
  ...(process.env.BENCH_PAGES && {
    pagesDir: process.env.BENCH_PAGES,
    siteUrl: 'https://news.example.cn/',
    ...(process.env.BENCH_RENDER !== '0' && fs.existsSync(RENDERER) && { renderer: RENDERER }),
  }),
});
console.log(
  JSON.stringify({
    built: report.built,
    skipped: report.skipped,
    parsed: report.parsed,
    durationMs: report.durationMs,
    searchIndex: report.searchIndex,
    run: report.run,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
