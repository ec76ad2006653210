import { ChunkCursor, ChunkFormatError, TRUNCATED } from '../../../src/lib/search-chunk.ts';
import type { Entry } from './append-to-index.ts';
import { rank } from './posting-reserve.ts';
import { ByteWriter } from './search-index.ts';

/** What appending to an encoded entry made: the entry's new bytes, and what a reserve needs to know. */
export interface AppendedEntry {
  /** The whole entry, encoded as its chunk holds it. */
  bytes: Uint8Array;
  /** Postings the list had cut before (df − count). */
  cutBefore: number;
  /** The lowest rank among the postings it kept before (Infinity for none). */
  floorBefore: number;
  /** The postings the cap cut now (old or new), in document order. */
  cut: { docs: number[]; weights: number[] };
}

// Scratch arrays, grown as needed: a publish appends to hundreds of lists of up to 2,000 postings.
let docs = new Float64Array(4096);
let weights = new Uint8Array(4096);
let starts = new Uint32Array(4096);
const histogram = new Uint32Array(256);
const posting = new ByteWriter();
const writer = new ByteWriter();

/**
 * A list of the base chunk with `fresh` postings (all newer than any it has, in document order)
 * appended where it is encoded: its postings are read into scratch arrays (no array of objects),
 * the worst go by the cap (the lowest weight, of those the oldest: as splitBest and a full build
 * choose), and the runs of postings between those that go are copied as they are, only the gap
 * after each one that went encoded again. The same bytes as decoding it, appending and encoding
 * it again, which cost a publish at a million articles a tenth of a second over hundreds of full
 * lists.
 */
export function appendEncoded(
  source: NonNullable<Entry['source']>,
  df: number,
  fresh: { docs: readonly number[]; weights: readonly number[] },
  cap: number,
): AppendedEntry {
  const { chunk, start, postings, end, count } = source;
  const total = count + fresh.docs.length;
  if (docs.length < total + 1) {
    const size = 2 * (total + 1);
    docs = new Float64Array(size);
    weights = new Uint8Array(size);
    starts = new Uint32Array(size);
  }
  histogram.fill(0);
  // Read inline, not through ChunkCursor's calls: a publish reads hundreds of thousands of postings.
  let at = postings;
  let doc = 0;
  let lowest = 256; // the lowest weight kept, and its oldest document: the floor of the ranks
  let lowestDoc = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    let gap = 0;
    let scale = 1;
    let byte: number;
    do {
      if (at >= end || scale > 2 ** 35) throw new ChunkFormatError(`posting list at ${String(start)} is damaged`);
      byte = chunk[at++] as number;
      gap += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    if (at >= end) throw new ChunkFormatError(`posting list at ${String(start)} is damaged`);
    const weight = chunk[at++] as number;
    doc += gap;
    docs[i] = doc;
    weights[i] = weight;
    histogram[weight] = (histogram[weight] as number) + 1;
    if (weight < lowest) {
      lowest = weight;
      lowestDoc = doc;
    }
  }
  if (at !== end) throw new ChunkFormatError(`posting list at ${String(start)} has the wrong length`);
  const floorBefore = count > 0 ? rank(lowest, lowestDoc) : Infinity;
  starts[count] = end;
  for (let n = 0; n < fresh.docs.length; n++) {
    const newer = fresh.docs[n] as number;
    if (newer <= doc) throw new Error('appended postings must be newer than the list’s');
    docs[count + n] = doc = newer;
    weights[count + n] = fresh.weights[n] as number;
    histogram[fresh.weights[n] as number] = (histogram[fresh.weights[n] as number] as number) + 1;
  }
  // The cut: every weight below `threshold` goes, and the oldest `atThreshold` of that weight.
  let over = Math.max(0, total - cap);
  let threshold = 0;
  if (over > 0)
    for (; threshold < 256 && (histogram[threshold] as number) < over; threshold++)
      over -= histogram[threshold] as number;
  let atThreshold = over;
  const cut: AppendedEntry['cut'] = { docs: [], weights: [] };
  posting.length = 0;
  let previous = 0; // the last document kept
  // Where the run of old postings being copied as they are starts: -1 after one that went, whose
  // next kept posting's gap is encoded again.
  let runFrom = postings;
  let kept = 0;
  for (let i = 0; i < total; i++) {
    if (i === count && runFrom >= 0) posting.bytes(chunk.subarray(runFrom, end));
    const weight = weights[i] as number;
    const current = docs[i] as number;
    let goes = weight < threshold;
    if (weight === threshold && atThreshold > 0) {
      goes = true;
      atThreshold--;
    }
    if (goes) {
      if (i < count && runFrom >= 0) posting.bytes(chunk.subarray(runFrom, starts[i]));
      if (i < count) runFrom = -1;
      cut.docs.push(current);
      cut.weights.push(weight);
      continue;
    }
    kept++;
    if (i >= count || runFrom < 0) {
      posting.varint(current - previous);
      posting.byte(weight);
      if (i < count) runFrom = starts[i + 1] as number;
    }
    previous = current;
  }
  if (total === count && runFrom >= 0) posting.bytes(chunk.subarray(runFrom, end));
  const newDf = df + fresh.docs.length;
  writer.length = 0;
  const termLength = new ChunkCursor(chunk);
  termLength.at = start;
  const termBytes = termLength.varint();
  writer.bytes(chunk.subarray(start, termLength.at + termBytes)); // its term's length and bytes
  writer.varint(newDf);
  writer.byte(newDf > cap ? TRUNCATED : 0);
  writer.varint(kept);
  writer.varint(posting.length);
  writer.bytes(posting.result());
  return { bytes: Uint8Array.from(writer.result()), cutBefore: df - count, floorBefore, cut };
}
