import fs from 'node:fs';
import path from 'node:path';
import { dataPaths, type SearchIndexInfo, type SearchNumbering } from '../../../src/lib/content-contract.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import type { IndexBase } from './append-to-index.ts';
import { digestFile, type IndexDigests, readDigests } from './index-digests.ts';
import { openReserves, reserveFile } from './posting-reserve.ts';
import type { DocChange } from './patch-index.ts';
import { DOCS_PER_FILE, type IdList } from './search-index.ts';
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
  /** The articles' ids by number, with gaps under a numbering by day. */
  oldestFirst: IdList;
  numbering: SearchNumbering | undefined;
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
 * this run's first ones, but those past this run's last number, whose ids its last docs files
 * hold. Numbered another way, nothing is reused.
 */
export function reuseIndex(output: StagedOutput, previous: PreviousBuild, input: IndexInput): IndexReuse {
  const published = previous.cache?.search;
  const generation = previous.cache?.termStore?.generation;
  const stored = previous.storedTerms;
  if (!published || generation === undefined || !stored) return undefined;
  const { info, signature } = published;
  if (!sameNumbering(info.numbering, input.numbering)) return undefined;
  const folder = output.publishedPath(info.path);
  if (!folder) return undefined;
  const { oldestFirst } = input;
  const end = numberEnd(info);
  const common = Math.min(end, oldestFirst.length);
  const changed: number[] = [];
  const added: number[] = [];
  // An article's stored slice is the previous build's (its cache entry is reused): only the
  // articles parsed this run, which have none yet, can have changed.
  for (let doc = 0; doc < oldestFirst.length; doc++) {
    const id = oldestFirst.at(doc);
    if (id === undefined) continue;
    if (doc >= common) added.push(doc);
    else if (!input.storedSlice(id)) changed.push(doc);
    if (changed.length + added.length > PATCH_LIMIT) return undefined;
  }
  const removed = common < end ? publishedIds(folder, info, common) : [];
  if (!removed || changed.length + removed.length + added.length > PATCH_LIMIT) return undefined;
  const removedSlices =
    removed.length > 0
      ? previousSlicesOf(
          previous,
          removed.map(({ id }) => id),
        )
      : new Map<string, TermSlice>();
  const removedAt = new Map(removed.map(({ doc, id }) => [doc, id]));
  const oldIds: IdList = { length: end, at: (doc) => (doc < common ? oldestFirst.at(doc) : removedAt.get(doc)) };
  const sliceBefore = (id: string) => input.storedSlice(id) ?? removedSlices.get(id) ?? input.previousSlice(id);
  if (searchInputSignature(generation, oldIds, (n) => sliceBefore(oldIds.at(n) ?? '')) !== signature) return undefined;

  if (changed.length === 0 && removed.length === 0 && added.length === 0) return { kept: info };
  const base = indexBase(folder, info, previous.storeBase);
  if (changed.length === 0 && removed.length === 0) return { base };
  const termsOf = (id: string, slice: TermSlice | undefined): NumberedTerms => {
    if (!slice) throw new Error(`no stored search terms for article ${id}`);
    return stored.slice(slice);
  };
  const termsNow = (id: string): NumberedTerms => {
    const terms = input.terms(id);
    if (!terms) throw new Error(`no search terms for article ${id}`);
    return terms;
  };
  const idAt = (doc: number) => oldestFirst.at(doc) ?? '';
  const changes: DocChange[] = [
    ...changed.map((doc) => ({ doc, before: termsOf(idAt(doc), sliceBefore(idAt(doc))), after: termsNow(idAt(doc)) })),
    ...removed.map(({ doc, id }) => ({ doc, before: termsOf(id, sliceBefore(id)) })),
    ...added.map((doc) => ({ doc, after: termsNow(idAt(doc)) })),
  ];
  return { base, changes };
}

type NumberingKind = Pick<SearchNumbering, 'firstDay' | 'dayBits'>;

/** Whether two indexes number their documents alike (both densely, or by day from the same day with the same room). */
export const sameNumbering = (a: NumberingKind | undefined, b: NumberingKind | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.firstDay === b.firstDay && a.dayBits === b.dayBits;

/** One past the highest document number of an index: its documents', unless numbered by day. */
export const numberEnd = (info: Pick<SearchIndexInfo, 'docs' | 'numbering'>): number =>
  info.numbering?.end ?? info.docs;

/** The published index in `folder`, as appending to it or patching it reads it, with its reserves when kept. */
export function indexBase(folder: string, info: SearchIndexInfo, storeBase: string | undefined): IndexBase {
  return {
    path: info.path,
    buckets: info.buckets,
    docs: numberEnd(info),
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
  const digests = readDigests(file, info.buckets, Math.ceil(numberEnd(info) / DOCS_PER_FILE));
  return digests ? { digests } : {};
}

/** The published index's documents from number `from` on, read from its docs files ('' is no document). */
function publishedIds(folder: string, info: SearchIndexInfo, from: number): { doc: number; id: string }[] | undefined {
  const ids: { doc: number; id: string }[] = [];
  const end = numberEnd(info);
  try {
    for (let file = Math.floor(from / DOCS_PER_FILE); file * DOCS_PER_FILE < end; file++) {
      const relative = path.relative(info.path, dataPaths.searchDocs(info.path, file));
      const list: unknown = JSON.parse(fs.readFileSync(path.join(folder, relative), 'utf8'));
      if (!isIdList(list)) return undefined;
      list.forEach((id, n) => {
        const doc = file * DOCS_PER_FILE + n;
        if (id !== '' && doc >= from) ids.push({ doc, id });
      });
      if (ids.length > PATCH_LIMIT) return undefined;
    }
  } catch {
    return undefined; // a docs file missing or damaged: the index is built whole
  }
  return ids;
}

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'string');

/** Where the previous build stored the terms of these articles, which this run no longer has. */
function previousSlicesOf(previous: PreviousBuild, ids: readonly string[]): Map<string, TermSlice> {
  return previous.cache?.table.termsOfIds(new Set(ids)) ?? new Map<string, TermSlice>();
}
