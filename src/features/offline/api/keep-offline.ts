import type { QueryClient } from '@tanstack/react-query';
import { articlesToKeep, type KeepRequest, RECENT_BUDGET } from '../../../service-worker/offline-plan.ts';
import { readingQueryOptions } from '../../reading/api/get-reading.ts';
import type { ReadingRecord, ReadingState } from '../../reading/api/reading-store.ts';
import { askToKeep } from './service-worker.ts';

/** When the reader last had the article open: first opened, or last scrolled. */
const lastOpened = (record: ReadingRecord) => Math.max(record.readAt ?? -1, record.progressAt ?? -1);

/**
 * What the worker should keep readable offline (decision 0021): every saved article, newest saved
 * first, and the last RECENT_BUDGET opened that are not saved, last opened first.
 */
export function keepRequestOf(records: Iterable<ReadingRecord>): KeepRequest {
  const all = [...records];
  const saved = all
    .filter((record) => record.savedAt !== undefined)
    .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0))
    .map((record) => record.id);
  const recent = all
    .filter((record) => record.savedAt === undefined && lastOpened(record) >= 0)
    .sort((a, b) => lastOpened(b) - lastOpened(a))
    .slice(0, RECENT_BUDGET)
    .map((record) => record.id);
  return { type: 'keep', saved, recent };
}

/**
 * Keeps the worker's set in step with what the browser remembers: now, and after every change
 * that alters the set (progress within the same articles does not). A new worker is told too.
 */
export function keepInStep(client: QueryClient): void {
  const key = readingQueryOptions().queryKey;
  let sent: string | undefined;
  const send = (state: ReadingState | undefined, force = false) => {
    if (!state) return;
    const request = keepRequestOf(state.records.values());
    const set = articlesToKeep(request).sort().join('\n');
    if (set === sent && !force) return;
    sent = set;
    void askToKeep(request);
  };
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryKey[0] === key[0]) send(client.getQueryData(key));
  });
  navigator.serviceWorker?.addEventListener('controllerchange', () => send(client.getQueryData(key), true));
  client.ensureQueryData(readingQueryOptions()).then(
    (state) => send(state),
    () => undefined,
  );
}
