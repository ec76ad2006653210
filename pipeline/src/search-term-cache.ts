import fs from 'node:fs';
import { type NumberedTerms, TermDictionary } from './search-index.ts';

/**
 * Every article's numbered search terms, kept beside the build cache in one
 * binary file so that an incremental build rebuilds the index without reading
 * or tokenizing any unchanged article. Machine-local (native byte order).
 *
 *   magic:u32 version:u32 dictionaryBytes:u32 postings:u32
 *   dictionary (terms joined by \n, UTF-8), padded to 4 bytes
 *   ids:u32[postings]  weights:u8[postings]
 *
 * Each cache entry records its slice as [offset, count].
 */
const MAGIC = 0x4e525443; // "NRTC"
const VERSION = 1;

export interface TermCache {
  dictionary: TermDictionary;
  slice(offset: number, count: number): NumberedTerms;
}

export function loadTermCache(file: string): TermCache | undefined {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (buffer.length < 16) return undefined;
  const header = new DataView(buffer.buffer, buffer.byteOffset, 16);
  if (header.getUint32(0, true) !== MAGIC || header.getUint32(4, true) !== VERSION) return undefined;
  const dictionaryBytes = header.getUint32(8, true);
  const postings = header.getUint32(12, true);
  const idsAt = 16 + Math.ceil(dictionaryBytes / 4) * 4;
  if (buffer.length !== idsAt + postings * 5) return undefined; // truncated or damaged: a cold index
  const text = buffer.toString('utf8', 16, 16 + dictionaryBytes);
  const dictionary = new TermDictionary(text === '' ? [] : text.split('\n'));
  // A fresh, aligned copy: the read buffer's offset need not be a multiple of 4.
  const ids = new Uint32Array(postings);
  new Uint8Array(ids.buffer).set(buffer.subarray(idsAt, idsAt + postings * 4));
  const weights = buffer.subarray(idsAt + postings * 4);
  return {
    dictionary,
    slice: (offset, count) => ({
      ids: ids.subarray(offset, offset + count),
      weights: weights.subarray(offset, offset + count),
    }),
  };
}

/**
 * Writes the terms of the given articles, with a dictionary of only the terms
 * they use (terms of deleted articles are dropped here). Returns each
 * article's slice, in order.
 */
export function saveTermCache(
  file: string,
  dictionary: TermDictionary,
  docs: readonly NumberedTerms[],
): [number, number][] {
  const renumber = new Int32Array(dictionary.terms.length).fill(-1);
  const kept: string[] = [];
  let postings = 0;
  for (const doc of docs) {
    postings += doc.ids.length;
    for (const id of doc.ids) {
      if (renumber[id] === -1) {
        renumber[id] = kept.length;
        kept.push(dictionary.terms[id] as string);
      }
    }
  }
  const text = Buffer.from(kept.join('\n'), 'utf8');
  const idsAt = 16 + Math.ceil(text.length / 4) * 4;
  const buffer = Buffer.alloc(idsAt + postings * 5);
  const header = new DataView(buffer.buffer, buffer.byteOffset, 16);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, VERSION, true);
  header.setUint32(8, text.length, true);
  header.setUint32(12, postings, true);
  text.copy(buffer, 16);
  const ids = new Uint32Array(postings);
  const slices: [number, number][] = [];
  let at = 0;
  for (const doc of docs) {
    slices.push([at, doc.ids.length]);
    for (const id of doc.ids) ids[at++] = renumber[id] as number;
    buffer.set(doc.weights, idsAt + postings * 4 + at - doc.ids.length);
  }
  buffer.set(new Uint8Array(ids.buffer), idsAt);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, buffer);
  fs.renameSync(temporary, file);
  return slices;
}
