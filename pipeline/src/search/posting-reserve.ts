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
    const weight = Math.floor(best / 2 ** 32);
    pairs[i] = [best - weight * 2 ** 32, weight];
  }
  return pairs;
}

/** Ranked pairs as parallel arrays. */
export function ranked(pairs: readonly (readonly [number, number])[]): RankedPostings {
  return { docs: pairs.map(([doc]) => doc), weights: pairs.map(([, weight]) => weight) };
}

const EMPTY: RankedPostings = { docs: [], weights: [] };

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
): CappedList | 'recount' | 'inconsistent' {
  const cut = list.df - list.docs.length;
  // A reserve that cannot be this list's (a stale file) is no reserve: an empty one is always right.
  const known = reserve && reserve.docs.length <= cut ? reserve : EMPTY;
  if (gaining.length === 0) {
    const after = afterLosing(list, known, losing, cap);
    return after === 'stale reserve' ? changeList(list, undefined, losing, gaining, cap) : after;
  }
  let floor = Infinity;
  let lostKnown = 0;
  const staying: [number, number][] = [];
  /** Sorts the postings into staying and lost; false when a lost one's weight is not the change's. */
  const sort = (postings: { docs: number[]; weights: number[] }) => {
    for (let i = 0; i < postings.docs.length; i++) {
      const doc = postings.docs[i] as number;
      const weight = postings.weights[i] as number;
      floor = Math.min(floor, rank(weight, doc));
      const lost = losing.get(doc);
      if (lost === undefined) staying.push([doc, weight]);
      else if (lost !== weight) return false;
      else lostKnown++;
    }
    return true;
  };
  if (!sort(list)) return 'inconsistent';
  if (!sort(known)) return changeList(list, undefined, losing, gaining, cap);
  // The cut postings it does not know that stay: the changed documents' others were among them.
  const unknown = cut - known.docs.length - (losing.size - lostKnown);
  if (unknown < 0) return known === EMPTY ? 'inconsistent' : changeList(list, undefined, losing, gaining, cap);
  const candidates = ranked([...staying, ...gaining]);
  const merged = byRank(candidates.docs, candidates.weights);
  const placeable = unknown === 0 ? merged : merged.filter(([doc, weight]) => rank(weight, doc) >= floor);
  if (unknown > 0 && placeable.length < cap) return 'recount';
  const kept = placeable.slice(0, cap).sort((a, b) => a[0] - b[0]);
  return {
    df: merged.length + unknown,
    ...ranked(kept),
    reserve: ranked(placeable.slice(cap, cap + RESERVE)),
  };
}

/** Where `doc` is in `docs` (ascending); when it is not there, -(where it would go) - 1. */
const placeOfDoc = (docs: readonly number[], doc: number) => findPlace(docs.length, (n) => (docs[n] as number) - doc);

/** `values` without those at `places` (ascending), copied a slice at a time. */
function without(values: readonly number[], places: readonly number[]): number[] {
  const slices: number[][] = [];
  let from = 0;
  for (const place of places) {
    slices.push(values.slice(from, place));
    from = place + 1;
  }
  slices.push(values.slice(from));
  return slices.length === 1 ? (slices[0] as number[]) : slices.flat();
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
  // A list's documents ascend: each that goes is found by halving, and the rest are copied in
  // slices, not looked up and pushed a posting at a time.
  const gone: number[] = [];
  for (const [doc, weight] of losing) {
    const at = placeOfDoc(list.docs, doc);
    if (at < 0) continue;
    if (list.weights[at] !== weight) return 'inconsistent';
    gone.push(at);
  }
  gone.sort((a, b) => a - b);
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
