import fs from 'node:fs';
import path from 'node:path';
import { dataPaths, type SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import type { IndexBase } from './append-to-index.ts';
import { digestFile, type IndexDigests, readDigests } from './index-digests.ts';
import { openReserves, reserveFile } from './posting-reserve.ts';
import type { DocChange } from './patch-index.ts';
import { DOCS_PER_FILE } from './search-index.ts';
import { searchInputSignature } from './search-input.ts';
import type { TermSlice } from './search-term-cache.ts';
import type { NumberedTerms } from './term-dictionary.ts';

/** What of the published search index this run can use. */
export type IndexReuse =
  /** The same articles in the same order with the same terms: the index as it is. */
  | { kept: SearchIndexInfo }
  /** Its articles first, as they were, and new ones after them: the index to append to. */
  | { base: IndexBase }
  /** A few of its articles edited in place, its newest removed, new ones after: the index to patch. */
  | { base: IndexBase; changes: DocChange[] }
  /** Anything else (many documents renumbered or changed): a full build. */
  | undefined;

/**
 * Past this many changed documents a full build is as fast: at 100,000 articles, patching one
 * rewritten article (every term changed) took 0.35–0.4 s, four 0.6 s, sixteen 0.85 s, against
 * 0.6 s for inverting everything; an edit of a few words takes 0.01–0.1 s.
 */
export const PATCH_LIMIT = 8;

/**
 * The same bound for a run of edits that knows its changes, grown with the index: a full build
 * inverts every article (1.8 s at 100,000 bench articles, 8.5 s at a million, most of it reading
 * their stored terms), while a patch costs what its documents' chunks cost, about 13 ms a changed
 * document at either size. Documents that only moved are not counted (unmovedChanges): an
 * article filed 50 places down renumbers 50, whose lists' newest postings alone are encoded again.
 */
export const patchLimit = (docs: number): number => Math.max(PATCH_LIMIT, Math.min(512, Math.floor(docs / 640)));

/** This run's articles (oldest first) and their terms, as reuseIndex compares them. */
export interface IndexInput {
  oldestFirst: readonly string[];
  /** Where an article's terms are in the term store; undefined for one parsed this run. */
  storedSlice(id: string): TermSlice | undefined;
  /** Where the previous build stored an article's terms (also for one parsed this run). */
  previousSlice(id: string): TermSlice | undefined;
  /** An article's terms now. */
  terms(id: string): NumberedTerms | undefined;
}

/**
 * Compares this run's articles and where their terms are stored with what the published index
 * was built from (the cache's search-input signature): the published index's documents are
 * this run's first ones, but those past this run's end, whose ids its last docs files hold.
 */
export function reuseIndex(output: StagedOutput, previous: PreviousBuild, input: IndexInput): IndexReuse {
  const published = previous.cache?.search;
  const generation = previous.cache?.termStore?.generation;
  const stored = previous.storedTerms;
  if (!published || generation === undefined || !stored) return undefined;
  const { info, signature } = published;
  const folder = output.publishedPath(info.path);
  if (!folder) return undefined;
  const { oldestFirst } = input;
  const common = Math.min(info.docs, oldestFirst.length);
  const changed: number[] = [];
  // An article's stored slice is the previous build's (its cache entry is reused): only the
  // articles parsed this run, which have none yet, can have changed.
  for (let doc = 0; doc < common; doc++) {
    if (!input.storedSlice(oldestFirst[doc] as string)) changed.push(doc);
    if (changed.length > PATCH_LIMIT) return undefined;
  }
  const removed = info.docs - common;
  const added = oldestFirst.length - common;
  if (changed.length + removed + added > PATCH_LIMIT) return undefined;
  const removedIds = removed > 0 ? publishedIds(folder, info, common) : [];
  if (!removedIds || removedIds.length !== removed) return undefined;
  const removedSlices = removed > 0 ? previousSlicesOf(previous, removedIds) : new Map<string, TermSlice>();
  const oldIds = [...oldestFirst.slice(0, common), ...removedIds];
  const sliceBefore = (id: string) => input.storedSlice(id) ?? removedSlices.get(id) ?? input.previousSlice(id);
  if (searchInputSignature(generation, oldIds, (n) => sliceBefore(oldIds[n] as string)) !== signature) return undefined;

  if (changed.length === 0 && removed === 0 && added === 0) return { kept: info };
  const base = indexBase(folder, info, previous.storeBase);
  if (changed.length === 0 && removed === 0) return { base };
  const termsOf = (id: string, slice: TermSlice | undefined): NumberedTerms => {
    if (!slice) throw new Error(`no stored search terms for article ${id}`);
    return stored.slice(slice);
  };
  const termsNow = (id: string): NumberedTerms => {
    const terms = input.terms(id);
    if (!terms) throw new Error(`no search terms for article ${id}`);
    return terms;
  };
  const changes: DocChange[] = [
    ...changed.map((doc) => {
      const id = oldestFirst[doc] as string;
      return { doc, before: termsOf(id, sliceBefore(id)), after: termsNow(id) };
    }),
    ...removedIds.map((id, n) => ({ doc: common + n, before: termsOf(id, sliceBefore(id)) })),
    ...oldestFirst.slice(common).map((id, n) => ({ doc: common + n, after: termsNow(id) })),
  ];
  return { base, changes };
}

/** The published index in `folder`, as appending to it or patching it reads it, with its reserves when kept. */
export function indexBase(folder: string, info: SearchIndexInfo, storeBase: string | undefined): IndexBase {
  return {
    path: info.path,
    buckets: info.buckets,
    docs: info.docs,
    reserves: openReserves(storeBase && reserveFile(storeBase, info.path), info.buckets),
    chunk: (bucket) =>
      fs.readFileSync(path.join(folder, path.relative(info.path, dataPaths.searchTerms(info.path, bucket)))),
    docsFile: (file) =>
      fs.readFileSync(path.join(folder, path.relative(info.path, dataPaths.searchDocs(info.path, file)))),
    ...withDigests(storeBase && digestFile(storeBase, info.path), info),
  };
}

/** The published index's digests when kept: `{}` when not (its files are then read and hashed). */
function withDigests(file: string | undefined, info: SearchIndexInfo): { digests?: IndexDigests } {
  const digests = readDigests(file, info.buckets, Math.ceil(info.docs / DOCS_PER_FILE));
  return digests ? { digests } : {};
}

/** The ids of the published index's documents from `from` on, read from its docs files. */
function publishedIds(folder: string, info: SearchIndexInfo, from: number): string[] | undefined {
  const ids: string[] = [];
  try {
    for (let file = Math.floor(from / DOCS_PER_FILE); file * DOCS_PER_FILE < info.docs; file++) {
      const relative = path.relative(info.path, dataPaths.searchDocs(info.path, file));
      const list: unknown = JSON.parse(fs.readFileSync(path.join(folder, relative), 'utf8'));
      if (!isIdList(list)) return undefined;
      ids.push(...list);
    }
  } catch {
    return undefined; // a docs file missing or damaged: the index is built whole
  }
  return ids.slice(from - Math.floor(from / DOCS_PER_FILE) * DOCS_PER_FILE);
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string');

/** Where the previous build stored the terms of these articles, which this run no longer has. */
function previousSlicesOf(previous: PreviousBuild, ids: readonly string[]): Map<string, TermSlice> {
  return previous.cache?.table.termsOfIds(new Set(ids)) ?? new Map<string, TermSlice>();
}
