import { ChunkCursor } from '../../../src/lib/search-chunk.ts';
import { termBucket } from '../../../src/lib/search-terms.ts';
import { decoded, type Entry, type IndexBase, madeFrom, writeChunk } from './append-to-index.ts';
import { ChunkEntries } from './chunk-entries.ts';
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

/**
 * How many of `changes` are not moves (movesOf): a moved document costs a patch the renumbering
 * of its lists' newest postings, not a change of each of its terms' lists.
 */
export function unmovedChanges(changes: readonly DocChange[]): number {
  return changes.length - 2 * movesOf(changes).size;
}

/** Documents that moved, unchanged: each old number with its new one, both ascending. */
interface Moves extends Map<number, number> {
  /** The new numbers. */
  movedTo: Set<number>;
  /** The lowest old number of a document that went (moved or not): every higher one went. */
  lowestGone: number;
}

/**
 * The documents among `changes` that went from one number and came back at another with the
 * same terms, as the newest articles do when one is filed below them: each is renumbered, its
 * postings not otherwise changed. Paired in order (a document that went is skipped when it did
 * not come back; one that came, when the next that came is the one that went), so that the
 * numbers stay in the same order and so does every list's ranking. Two documents with the same
 * terms are interchangeable here: a posting is a number and a weight.
 */
function movesOf(changes: readonly DocChange[]): Moves {
  const byDoc = (a: DocChange, b: DocChange) => a.doc - b.doc;
  const gone = changes.filter((change) => change.before && !change.after).sort(byDoc);
  const came = changes.filter((change) => change.after && !change.before).sort(byDoc);
  const moves = Object.assign(new Map<number, number>(), {
    movedTo: new Set<number>(),
    lowestGone: gone[0]?.doc ?? Infinity,
  });
  let i = 0;
  let j = 0;
  while (i < gone.length && j < came.length) {
    const before = (gone[i] as DocChange).before as NumberedTerms;
    if (sameTerms(before, (came[j] as DocChange).after as NumberedTerms)) {
      moves.set((gone[i++] as DocChange).doc, (came[j] as DocChange).doc);
      moves.movedTo.add((came[j++] as DocChange).doc);
    } else if (j + 1 < came.length && sameTerms(before, (came[j + 1] as DocChange).after as NumberedTerms)) j++;
    else i++;
  }
  return moves;
}

function sameTerms(a: NumberedTerms, b: NumberedTerms): boolean {
  if (a.ids.length !== b.ids.length) return false;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i] || a.weights[i] !== b.weights[i]) return false;
  return true;
}

/**
 * The entry of a list that nothing changed but moved documents, renumbered where it is encoded:
 * the same postings are kept, in the same order, and so are the df and the cut, so only the
 * postings of documents that went are encoded again (the newest, at the list's end), with no
 * decoding, sorting or picking. Its reserve is renumbered in place. Undefined, changing nothing,
 * when a posting of a document that went is not one that moved, or the reserve cannot be this
 * list's: changeList then decides.
 */
function renumbered(
  source: NonNullable<Entry['source']>,
  reserve: RankedPostings | undefined,
  moves: Moves,
  /** Two writers to reuse: the renumbered entry is copied out of them. */
  [tail, whole]: [ByteWriter, ByteWriter],
): Uint8Array | undefined {
  const { chunk, start, postings, end, count } = source;
  let doc = 0;
  let last = 0;
  let tailStart = end;
  tail.length = 0;
  // The postings read in place, each a varint step from the last document and a weight byte:
  // a thousand postings a list, for hundreds of lists (damaged bytes end elsewhere than `end`).
  let at = postings;
  let n = 0;
  for (; n < count && at < end; n++) {
    const here = at;
    let byte = chunk[at++] as number;
    let step = byte & 0x7f;
    for (let shift = 7; byte >= 0x80 && at < end; shift += 7) {
      byte = chunk[at++] as number;
      step += (byte & 0x7f) * 2 ** shift;
    }
    doc += step;
    const weight = chunk[at++] as number;
    if (doc < moves.lowestGone) {
      last = doc;
      continue;
    }
    const to = moves.get(doc);
    if (to === undefined) return undefined;
    if (tailStart === end) tailStart = here;
    tail.varint(to - last);
    tail.byte(weight);
    last = to;
  }
  if (n !== count || at !== end) return undefined;
  if (reserve) {
    // The df and the postings' count are in the entry's head: the cut is df - count.
    const head = new ChunkCursor(chunk);
    head.at = start;
    head.at += head.varint();
    if (reserve.docs.length > head.varint() - count) return undefined;
    if (reserve.docs.some((doc) => doc >= moves.lowestGone && !moves.has(doc))) return undefined;
    reserve.docs = reserve.docs.map((doc) => moves.get(doc) ?? doc);
  }
  whole.length = 0;
  // The head up to the postings' size, which the new numbers may change.
  whole.bytes(chunk.subarray(start, postings - varintLength(end - postings)));
  whole.varint(tailStart - postings + tail.length);
  whole.bytes(chunk.subarray(postings, tailStart));
  whole.bytes(tail.result());
  return Buffer.from(whole.result()); // a copy: the writers are reused
}

/** How many bytes ByteWriter.varint writes for `value`. */
function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    length++;
  }
  return length;
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
