import { termBucket } from '../../../src/lib/search-terms.ts';
import { decoded, type Entry, type IndexBase, madeFrom, writeChunk } from './append-to-index.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { isMove, lowestKept, type Moves, movesOf, renumber, renumbered } from './moved-documents.ts';
import {
  ByteWriter,
  type DocTerms,
  DOCS_PER_FILE,
  type IdList,
  POSTING_CAP,
  type SearchIndex,
} from './search-index.ts';
import {
  byRank,
  type CappedList,
  changeList,
  RESERVE,
  type RankedPostings,
  ranked,
  type Reserves,
  rank,
  reserveOf,
} from './posting-reserve.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/** One document whose terms differ from the published index's. */
export interface DocChange {
  /** Its number (by day, or its place counted from the oldest: decision 0006). */
  doc: number;
  /** Its terms in the published index; none when it was not there (added after its last). */
  before?: NumberedTerms;
  /** Its terms now; none when it is gone (it was among the published index's newest). */
  after?: NumberedTerms;
}

/**
 * The index of `docs` (oldest first) from the published one and the documents that changed
 * in place, were removed from its end or added after it: an edited article, a newest one
 * deleted. Only the chunks of the terms those documents have (before or after) are decoded
 * and encoded again; no other article is inverted.
 *
 * A posting list that holds all its documents (df within the cap) is patched as it is; so is
 * one cut to its best `cap` postings, unless a posting it kept went or fell below the lowest it
 * kept: the posting that takes its place may be one the cut dropped. Those terms alone are
 * counted again over every document's stored terms (a pass over typed arrays, the same cut as
 * a full build). So the result has the bytes a
 * full build with this chunk count writes. Undefined when the published index does not agree
 * with `changes` (a term said to be there is missing): the caller builds it whole.
 */
export function patchIndex(
  dictionary: TermDictionary,
  ids: IdList,
  /** Every document's terms, oldest first: asked for only when a cut list must be counted again. */
  allDocs: () => DocTerms,
  base: IndexBase,
  changes: readonly DocChange[],
  cap = POSTING_CAP,
  /** The moves among `changes` (movesOf), when the caller has them already. */
  moved = movesOf(changes),
): SearchIndex | undefined {
  // Per term, the postings of the changed documents before and after: a document whose weight
  // for a term did not change leaves that term alone (an edit changes few of its terms).
  const lost = new Map<number, Map<number, number>>();
  const gained = new Map<number, Map<number, number>>();
  const note = (into: Map<number, Map<number, number>>, doc: number, terms: NumberedTerms) => {
    for (let i = 0; i < terms.ids.length; i++) {
      const term = terms.ids[i] as number;
      let postings = into.get(term);
      if (!postings) into.set(term, (postings = new Map()));
      postings.set(doc, terms.weights[i] as number);
    }
  };
  // The documents that changed, came or went, not only moved, posting by posting; of the moved
  // ones (renumbered, their postings otherwise the same), the lists they are in, from the side
  // that went. (One that kept its number is in neither.)
  const movedTerms = new Set<number>();
  for (const change of changes) {
    const { doc, before, after } = change;
    if (!isMove(change, moved)) {
      if (before) note(lost, doc, before);
      if (after) note(gained, doc, after);
    } else if (before && moved.get(doc) !== doc) for (const term of before.ids) movedTerms.add(term);
  }
  const touched = new Map<number, number[]>();
  for (const term of new Set([...lost.keys(), ...gained.keys(), ...movedTerms])) {
    const losing = lost.get(term);
    const gaining = gained.get(term);
    if (losing && gaining) {
      // The same posting went and came. Not among the renumbered, in a list moved documents
      // are in: the one that went is taken out before they are renumbered (changeMovedList).
      const across = movedTerms.has(term) ? moved.lowestGone : Infinity;
      for (const [doc, weight] of losing) {
        if (doc < across && gaining.get(doc) === weight) {
          losing.delete(doc);
          gaining.delete(doc);
        }
      }
      // Its list still holds moved documents to renumber, when it is among their terms.
      if (losing.size === 0 && gaining.size === 0 && !movedTerms.has(term)) continue;
    }
    const bucket = termBucket(dictionary.term(term), base.buckets);
    const terms = touched.get(bucket);
    if (terms) terms.push(term);
    else touched.set(bucket, [term]);
  }

  // Each chunk is written as soon as its terms are patched, so that its decoded lists die young
  // (a run of renumbered documents touches thousands of full lists: held to the end, they
  // were copied by every scavenge and promoted). A chunk with a list to count again waits.
  const written = new Map<number, Buffer>();
  const waiting = new Map<number, { entries: ChunkEntries; source: Uint8Array }>();
  const posting = new ByteWriter();
  // A chunk written again as it was stays the base's: linked off this thread, its digest known.
  // Renumbered documents touch every list they are in, and most of a common term's capped list
  // does not hold them (at a million articles, about half the chunks a deep change patched).
  const write = (bucket: number, entries: ChunkEntries, source: Uint8Array) => {
    const bytes = writeChunk(entries, posting, cap);
    if (!bytes.equals(source)) written.set(bucket, bytes);
  };
  const scratch: [ByteWriter, ByteWriter] = [new ByteWriter(), new ByteWriter()];
  // The reserves of the chunks it changes: read from the base's, changed term by term.
  const reserves = new Map<number, Reserves>();
  // Terms to count again, each with the lowest weight its list kept, its entry and its chunk's.
  const recount: { term: number; floor: number; entry: Entry; entries: ChunkEntries; reserves: Reserves }[] = [];
  for (const [bucket, terms] of touched) {
    const source = base.chunk(bucket);
    const entries = new ChunkEntries(source);
    const inBucket = base.reserves?.bucket(bucket) ?? new Map<string, RankedPostings>();
    reserves.set(bucket, inBucket);
    const recounted = recount.length;
    for (const term of terms) {
      const text = dictionary.term(term);
      const losing = lost.get(term) ?? new Map<number, number>();
      const gaining = [...(gained.get(term) ?? new Map<number, number>())];
      const found = entries.get(text);
      const moves = movedTerms.has(term) ? moved : undefined;
      if (moves && losing.size === 0 && gaining.length === 0 && found?.source) {
        const bytes = renumbered(found.source, inBucket.get(text), moves, scratch);
        if (bytes) {
          entries.setBytes(text, bytes);
          continue;
        }
      }
      if (moves && found?.source) {
        const below = changedBelowKept(found, found.source, inBucket.get(text), losing, gaining, moves, cap, scratch);
        if (below) {
          entries.setBytes(text, below.bytes);
          setReserve(inBucket, text, below.reserve);
          continue;
        }
      }
      const entry = decoded(found) ?? { term: text, df: 0, docs: [], weights: [] };
      entries.set(text, entry);
      const patched = moves
        ? changeMovedList(entry, inBucket.get(text), losing, gaining, moves, cap)
        : changeList(entry, inBucket.get(text), losing, gaining, cap);
      if (patched === 'inconsistent') return undefined; // the published index disagrees: not ours to patch
      if (patched === 'recount') {
        recount.push({ term, floor: Math.min(...entry.weights), entry, entries, reserves: inBucket });
        continue;
      }
      const { reserve, ...list } = patched;
      setReserve(inBucket, text, reserve);
      if (list.df === 0) entries.delete(text);
      else Object.assign(entry, list);
    }
    if (recount.length > recounted) waiting.set(bucket, { entries, source });
    else write(bucket, entries, source);
  }

  const recounted = recountLists(dictionary.size, recount, recount.length > 0 ? allDocs() : [], cap);
  for (const { term, entry, entries, reserves: inBucket } of recount) {
    const counted = recounted.get(term);
    if (!counted) throw new Error(`the posting list of "${entry.term}" was not counted again`);
    const { reserve, ...list } = counted;
    setReserve(inBucket, entry.term, reserve);
    if (list.df === 0) entries.delete(entry.term);
    else Object.assign(entry, list);
  }
  for (const [bucket, { entries, source }] of waiting) write(bucket, entries, source);

  const buckets = Array.from(
    { length: base.buckets },
    (_, bucket): Buffer | undefined => written.get(bucket), // undefined: the base's, not read
  );
  return { ...madeFrom(base, buckets, ids, idsKept(base.docs, changes), filesOfIds(changes)), reserves };
}

/** The docs files that hold a document that went or came: an edit in place keeps its document's id. */
function filesOfIds(changes: readonly DocChange[]): Set<number> {
  const files = new Set<number>();
  for (const { doc, before, after } of changes) if (!before || !after) files.add(Math.floor(doc / DOCS_PER_FILE));
  return files;
}

/**
 * How many of the first documents keep their ids through `changes` to an index of `docs`: up to
 * the first that went or came. An edit in place keeps its document's id; a document that moved,
 * went or was added changes the ids from its number on (the articles above one filed below the
 * newest all come back one number on).
 */
export function idsKept(docs: number, changes: readonly DocChange[]): number {
  let kept = docs;
  for (const { doc, before, after } of changes) if (!before || !after) kept = Math.min(kept, doc);
  return kept;
}

/**
 * changeList for a list moved documents are in: what went is taken out under the old numbers,
 * the moved postings renumbered (their order, and so the cut and the reserve, the same), then
 * what came put in under the new numbers. Each step leaves the list a full build's for the
 * documents at that point, or says 'recount'.
 */
function changeMovedList(
  list: { df: number; docs: number[]; weights: number[] },
  reserve: RankedPostings | undefined,
  losing: ReadonlyMap<number, number>,
  gaining: readonly [number, number][],
  moves: Moves,
  cap: number,
): CappedList | 'recount' | 'inconsistent' {
  let kept: CappedList = { ...list, reserve: reserveOf(list, reserve) };
  if (losing.size > 0) {
    const after = changeList(list, reserve, losing, [], cap);
    if (typeof after === 'string') return after;
    kept = after;
  }
  const docs = kept.docs.map((doc) => renumber(doc, moves));
  const reserveDocs = kept.reserve.docs.map((doc) => renumber(doc, moves));
  if (docs.includes(-1) || reserveDocs.includes(-1) || !ascending(docs)) return 'inconsistent';
  const renumbered = { df: kept.df, docs, weights: kept.weights };
  const renumberedReserve = { docs: reserveDocs, weights: kept.reserve.weights };
  if (gaining.length === 0) return { ...renumbered, reserve: renumberedReserve };
  return changeList(renumbered, renumberedReserve, new Map(), gaining, cap);
}

/**
 * changeMovedList for a full capped list whose kept postings the change does not reach: every
 * posting that went or came ranks below the lowest kept one, as most of a common term's do (a
 * filed or deleted article's term is one of tens of thousands' in a list that keeps 2,000). The
 * kept postings are only renumbered, where they are encoded; only the df and the reserve change.
 * What those become depends on the kept postings through the lowest of them alone (the floor
 * below which nothing comes in), so changeMovedList over that one posting, with a cap of one,
 * gives them, the others' count aside. Undefined when it does not apply: the list is decoded.
 */
function changedBelowKept(
  /** The list as its chunk has it: its df is read from there already. */
  { df }: Entry,
  source: NonNullable<Entry['source']>,
  reserve: RankedPostings | undefined,
  losing: ReadonlyMap<number, number>,
  gaining: readonly [number, number][],
  moves: Moves,
  cap: number,
  scratch: [ByteWriter, ByteWriter],
): { bytes: Uint8Array; reserve: RankedPostings } | undefined {
  if (losing.size === 0 && gaining.length === 0) return undefined; // renumbered alone, or refused
  if (source.count !== cap || df <= cap) return undefined;
  const lowest = lowestKept(source, losing);
  if (lowest === 'holds') return undefined;
  const lowestNow = renumber(lowest.doc, moves);
  if (lowestNow < 0) return undefined; // it went: changeList decides
  const floor = rank(lowest.weight, lowestNow);
  if (gaining.some(([doc, weight]) => rank(weight, doc) >= floor)) return undefined;
  const alone = changeMovedList(
    { df: df - cap + 1, docs: [lowest.doc], weights: [lowest.weight] },
    reserve,
    losing,
    gaining,
    moves,
    1,
  );
  if (typeof alone === 'string' || alone.docs[0] !== lowestNow) return undefined;
  const bytes = renumbered(source, undefined, moves, scratch, alone.df + cap - 1);
  return bytes && { bytes, reserve: alone.reserve };
}

/** Whether `docs` rise strictly: renumbered postings keep their order, or the index is built whole. */
function ascending(docs: readonly number[]): boolean {
  for (let i = 1; i < docs.length; i++) if ((docs[i] as number) <= (docs[i - 1] as number)) return false;
  return true;
}

/** Keeps a term's reserve, or none when it has none (a list within the cap). */
export function setReserve(reserves: Reserves, term: string, reserve: RankedPostings): void {
  if (reserve.docs.length > 0) reserves.set(term, reserve);
  else reserves.delete(term);
}

/**
 * The full document frequency and best `cap` postings of each of `terms` over every document,
 * as buildSearchIndex cuts them. One pass keeps each term's postings at or above the lowest
 * weight its list kept before: when at least `cap` are, the best are among them (every other
 * posting weighs less), and they are cut as a full build cuts. A term left with fewer is
 * counted again keeping all its postings.
 */
function recountLists(
  dictionarySize: number,
  terms: readonly { term: number; floor: number }[],
  docs: DocTerms,
  cap: number,
): Map<number, CappedList> {
  const lists = new Map<number, CappedList>();
  if (terms.length === 0) return lists;
  const slot = new Int32Array(dictionarySize).fill(-1);
  terms.forEach(({ term }, k) => (slot[term] = k));
  const floor = Uint8Array.from(terms, (t) => t.floor);
  const df = new Uint32Array(terms.length);
  const kept = terms.map(() => ({ docs: [] as number[], weights: [] as number[] }));
  for (let number = 0; number < docs.length; number++) {
    const doc = docs.at(number);
    if (!doc) continue; // a gap in the numbering
    const { ids, weights } = doc;
    for (let i = 0; i < ids.length; i++) {
      const k = slot[ids[i] as number] as number;
      if (k < 0) continue;
      df[k] = (df[k] as number) + 1;
      const weight = weights[i] as number;
      if (weight < (floor[k] as number)) continue;
      const list = kept[k] as { docs: number[]; weights: number[] };
      list.docs.push(number);
      list.weights.push(weight);
    }
  }
  const again: number[] = [];
  terms.forEach(({ term }, k) => {
    const list = kept[k] as { docs: number[]; weights: number[] };
    const count = df[k] as number;
    if (list.docs.length < cap && list.docs.length < count) again.push(term);
    else {
      // Past the best `cap` of those at or above the floor, the next are the best cut ones:
      // every posting below the floor ranks below them.
      const best = byRank(list.docs, list.weights);
      const kept = best.slice(0, cap).sort((a, b) => a[0] - b[0]);
      lists.set(term, { df: count, ...ranked(kept), reserve: ranked(best.slice(cap, cap + RESERVE)) });
    }
  });
  // With no floor every posting is kept: those terms come back complete.
  const everything = again.map((term) => ({ term, floor: 0 }));
  if (everything.length > 0)
    for (const [term, list] of recountLists(dictionarySize, everything, docs, cap)) lists.set(term, list);
  return lists;
}
