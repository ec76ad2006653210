import type { ReadingRecord } from './reading-store.ts';

/** A reader this far in has started, and before the end has not finished. */
const STARTED = 0.05;
const FINISHED = 0.95;

/** Whether the reader left the article part-way: it is "in progress", and reopens where they were. */
export const inProgress = (record: ReadingRecord | undefined): record is ReadingRecord & { progress: number } =>
  record?.progress !== undefined && record.progress >= STARTED && record.progress < FINISHED;

/** The articles in progress, the one read last first. */
export function articlesInProgress(records: ReadonlyMap<string, ReadingRecord>, limit: number): ReadingRecord[] {
  return [...records.values()]
    .filter(inProgress)
    .sort((a, b) => (b.progressAt ?? 0) - (a.progressAt ?? 0))
    .slice(0, limit);
}

/** The saved articles, the one saved last first. */
export function savedArticles(records: ReadonlyMap<string, ReadingRecord>): ReadingRecord[] {
  return [...records.values()]
    .filter((record) => record.savedAt !== undefined)
    .sort((a, b) => (b.savedAt ?? 0) - (a.savedAt ?? 0));
}
