/**
 * The binary layout of one search-index chunk, shared by the pipeline (which
 * writes it) and the reader (which reads it). Binary because a posting is two
 * small numbers: as varints a posting takes 2–3 bytes, as JSON about 10.
 *
 *   chunk   = "NRS" version:u8  count:varint  entry*
 *   entry   = termBytes:varint term:utf8  df:varint  flags:u8  postings:varint  bytes:varint  posting*
 *   posting = docGap:varint  weight:u8     (documents ascending; the first gap is the number itself)
 *
 * `df` is the number of articles that contain the term; a list of a very common
 * term keeps only its best postings (flag TRUNCATED), so `postings` may be less.
 */
export const CHUNK_MAGIC = [0x4e, 0x52, 0x53] as const; // "NRS"
export const CHUNK_VERSION = 1;
export const TRUNCATED = 1;

export interface PostingList {
  /** Articles containing the term, in the whole corpus. */
  df: number;
  /** True when `docs` holds only the best-weighted part of the list. */
  truncated: boolean;
  /** Document numbers (places in the list counted from the oldest), ascending. */
  docs: Uint32Array;
  /** 1–255, parallel to `docs`. */
  weights: Uint8Array;
}

export class ChunkFormatError extends Error {
  override name = 'ChunkFormatError';
}

const encoder = new TextEncoder();

/**
 * A read position in a chunk, past its header once made (a chunk of another version or not a
 * chunk at all is refused): the one reader of the layout's numbers, for the reader's lookups
 * and the pipeline's appends alike.
 */
export class ChunkCursor {
  at = 4;
  /** The number of entries the chunk says it has. */
  readonly count: number;

  constructor(readonly bytes: Uint8Array) {
    if (bytes[0] !== CHUNK_MAGIC[0] || bytes[1] !== CHUNK_MAGIC[1] || bytes[2] !== CHUNK_MAGIC[2]) {
      throw new ChunkFormatError('not a search chunk');
    }
    if (bytes[3] !== CHUNK_VERSION) throw new ChunkFormatError(`chunk version ${String(bytes[3])}`);
    this.count = this.varint();
  }

  varint(): number {
    const { bytes } = this;
    let value = 0;
    let shift = 0;
    for (;;) {
      if (this.at >= bytes.length) throw new ChunkFormatError('chunk ends inside a number');
      const byte = bytes[this.at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
      if (shift > 35) throw new ChunkFormatError('number too long');
    }
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new ChunkFormatError('chunk ends inside an entry');
    return this.bytes[this.at++] as number;
  }
}

/**
 * Reads the posting lists of `wanted` terms out of a chunk, skipping the rest
 * without decoding them. Terms not in the chunk are absent from the result.
 */
export function readChunk(bytes: Uint8Array, wanted: Iterable<string>): Map<string, PostingList> {
  const targets = new Map<string, Uint8Array>();
  for (const term of wanted) targets.set(term, encoder.encode(term));
  const cursor = new ChunkCursor(bytes);
  const found = new Map<string, PostingList>();
  for (let entry = 0; entry < cursor.count && found.size < targets.size; entry++) {
    const termLength = cursor.varint();
    const termStart = cursor.at;
    cursor.at += termLength;
    const df = cursor.varint();
    const flags = cursor.byte();
    const postings = cursor.varint();
    const size = cursor.varint();
    const end = cursor.at + size;
    if (end > bytes.length) throw new ChunkFormatError('chunk ends inside a posting list');
    let match: string | undefined;
    for (const [term, encoded] of targets) {
      if (encoded.length !== termLength || found.has(term)) continue;
      let same = true;
      for (let i = 0; i < termLength; i++) {
        if (bytes[termStart + i] !== encoded[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        match = term;
        break;
      }
    }
    if (match === undefined) {
      cursor.at = end;
      continue;
    }
    const docs = new Uint32Array(postings);
    const weights = new Uint8Array(postings);
    let doc = 0;
    for (let i = 0; i < postings; i++) {
      doc += cursor.varint();
      docs[i] = doc;
      weights[i] = cursor.byte();
    }
    if (cursor.at !== end) throw new ChunkFormatError(`posting list of "${match}" has the wrong length`);
    found.set(match, { df, truncated: (flags & TRUNCATED) !== 0, docs, weights });
  }
  return found;
}
