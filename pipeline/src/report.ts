import type { FeedsWork } from './feeds/stage-feeds.ts';

/** What a run says about one file: a warning (the file is built) or an error (it is skipped). */
export interface Problem {
  file: string;
  level: 'error' | 'warning';
  message: string;
}

export interface PipelineReport {
  built: number;
  skipped: number;
  /** Drafts left out (`published: false`, `_drafts/`); --drafts builds them. */
  drafts: number;
  problems: Problem[];
  /** Files parsed this run; the rest came from the cache. */
  parsed: number;
  files: number;
  /** False when --strict refused to replace the output. */
  written: boolean;
  /** How the search index was made, when written: as it was, appended to, patched or built whole. */
  searchIndex?: IndexWork;
  /** The feeds, when written with a site address: how many lists have them, how many were rewritten. */
  feeds?: FeedsWork;
  /**
   * `edits`: every file named with `--changed` kept its article's place, and only what they
   * change was written (publish-edits.ts); `whole`: the input was placed and laid out again.
   */
  run: 'edits' | 'whole';
  durationMs: number;
}

export type IndexWork = 'kept' | 'appended' | 'patched' | 'built';

/** A problem with the run as a whole (bad options, an output folder it may not touch): nothing is written. */
export class PipelineError extends Error {
  override name = 'PipelineError';
}

// C0 and C1 controls, DEL, and the marks that reorder text on screen (bidi overrides, isolates,
// line and paragraph separators): a file name or a date holding them could move the cursor,
// recolour the terminal or forge a "built 100 articles" line.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal: every control character shown as an escape (`\x1b`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The one line the command prints when a run fails as a whole, or undefined for a fault of
 * the program itself (then the stack is printed). Nothing was published in either case.
 */
export function describeFailure(error: unknown, out: string): string | undefined {
  if (error instanceof PipelineError) return `error: ${printable(error.message)}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return `error: disk full: the output could not be written; ${printable(out)} is as it was`;
  }
  return undefined;
}
