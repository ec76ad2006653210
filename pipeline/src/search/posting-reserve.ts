import fs from 'node:fs';
import path from 'node:path';
import { findPlace } from '../cache/find-place.ts';
import { readBytes, replaceFile } from '../output/read-text.ts';

/**
 * The postings a capped list cut that come next, kept in the cache beside the published index
 * (never published): for each term over the cap, the best RESERVE of its cut postings, best
 * first, or the best few of them once deletions took some. When an edit or a deletion takes a
 * posting from a capped list, the best of its reserve takes the place, where before every
 * article's terms were read to find it (recountLists: 0.3 s at 100,000 articles, 9 s at a
 * million). A reserve is always exactly the best k cut postings for some k (patch-index.ts
 * keeps it so); a list whose reserve runs out is counted again, which fills it.
 */
export const RESERVE = 16;

/** Postings in rank order, best first: the higher weight, then the newer document. */
export interface RankedPostings {
  docs: number[];
  weights: number[];
}

/** Reserves by term, for the terms of one chunk of the index. */
export type Reserves = Map<string, RankedPostings>;

/** The reserves of an index, by chunk (the index's buckets), read when asked for. */
export interface ReserveSource {
  bucket(bucket: number): Reserves;
  /** A chunk's reserves as the file holds them, to copy unchanged into the next file. */
  raw(bucket: number): Buffer;
}

/** A posting's rank among its term's: the higher weight, then the newer document, first. */
export const rank = (weight: number, doc: number) => weight * 2 ** 32 + doc;
/** The weight and the document of a rank. */
const weightOfRank = (r: number) => Math.floor(r / 2 ** 32);
const docOfRank = (r: number) => r - weightOfRank(r) * 2 ** 32;
/** Past this many postings leaving a full list, changeList sorts it rather than pick them out (afterChanging). */
const FEW_LEAVING = 64;

/** What the cache keeps beside each published index, never published: its reserves, its files' digests. */
const INDEX_FILES = ['reserve', 'digests'] as const;

/** Where the cache keeps `kind` of the index published at `indexPath` (`search/<hash>`). */
export const indexStoreFile = (storeBase: string, kind: (typeof INDEX_FILES)[number], indexPath: string) =>
  `${storeBase}-${kind}-${indexPath.slice(indexPath.lastIndexOf('/') + 1)}`;

/** Where the reserves of the index published at `indexPath` are kept. */
export const reserveFile = (storeBase: string, indexPath: string) => indexStoreFile(storeBase, 'reserve', indexPath);

const NONE: ReserveSource = { bucket: () => new Map(), raw: () => Buffer.from('{}') };

/**
 * Opens the reserves of an index with `buckets` chunks; none (each list's reserve empty, which
 * is always right) when the file is missing or not for this index.
 */
export function openReserves(file: string | undefined, buckets: number): ReserveSource {
  const bytes = file && readBytes(file);
  if (!bytes) return NONE;
  const newline = bytes.indexOf(10);
  let ends: number[];
  try {
    ends = (JSON.parse(bytes.toString('utf8', 0, newline)) as { ends: number[] }).ends;
  } catch {
    return NONE;
  }
  if (!Array.isArray(ends) || ends.length !== buckets || (ends.at(-1) ?? 0) + newline + 1 !== bytes.length) return NONE;
  const raw = (bucket: number) =>
    bytes.subarray(newline + 1 + (bucket === 0 ? 0 : (ends[bucket - 1] ?? 0)), newline + 1 + (ends[bucket] ?? 0));
  return {
    raw,
    bucket: (bucket) => {
      const reserves: Reserves = new Map();
      try {
        const parsed = JSON.parse(raw(bucket).toString('utf8')) as Record<string, number[]>;
        for (const [term, pairs] of Object.entries(parsed)) {
          const docs: number[] = [];
          const weights: number[] = [];
          for (let i = 0; i + 1 < pairs.length; i += 2) {
            docs.push(pairs[i] as number);
            weights.push(pairs[i + 1] as number);
          }
          reserves.set(term, { docs, weights });
        }
      } catch {
        // A damaged chunk of reserves: its lists are counted again when they need to be.
      }
      return reserves;
    },
  };
}

/**
 * Writes the reserves of an index with `buckets` chunks: those made this run, the others
 * copied from `base` as they are. Written beside the file's final name and renamed into place.
 */
export function writeReserves(
  file: string,
  buckets: number,
  fresh: ReadonlyMap<number, Reserves>,
  base: ReserveSource = NONE,
): void {
  const parts: Buffer[] = [];
  const ends: number[] = [];
  let bytes = 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const reserves = fresh.get(bucket);
    let part: Buffer;
    if (reserves) {
      const json: Record<string, number[]> = {};
      for (const [term, { docs, weights }] of reserves)
        if (docs.length > 0) json[term] = docs.flatMap((doc, i) => [doc, weights[i] as number]);
      part = Buffer.from(JSON.stringify(json));
    } else part = base.raw(bucket);
    parts.push(part);
    bytes += part.length;
    ends.push(bytes);
  }
  replaceFile(file, Buffer.concat([Buffer.from(`${JSON.stringify({ ends })}\n`), ...parts]));
}

/** `postings` (parallel arrays, any order) best first, each a [doc, weight] pair. */
export function byRank(docs: ArrayLike<number>, weights: ArrayLike<number>): [number, number][] {
  // Each posting's rank is one exact number (rank()): sorted natively as numbers, not through a
  // comparator, which was most of a patch's time (thousands of lists of up to 2,000 postings).
  const ranks = new Float64Array(docs.length);
  for (let i = 0; i < ranks.length; i++) ranks[i] = rank(weights[i] as number, docs[i] as number);
  ranks.sort();
  const pairs = new Array<[number, number]>(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const best = ranks[ranks.length - 1 - i] as number;
    pairs[i] = [docOfRank(best), weightOfRank(best)];
  }
  return pairs;
}

/** Ranked pairs as parallel arrays. */
export function ranked(pairs: readonly (readonly [number, number])[]): RankedPostings {
  return { docs: pairs.map(([doc]) => doc), weights: pairs.map(([, weight]) => weight) };
}

const EMPTY: RankedPostings = { docs: [], weights: [] };

/**
 * Whether `reserve` can be that of a list that cut `cut` postings: one longer is stale (a file
 * of another index) and is no reserve, which is always right.
 */
export const fitsCut = (reserve: RankedPostings, cut: number) => reserve.docs.length <= cut;

/** `reserve` when it can be that of `list`, else an empty one. */
export const reserveOf = (list: { df: number; docs: readonly number[] }, reserve: RankedPostings | undefined) =>
  reserve && fitsCut(reserve, list.df - list.docs.length) ? reserve : EMPTY;

/** A capped list's kept postings (document order), its df, and its reserve. */
export interface CappedList {
  df: number;
  docs: number[];
  weights: number[];
  reserve: RankedPostings;
}

/**
 * A term's list after documents lost the postings `losing` (doc → weight) and gained `gaining`.
 * The postings it knows are those it kept and its reserve; every other cut posting ranks below
 * the lowest of them. So the new list is exact when at least `cap` of the postings it knows
 * rank at or above that floor (the new kept ones), and its reserve is the known postings past
 * those, down to the floor. Otherwise a cut posting it does not know may belong: 'recount'.
 * 'inconsistent' when a kept posting of a changed document is not the one the change says.
 */
export function changeList(
  list: { df: number; docs: number[]; weights: number[] },
  reserve: RankedPostings | undefined,
  losing: ReadonlyMap<number, number>,
  gaining: readonly [number, number][],
  cap: number,
  /** Past this many postings leaving the kept ones, they are sorted rather than picked out (afterChanging). */
  fewLeaving = FEW_LEAVING,
): CappedList | 'recount' | 'inconsistent' {
  const cut = list.df - list.docs.length;
  // A reserve that cannot be this list's (a stale file) is no reserve: an empty one is always right.
  const known = reserveOf(list, reserve);
  if (gaining.length === 0) {
    const after = afterLosing(list, known, losing, cap);
    return after === 'stale reserve' ? changeList(list, undefined, losing, gaining, cap, fewLeaving) : after;
  }
  const changed = afterChanging(list, known, losing, gaining, cap, fewLeaving);
  if (changed === 'stale reserve') return changeList(list, undefined, losing, gaining, cap, fewLeaving);
  if (changed) return changed;
  let floor = Infinity;
  let lostKnown = 0;
  // The postings it knows that stay, then those gained, as ranks (rank()): sorted natively, as
  // numbers, not as pairs through a comparator (a patch of renumbered documents changes
  // thousands of lists of up to 2,000 postings).
  const ranks = new Float64Array(list.docs.length + known.docs.length + gaining.length);
  let count = 0;
  /** Sorts the postings into staying and lost; false when a lost one's weight is not the change's. */
  const sort = (postings: { docs: number[]; weights: number[] }) => {
    for (let i = 0; i < postings.docs.length; i++) {
      const doc = postings.docs[i] as number;
      const weight = postings.weights[i] as number;
      floor = Math.min(floor, rank(weight, doc));
      const lost = losing.get(doc);
      if (lost === undefined) ranks[count++] = rank(weight, doc);
      else if (lost !== weight) return false;
      else lostKnown++;
    }
    return true;
  };
  if (!sort(list)) return 'inconsistent';
  if (!sort(known)) return changeList(list, undefined, losing, gaining, cap, fewLeaving);
  // The cut postings it does not know that stay: the changed documents' others were among them.
  const unknown = cut - known.docs.length - (losing.size - lostKnown);
  if (unknown < 0) {
    return known === EMPTY ? 'inconsistent' : changeList(list, undefined, losing, gaining, cap, fewLeaving);
  }
  for (const [doc, weight] of gaining) ranks[count++] = rank(weight, doc);
  // Worst first: the placeable postings (every one, or those at or above the floor when cut
  // postings it does not know may outrank the rest) are a tail, read from its end.
  const merged = ranks.subarray(0, count).sort();
  const placeable = unknown === 0 ? count : count - firstAtLeast(merged, floor);
  if (unknown > 0 && placeable < cap) return 'recount';
  const keeping = Math.min(cap, placeable);
  // The kept ones in document order: as document·2¹⁶ + weight, sorted natively too.
  const byDoc = new Float64Array(keeping);
  for (let i = 0; i < keeping; i++) {
    const best = merged[count - 1 - i] as number;
    byDoc[i] = docOfRank(best) * 2 ** 16 + weightOfRank(best);
  }
  byDoc.sort();
  const docs = new Array<number>(keeping);
  const weights = new Array<number>(keeping);
  for (let i = 0; i < keeping; i++) {
    const key = byDoc[i] as number;
    const doc = Math.floor(key / 2 ** 16);
    docs[i] = doc;
    weights[i] = key - doc * 2 ** 16;
  }
  const next: RankedPostings = { docs: [], weights: [] };
  for (let i = keeping; i < Math.min(placeable, cap + RESERVE); i++) {
    const best = merged[count - 1 - i] as number;
    next.docs.push(docOfRank(best));
    next.weights.push(weightOfRank(best));
  }
  return { df: count + unknown, docs, weights, reserve: next };
}

/**
 * changeList when few postings leave the kept ones (the usual edit, or a renumbered document:
 * a few postings change in a list of up to 2,000). The kept ones that stay keep their document
 * order; the few that may come in (the reserve's that stay, those gained) and the few lowest of
 * the kept that may leave for them are found by rank without sorting the list. Undefined when
 * more than `fewLeaving` would leave: the caller sorts. The same results as the sorting path.
 */
function afterChanging(
  list: { df: number; docs: number[]; weights: number[] },
  known: RankedPostings,
  losing: ReadonlyMap<number, number>,
  gaining: readonly [number, number][],
  cap: number,
  fewLeaving: number,
): CappedList | 'recount' | 'inconsistent' | 'stale reserve' | undefined {
  const gone = placesLost(list, losing);
  if (!gone) return 'inconsistent';
  let lost = gone.length;
  // The few that may come in, as ranks: the reserve's that stay, then those gained.
  const few: number[] = [];
  for (let i = 0; i < known.docs.length; i++) {
    const doc = known.docs[i] as number;
    const weight = known.weights[i] as number;
    const goes = losing.get(doc);
    if (goes === undefined) few.push(rank(weight, doc));
    else if (goes !== weight) return 'stale reserve';
    else lost++;
  }
  // The cut postings it does not know that stay: the changed documents' others were among them.
  const unknown = list.df - list.docs.length - known.docs.length - (losing.size - lost);
  if (unknown < 0) return known === EMPTY ? 'inconsistent' : 'stale reserve';
  for (const [doc, weight] of gaining) few.push(rank(weight, doc));
  const staying = list.docs.length - gone.length;
  // When cut postings it does not know stay, only those at or above the lowest posting it knew
  // may come in: one of those it does not know may outrank the rest.
  let floor = -Infinity;
  if (unknown > 0) {
    floor = Infinity;
    for (let i = 0; i < list.docs.length; i++)
      floor = Math.min(floor, rank(list.weights[i] as number, list.docs[i] as number));
    for (let i = 0; i < known.docs.length; i++)
      floor = Math.min(floor, rank(known.weights[i] as number, known.docs[i] as number));
  }
  const coming = few.filter((r) => r >= floor);
  const placeable = staying + coming.length;
  if (unknown > 0 && placeable < cap) return 'recount';
  const leaving = Math.max(0, placeable - cap);
  if (leaving > fewLeaving) return undefined;
  // The `leaving` lowest of the kept that stay, ascending, by insertion into a short list.
  const lowest: number[] = [];
  if (leaving > 0) {
    let next = 0;
    for (let i = 0; i < list.docs.length; i++) {
      if (gone[next] === i) {
        next++;
        continue;
      }
      const r = rank(list.weights[i] as number, list.docs[i] as number);
      if (lowest.length === leaving && r >= (lowest[leaving - 1] as number)) continue;
      let at = lowest.length;
      while (at > 0 && (lowest[at - 1] as number) > r) at--;
      lowest.splice(at, 0, r);
      if (lowest.length > leaving) lowest.pop();
    }
  }
  // The lowest `leaving` of all that may be kept leave; the best of them are the new reserve.
  const left = [...lowest, ...coming].sort((a, b) => a - b).slice(0, leaving);
  const out = new Set(left);
  for (const r of lowest) if (out.has(r)) gone.push(placeOfDoc(list.docs, docOfRank(r)));
  gone.sort((a, b) => a - b);
  const docs = without(list.docs, gone);
  const weights = without(list.weights, gone);
  // The few that come in go in by document (documents ascend).
  for (const r of coming) {
    if (out.has(r)) continue;
    const doc = docOfRank(r);
    const place = placeOfDoc(docs, doc);
    if (place >= 0) return undefined; // kept already: not a change this list can take
    docs.splice(-place - 1, 0, doc);
    weights.splice(-place - 1, 0, weightOfRank(r));
  }
  const best = left.reverse().slice(0, RESERVE);
  return {
    df: staying + few.length + unknown,
    docs,
    weights,
    reserve: { docs: best.map(docOfRank), weights: best.map(weightOfRank) },
  };
}

/** The first place in `sorted` (ascending) whose value is at least `value`; its length when none is. */
function firstAtLeast(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where `doc` is in `docs` (ascending); when it is not there, -(where it would go) - 1. */
const placeOfDoc = (docs: readonly number[], doc: number) => findPlace(docs.length, (n) => (docs[n] as number) - doc);

/**
 * The places in `list` (ascending) of the postings `losing` takes from it: a list's documents
 * ascend, so each is found by halving, not by looking every posting up. Undefined when one of
 * them has another weight than the change says (the published index disagrees).
 */
function placesLost(list: { docs: number[]; weights: number[] }, losing: ReadonlyMap<number, number>) {
  const gone: number[] = [];
  for (const [doc, weight] of losing) {
    const at = placeOfDoc(list.docs, doc);
    if (at < 0) continue;
    if (list.weights[at] !== weight) return undefined;
    gone.push(at);
  }
  return gone.sort((a, b) => a - b);
}

/** `values` without those at `places` (ascending). */
function without(values: readonly number[], places: readonly number[]): number[] {
  if (places.length === 0) return values.slice();
  // One copy loop: slices joined by `flat()` cost most of a patch of renumbered documents.
  const kept: number[] = [];
  let next = 0;
  for (let i = 0; i < values.length; i++) {
    if (places[next] === i) next++;
    else kept.push(values[i] as number);
  }
  return kept;
}

/**
 * Removes the reserves and digests of every index but the one published at `indexPath` (and
 * files a dead run left).
 */
export function removeOtherReserves(storeBase: string, indexPath: string): void {
  const folder = path.dirname(storeBase);
  const keep = new Set(INDEX_FILES.map((kind) => path.basename(indexStoreFile(storeBase, kind, indexPath))));
  const prefixes = INDEX_FILES.map((kind) => `${path.basename(storeBase)}-${kind}-`);
  for (const name of fs.readdirSync(folder))
    if (!keep.has(name) && prefixes.some((prefix) => name.startsWith(prefix)))
      fs.rmSync(path.join(folder, name), { force: true });
}

/**
 * changeList when postings only went (a deletion, most often of the newest article): the kept
 * ones that stay keep their order, and the best of the reserve's that stay fill the places of
 * those that went, merged in by document. No pair is made a posting, nothing is sorted but the
 * few that fill: a deletion at a million articles visits hundreds of full lists of thousands.
 * 'stale reserve' when the reserve cannot be this list's (a posting in it is not the change's, or
 * it knows more cut postings than went).
 */
function afterLosing(
  list: { df: number; docs: number[]; weights: number[] },
  known: RankedPostings,
  losing: ReadonlyMap<number, number>,
  cap: number,
): CappedList | 'recount' | 'inconsistent' | 'stale reserve' {
  const gone = placesLost(list, losing);
  if (!gone) return 'inconsistent';
  let lost = gone.length;
  const kept = { docs: without(list.docs, gone), weights: without(list.weights, gone) };
  // The reserve's postings that stay, best first as it keeps them.
  const spare: { docs: number[]; weights: number[] } = { docs: [], weights: [] };
  for (let i = 0; i < known.docs.length; i++) {
    const doc = known.docs[i] as number;
    const weight = known.weights[i] as number;
    const goes = losing.get(doc);
    if (goes === undefined) {
      spare.docs.push(doc);
      spare.weights.push(weight);
    } else if (goes !== weight) return 'stale reserve';
    else lost++;
  }
  // The cut postings it does not know that stay: the changed documents' others were among them.
  const unknown = list.df - list.docs.length - known.docs.length - (losing.size - lost);
  if (unknown < 0) return known === EMPTY ? 'inconsistent' : 'stale reserve';
  const staying = kept.docs.length + spare.docs.length;
  const target = Math.min(cap, staying + unknown);
  if (target > staying) return 'recount'; // the reserve ran out: a cut posting it does not know belongs
  const fill = Math.max(0, target - kept.docs.length);
  // The few that fill go in by document (documents ascend).
  for (let n = 0; n < fill; n++) {
    const doc = spare.docs[n] as number;
    const at = -placeOfDoc(kept.docs, doc) - 1;
    kept.docs.splice(at, 0, doc);
    kept.weights.splice(at, 0, spare.weights[n] as number);
  }
  return {
    df: staying + unknown,
    ...kept,
    reserve: { docs: spare.docs.slice(fill, fill + RESERVE), weights: spare.weights.slice(fill, fill + RESERVE) },
  };
}
