import type { QueryClient } from '@tanstack/react-query';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { readingQueryOptions } from './get-reading.ts';
import { coveredBy, inList, marksOn } from './read-rules.ts';
import {
  clearState,
  type Imported,
  type ListMark,
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

/**
 * Merges an export file into what is here (reading-store.ts, mergeRecord): nothing is lost. Its
 * marks join these (one made at the same moment is the same mark).
 */
export function importRecords(client: QueryClient, imported: Imported): Promise<ReadingState> {
  return enqueue(client, (state) => {
    const merged = new Map<string, ReadingRecord>();
    for (const record of imported.records)
      merged.set(record.id, mergeRecord(merged.get(record.id) ?? state.records.get(record.id), record));
    const here = new Set(state.marks.map((mark) => mark.at));
    return writeRecords(state, [...merged.values()], { put: imported.marks.filter((mark) => !here.has(mark.at)) });
  });
}

/** A list as 全部标为已读 sees it: all articles (`category` undefined) or one category's. */
export interface MarkedList {
  category?: string | undefined;
  /** The list's newest article's date (ISO 8601): the mark covers it and everything older. */
  upTo: string;
  /** Each list's size in this build's manifest: '' for all articles, and every category's. */
  counts: ReadonlyMap<string, number>;
  /** Every article of the list, when it is small enough to have been read whole. */
  articles?: readonly Pick<ArticleSummary, 'categories' | 'date'>[] | undefined;
}

/**
 * 全部标为已读 (decision 0020): one mark, not a record per article. In each list it changes it
 * records how many articles it made read there that were not (`cleared`). With the list's every
 * article at hand, that is exact for every list they are in (all articles and each of their
 * categories): those no earlier mark on that list covered. Without (a list too long to read
 * whole), it is the list's unread count before plus the opened ones it now covers, for the list
 * marked and all articles, or for all articles and every category.
 */
export function markAllRead(client: QueryClient, list: MarkedList, now = Date.now()): Promise<ListMark> {
  let made: ListMark | undefined;
  return enqueue(client, (state) => {
    const name = list.category ?? '';
    const at = Math.max(now, (state.marks.at(-1)?.at ?? 0) + 1);
    const mark: ListMark = { at, list: name, upTo: list.upTo, cleared: {} };
    // The earlier marks on each list, found once per list, not once per article.
    const earlierOn = new Map<string, ListMark[]>();
    const notYet = (other: string, article: Pick<ArticleSummary, 'categories' | 'date'>) => {
      let earlier = earlierOn.get(other);
      if (!earlier) earlierOn.set(other, (earlier = marksOn(state.marks, other)));
      return !earlier.some((before) => coveredBy(before, article));
    };
    let cleared: [string, number][];
    if (list.articles) {
      const counts = new Map<string, number>();
      for (const article of list.articles)
        for (const other of ['', ...article.categories])
          if (coveredBy(mark, article) && notYet(other, article)) counts.set(other, (counts.get(other) ?? 0) + 1);
      cleared = [...counts];
    } else {
      cleared = (name === '' ? [...list.counts.keys()] : [name, '']).map((other) => {
        let moved = 0;
        for (const record of state.records.values())
          if (record.readAt !== undefined && inList(record, other) && coveredBy(mark, record) && notYet(other, record))
            moved++;
        // Unread in the list marked: for all articles, in each list; for a category, in it (which
        // are the ones it makes read among all articles too).
        const counted = name === '' ? other : name;
        return [other, state.unread(list.counts.get(counted) ?? 0, counted) + moved];
      });
    }
    made = { ...mark, cleared: Object.fromEntries(cleared) };
    return writeRecords(state, [], { put: [made] });
  }).then(() => made as ListMark);
}

/** Takes a 全部标为已读 back: the counts and cards are as before it. */
export const undoMark = (client: QueryClient, mark: ListMark): Promise<ReadingState> =>
  enqueue(client, (state) => writeRecords(state, [], { remove: [mark.at] }));

/** Forgets everything remembered in this browser. */
export const forgetAll = (client: QueryClient): Promise<ReadingState> => enqueue(client, clearState);
