import { termBucket } from '../../../src/lib/search-terms.ts';
import {
  best,
  decoded,
  type Entry,
  type IndexBase,
  readEntries,
  unchangedFrom,
  writeChunk,
} from './append-to-index.ts';
import {
  bestCut,
  ByteWriter,
  type DocTerms,
  POSTING_CAP,
  termsOfDoc,
  type SearchIndex,
  withDocs,
} from './search-index.ts';
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
  ids: readonly string[],
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
  for (const { doc, before, after } of changes) {
    if (before) note(lost, doc, before);
    if (after) note(gained, doc, after);
  }
  const touched = new Map<number, number[]>();
  for (const term of new Set([...lost.keys(), ...gained.keys()])) {
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

  const chunks = new Map<number, ReturnType<typeof readEntries>>();
  // Terms to count again, each with the lowest weight its list kept, its entry and its chunk's.
  const recount: { term: number; floor: number; entry: Entry; entries: Map<string, Entry> }[] = [];
  for (const [bucket, terms] of touched) {
    const entries = readEntries(base.chunk(bucket));
    chunks.set(bucket, entries);
    for (const term of terms) {
      const text = dictionary.term(term);
      const losing = lost.get(term) ?? new Map<number, number>();
      const gaining = [...(gained.get(term) ?? new Map<number, number>())];
      const entry = decoded(entries.get(text)) ?? { term: text, df: 0, docs: [], weights: [] };
      entries.set(text, entry);
      const patched = patchList(entry, losing, gaining, cap);
      if (patched === 'inconsistent') return undefined; // the published index disagrees: not ours to patch
      if (patched === 'recount') recount.push({ term, floor: Math.min(...entry.weights), entry, entries });
      else if (patched.df === 0) entries.delete(text);
      else Object.assign(entry, patched);
    }
  }

  const recounted = recountLists(dictionary.size, recount, recount.length > 0 ? allDocs() : [], cap);
  for (const { term, entry, entries } of recount) {
    const list = recounted.get(term);
    if (!list) throw new Error(`the posting list of "${entry.term}" was not counted again`);
    if (list.df === 0) entries.delete(entry.term);
    else Object.assign(entry, list);
  }

  const posting = new ByteWriter();
  const same = new Set<number>();
  const buckets = Array.from({ length: base.buckets }, (_, bucket): Buffer => {
    const entries = chunks.get(bucket);
    if (!entries) {
      same.add(bucket);
      const old = base.chunk(bucket);
      return Buffer.from(old.buffer, old.byteOffset, old.length);
    }
    return writeChunk(entries.values(), posting, cap);
  });
  // Ids change only past the end of the shorter of the two: an edit keeps its document's id.
  return { ...withDocs(buckets, ids), unchanged: unchangedFrom(base, same, ids.length) };
}

/** A posting's rank among its term's: the higher weight, then the newer document, first. */
const rank = (weight: number, doc: number) => weight * 2 ** 32 + doc;

/**
 * A term's posting list after its changed documents lost the postings `losing` (doc → weight)
 * and gained `gaining` ([doc, weight]). The list holds the best `cap` postings; those it cut
 * rank below all it kept. So it can be patched unless a kept posting went or fell so far that
 * one of the cut (unknown here) may now rank above it: then it is recounted from every document.
 */
function patchList(
  list: { df: number; docs: number[]; weights: number[] },
  losing: ReadonlyMap<number, number>,
  gaining: readonly [number, number][],
  cap: number,
): { df: number; docs: number[]; weights: number[] } | 'recount' | 'inconsistent' {
  let lowestKept = Infinity;
  let disagrees = false; // a kept posting of a changed document is not the one the change says
  const remaining: [number, number][] = [];
  list.docs.forEach((doc, i) => {
    const weight = list.weights[i] as number;
    lowestKept = Math.min(lowestKept, rank(weight, doc));
    if (!losing.has(doc)) remaining.push([doc, weight]);
    else if (losing.get(doc) !== weight) disagrees = true;
  });
  if (disagrees) return 'inconsistent';
  const lostKept = list.docs.length - remaining.length;
  // The cut postings that stay: those of the list's documents the change does not touch.
  const cutStaying = list.df - list.docs.length - (losing.size - lostKept);
  if (cutStaying < 0) return 'inconsistent';
  const merged = [...remaining, ...gaining].sort((a, b) => a[0] - b[0]);
  const df = merged.length + cutStaying;
  const kept = best(
    merged.map(([doc]) => doc),
    merged.map(([, weight]) => weight),
    cap,
  );
  if (cutStaying === 0) return { df, ...kept };
  // Every cut posting ranks below the lowest the list kept: the new list is exact when it is
  // full and none of its postings ranks below that.
  const full = kept.docs.length === cap;
  if (full && kept.docs.every((doc, i) => rank(kept.weights[i] as number, doc) >= lowestKept)) return { df, ...kept };
  return 'recount';
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
): Map<number, { df: number; docs: number[]; weights: number[] }> {
  const lists = new Map<number, { df: number; docs: number[]; weights: number[] }>();
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
    else lists.set(term, { df: count, ...cutAsBuilt(list, cap) });
  });
  // With no floor every posting is kept: those terms come back complete.
  const everything = again.map((term) => ({ term, floor: 0 }));
  if (everything.length > 0)
    for (const [term, list] of recountLists(dictionarySize, everything, docs, cap)) lists.set(term, list);
  return lists;
}

/** The best `cap` of `list` (in document order), cut as buildSearchIndex cuts: by weight, the newest first. */
function cutAsBuilt(list: { docs: number[]; weights: number[] }, cap: number): { docs: number[]; weights: number[] } {
  if (list.docs.length <= cap) return list;
  const histogram = new Uint32Array(256);
  for (const weight of list.weights) histogram[weight] = (histogram[weight] as number) + 1;
  const { threshold, atThreshold } = bestCut(histogram, cap);
  let quota = atThreshold;
  const docs: number[] = [];
  const weights: number[] = [];
  for (let i = list.docs.length - 1; i >= 0; i--) {
    const weight = list.weights[i] as number;
    if (weight < threshold) continue;
    if (weight === threshold) {
      if (quota === 0) continue;
      quota--;
    }
    docs.push(list.docs[i] as number);
    weights.push(weight);
  }
  return { docs: docs.reverse(), weights: weights.reverse() };
}
