import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ArticleSummary } from '../../src/lib/content-contract.ts';
import { toSummary } from './assemble-output.ts';
import { parseArticleFile } from './parse-article-file.ts';
import { docTerms } from './search-doc-terms.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

export interface ParseTask {
  index: number;
  file: string;
  id: string;
  mtimeMs: number;
  timeZone: string;
  /** The content hash this file had last time; equal content is not parsed again. */
  cachedHash?: string;
  /** False: no search terms (the benchmark measures what indexing costs). */
  indexTerms?: boolean;
}

/**
 * A parsed article travels back from its worker as its summary and its JSON text: a string
 * crosses threads far cheaper than the object, and the main thread never stringifies it again.
 */
export type ParsedOutcome =
  | {
      ok: true;
      summary: ArticleSummary;
      json: string;
      /** Numbered in the dictionary the task ran with (a worker's own, until the pool translates). */
      terms: NumberedTerms;
      warnings: string[];
    }
  | { ok: false; error: string };

export type ParseOutcome =
  | { index: number; hash: string; unchanged: true }
  | { index: number; hash: string; unchanged: false; result: ParsedOutcome };

const NO_TERMS: NumberedTerms = { ids: new Uint32Array(0), weights: new Uint8Array(0) };

/** Reads one file, hashes it and parses it unless its content is unchanged. */
export function runParseTask(task: ParseTask, dictionary: TermDictionary): ParseOutcome {
  let source: Buffer;
  try {
    source = fs.readFileSync(task.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { index: task.index, hash: '', unchanged: false, result: { ok: false, error: `unreadable (${code})` } };
  }
  const hash = createHash('sha1').update(source).digest('hex');
  if (hash === task.cachedHash) return { index: task.index, hash, unchanged: true };
  const parsed = parseArticleFile({ id: task.id, source, mtimeMs: task.mtimeMs, timeZone: task.timeZone });
  const result: ParsedOutcome = parsed.ok
    ? {
        ok: true,
        summary: toSummary(parsed.article),
        json: JSON.stringify(parsed.article),
        terms: task.indexTerms === false ? NO_TERMS : docTerms(parsed.article, parsed.text, dictionary),
        warnings: parsed.warnings,
      }
    : parsed;
  return { index: task.index, hash, unchanged: false, result };
}
