import fs from 'node:fs';
import type { BuildSettings } from '../pipeline-options.ts';
import type { Problem } from '../report.ts';
import { assignIds } from './article-id.ts';
import { listInput } from './list-input.ts';

/** An article file found in the input, with its id and its state on disk. */
export interface InputFile {
  /** `/`-separated under the input folder: the file's name in messages and in the cache. */
  relative: string;
  /** Its path. */
  source: string;
  id: string;
  stat: fs.Stats;
}

export interface InputFiles {
  /** The input folder's real path: post asset folders are looked up under it. */
  root: string;
  files: InputFile[];
  /** Article files found, readable or not. */
  found: number;
  /** What listing and identifying the files found wrong. */
  problems: Problem[];
  /** Files the listing could not read: each counts as skipped. */
  unreadable: number;
}

/**
 * Lists the input's article files and gives each its id (kept from the previous build where
 * there was one). Synchronous on purpose: 20,000 promise round trips cost more than the stat calls.
 */
export function readInput({ inDir, followSymlinks }: BuildSettings, previousIds: Map<string, string>): InputFiles {
  const listing = listInput(inDir, { followSymlinks });
  const problems: Problem[] = listing.problems.map(({ file, message }) => ({
    file,
    // A passed-over folder may hold articles, but it is not a file that was skipped.
    level: message.startsWith('folder skipped') ? 'warning' : 'error',
    message,
  }));
  const unreadable = problems.filter((problem) => problem.level === 'error').length;
  const identified = assignIds(listing.files, previousIds);
  const files: InputFile[] = [];
  for (const { relative, source, id, warning } of identified) {
    if (warning) problems.push({ file: relative, level: 'warning', message: warning });
    try {
      files.push({ relative, source, id, stat: fs.statSync(source) });
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
      problems.push({ file: relative, level: 'error', message: `unreadable (${code})` });
    }
  }
  return { root: fs.realpathSync(inDir), files, found: identified.length, problems, unreadable };
}
