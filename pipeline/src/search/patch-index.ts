import { termBucket } from '../../../src/lib/search-terms.ts';
import { decoded, type Entry, type IndexBase, madeFrom, writeChunk } from './append-to-index.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { movesOf, renumbered } from './moved-documents.ts';
import { ByteWriter, type DocTerms, type IdList, POSTING_CAP, termsOfDoc, type SearchIndex } from './search-index.ts';
import {
  byRank,
  type CappedList,
  changeList,
  RESERVE,
  type RankedPostings,
  ranked,
  type Reserves,
} from './posting-reserve.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/** One document whose terms differ from the published index's. */
export interface DocChange {
  /** Its number (place counted from the oldest). */
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
  const moved = movesOf(changes);
  const moving = ({ doc, before, after }: DocChange) =>
    before && !after ? moved.has(doc) : after !== undefined && !before && moved.movedTo.has(doc);
  // The documents that changed, came or went, not only moved: their terms' lists are changed
  // posting by posting.
  const changedTerms = new Set<number>();
  for (const change of changes) {
    if (moving(change)) continue;
    const { doc, before, after } = change;
    if (before) note(lost, doc, before);
    if (after) note(gained, doc, after);
    for (const terms of [before, after]) for (const term of terms?.ids ?? []) changedTerms.add(term);
  }
  // A term only moved documents have keeps its postings, renumbered; where others changed its
  // list, the moved ones' postings go and come as theirs do. (One that kept its number, neither.)
  const movedTerms = new Set<number>();
  for (const change of changes) {
    if (!moving(change)) continue;
    const { doc, before, after } = change;
    if (moved.get(doc) === doc) continue; // the same number, the same terms (pairs are one to one)
    const terms = (before ?? after) as NumberedTerms;
    for (let i = 0; i < terms.ids.length; i++) {
      const term = terms.ids[i] as number;
      if (before) movedTerms.add(term);
      if (!changedTerms.has(term)) continue;
      const into = before ? lost : gained;
      let postings = into.get(term);
      if (!postings) into.set(term, (postings = new Map()));
      postings.set(doc, terms.weights[i] as number);
    }
  }
  const touched = new Map<number, number[]>();
  for (const term of new Set([...lost.keys(), ...gained.keys(), ...movedTerms])) {
    const losing = lost.get(term);
    const gaining = gained.get(term);
    if (losing && gaining) {
      for (const [doc, weight] of losing) {
        if (gaining.get(doc) === weight) {
          losing.delete(doc);
          gaining.delete(doc);
        }
      }
      if (losing.size === 0 && gaining.size === 0) continue;
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
  const waiting = new Map<number, ChunkEntries>();
  const posting = new ByteWriter();
  const scratch: [ByteWriter, ByteWriter] = [new ByteWriter(), new ByteWriter()];
  // The reserves of the chunks it changes: read from the base's, changed term by term.
  const reserves = new Map<number, Reserves>();
  // Terms to count again, each with the lowest weight its list kept, its entry and its chunk's.
  const recount: { term: number; floor: number; entry: Entry; entries: ChunkEntries; reserves: Reserves }[] = [];
  for (const [bucket, terms] of touched) {
    const entries = new ChunkEntries(base.chunk(bucket));
    const inBucket = base.reserves?.bucket(bucket) ?? new Map<string, RankedPostings>();
    reserves.set(bucket, inBucket);
    const recounted = recount.length;
    for (const term of terms) {
      const text = dictionary.term(term);
      const losing = lost.get(term) ?? new Map<number, number>();
      const gaining = [...(gained.get(term) ?? new Map<number, number>())];
      const found = entries.get(text);
      if (!changedTerms.has(term) && found?.source) {
        const bytes = renumbered(found.source, inBucket.get(text), moved, scratch);
        if (bytes) {
          entries.setBytes(text, bytes);
          continue;
        }
      }
      const entry = decoded(found) ?? { term: text, df: 0, docs: [], weights: [] };
      entries.set(text, entry);
      const patched = changeList(entry, inBucket.get(text), losing, gaining, cap);
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
    if (recount.length > recounted) waiting.set(bucket, entries);
    else written.set(bucket, writeChunk(entries, posting, cap));
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
  for (const [bucket, entries] of waiting) written.set(bucket, writeChunk(entries, posting, cap));

  const buckets = Array.from(
    { length: base.buckets },
    (_, bucket): Buffer | undefined => written.get(bucket), // undefined: the base's, not read
  );
  // Ids change only past the end of the shorter of the two: an edit keeps its document's id.
  return { ...madeFrom(base, buckets, ids), reserves };
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
    const { ids, weights } = termsOfDoc(docs, number);
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
