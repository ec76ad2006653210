import fs from 'node:fs';
import { appendAt } from '../cache/append-at.ts';
import { RangeReader } from '../cache/range-reader.ts';
import { type NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * Every article's numbered search terms, kept beside the build cache so that
 * an incremental build rebuilds the index without reading or tokenizing any
 * unchanged article. Machine-local (native byte order).
 *
 * Two append-only files per generation: `<base>-<g>.terms` holds one record
 * per article (its term numbers as u32, then its weights as u8, padded to 4
 * bytes); `<base>-<g>.dict` holds the terms, one per line, in number order.
 * A build appends only what it parsed, and the JSON cache records how many
 * bytes of each file are valid: a run that died after appending leaves a tail
 * the next run cuts off. When dead records outweigh live ones, the next save
 * writes a fresh generation.
 */
export interface TermStoreState {
  generation: number;
  /** Valid bytes of the records file. */
  bytes: number;
  /** Valid bytes and terms of the dictionary file. */
  dictionaryBytes: number;
  terms: number;
}

/** Where an article's record is: [byte offset, term count]. */
export type TermSlice = [number, number];

/** An article's terms when saving: where they are stored already, or counted this run. */
export type StoreDoc = { stored: TermSlice } | { terms: NumberedTerms };

const recordBytes = (count: number) => count * 4 + Math.ceil(count / 4) * 4;

export class TermStore {
  readonly dictionary: TermDictionary;
  private readonly records: RangeReader;
  private state: TermStoreState;

  private constructor(
    private readonly base: string,
    state: TermStoreState,
    dictionary: TermDictionary,
    records: RangeReader,
  ) {
    this.state = state;
    this.dictionary = dictionary;
    this.records = records;
  }

  /** An empty store, or the one `state` describes; undefined when its files are missing or short. */
  static open(base: string, state: TermStoreState | undefined): { store: TermStore; loaded: boolean } {
    const empty = () => ({
      store: new TermStore(
        base,
        { generation: (state?.generation ?? 0) + 1, bytes: 0, dictionaryBytes: 0, terms: 0 },
        new TermDictionary(),
        RangeReader.empty(),
      ),
      loaded: false,
    });
    if (!state) return empty();
    try {
      // Records are read when asked for (range-reader.ts): a publish needs a few.
      const records = RangeReader.open(`${base}-${state.generation}.terms`, state.bytes);
      const text = fs.readFileSync(`${base}-${state.generation}.dict`);
      if (!records || text.length < state.dictionaryBytes) return empty();
      const terms = state.dictionaryBytes === 0 ? [] : text.toString('utf8', 0, state.dictionaryBytes - 1).split('\n');
      if (terms.length !== state.terms) return empty();
      return { store: new TermStore(base, state, new TermDictionary(terms), records), loaded: true };
    } catch {
      return empty();
    }
  }

  slice([offset, count]: TermSlice): NumberedTerms {
    // Records start at 4-byte boundaries, and so do the reader's buffers: ids are read in place.
    const record = this.records.read(offset, recordBytes(count));
    return {
      ids: new Uint32Array(record.buffer, record.byteOffset, count),
      weights: new Uint8Array(record.buffer, record.byteOffset + count * 4, count),
    };
  }

  /**
   * Stores the articles of this build: those with a slice are stored already,
   * the rest are appended. Returns every article's slice and the state for
   * the JSON cache; the files of a replaced generation are removed by `prune`.
   */
  save(docs: StoreDoc[]): {
    state: TermStoreState;
    slices: TermSlice[];
  } {
    let live = 0;
    let fresh = 0;
    for (const doc of docs) {
      const size = recordBytes('stored' in doc ? doc.stored[1] : doc.terms.ids.length);
      live += size;
      if (!('stored' in doc)) fresh += size;
    }
    const compact = this.state.bytes + fresh > 2 * live + (1 << 20);
    return compact ? this.rewrite(docs) : this.append(docs, fresh);
  }

  /** Old generations' files, once the JSON cache no longer names them. */
  prune(state: TermStoreState): void {
    for (let generation = state.generation - 1; generation >= Math.max(1, state.generation - 3); generation--) {
      fs.rmSync(`${this.base}-${generation}.terms`, { force: true });
      fs.rmSync(`${this.base}-${generation}.dict`, { force: true });
    }
  }

  private append(docs: StoreDoc[], fresh: number) {
    const { generation } = this.state;
    const recordsFile = `${this.base}-${generation}.terms`;
    const dictionaryFile = `${this.base}-${generation}.dict`;
    const added = this.dictionary.terms.slice(this.state.terms);
    const addedText = added.length > 0 ? Buffer.from(`${added.join('\n')}\n`, 'utf8') : Buffer.alloc(0);
    const out = Buffer.alloc(fresh);
    let at = 0;
    const slices = docs.map((doc): TermSlice => {
      if ('stored' in doc) return doc.stored;
      const { terms } = doc;
      const count = terms.ids.length;
      const slice: TermSlice = [this.state.bytes + at, count];
      out.set(new Uint8Array(terms.ids.buffer, terms.ids.byteOffset, count * 4), at);
      out.set(terms.weights, at + count * 4);
      at += recordBytes(count);
      return slice;
    });
    appendAt(recordsFile, this.state.bytes, out);
    appendAt(dictionaryFile, this.state.dictionaryBytes, addedText);
    const state: TermStoreState = {
      generation,
      bytes: this.state.bytes + fresh,
      dictionaryBytes: this.state.dictionaryBytes + addedText.length,
      terms: this.dictionary.size,
    };
    return { state, slices };
  }

  /** A new generation with only the live records and the terms they use. */
  private rewrite(stored: StoreDoc[]) {
    const docs = stored.map((doc) => ({ terms: 'stored' in doc ? this.slice(doc.stored) : doc.terms }));
    const renumber = new Int32Array(this.dictionary.size).fill(-1);
    const kept: string[] = [];
    let total = 0;
    for (const { terms } of docs) {
      total += recordBytes(terms.ids.length);
      for (const id of terms.ids) {
        if (renumber[id] === -1) {
          renumber[id] = kept.length;
          kept.push(this.dictionary.terms[id] as string);
        }
      }
    }
    const out = Buffer.alloc(total);
    const ids = new Uint32Array(out.buffer, out.byteOffset, total / 4);
    let at = 0;
    const slices = docs.map(({ terms }): TermSlice => {
      const count = terms.ids.length;
      for (let i = 0; i < count; i++) ids[at / 4 + i] = renumber[terms.ids[i] as number] as number;
      out.set(terms.weights, at + count * 4);
      const slice: TermSlice = [at, count];
      at += recordBytes(count);
      return slice;
    });
    const generation = this.state.generation + 1;
    const text = kept.length > 0 ? Buffer.from(`${kept.join('\n')}\n`, 'utf8') : Buffer.alloc(0);
    fs.writeFileSync(`${this.base}-${generation}.terms`, out);
    fs.writeFileSync(`${this.base}-${generation}.dict`, text);
    return { state: { generation, bytes: total, dictionaryBytes: text.length, terms: kept.length }, slices };
  }
}
