import fs from 'node:fs';
import path from 'node:path';
import { checkOutputFolder } from './output/output-folder.ts';
import { assertTimeZone } from './read/parse-date.ts';
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
}

/** The options of one run, checked, with every default filled in and the folders resolved. */
export interface BuildSettings extends PipelineOptions {
  inDir: string;
  outDir: string;
  timeZone: string;
  pageSize: number;
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
  return { ...options, timeZone, pageSize, inDir: path.resolve(options.inDir), outDir: path.resolve(options.outDir) };
}
