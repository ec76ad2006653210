import type { CacheEntry, LoadedCache } from '../cache/build-cache.ts';
import { compareNewestFirst } from './assemble-output.ts';

/** The published articles, newest first: their files and their cache entries, at the same place. */
export interface ArticleOrder {
  files: string[];
  entries: CacheEntry[];
  /** The file of each article by id (every file the cache knows). */
  fileOf: Pick<ReadonlyMap<string, string>, 'get'>;
}

/** Whether a file's entry is a published article under this run's `--drafts`. */
export const isPublishedEntry = (entry: CacheEntry, drafts: boolean | undefined): boolean =>
  entry.listed !== undefined && entry.error === undefined && (!entry.draft || drafts === true);

/**
 * The previous build's order, read from the neighbours each article's cache entry names
 * (newer, older) instead of sorting every article again. Trusted only when the chain, from the
 * one article with no newer neighbour, visits every published article once, each strictly older
 * than the one before: that sequence can only be the sorted order. Undefined otherwise (a
 * cache from before a `--drafts` change, say): the caller sorts.
 */
export function previousOrder(cache: LoadedCache, drafts: boolean | undefined): ArticleOrder | undefined {
  const fileOfId = cache.files;
  let published = 0;
  let newest: string | undefined;
  for (const relative in cache.entries) {
    const entry = cache.entries[relative] as CacheEntry;
    if (!isPublishedEntry(entry, drafts)) continue;
    published++;
    if (entry.neighbours?.[0] !== '') continue;
    if (newest !== undefined) return undefined;
    newest = relative;
  }
  const files: string[] = [];
  const entries: CacheEntry[] = [];
  let before: CacheEntry | undefined;
  for (let relative = newest; relative !== undefined;) {
    const entry = cache.entries[relative];
    if (!entry?.listed || !isPublishedEntry(entry, drafts) || files.length === published) return undefined;
    if (before?.listed && compareNewestFirst(before.listed, entry.listed) >= 0) return undefined;
    files.push(relative);
    entries.push(entry);
    before = entry;
    const older = entry.neighbours?.[1];
    if (older === undefined) return undefined;
    relative = older === '' ? undefined : fileOfId.get(older);
    if (older !== '' && relative === undefined) return undefined;
  }
  return files.length === published ? { files, entries, fileOf: fileOfId } : undefined;
}
