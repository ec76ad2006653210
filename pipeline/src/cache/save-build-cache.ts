import fs from 'node:fs';
import { collectGarbage } from '../collect-garbage.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { Published } from '../output/publish-output.ts';
import type { Selection } from '../output/select-articles.ts';
import { LIST_LAYOUT_VERSION } from '../output/list-layout.ts';
import { outputStamp } from '../output/output-stamp.ts';
import { removeOtherReserves } from '../search/posting-reserve.ts';
import { numberEnd } from '../search/reuse-index.ts';
import { changedSignature, type InputDoc, searchInputSignature } from '../search/search-input.ts';
import type { WindowNumbers } from '../search/window-numbers.ts';
import type { StoreDoc, TermSlice, TermStore, TermStoreState } from '../search/search-term-cache.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';
import { type CacheEntries, type CacheEntry, type ListedArticle, saveCache } from './build-cache.ts';
import { type ArticleOrder, arrayOrder, type OrderChange } from './entry-table.ts';
import type { PreviousBuild } from './previous-build.ts';
import type { SliceColumn } from './slice-column.ts';
import type { SummarySlice, SummaryStoreState } from './summary-store.ts';

/** What a run leaves for the next one to reuse, however it built its output. */
export interface RunToSave {
  /** Every file's entry, by file; the entries of published articles are also in `ordered`. */
  entries: CacheEntries;
  /** The published articles, newest first. */
  ordered: ArticleOrder;
  /** How `ordered` follows from the previous build's order, when the run knows. */
  orderChange?: OrderChange;
  /**
   * The search terms of the article at place `n` when this run parsed it (else stored): valid
   * until the next call, as a whole run reads them in passing from their spool.
   */
  freshTerms(n: number): NumberedTerms | undefined;
  /** How many terms `freshTerms(n)` has, without reading them (undefined when it has none); optional. */
  freshTermCount?(n: number): number | undefined;
  /** Every built article (drafts too): where each summary is, or its JSON when this run parsed it. */
  listed(): BuiltArticles;
  /** Set when `listed()` gives the published articles first, in `ordered`'s order (`n` is the place). */
  listedInOrder?: true;
  /** Set when the published articles' entries were not given their neighbours: they are the order's. */
  neighboursFromOrder?: true;
  /** Files whose entries this run changed: the cache's log gets just these. */
  changed: Set<string>;
  /**
   * Called once the fresh terms, then the fresh summaries, are stored: what held them goes
   * before the rest is saved (a cold build's peak of memory was there).
   */
  stored?: (what: 'terms' | 'summaries') => void;
  /**
   * Set when only these articles (by place in `ordered`) have new terms and summaries, the
   * others' being stored: the stores then append just theirs (`replace`) when they can.
   */
  edited?: readonly EditedArticle[];
  /** With `edited`: the entries of the articles this run deleted, whose records are free. */
  removed?: readonly CacheEntry[];
  /** With `edited`: the previous order's places laid out again. */
  renewed?: RenewedWindow;
  published: Pick<Published, 'buildId' | 'listSignatures' | 'search' | 'searchIndex' | 'searchDays' | 'searchNumbers'>;
}

/**
 * A run of edits' change to the order: the previous order's entries from `from` on as they were
 * (`dropped`, newest first) are laid out again as the `top` places from `from` of the new one,
 * and every article above and below keeps its place.
 */
export interface RenewedWindow {
  dropped: readonly CacheEntry[];
  from: number;
  top: number;
  /** The search documents' numbers of the window before and after (window-numbers.ts), once the run numbered them. */
  numbers?: WindowNumbers;
}

/** Every built article, read by place without making its entry (but for `articleAt`). */
export interface BuiltArticles {
  length: number;
  /** Its file, and where its summary is stored or its summary's JSON (valid until the next `at`). */
  at(n: number): { relative: string; stored?: SummarySlice; fresh?: Uint8Array };
  /** Its file and the built article itself, where a moved summary is noted: made when asked. */
  articleAt(n: number): { relative: string; article: ListedArticle };
}

export interface EditedArticle {
  place: number;
  relative: string;
  /** Its entry before this run, unless it is new: the records its new ones replace. */
  before?: CacheEntry;
  /** Its summary's JSON. */
  summary: Uint8Array;
}

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
  /** The id of the article at place `n` when this run parsed it. */
  const parsedAt = (n: number) => {
    const id = selection.orderedIds[n] ?? '';
    return parsed.records.has(id) ? id : undefined;
  };
  /** A parsed article's terms (or their count): every one has them. */
  const counted = <T>(id: string, terms: T | undefined): T => {
    if (terms === undefined) throw new Error(`no search terms for article ${id}`);
    return terms;
  };
  saveRun(cacheDir, settings, previous, {
    // The parsed entries themselves: every file of the input has one (collectOutcomes).
    entries: parsed.entries,
    ordered: arrayOrder(selection.orderedFiles, selection.orderedEntries),
    freshTerms: (n) => {
      const id = parsedAt(n);
      return id === undefined ? undefined : counted(id, parsed.termsInPassing(id));
    },
    freshTermCount: (n) => {
      const id = parsedAt(n);
      return id === undefined ? undefined : counted(id, parsed.termCount(id));
    },
    listedInOrder: true,
    listed: () => {
      // The published articles by place, then the other built ones (drafts left out) by their
      // place in the input: places, not an object each (a million at the peak).
      const others = new Int32Array(input.files.length);
      let count = 0;
      input.files.relatives.forEach((relative, n) => {
        const entry = parsed.entry(relative);
        if (!entry.listed) return;
        const place = selection.placeOf.rowOf(entry.listed.id);
        if (place < 0 || selection.orderedEntries[place] !== entry) others[count++] = n;
      });
      const published = selection.orderedFiles.length;
      const builtAt = (n: number) => {
        const relative =
          n < published ? selection.orderedFiles[n] : input.files.relativeAt(others[n - published] ?? -1);
        const article = relative === undefined || n >= published + count ? undefined : parsed.entry(relative).listed;
        if (relative === undefined || !article) throw new Error(`no built article at ${n}`);
        return { relative, article };
      };
      return {
        length: published + count,
        at: (n) => {
          const { relative, article } = builtAt(n);
          const fresh = parsed.summaryBytes(article.id);
          return fresh ? { relative, fresh } : { relative, stored: article.summary };
        },
        articleAt: builtAt,
      };
    },
    // Not logged, stage-articles.ts left them off the entries.
    ...(!parsed.logged && { neighboursFromOrder: true as const }),
    stored: (what) => parsed.storedInCache(what),
    changed: parsed.changed,
    published,
  });
}

/** Saves the stores (terms, summaries) and the cache of a run, whole or edits only. */
export function saveRun(cacheDir: string, settings: BuildSettings, previous: PreviousBuild, run: RunToSave): void {
  const store = previous.terms;
  if (!store) throw new Error('a cache folder without a term store');
  fs.mkdirSync(cacheDir, { recursive: true });
  const { ordered } = run;
  // Without a cache before, nothing is logged: the snapshot is written from the new slices as
  // columns, and the entries never get them (two arrays an article, 128 MB at a million). So too
  // when a run of edits writes a store anew: every slice moves, and noting each on its entry made
  // every entry (a whole run's memory inside a run of edits) and a log line of them all.
  const logged = previous.cache !== undefined;
  const givenByPlace = !logged || run.edited !== undefined;
  const replaced = run.edited && replaceTerms(store, run, run.edited);
  const { state, slicesMoved, byPlace: termsByPlace } = replaced ?? saveTerms(store, run, !givenByPlace);
  run.stored?.('terms');
  // A pass over a million articles' terms left 170 MB more on the heap (measured at its end), on
  // which the summaries' pass piled its own: the cold build's peak. A few edits' terms leave none.
  if (!replaced) collectGarbage(ordered.length);
  const { state: summaryState, byPlace: summariesByPlace } =
    (run.edited && replaceSummaries(previous, run, run.edited)) ?? saveSummaries(previous, run, !givenByPlace);
  run.stored?.('summaries');
  const termsAt = (n: number) => (termsByPlace ? termsByPlace.at(n) : ordered.termsAt(n));
  // A kept index was built from these articles and slices, as the previous signature says.
  const { published } = run;
  // By number, as the index was built (decision 0006): a run of edits finds every article's
  // number only when the whole input is hashed; a whole run numbered them all already.
  const byNumber = published.searchNumbers;
  const kept =
    published.searchIndex === 'kept' && !slicesMoved && state.generation === previous.cache?.termStore?.generation;
  const signature = kept
    ? previous.cache?.search?.signature
    : ((replaced && run.edited && editedSignature(previous, run, run.edited, state.generation)) ??
      searchInputSignature(state.generation, byNumber.ids(), (n) => termsAt(byNumber.placeOf(n))));
  const stamp = outputStamp(settings.outDir, { settled: true });
  const next = {
    timeZone: settings.timeZone,
    buildId: published.buildId,
    entries: run.entries,
    order: {
      files: ordered,
      drafts: settings.drafts === true,
      ...(run.orderChange && { change: run.orderChange }),
      // Given by place without a cache before (saveTerms), or by a run of edits writing a store anew.
      ...((termsByPlace || summariesByPlace) && {
        byPlace: { terms: termsByPlace, summaries: summariesByPlace, neighbours: run.neighboursFromOrder },
      }),
    },
    lists: published.listSignatures,
    listLayout: LIST_LAYOUT_VERSION,
    termStore: state,
    summaryStore: summaryState,
    ...(signature && { search: { signature, info: published.search, days: published.searchDays } }),
    // Taken now, after the output was published: it is what this cache describes.
    ...(stamp && { outputStamp: stamp }),
  };
  saveCache(
    cacheDir,
    settings.inDir,
    settings.outDir,
    next,
    previous.cache && {
      previous: previous.cache,
      changed: run.changed,
    },
  );
  store.prune(state);
  previous.summaries?.prune(summaryState);
  if (previous.storeBase) removeOtherReserves(previous.storeBase, published.search.path);
}

/**
 * The previous search-input signature changed by the documents a run of edits touched: the
 * window of the previous order laid out again (`renewed`: its documents were the published
 * index's, and the new window's are now), and the articles edited outside it (as they were and
 * are). Only their slices moved (replaceTerms), and every other document keeps its number.
 * Undefined when the previous signature cannot be changed so.
 */
function editedSignature(
  previous: PreviousBuild,
  run: RunToSave,
  edited: readonly EditedArticle[],
  generation: number,
): string | undefined {
  const before = previous.cache?.search;
  const numbers = run.renewed?.numbers;
  if (!before || !run.renewed || !numbers?.same) return undefined;
  const { ordered } = run;
  const { dropped, from, top } = run.renewed;
  const removed: InputDoc[] = [];
  const added: InputDoc[] = [];
  for (const [n, { id, terms }] of dropped.entries()) {
    if (!terms) return undefined;
    removed.push({ doc: numbers.before[n] as number, id, slice: terms });
  }
  for (let place = from; place < from + top; place++) {
    const slice = ordered.termsAt(place);
    if (!slice) return undefined;
    added.push({ doc: numbers.now[place - from] as number, id: ordered.idAt(place), slice });
  }
  for (const { place, before: entry } of edited) {
    if (place >= from && place < from + top) continue;
    const doc = numbers.order.numberAt(place);
    if (!entry?.terms) return undefined;
    removed.push({ doc, id: entry.id, slice: entry.terms });
    const slice = ordered.termsAt(place);
    if (!slice) return undefined;
    added.push({ doc, id: ordered.idAt(place), slice });
  }
  return changedSignature(before.signature, generation, numberEnd(before.info), numbers.order.end, removed, added);
}

/**
 * Stores every published article's terms (parsed this run, or where they are) and notes where
 * each is: on its entry when `logged`, else only in the slices by place it returns.
 */
function saveTerms(
  store: TermStore,
  run: RunToSave,
  logged: boolean,
): { state: TermStoreState; slicesMoved: boolean; byPlace?: SliceColumn } {
  const { ordered } = run;
  const storedAt = (n: number) => {
    const stored = ordered.termsAt(n);
    if (!stored) throw new Error(`no stored search terms for article ${ordered.idAt(n)}`);
    return stored;
  };
  const { freshTermCount } = run;
  // Read one at a time from where they wait (term-spool.ts): never all held at once.
  const { state, slices } = store.save({
    length: ordered.length,
    at: (n): StoreDoc => {
      const terms = run.freshTerms(n);
      return terms ? { terms } : { stored: storedAt(n) };
    },
    ...(freshTermCount && {
      sizeOf: (n: number) => {
        const count = freshTermCount(n);
        return count === undefined ? { count: storedAt(n)[1], stored: true } : { count, stored: false };
      },
    }),
  });
  if (!logged) return { state, slicesMoved: true, byPlace: slices };
  let slicesMoved = false;
  for (let n = 0; n < slices.length; n++) {
    if (slices.isAt(n, ordered.termsAt(n))) continue;
    ordered.entryAt(n).terms = slices.at(n);
    slicesMoved = true;
    run.changed.add(ordered.fileAt(n));
  }
  return { state, slicesMoved };
}

/** Appends the terms of the edited articles only, when the store allows (TermStore.replace). */
function replaceTerms(
  store: TermStore,
  run: RunToSave,
  edited: readonly EditedArticle[],
): { state: TermStoreState; slicesMoved: boolean; byPlace?: undefined } | undefined {
  const docs: NumberedTerms[] = [];
  const freed: TermSlice[] = [];
  for (const { place, before } of edited) {
    const terms = run.freshTerms(place);
    if (!terms || (before && !before.terms)) return undefined;
    // Held until all are read: copies (a few edited articles' terms).
    docs.push({ ids: terms.ids.slice(), weights: terms.weights.slice() });
    if (before?.terms) freed.push(before.terms);
  }
  for (const { terms } of run.removed ?? []) {
    if (!terms) return undefined;
    freed.push(terms);
  }
  const replaced = store.replace(docs, freed);
  if (!replaced) return undefined;
  edited.forEach(({ place, relative }, n) => {
    run.ordered.entryAt(place).terms = replaced.slices[n];
    run.changed.add(relative);
  });
  return { state: replaced.state, slicesMoved: edited.length > 0 };
}

/** Appends the summaries of the edited articles only, when the store allows (SummaryStore.replace). */
function replaceSummaries(
  previous: PreviousBuild,
  run: RunToSave,
  edited: readonly EditedArticle[],
): { state: SummaryStoreState; byPlace?: undefined } | undefined {
  const freed: SummarySlice[] = [];
  for (const { listed } of [...edited.flatMap(({ before }) => (before ? [before] : [])), ...(run.removed ?? [])]) {
    if (!listed?.summary) return undefined;
    freed.push(listed.summary);
  }
  const replaced = previous.summaries?.replace(
    edited.map((article) => article.summary),
    freed,
  );
  if (!replaced) return undefined;
  edited.forEach(({ place, relative }, n) => {
    const article = run.ordered.entryAt(place).listed;
    if (!article) throw new Error(`no built article at ${place} in order`);
    article.summary = replaced.slices[n];
    run.changed.add(relative);
  });
  return { state: replaced.state };
}

/**
 * Stores the summaries parsed this run beside those stored already, and notes where each is: on
 * its entry, except the published articles' when nothing is `logged` and `listed()` gives them
 * by place (RunToSave.listedInOrder): theirs are returned by place.
 */
function saveSummaries(
  previous: PreviousBuild,
  run: RunToSave,
  logged: boolean,
): { state: SummaryStoreState; byPlace?: SliceColumn } {
  const store = previous.summaries;
  if (!store) throw new Error('a cache folder without a summary store');
  const listed = run.listed();
  const { state, slices } = store.save({
    length: listed.length,
    at: (n) => {
      const { relative, stored, fresh } = listed.at(n);
      if (fresh !== undefined) return { text: fresh };
      if (!stored) throw new Error(`no summary for article ${relative}`);
      return { stored };
    },
  });
  const byPlace = !logged && run.listedInOrder ? slices : undefined;
  for (let n = byPlace ? run.ordered.length : 0; n < slices.length; n++) {
    const { relative, article } = listed.articleAt(n);
    if (slices.isAt(n, article.summary)) continue;
    article.summary = slices.at(n);
    run.changed.add(relative);
  }
  return byPlace ? { state, byPlace } : { state };
}
