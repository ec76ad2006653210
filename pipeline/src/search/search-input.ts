import type { TermSlice } from './search-term-cache.ts';

/** One document of the search index's input: its number (oldest first), its id, where its terms are stored. */
export interface InputDoc {
  doc: number;
  id: string;
  slice: TermSlice;
}

/**
 * What the search index is built from, in a few bytes: the articles in order and where their
 * terms are in the term store. Equal signatures mean an equal index, so a run whose articles
 * and terms are all as they were keeps the published one instead of inverting 100,000
 * articles again. Undefined when an article's terms are not stored yet (parsed this run).
 *
 * The signature is a sum of one hash per document (of its number, id and slice), so a run of
 * edits changes it by the few documents it touched (changedSignature) instead of hashing a
 * million ids again: that took 0.2–0.4 s of every run of edits at a million articles.
 */
export function searchInputSignature(
  generation: number,
  orderedIds: { readonly length: number; at(n: number): string | undefined },
  sliceAt: (n: number) => TermSlice | undefined,
): string | undefined {
  const sums = new Uint32Array(LANES);
  for (let n = 0; n < orderedIds.length; n++) {
    const id = orderedIds.at(n);
    if (id === undefined) continue; // no document has this number
    const slice = sliceAt(n);
    if (!slice) return undefined;
    addDoc(sums, 1, n, id, slice);
  }
  return format(generation, orderedIds.length, sums);
}

/**
 * The signature after a run of edits: `previous`'s documents `removed` taken away (as they were)
 * and `added` put in (as they are now), from `docsBefore` documents to `docs`. Undefined when
 * `previous` is not a signature of this form, of this many documents and this term store
 * generation: the caller hashes the whole input instead.
 */
export function changedSignature(
  previous: string,
  generation: number,
  docsBefore: number,
  docs: number,
  removed: Iterable<InputDoc>,
  added: Iterable<InputDoc>,
): string | undefined {
  const parsed = FORM.exec(previous);
  if (!parsed || Number(parsed[1]) !== generation || Number(parsed[2]) !== docsBefore) return undefined;
  const hex = parsed[3] as string;
  const sums = Uint32Array.from({ length: LANES }, (_, lane) => parseInt(hex.slice(8 * lane, 8 * lane + 8), 16));
  for (const { doc, id, slice } of removed) addDoc(sums, -1, doc, id, slice);
  for (const { doc, id, slice } of added) addDoc(sums, 1, doc, id, slice);
  return format(generation, docs, sums);
}

/** Four 32-bit sums: 128 bits, so two different inputs all but never share a signature. */
const LANES = 4;
const SEEDS = [0x9747b28c, 0x3c6ef372, 0xa54ff53a, 0x510e527f];
const MULTIPLIERS = [0xcc9e2d51, 0x1b873593, 0x85ebca6b, 0xc2b2ae35];
const FORM = /^s2\.(\d+)\.(\d+)\.([0-9a-f]{32})$/;

const format = (generation: number, docs: number, sums: Uint32Array) =>
  `s2.${generation}.${docs}.${Array.from(sums, (sum) => sum.toString(16).padStart(8, '0')).join('')}`;

/** A document as 32-bit words: its number, its slice's two numbers as doubles, its id's length and UTF-16 units. */
let words = new Uint32Array(64);
const double = new Float64Array(1);
const doubleWords = new Uint32Array(double.buffer);

function addDoc(sums: Uint32Array, sign: 1 | -1, doc: number, id: string, slice: TermSlice): void {
  const count = 6 + Math.ceil(id.length / 2);
  if (count > words.length) words = new Uint32Array(2 * count);
  words[0] = doc;
  double[0] = slice[0];
  words[1] = doubleWords[0] as number;
  words[2] = doubleWords[1] as number;
  double[0] = slice[1];
  words[3] = doubleWords[0] as number;
  words[4] = doubleWords[1] as number;
  words[5] = id.length;
  for (let c = 0, w = 6; c < id.length; c += 2, w++)
    words[w] = id.charCodeAt(c) | ((c + 1 < id.length ? id.charCodeAt(c + 1) : 0) << 16);
  for (let lane = 0; lane < LANES; lane++) {
    const multiplier = MULTIPLIERS[lane] as number;
    let hash = SEEDS[lane] as number;
    for (let w = 0; w < count; w++) {
      hash = Math.imul(hash ^ (words[w] as number), multiplier);
      hash ^= hash >>> 15;
    }
    // Murmur3's finalizer: every input bit reaches every output bit.
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
    sums[lane] = (sums[lane] as number) + sign * (hash >>> 0);
  }
}
