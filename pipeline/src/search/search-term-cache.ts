import fs from 'node:fs';
import { dueRewrite, liveAfterReplacing } from '../cache/rewrite-policy.ts';
import { appendAt } from '../cache/append-at.ts';
import { BlockWriter } from '../cache/block-writer.ts';
import { RangeReader } from '../cache/range-reader.ts';
import { SliceColumn } from '../cache/slice-column.ts';
import { readRange } from '../output/read-text.ts';
import { type DictionaryIndexState, dueIndex, IndexedTerms, writeDictionaryIndex } from './dictionary-index.ts';
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
 * writes a fresh generation. Beside the dictionary, `<base>-<g>.dict.index`
 * finds its first terms without reading them (dictionary-index.ts), rewritten
 * whole when the terms after it outgrow it.
 */
export interface TermStoreState {
  generation: number;
  /** Valid bytes of the records file. */
  bytes: number;
  /** Valid bytes and terms of the dictionary file. */
  dictionaryBytes: number;
  terms: number;
  /**
   * Bytes of the records the saving build uses: a later run that replaces a few articles'
   * records (`replace`) knows without reading every slice when the store is due a rewrite.
   */
  live?: number;
  /** The index of the dictionary's first terms (dictionary-index.ts), when one is written. */
  index?: DictionaryIndexState;
}

/** Where an article's record is: [byte offset, term count]. */
export type TermSlice = [number, number];

/** An article's terms when saving: where they are stored already, or counted this run. */
export type StoreDoc = { stored: TermSlice } | { terms: NumberedTerms };

/** The articles to store, read one at a time (an array is one too): all their terms are never held at once. */
export interface StoreDocs {
  readonly length: number;
  at(n: number): StoreDoc | undefined;
  /**
   * How many terms article `n` has, and whether they are stored already, without reading them:
   * the pass that sizes the store then reads no terms (at a million articles, 1.3 GB read once
   * more, and garbage that outlived V8's young generation). Else `at` is asked.
   */
  sizeOf?(n: number): { count: number; stored: boolean };
}

function docAt(docs: StoreDocs, n: number): StoreDoc {
  const doc = docs.at(n);
  if (!doc) throw new Error(`no terms to store for article ${n}`);
  return doc;
}

const recordBytes = (count: number) => count * 4 + Math.ceil(count / 4) * 4;

const sizeOfDoc = (doc: StoreDoc) =>
  'stored' in doc ? { count: doc.stored[1], stored: true } : { count: doc.terms.ids.length, stored: false };

/** Records start at 4-byte boundaries, and so do the reader's buffers: ids are read in place. */
function termsOfRecord(record: Buffer, count: number): NumberedTerms {
  return {
    ids: new Uint32Array(record.buffer, record.byteOffset, count),
    weights: new Uint8Array(record.buffer, record.byteOffset + count * 4, count),
  };
}

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

  /** The blocks of records kept for reading go (RangeReader.releaseBlocks). */
  releaseBlocks(): void {
    this.records.releaseBlocks();
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
      if (!records) return empty();
      const opened = openDictionary(`${base}-${state.generation}.dict`, state);
      if (opened.dictionary.size !== state.terms) return empty();
      // An index the state names but that could not be used is written again on saving.
      const usable = opened.indexed ? state : withoutIndex(state);
      return { store: new TermStore(base, usable, opened.dictionary, records), loaded: true };
    } catch {
      return empty();
    }
  }

  slice([offset, count]: TermSlice): NumberedTerms {
    return termsOfRecord(this.records.read(offset, recordBytes(count)), count);
  }

  /** The same terms, valid until the next slice of either kind (RangeReader.readInPassing). */
  sliceInPassing([offset, count]: TermSlice): NumberedTerms {
    return termsOfRecord(this.records.readInPassing(offset, recordBytes(count)), count);
  }

  /**
   * Stores the articles of this build: those with a slice are stored already,
   * the rest are appended. Returns every article's slice and the state for
   * the JSON cache; the files of a replaced generation are removed by `prune`.
   */
  save(docs: StoreDocs): {
    state: TermStoreState;
    slices: SliceColumn;
  } {
    let live = 0;
    let fresh = 0;
    for (let n = 0; n < docs.length; n++) {
      const { count, stored } = docs.sizeOf?.(n) ?? sizeOfDoc(docAt(docs, n));
      const size = recordBytes(count);
      live += size;
      if (!stored) fresh += size;
    }
    const { state, slices } = dueRewrite(this.state.bytes + fresh, live)
      ? this.rewrite(docs)
      : this.append(docs, fresh);
    return { state: { ...state, live }, slices };
  }

  /**
   * Stores the terms of articles that replace the records `freed`, the others staying where
   * they are: a run that edited a few articles writes a few records and visits no other.
   * Undefined when the store is due a rewrite or does not know its live bytes: `save` then.
   */
  replace(
    docs: readonly NumberedTerms[],
    freed: readonly TermSlice[],
  ): { state: TermStoreState; slices: TermSlice[] } | undefined {
    const fresh = docs.reduce((sum, terms) => sum + recordBytes(terms.ids.length), 0);
    const live = liveAfterReplacing(
      this.state,
      fresh,
      freed.reduce((sum, [, count]) => sum + recordBytes(count), 0),
    );
    if (live === undefined) return undefined;
    const { state, slices } = this.append(
      docs.map((terms) => ({ terms })),
      fresh,
    );
    return { state: { ...state, live }, slices: [...slices] };
  }

  /** Old generations' files, once the JSON cache no longer names them. */
  prune(state: TermStoreState): void {
    for (let generation = state.generation - 1; generation >= Math.max(1, state.generation - 3); generation--) {
      fs.rmSync(`${this.base}-${generation}.terms`, { force: true });
      fs.rmSync(`${this.base}-${generation}.dict`, { force: true });
      fs.rmSync(indexFile(`${this.base}-${generation}.dict`), { force: true });
    }
  }

  private append(docs: StoreDocs, fresh: number) {
    const { generation } = this.state;
    const added = this.dictionary.termsFrom(this.state.terms);
    const addedText = added.length > 0 ? Buffer.from(`${added.join('\n')}\n`, 'utf8') : Buffer.alloc(0);
    const slices = new SliceColumn(docs.length);
    const writer = new BlockWriter(`${this.base}-${generation}.terms`, this.state.bytes);
    try {
      for (let n = 0; n < docs.length; n++) {
        const doc = docAt(docs, n);
        if ('stored' in doc) slices.set(n, ...doc.stored);
        else slices.set(n, writer.position, writeRecord(writer, doc.terms.ids, doc.terms.weights));
      }
    } finally {
      writer.close();
    }
    const dictionary = `${this.base}-${generation}.dict`;
    appendAt(dictionary, this.state.dictionaryBytes, addedText);
    const state: TermStoreState = {
      generation,
      bytes: this.state.bytes + fresh,
      dictionaryBytes: this.state.dictionaryBytes + addedText.length,
      terms: this.dictionary.size,
    };
    const { index } = this.state;
    if (dueIndex(index, state.terms)) {
      const lines = fs.readFileSync(dictionary).subarray(0, state.dictionaryBytes);
      state.index = writeDictionaryIndex(indexFile(dictionary), lines);
    } else if (index) state.index = index;
    return { state, slices };
  }

  /** A new generation with only the live records and the terms they use. */
  private rewrite(docs: StoreDocs) {
    const termsAt = (n: number) => {
      const doc = docAt(docs, n);
      return 'stored' in doc ? this.sliceInPassing(doc.stored) : doc.terms;
    };
    // Two passes, reading each article's terms twice rather than holding them all (each used
    // before the next is read).
    const renumber = new Int32Array(this.dictionary.size).fill(-1);
    const kept: string[] = [];
    for (let n = 0; n < docs.length; n++) {
      for (const id of termsAt(n).ids) {
        if (renumber[id] === -1) {
          renumber[id] = kept.length;
          kept.push(this.dictionary.term(id));
        }
      }
    }
    const generation = this.state.generation + 1;
    const slices = new SliceColumn(docs.length);
    const writer = new BlockWriter(`${this.base}-${generation}.terms`, 0, { fresh: true });
    try {
      for (let n = 0; n < docs.length; n++) {
        const { ids, weights } = termsAt(n);
        const renumbered = Uint32Array.from(ids, (id) => renumber[id] as number);
        slices.set(n, writer.position, writeRecord(writer, renumbered, weights));
      }
    } finally {
      writer.close();
    }
    const text = kept.length > 0 ? Buffer.from(`${kept.join('\n')}\n`, 'utf8') : Buffer.alloc(0);
    const dictionary = `${this.base}-${generation}.dict`;
    fs.writeFileSync(dictionary, text);
    const state: TermStoreState = {
      generation,
      bytes: writer.position,
      dictionaryBytes: text.length,
      terms: kept.length,
    };
    if (kept.length > 0) state.index = writeDictionaryIndex(indexFile(dictionary), text);
    return { state, slices };
  }
}

const indexFile = (dictionary: string) => `${dictionary}.index`;

/**
 * The dictionary file `state` describes: found through its index when the state names one that
 * is there and whole, else read whole. Throws when the file is missing or short.
 */
function openDictionary(file: string, state: TermStoreState): { dictionary: TermDictionary; indexed: boolean } {
  if (fs.statSync(file).size < state.dictionaryBytes) throw new Error(`${file} is shorter than its cache says`);
  const indexed = state.index && IndexedTerms.open(file, indexFile(file), state.index, state.dictionaryBytes);
  const from = indexed ? (state.index?.bytes ?? 0) : 0;
  // The lines after the index's (all of them without one); the last ends before its newline.
  const lines = readRange(file, from, state.dictionaryBytes - from);
  const after = lines.subarray(0, Math.max(0, lines.length - 1));
  return indexed
    ? { dictionary: TermDictionary.fromIndex(indexed, after), indexed: true }
    : { dictionary: TermDictionary.fromLines(after), indexed: false };
}

function withoutIndex({ index: _index, ...state }: TermStoreState): TermStoreState {
  return state;
}

/** Writes one record (term numbers, weights, padding); returns its term count. */
function writeRecord(writer: BlockWriter, ids: Uint32Array, weights: Uint8Array): number {
  const count = ids.length;
  writer.write(new Uint8Array(ids.buffer, ids.byteOffset, count * 4));
  writer.write(weights.subarray(0, count));
  writer.zeros(recordBytes(count) - count * 5);
  return count;
}
