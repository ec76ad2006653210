import { createHash } from 'node:crypto';
import { type ArticleEntry, toSummary } from '../output/assemble-output.ts';
import type { PostAsset } from '../body/post-assets.ts';
import { parseArticleFile } from './parse-article-file.ts';
import { type FileRead, tryReadArticleFile } from '../read/read-article-file.ts';
import { type TermsInput, termsInput } from '../search/search-doc-terms.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';

export interface ParseTask {
  index: number;
  /** The file to read. */
  file: string;
  /** Its path under the input folder, `/`-separated. */
  relative: string;
  /** The input folder's real path, where post asset folders are looked for. */
  root: string;
  id: string;
  mtimeMs: number;
  timeZone: string;
  /** The content hash this file had last time; equal content is not parsed again. */
  cachedHash?: string;
  /** False: no search terms (the benchmark measures what indexing costs). */
  indexTerms?: boolean;
  /** Crash tests only: the worker hangs on this file, or exhausts its memory. */
  fault?: 'stall' | 'exhaust-memory';
}

/** What a crash test asks for: a worker that never finishes, or one that runs out of memory. */
function injectFault(fault: ParseTask['fault']): void {
  if (fault === 'stall') for (;;);
  if (fault === 'exhaust-memory') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1 << 16).fill(1));
  }
}

/**
 * A parsed article travels back from its worker as what placing it needs, and the JSON texts
 * of its summary (for the list pages) and of itself, in UTF-8: bytes cross threads without a
 * copy (transferred) and take half the memory of a string of Chinese text while they wait to be
 * written; the main thread never stringifies them again.
 */
export type ParsedOutcome =
  | {
      ok: true;
      listed: Omit<ArticleEntry, 'id'>;
      /** The summary's JSON, as the lists print it. */
      summary: Uint8Array;
      json: Uint8Array;
      /**
       * Set (and empty) only when the task asks for no search terms; otherwise they are counted
       * from what the run's `defer` was given (parse-pool.ts).
       */
      terms?: NumberedTerms;
      warnings: string[];
      /** `published: false` or under `_drafts/`: left out unless --drafts. */
      draft: boolean;
      /** Files of the post's asset folder that it uses, copied into the output. */
      assets: PostAsset[];
    }
  | { ok: false; error: string };

export type ParseOutcome =
  | { index: number; hash: string; unchanged: true }
  | { index: number; hash: string; unchanged: false; result: ParsedOutcome };

const LARGE_ARTICLE_BYTES = 1024 * 1024;
/** Each call gives bytes in a buffer of their own (not a shared pool): the worker hands them over whole. */
const utf8 = new TextEncoder();
const NO_TERMS: NumberedTerms = { ids: new Uint32Array(0), weights: new Uint8Array(0) };

/**
 * Hashes one file's bytes (`read`, or read here when not given) and parses them unless its
 * content is unchanged. Its search terms are not counted now: what counting them needs is
 * handed to `defer`.
 */
export function runParseTask(
  task: ParseTask,
  read: FileRead | undefined,
  defer: (input: TermsInput) => void,
): ParseOutcome {
  if (task.fault) injectFault(task.fault);
  const file = read ?? tryReadArticleFile(task.file);
  if (!file.ok) return { index: task.index, hash: '', unchanged: false, result: { ok: false, error: file.error } };
  const source = file.bytes;
  const hash = createHash('sha1').update(source).digest('hex');
  if (hash === task.cachedHash) return { index: task.index, hash, unchanged: true };
  const parsed = parseArticleFile({
    id: task.id,
    source,
    relative: task.relative,
    root: task.root,
    mtimeMs: task.mtimeMs,
    timeZone: task.timeZone,
  });
  if (!parsed.ok) return { index: task.index, hash, unchanged: false, result: parsed };
  const json = utf8.encode(JSON.stringify(parsed.article));
  const warnings = parsed.warnings;
  // The article's own file is what a reader waits for on a slow phone: a large one is said.
  const bytes = json.length;
  if (bytes > LARGE_ARTICLE_BYTES)
    warnings.push(`the article's data is ${(bytes / 1024 / 1024).toFixed(1)} MB: readers will wait for it`);
  const { title, date, categories, tags } = parsed.article;
  const result: ParsedOutcome = {
    ok: true,
    listed: { title, date, categories, tags },
    summary: utf8.encode(JSON.stringify(toSummary(parsed.article))),
    json,
    warnings,
    draft: parsed.draft,
    assets: parsed.assets,
  };
  if (task.indexTerms === false) result.terms = NO_TERMS;
  else defer(termsInput(parsed.article, parsed.text));
  return { index: task.index, hash, unchanged: false, result };
}
