import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parseArticleFile, type ParseResult } from './parse-article-file.ts';

export interface ParseTask {
  index: number;
  file: string;
  id: string;
  mtimeMs: number;
  timeZone: string;
  /** The content hash this file had last time; equal content is not parsed again. */
  cachedHash?: string;
}

export type ParseOutcome =
  | { index: number; hash: string; unchanged: true }
  | { index: number; hash: string; unchanged: false; result: ParseResult };

/** Reads one file, hashes it and parses it unless its content is unchanged. */
export function runParseTask(task: ParseTask): ParseOutcome {
  let source: Buffer;
  try {
    source = fs.readFileSync(task.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { index: task.index, hash: '', unchanged: false, result: { ok: false, error: `unreadable (${code})` } };
  }
  const hash = createHash('sha1').update(source).digest('hex');
  if (hash === task.cachedHash) return { index: task.index, hash, unchanged: true };
  const result = parseArticleFile({ id: task.id, source, mtimeMs: task.mtimeMs, timeZone: task.timeZone });
  return { index: task.index, hash, unchanged: false, result };
}
