import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { type OutputLine, outputLines } from '../pipeline/src/testing/output-lines.ts';

export interface WatchedRun {
  built: number;
  parsed: number;
  /** The run itself, as it reports it. */
  durationMs: number;
  /** From the change on disk to the run's report: the quiet wait, the run, and the report. */
  wallMs: number;
  /** The watching process's peak so far. */
  maxRssMb: number;
  searchIndex?: string;
  run?: string;
}

function peakRssMb(pid: number | undefined): number {
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * `npm run content -- --watch` on the corpus: its first run (which lists the input), then one run
 * for each change, each made once the last is published, timed from the change to the report.
 */
export async function watchedRuns(
  args: { inDir: string; outDir: string; cacheDir: string },
  changes: readonly (() => void)[],
): Promise<{ first: WatchedRun; runs: WatchedRun[] }> {
  const child = spawn(
    process.execPath,
    ['pipeline/bin/content.mjs', '--in', args.inDir, '--out', args.outDir, '--cache', args.cacheDir, '--watch'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const next = outputLines(child);
  const result = (line: OutputLine, since: number): WatchedRun => {
    const match =
      /^built (\d+) articles.*\((\d+) parsed.*?(; edits in place)?(?:; search index (\w+))?\) in ([\d.]+)s/.exec(
        line.text,
      );
    if (!match) throw new Error(`not a report: ${line.text}`);
    return {
      built: Number(match[1]),
      parsed: Number(match[2]),
      durationMs: Number(match[5]) * 1000,
      wallMs: line.at - since,
      maxRssMb: peakRssMb(child.pid),
      ...(match[4] && { searchIndex: match[4] }),
      ...(match[3] && { run: 'edits' }),
    };
  };
  try {
    const started = performance.now();
    const first = result(await next(/^built /), started);
    await next(/^watching /);
    const runs: WatchedRun[] = [];
    for (const change of changes) {
      const at = performance.now();
      change();
      runs.push(result(await next(/^built /), at));
    }
    return { first, runs };
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}
