import fs from 'node:fs';
import path from 'node:path';
import type { BuildSettings } from '../pipeline-options.ts';
import { TermStore } from '../search/search-term-cache.ts';
import { TermDictionary } from '../search/term-dictionary.ts';
import { type LoadedCache, loadCache, storeBase } from './build-cache.ts';
import { SummaryStore } from './summary-store.ts';

export const BUILD_ID_FILE = '.build-id';

/** What the previous build left that this one may reuse. */
export interface PreviousBuild {
  /** The cache, when it describes the output as it is published and the same time zone. */
  cache?: LoadedCache;
  /** The term store, opened (or new) when there is a cache folder. */
  terms?: TermStore;
  /** The stored terms, when they are valid: without them, an unchanged article is parsed again. */
  storedTerms?: TermStore;
  /** The summary store, opened (or new) when there is a cache folder. */
  summaries?: SummaryStore;
  /** Whether the stored summaries are valid: without them, an unchanged article is parsed again. */
  summariesLoaded: boolean;
  /** Where this input and output's stores are (`<storeBase>-…`), with a cache folder. */
  storeBase?: string;
  /** The dictionary this run numbers terms in. */
  dictionary: TermDictionary;
  /** The id each file had: ids are kept across builds (made when first asked for). */
  readonly ids: ReadonlyMap<string, string>;
}

function readBuildId(outDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(outDir, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Opens the cache of the previous build; without a usable one, every file is parsed again. */
export function openPreviousBuild({ cacheDir, inDir, outDir, timeZone }: BuildSettings): PreviousBuild {
  if (!cacheDir) return { dictionary: new TermDictionary(), ids: new Map(), summariesLoaded: false };
  const loaded = loadCache(cacheDir, inDir, outDir);
  const cache = loaded && loaded.timeZone === timeZone && loaded.buildId === readBuildId(outDir) ? loaded : undefined;
  const base = storeBase(cacheDir, inDir, outDir);
  const { store, loaded: termsLoaded } = TermStore.open(base, cache?.termStore);
  const summaries = SummaryStore.open(base, cache?.summaryStore);
  const previous: PreviousBuild = {
    terms: store,
    summaries: summaries.store,
    summariesLoaded: summaries.loaded,
    storeBase: base,
    dictionary: store.dictionary,
    // A run of edits never asks: at a million files, making the map took a few tenths of a second.
    get ids() {
      return cache?.ids ?? new Map<string, string>();
    },
  };
  if (cache) previous.cache = cache;
  if (termsLoaded) previous.storedTerms = store;
  return previous;
}
