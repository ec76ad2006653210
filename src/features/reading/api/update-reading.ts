import type { QueryClient } from '@tanstack/react-query';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { readingQueryOptions } from './get-reading.ts';
import {
  clearState,
  mergeRecord,
  type ReadingRecord,
  type ReadingState,
  recordOf,
  writeRecords,
} from './reading-store.ts';

type Summary = Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'cover' | 'coverFallback'>;

// Changes to what is remembered: each reads the state, writes the changed records and puts the
// state after it in the query cache, one change after another (two at once would each start from
// the same state and the second would undo the first).

let queue: Promise<unknown> = Promise.resolve();

/** Runs `step` on the state the last change left, after it, and puts the state after it in the cache. */
function enqueue(client: QueryClient, step: (state: ReadingState) => Promise<ReadingState>): Promise<ReadingState> {
  const run = queue.then(async () => {
    const next = await step(await client.ensureQueryData(readingQueryOptions()));
    client.setQueryData(readingQueryOptions().queryKey, next);
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Writes the records `records` makes from the state. */
const change = (client: QueryClient, records: (state: ReadingState) => ReadingRecord[]) =>
  enqueue(client, (state) => writeRecords(state, records(state)));

/** The article was opened: it is read from now on (decision 0020 says why opening counts). */
export function markOpened(client: QueryClient, article: Summary, now = Date.now()): Promise<ReadingState> {
  return change(client, ({ records }) => {
    const before = records.get(article.id);
    return [{ ...recordOf(article, before), readAt: before?.readAt ?? now }];
  });
}

/** Saves the article, or unsaves it when it is saved. */
export function toggleSaved(client: QueryClient, article: Summary, now = Date.now()): Promise<ReadingState> {
  return change(client, ({ records }) => {
    const record = recordOf(article, records.get(article.id));
    if (record.savedAt === undefined) record.savedAt = now;
    else delete record.savedAt;
    return [record];
  });
}

/** Where the reader is in the article (0 to 1); at the end it is no longer in progress. */
export function saveProgress(client: QueryClient, article: Summary, progress: number, now = Date.now()) {
  return change(client, ({ records }) => {
    const record = recordOf(article, records.get(article.id));
    record.progress = Math.min(1, Math.max(0, progress));
    record.progressAt = now;
    return [record];
  });
}

/** Merges records from an export file into what is here (reading-store.ts, mergeRecord): nothing is lost. */
export function importRecords(client: QueryClient, imported: readonly ReadingRecord[]): Promise<ReadingState> {
  return change(client, ({ records }) => {
    const merged = new Map<string, ReadingRecord>();
    for (const record of imported)
      merged.set(record.id, mergeRecord(merged.get(record.id) ?? records.get(record.id), record));
    return [...merged.values()];
  });
}

/** Forgets everything remembered in this browser. */
export const forgetAll = (client: QueryClient): Promise<ReadingState> => enqueue(client, clearState);
