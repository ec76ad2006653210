import { RecordSpool } from '../parse/record-spool.ts';
import type { NumberedTerms } from './term-dictionary.ts';

/**
 * The search terms of the articles a run parses, by task index, numbered in the shared
 * dictionary, from the moment their worker hands them over until the index and the term store
 * are written. Workers hand them over in batches as they count them, and they wait in a
 * record spool (mostly on disk): a cold build of a million articles would otherwise hold about
 * two gigabytes of terms, first in its workers and then in its main thread.
 *
 * A record is the article's term numbers (u32, native order) and then its weights (u8): its
 * length is five bytes a term, and it is read back as views, without copying.
 */
/** A term's bytes in a record: its number (u32) and its weight (u8). */
const TERM_BYTES = 5;

export class TermSpool {
  private readonly records: RecordSpool;

  constructor(capacity: number, inMemoryBytes?: number) {
    this.records = new RecordSpool({ capacity, what: 'search terms of task', inMemoryBytes });
  }

  put(index: number, { ids, weights }: NumberedTerms): void {
    const count = ids.length;
    // Memory of its own: the u32 view needs a 4-byte aligned start.
    const bytes = new Uint8Array(count * TERM_BYTES);
    new Uint32Array(bytes.buffer, 0, count).set(ids);
    bytes.set(weights, count * 4);
    this.records.put(index, bytes);
  }

  /** The terms of task `index`, when it was parsed and its terms counted. */
  get(index: number): NumberedTerms | undefined {
    return this.records.has(index) ? asTerms(this.records.get(index)) : undefined;
  }

  /**
   * The same terms, valid until the next read of this spool (RecordSpool.getInPassing): for the
   * passes over every article's terms, which would otherwise leave a megabyte of garbage for
   * every megabyte of terms they read.
   */
  getInPassing(index: number): NumberedTerms | undefined {
    return this.records.has(index) ? asTerms(this.records.getInPassing(index)) : undefined;
  }

  /** How many terms task `index` has, without reading them; undefined when it has none here. */
  countOf(index: number): number | undefined {
    const bytes = this.records.lengthOf(index);
    return bytes < 0 ? undefined : bytes / TERM_BYTES;
  }

  /** The terms on disk written again in the order of `indexes` (RecordSpool.putInOrder). */
  putInOrder(indexes: ArrayLike<number>): boolean {
    return this.records.putInOrder(indexes);
  }

  close(): void {
    this.records.close();
  }
}

function asTerms(bytes: Uint8Array): NumberedTerms {
  const count = bytes.length / TERM_BYTES;
  return {
    ids: new Uint32Array(bytes.buffer, bytes.byteOffset, count),
    weights: bytes.subarray(count * 4, count * TERM_BYTES),
  };
}
