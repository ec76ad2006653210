import { CHUNK_MAGIC, CHUNK_VERSION, TRUNCATED } from '../../../src/lib/search-chunk.ts';
import { termBucket } from '../../../src/lib/search-terms.ts';
import { type IndexDigests, indexHash, partDigest } from './index-digests.ts';
import { RESERVE, type Reserves, byRank, ranked } from './posting-reserve.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * The inverted index, built from every article's terms in one pass of
 * counting sort over typed arrays: terms are numbered through a dictionary,
 * so 20,000 articles' 5–6 million postings never become objects.
 */

/** A common term keeps only this many postings, its best: enough for any results page anyone reads. */
export const POSTING_CAP = 2000;
/** Postings placed in one pass when an index is built: 16 million are 80 MB. */
const POSTINGS_AT_ONCE = 16_000_000;
/** Chunks average about this many bytes; a query fetches one per term. */
export const TARGET_CHUNK_BYTES = 12 * 1024;

/** Article ids per docs file: a results page of 10 touches at most 10 small files. */
export const DOCS_PER_FILE = 100;

export interface SearchIndex {
  /**
   * Its chunks by bucket. Of an index made from another (appended to or patched), a chunk it
   * left as it was (`unchanged.buckets`) is not read: undefined, its bytes the base's.
   */
  buckets: (Buffer | undefined)[];
  /**
   * Article ids by document number, DOCS_PER_FILE to a file, from docs file `docsFrom` on: those
   * before it, and any undefined here, are the base's (`unchanged.docFile`), and a publish does
   * not make them again.
   */
  docFiles: (string[] | undefined)[];
  docsFrom: number;
  /** Every file's digest, of which `hash` is made (index-digests.ts). */
  digests: IndexDigests;
  /** Hash of the index's content: the folder it is published in, so that files of two builds never mix. */
  hash: string;
  /**
   * What is known equal to the index it was made from (appended to or patched), without
   * comparing bytes: these chunks, and the docs files before this one.
   */
  unchanged?: { from: string; buckets: ReadonlySet<number>; docFile(file: number): boolean };
  /**
   * The reserves of its capped lists (posting-reserve.ts), by chunk: all of a full build's; of
   * an index made from another, the chunks it changed (the others are the base's).
   */
  reserves: Map<number, Reserves>;
}

/**
 * Article ids by document number (oldest first), read when asked: an array is one. Numbers may
 * have gaps (a numbering that leaves room, decision 0006): `at` is undefined there,
 * and `length` is one past the highest number.
 */
export interface IdList {
  readonly length: number;
  at(doc: number): string | undefined;
}

/**
 * Documents' terms by document number, read when asked: a million articles' terms (gigabytes)
 * are never held at once, but read from where they wait (term-spool.ts, the term store). An
 * array of them is one too. Undefined for a number no document has (a gap in the numbering):
 * whoever makes one throws for a document whose terms are missing.
 */
export interface DocTerms {
  readonly length: number;
  at(doc: number): NumberedTerms | undefined;
}

export class ByteWriter {
  private buffer = Buffer.allocUnsafe(4096);
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  varint(value: number): void {
    this.reserve(5);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value & 0x7f) | 0x80;
      value >>>= 7; // document numbers and lengths stay far below 2^32
    }
    this.buffer[this.length++] = value;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Which postings of an over-long list to keep: the highest weights, and among
 * equal weights the newest articles (lowest numbers). Weights are bytes, so the
 * list's weight histogram finds the cut: keep every weight above `threshold`
 * and the first `atThreshold` postings of weight `threshold`.
 */
export function bestCut(histogram: Uint32Array, cap: number): { threshold: number; atThreshold: number } {
  let total = 0;
  for (const count of histogram) total += count;
  if (total <= cap) return { threshold: 0, atThreshold: 0 };
  let above = 0;
  let threshold = 255;
  while (threshold > 0 && above + (histogram[threshold] as number) <= cap) above += histogram[threshold--] as number;
  return { threshold, atThreshold: cap - above };
}

/**
 * Inverts `docs` (by number, oldest first: by day or by place, decision 0006) into chunks.
 * Each term goes to the chunk its hash names; the chunk count follows the
 * index's size, so chunks stay near TARGET_CHUNK_BYTES at any corpus size.
 *
 * Three passes over the documents' terms: document frequencies; weight
 * histograms of the terms over the cap, to find their cuts; then only the
 * postings that stay are placed (counting sort). Most postings belong to a
 * few hundred very common characters and are cut, so they are never stored:
 * a fifth of the memory and half the time of sorting them all first.
 */
export function buildSearchIndex(
  dictionary: TermDictionary,
  ids: IdList,
  docs: DocTerms,
  cap = POSTING_CAP,
  /** The chunk count, when it must be this one (tests of append-to-index.ts). */
  forceBuckets?: number,
  /** How many postings are placed at once at most: more take a pass over the documents each. */
  postingsAtOnce = POSTINGS_AT_ONCE,
): SearchIndex & { terms: number; postings: number } {
  const termCount = dictionary.size;
  const df = new Uint32Array(termCount);
  for (let number = 0; number < docs.length; number++) {
    const terms = docs.at(number)?.ids;
    if (!terms) continue; // a gap in the numbering
    for (let i = 0; i < terms.length; i++) df[terms[i] as number] = (df[terms[i] as number] as number) + 1;
  }

  // Terms over the cap, numbered 0.. in `common`; -1 for the rest.
  const common = new Int32Array(termCount).fill(-1);
  let commonCount = 0;
  for (let id = 0; id < termCount; id++) if ((df[id] as number) > cap) common[id] = commonCount++;
  const threshold = new Uint8Array(commonCount);
  const quota = new Uint32Array(commonCount);
  // The same cut for the best cap + RESERVE: what it keeps past the cap is the reserve.
  const reserveThreshold = new Uint8Array(commonCount);
  const reserveQuota = new Uint32Array(commonCount);
  const reserveDocs: number[][] = Array.from({ length: commonCount }, () => []);
  const reserveWeights: number[][] = Array.from({ length: commonCount }, () => []);
  if (commonCount > 0) {
    const histograms = new Uint32Array(commonCount * 256);
    for (let number = 0; number < docs.length; number++) {
      const doc = docs.at(number);
      if (!doc) continue;
      const { ids: terms, weights } = doc;
      for (let i = 0; i < terms.length; i++) {
        const c = common[terms[i] as number] as number;
        if (c >= 0) {
          const bin = c * 256 + (weights[i] as number);
          histograms[bin] = (histograms[bin] as number) + 1;
        }
      }
    }
    for (let c = 0; c < commonCount; c++) {
      const histogram = histograms.subarray(c * 256, c * 256 + 256);
      const cut = bestCut(histogram, cap);
      threshold[c] = cut.threshold;
      quota[c] = cut.atThreshold;
      const wider = bestCut(histogram, cap + RESERVE);
      reserveThreshold[c] = wider.threshold;
      // Every posting when there are no more than that; at a shared threshold, those past the cap's.
      const all = wider.threshold === 0 && wider.atThreshold === 0;
      reserveQuota[c] = all
        ? 0xffffffff
        : wider.threshold === cut.threshold
          ? wider.atThreshold - cut.atThreshold
          : wider.atThreshold;
      if (all) reserveThreshold[c] = 0;
    }
  }

  // Size first, to choose the chunk count: about 2 bytes a posting plus the term.
  let estimate = 0;
  let total = 0;
  for (let id = 0; id < termCount; id++) {
    const n = df[id] as number;
    if (n === 0) continue;
    estimate += Math.min(n, cap) * 2 + dictionary.term(id).length * 3 + 8;
    total += Math.min(n, cap);
  }
  const bucketCount = forceBuckets ?? bucketsFor(estimate);
  // Each chunk lists its terms in string order, not in the dictionary's (the order they were
  // first met, which depends on the build's history): a cold and an incremental build of the
  // same articles write the same bytes, and so publish the same content-named folder.
  const termsOfBucket: number[][] = Array.from({ length: bucketCount }, () => []);
  const bucketOf = new Uint32Array(termCount);
  for (let id = 0; id < termCount; id++) {
    if ((df[id] as number) === 0) continue;
    const bucket = termBucket(dictionary.term(id), bucketCount);
    bucketOf[id] = bucket;
    termsOfBucket[bucket]?.push(id);
  }
  const byTerm = (a: number, b: number) => {
    const x = dictionary.term(a);
    const y = dictionary.term(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const writers = Array.from({ length: bucketCount }, () => new ByteWriter());
  const counts = new Uint32Array(bucketCount);
  const posting = new ByteWriter();
  let used = 0;
  // The postings kept are placed a group of chunks at a time, each group one more pass over the
  // documents: at a million articles they are 60 million, 300 MB at once. A term is in one
  // chunk, so its cut and its reserve come out as in one pass.
  const groups = Math.min(bucketCount, Math.max(1, Math.ceil(total / postingsAtOnce)));
  const start = new Uint32Array(termCount + 1);
  const fill = new Uint32Array(termCount);
  for (let group = 0; group < groups; group++) {
    const first = Math.floor((group * bucketCount) / groups);
    const end = Math.floor(((group + 1) * bucketCount) / groups);
    const inGroup = (id: number) => {
      const bucket = bucketOf[id] as number;
      return bucket >= first && bucket < end && (df[id] as number) > 0;
    };
    let placed = 0;
    for (let id = 0; id < termCount; id++) {
      start[id] = placed;
      if (inGroup(id)) placed += Math.min(df[id] as number, cap);
      fill[id] = placed;
    }
    start[termCount] = placed;
    const postingDocs = new Uint32Array(placed);
    const postingWeights = new Uint8Array(placed);
    // Newest first, so that at the threshold the newest postings take the quota; each term's
    // postings fill its slots from the end, which leaves them in ascending document order.
    for (let number = docs.length - 1; number >= 0; number--) {
      const doc = docs.at(number);
      if (!doc) continue;
      const { ids: terms, weights } = doc;
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i] as number;
        const bucket = bucketOf[id] as number;
        if (bucket < first || bucket >= end) continue;
        const weight = weights[i] as number;
        const c = common[id] as number;
        if (c >= 0) {
          const cut = threshold[c] as number;
          const kept = weight > cut || (weight === cut && quota[c] !== 0);
          if (!kept) {
            const wider = reserveThreshold[c] as number;
            if (weight > wider || (weight === wider && reserveQuota[c] !== 0)) {
              if (weight === wider) reserveQuota[c] = (reserveQuota[c] as number) - 1;
              (reserveDocs[c] as number[]).push(number);
              (reserveWeights[c] as number[]).push(weight);
            }
            continue;
          }
          if (weight === cut) quota[c] = (quota[c] as number) - 1;
        }
        const at = (fill[id] as number) - 1;
        postingDocs[at] = number;
        postingWeights[at] = weight;
        fill[id] = at;
      }
    }
    for (let bucket = first; bucket < end; bucket++) {
      for (const id of (termsOfBucket[bucket] as number[]).sort(byTerm)) {
        used++;
        const from = start[id] as number;
        const list = {
          df: df[id] as number,
          docs: postingDocs.subarray(from, start[id + 1]),
          weights: postingWeights.subarray(from, start[id + 1]),
        };
        writeEntry(writers[bucket] as ByteWriter, posting, Buffer.from(dictionary.term(id), 'utf8'), list, cap);
        counts[bucket] = (counts[bucket] as number) + 1;
      }
    }
  }
  const buckets = writers.map((writer, bucket) => chunkOf(writer, counts[bucket] as number));
  const reserves = new Map<number, Reserves>();
  for (let id = 0; id < termCount; id++) {
    const c = common[id] as number;
    if (c < 0) continue;
    const term = dictionary.term(id);
    const bucket = termBucket(term, bucketCount);
    let inBucket = reserves.get(bucket);
    if (!inBucket) reserves.set(bucket, (inBucket = new Map()));
    inBucket.set(term, ranked(byRank(reserveDocs[c] as number[], reserveWeights[c] as number[])));
  }
  const digests = { chunks: buckets.map(partDigest), sizes: buckets.map((chunk) => chunk.length) };
  return { buckets, ...withDocs(digests, ids), reserves, terms: used, postings: total };
}

/** Chunks average TARGET_CHUNK_BYTES for an index of this estimated size. */
export function bucketsFor(estimate: number): number {
  return Math.max(1, Math.ceil(estimate / TARGET_CHUNK_BYTES));
}

/** One term's entry in a chunk (search-chunk.ts): its df, whether cut, and its postings. */
export function writeEntry(
  writer: ByteWriter,
  posting: ByteWriter,
  term: Uint8Array,
  list: { df: number; docs: ArrayLike<number>; weights: ArrayLike<number> },
  cap: number,
): void {
  posting.length = 0;
  let previous = 0;
  for (let at = 0; at < list.docs.length; at++) {
    const doc = list.docs[at] as number;
    posting.varint(doc - previous);
    posting.byte(list.weights[at] as number);
    previous = doc;
  }
  writer.varint(term.length);
  writer.bytes(term);
  writer.varint(list.df);
  writer.byte(list.df > cap ? TRUNCATED : 0);
  writer.varint(list.docs.length);
  writer.varint(posting.length);
  writer.bytes(posting.result());
}

/** A chunk: its header, then the entries `writer` holds. */
export function chunkOf(writer: ByteWriter, count: number): Buffer {
  const header = new ByteWriter();
  header.bytes(Uint8Array.from(CHUNK_MAGIC));
  header.byte(CHUNK_VERSION);
  header.varint(count);
  return Buffer.concat([header.result(), writer.result()]);
}

/**
 * The docs files of documents `ids` (oldest first), every file's digest and the index's content
 * hash. The docs files `kept` has are those of the index it was made from, as they were: their
 * digests are `kept`'s, and their ids are not asked for.
 */
export function withDocs(
  chunks: Pick<IndexDigests, 'chunks' | 'sizes'>,
  ids: IdList,
  kept: { has(file: number): boolean; digest(file: number): Buffer } = {
    has: () => false,
    digest: () => Buffer.alloc(0),
  },
): Pick<SearchIndex, 'docFiles' | 'docsFrom' | 'digests' | 'hash'> {
  const docFiles: (string[] | undefined)[] = [];
  const docs: Buffer[] = [];
  let docsFrom = -1;
  for (let file = 0; file * DOCS_PER_FILE < ids.length; file++) {
    if (kept.has(file)) {
      docs.push(kept.digest(file));
      if (docsFrom >= 0) docFiles.push(undefined);
      continue;
    }
    if (docsFrom < 0) docsFrom = file;
    const list = docsFileIds(ids, file);
    docs.push(partDigest(docsFileBytes(list)));
    docFiles.push(list);
  }
  const digests = { ...chunks, docs };
  return { docFiles, docsFrom: docsFrom < 0 ? docs.length : docsFrom, digests, hash: indexHash(digests) };
}

/**
 * The ids of docs file `file`: documents `file * DOCS_PER_FILE` on, DOCS_PER_FILE of them or the
 * rest. A number no document has is '' (no article's id), and the file ends at its last
 * document: a numbering that leaves room at the end of each day (decision 0006) writes no
 * filler for it.
 */
export function docsFileIds(ids: IdList, file: number): string[] {
  const first = file * DOCS_PER_FILE;
  const list = Array.from(
    { length: Math.max(0, Math.min(DOCS_PER_FILE, ids.length - first)) },
    (_, n) => ids.at(first + n) ?? '',
  );
  while (list.at(-1) === '') list.pop();
  return list;
}

/** A docs file's bytes: its ids as JSON. */
export const docsFileBytes = (ids: readonly string[]): Buffer => Buffer.from(JSON.stringify(ids));
