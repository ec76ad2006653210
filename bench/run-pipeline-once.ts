import { runPipeline } from '../pipeline/src/run-pipeline.ts';

// One pipeline run in its own process, so that peak memory is this run's alone.
const [inDir, outDir, cacheDir] = process.argv.slice(2) as [string, string, string];
const report = await runPipeline({ inDir, outDir, cacheDir, searchTerms: process.env.BENCH_SEARCH !== '0' });
console.log(
  JSON.stringify({
    built: report.built,
    skipped: report.skipped,
    parsed: report.parsed,
    durationMs: report.durationMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
