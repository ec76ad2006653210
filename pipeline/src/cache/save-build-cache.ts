import fs from 'node:fs';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { Published } from '../output/publish-output.ts';
import type { Selection } from '../output/select-articles.ts';
import { searchInputSignature } from '../search/search-input.ts';
import type { StoreDoc } from '../search/search-term-cache.ts';
import { type CacheEntry, saveCache } from './build-cache.ts';
import type { SummaryStoreState } from './summary-store.ts';
import type { PreviousBuild } from './previous-build.ts';

/**
 * Saves what the next run needs to reuse this one: every file's entry, the list signatures
 * and the term store. After an incremental run, only the entries that changed are appended
 * to the cache's log.
 */
export function saveBuildCache(
  cacheDir: string,
  settings: BuildSettings,
  {
    input,
    previous,
    parsed,
    selection,
    published,
  }: {
    input: InputFiles;
    previous: PreviousBuild;
    parsed: ParsedArticles;
    selection: Selection;
    published: Published;
  },
): void {
  const store = previous.terms;
  if (!store) throw new Error('a cache folder without a term store');
  fs.mkdirSync(cacheDir, { recursive: true });
  const { orderedIds, orderedEntries, orderedFiles } = selection;
  const entryAt = (n: number) => {
    const entry = orderedEntries[n];
    if (!entry) throw new Error(`no cache entry for article ${n} in order`);
    return entry;
  };
  // Read one at a time from where they wait (term-spool.ts): never all held at once.
  const { state, slices } = store.save({
    length: orderedIds.length,
    at: (n): StoreDoc => {
      const id = orderedIds[n] ?? '';
      const stored = parsed.records.has(id) ? undefined : entryAt(n).terms;
      if (stored) return { stored };
      const terms = parsed.terms(id);
      if (!terms) throw new Error(`no search terms for article ${id}`);
      return { terms };
    },
  });
  let slicesMoved = false;
  for (let n = 0; n < orderedIds.length; n++) {
    const entry = entryAt(n);
    const slice = slices[n];
    if (entry.terms?.[0] === slice?.[0] && entry.terms?.[1] === slice?.[1]) continue;
    entry.terms = slice;
    slicesMoved = true;
    parsed.changed.add(orderedFiles[n] ?? '');
  }
  const summaryState = saveSummaries(previous, parsed, input);
  const oldestFirst = [...orderedIds].reverse();
  const last = orderedIds.length - 1;
  // A kept index was built from these articles and slices, as the previous signature says.
  const kept =
    published.searchIndex === 'kept' && !slicesMoved && state.generation === previous.cache?.termStore?.generation;
  const signature = kept
    ? previous.cache?.search?.signature
    : searchInputSignature(state.generation, oldestFirst, (n) => entryAt(last - n).terms);
  const entries: Record<string, CacheEntry> = {};
  for (const { relative } of input.files) entries[relative] = parsed.entry(relative);
  const next = {
    timeZone: settings.timeZone,
    buildId: published.buildId,
    entries,
    lists: published.listSignatures,
    termStore: state,
    summaryStore: summaryState,
    ...(signature && { search: { signature, info: published.search } }),
  };
  saveCache(
    cacheDir,
    settings.inDir,
    settings.outDir,
    next,
    previous.cache && {
      previous: previous.cache,
      changed: parsed.changed,
    },
  );
  store.prune(state);
  previous.summaries?.prune(summaryState);
}

/** Stores the summaries parsed this run beside those stored already, and notes where each is. */
function saveSummaries(previous: PreviousBuild, parsed: ParsedArticles, input: InputFiles): SummaryStoreState {
  const store = previous.summaries;
  if (!store) throw new Error('a cache folder without a summary store');
  const listed = input.files.flatMap(({ relative }) => {
    const article = parsed.entry(relative).listed;
    return article ? [{ relative, article }] : [];
  });
  const { state, slices } = store.save({
    length: listed.length,
    at: (n) => {
      const article = listed[n]?.article;
      if (!article) return undefined;
      const text = parsed.summaryBytes(article.id);
      if (text !== undefined) return { text };
      if (!article.summary) throw new Error(`no summary for article ${article.id}`);
      return { stored: article.summary };
    },
  });
  listed.forEach(({ relative, article }, n) => {
    const slice = slices[n];
    if (!slice || (article.summary?.[0] === slice[0] && article.summary[1] === slice[1])) return;
    article.summary = slice;
    parsed.changed.add(relative);
  });
  return state;
}
