import { createHash } from 'node:crypto';
import { CHUNK_MAGIC, CHUNK_VERSION, TRUNCATED } from '../../src/lib/search-chunk.ts';
import { termBucket } from '../../src/lib/search-terms.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * The inverted index, built from every article's terms in one pass of
 * counting sort over typed arrays: terms are numbered through a dictionary,
 * so 20,000 articles' 5–6 million postings never become objects.
 */

/** A common term keeps only this many postings, its best: enough for any results page anyone reads. */
export const POSTING_CAP = 2000;
/** Chunks average about this many bytes; a query fetches one per term. */
export const TARGET_CHUNK_BYTES = 12 * 1024;

/** Article ids per docs file: a results page of 10 touches at most 10 small files. */
export const DOCS_PER_FILE = 100;

export interface SearchIndex {
  buckets: Buffer[];
  /** Article ids by document number, DOCS_PER_FILE to a file. */
  docFiles: string[][];
  /** Hash of the index's content: the folder it is published in, so that files of two builds never mix. */
  hash: string;
  terms: number;
  postings: number;
}

class ByteWriter {
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
      value = Math.floor(value / 128);
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
 * equal weights the newest articles (lowest numbers). Weights are bytes, so a
 * histogram finds the cut in linear time: keep every weight above `threshold`
 * and the first `atThreshold` postings of weight `threshold`.
 */
export function bestCut(weights: Uint8Array, cap: number): { threshold: number; atThreshold: number } {
  if (weights.length <= cap) return { threshold: 0, atThreshold: 0 };
  const histogram = new Uint32Array(256);
  for (const weight of weights) histogram[weight] = (histogram[weight] as number) + 1;
  let above = 0;
  let threshold = 255;
  while (threshold > 0 && above + (histogram[threshold] as number) <= cap) above += histogram[threshold--] as number;
  return { threshold, atThreshold: cap - above };
}

/**
 * Inverts `docs` (in list order: document number = position) into chunks.
 * Each term goes to the chunk its hash names; the chunk count follows the
 * index's size, so chunks stay near TARGET_CHUNK_BYTES at any corpus size.
 */
export function buildSearchIndex(
  dictionary: TermDictionary,
  ids: readonly string[],
  docs: readonly NumberedTerms[],
): SearchIndex {
  const termCount = dictionary.terms.length;
  const df = new Uint32Array(termCount);
  let total = 0;
  for (const doc of docs) {
    for (const id of doc.ids) df[id] = (df[id] as number) + 1;
    total += doc.ids.length;
  }
  const start = new Uint32Array(termCount + 1);
  for (let id = 0; id < termCount; id++) start[id + 1] = (start[id] as number) + (df[id] as number);
  const fill = start.slice(0, termCount);
  const postingDocs = new Uint32Array(total);
  const postingWeights = new Uint8Array(total);
  docs.forEach((doc, number) => {
    const { ids, weights } = doc;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const at = fill[id] as number;
      postingDocs[at] = number;
      postingWeights[at] = weights[i] as number;
      fill[id] = at + 1;
    }
  });

  // Size first, to choose the chunk count: about 2 bytes a posting plus the term.
  let estimate = 0;
  let used = 0;
  for (let id = 0; id < termCount; id++) {
    const n = df[id] as number;
    if (n === 0) continue;
    used++;
    estimate += Math.min(n, POSTING_CAP) * 2 + (dictionary.terms[id] as string).length * 3 + 8;
  }
  const bucketCount = Math.max(1, Math.ceil(estimate / TARGET_CHUNK_BYTES));
  const writers = Array.from({ length: bucketCount }, () => new ByteWriter());
  const counts = new Uint32Array(bucketCount);
  const posting = new ByteWriter();
  let written = 0;
  for (let id = 0; id < termCount; id++) {
    const n = df[id] as number;
    if (n === 0) continue;
    const from = start[id] as number;
    const listDocs = postingDocs.subarray(from, from + n);
    const listWeights = postingWeights.subarray(from, from + n);
    const truncated = n > POSTING_CAP;
    const cut = bestCut(listWeights, POSTING_CAP);
    const { threshold } = cut;
    let { atThreshold } = cut;
    posting.length = 0;
    let previous = 0;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const weight = listWeights[i] as number;
      if (weight < threshold || (weight === threshold && truncated && atThreshold-- <= 0)) continue;
      const doc = listDocs[i] as number;
      posting.varint(doc - previous);
      posting.byte(weight);
      previous = doc;
      kept++;
    }
    written += kept;
    const term = dictionary.terms[id] as string;
    const bucket = termBucket(term, bucketCount);
    const writer = writers[bucket] as ByteWriter;
    const encoded = Buffer.from(term, 'utf8');
    writer.varint(encoded.length);
    writer.bytes(encoded);
    writer.varint(n);
    writer.byte(truncated ? TRUNCATED : 0);
    writer.varint(kept);
    writer.varint(posting.length);
    writer.bytes(posting.result());
    counts[bucket] = (counts[bucket] as number) + 1;
  }

  const hash = createHash('sha1');
  const buckets = writers.map((writer, bucket) => {
    const header = new ByteWriter();
    header.bytes(Uint8Array.from(CHUNK_MAGIC));
    header.byte(CHUNK_VERSION);
    header.varint(counts[bucket] as number);
    const chunk = Buffer.concat([header.result(), writer.result()]);
    hash.update(chunk);
    return chunk;
  });
  const docFiles: string[][] = [];
  for (let from = 0; from < ids.length; from += DOCS_PER_FILE) docFiles.push(ids.slice(from, from + DOCS_PER_FILE));
  hash.update(JSON.stringify(docFiles));
  return { buckets, docFiles, hash: hash.digest('hex').slice(0, 12), terms: used, postings: written };
}
