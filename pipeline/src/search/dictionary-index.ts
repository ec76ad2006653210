import { randomInt } from 'node:crypto';
import { hashBytes, placeInTable, tableSize } from '../cache/byte-hash.ts';
import {
  checkedTable,
  DamagedColumns,
  RowTable,
  RowValues,
  SectionReader,
  type SnapshotData,
} from '../cache/cache-columns.ts';
import { KeptFile } from '../cache/kept-file.ts';
import { RangeReader } from '../cache/range-reader.ts';
import { replaceFile } from '../output/read-text.ts';

/**
 * What finds the terms of a store's dictionary file without reading them all (`<dict>.index`):
 * where each term's line ends, and each term's number by a hash of its bytes, for the file's
 * first `terms` terms. A run of edits at a million articles looks up a few thousand terms; making
 * the table of a million each run cost it 0.2–0.3 s, and reading the file and finding its lines
 * 0.1 s more. The index is kept until the terms appended after it outgrow it (`dueIndex`).
 *
 * Header, four u32 (native order, as the store): mark, terms, bytes of the dictionary it covers,
 * stamp; then the ends (u32 a term: where its newline is), then the table (tableSize(terms) i32
 * slots: number + 1, 0 empty). The stamp is recorded in the term store's state with the terms
 * and bytes: an index is used only when the state that names the dictionary names it too.
 */
export interface DictionaryIndexState {
  terms: number;
  bytes: number;
  stamp: number;
}

const MARK = 0x78646974; // "tidx"
const HEADER_BYTES = 16;
/** Lookups read by range before the ends and table are read whole. */
const RANGE_READS = 16_384;

/** Terms appended since an index that are found without it (scanned from the file) before a new one is written. */
const TAIL_TERMS = 65_536;

/** Whether a dictionary of `terms` terms, of which `index` (if any) covers some, is due a new index. */
export function dueIndex(index: DictionaryIndexState | undefined, terms: number): boolean {
  if (!index) return terms > 0;
  return terms - index.terms > Math.max(TAIL_TERMS, index.terms / 8);
}

/**
 * Writes the index of `lines` (a dictionary file's first bytes: each term then a newline) to
 * `file`, whole or not at all. Returns what the term store's state records of it.
 */
export function writeDictionaryIndex(file: string, lines: Uint8Array): DictionaryIndexState {
  let terms = 0;
  for (let at = 0; at < lines.length; at++) if (lines[at] === 10) terms++;
  const ends = new Uint32Array(terms);
  let term = 0;
  for (let at = 0; at < lines.length; at++) if (lines[at] === 10) ends[term++] = at;
  const table = new Int32Array(tableSize(terms));
  for (let id = 0; id < terms; id++)
    placeInTable(table, hashBytes(lines, id === 0 ? 0 : (ends[id - 1] as number) + 1, ends[id] as number), id);
  const state: DictionaryIndexState = { terms, bytes: lines.length, stamp: randomInt(0x7fffffff) };
  const header = Uint32Array.of(MARK, state.terms, state.bytes, state.stamp);
  const bytes = Buffer.allocUnsafe(HEADER_BYTES + ends.byteLength + table.byteLength);
  Buffer.from(header.buffer).copy(bytes, 0);
  Buffer.from(ends.buffer).copy(bytes, HEADER_BYTES);
  Buffer.from(table.buffer).copy(bytes, HEADER_BYTES + ends.byteLength);
  replaceFile(file, bytes);
  return state;
}

/**
 * The terms an index covers, read where they are: a term's number by its bytes, and a number's
 * term, each a few small reads of the index and the dictionary file. The index is read as the
 * cache's snapshot is (cache-columns.ts): its two sections checked a piece at a time, then read
 * a value at a time until many are asked for.
 */
export class IndexedTerms {
  private constructor(
    private readonly lines: RangeReader,
    readonly count: number,
    private readonly ends: RowValues<Uint32Array>,
    private readonly table: RowTable,
  ) {}

  /**
   * The index `state` names, of `dictionary` (a file of at least `dictionaryBytes` valid bytes),
   * checked whole a piece at a time (its ends in order and inside the bytes it covers, its table
   * holding each term once); undefined when it is missing, another, or damaged.
   */
  static open(
    dictionary: string,
    index: string,
    state: DictionaryIndexState,
    dictionaryBytes: number,
  ): IndexedTerms | undefined {
    let kept: KeptFile | undefined;
    // Not this index's, or damaged: its file is closed now, not at the run's end.
    const refused = () => {
      kept?.close();
      return undefined;
    };
    try {
      const { terms, bytes, stamp } = state;
      const slots = tableSize(terms);
      const size = HEADER_BYTES + terms * 4 + slots * 4;
      if (bytes > dictionaryBytes) return undefined;
      const file = (kept = new KeptFile(index));
      if (file.size() !== size) return refused();
      const header = new Uint32Array(file.read(0, HEADER_BYTES).buffer, 0, 4);
      if (header[0] !== MARK || header[1] !== terms || header[2] !== bytes || header[3] !== stamp) return refused();
      const data: SnapshotData = { length: size, read: (offset, length, into) => file.read(offset, length, into) };
      const columns = new SectionReader(
        { ends: [HEADER_BYTES, terms * 4], table: [HEADER_BYTES + terms * 4, slots * 4] },
        data,
      );
      let before = -1;
      const endsAt = columns.scan('ends', Uint32Array, terms, (ends) => {
        for (let n = 0; n < ends.length; n++) {
          const end = ends[n] as number;
          if (end < before + 1) throw new DamagedColumns(); // a term starts after the newline before it
          before = end;
        }
      });
      if (before !== bytes - 1) return refused();
      const table = checkedTable(columns, 'table', terms, RANGE_READS);
      const ends = new RowValues(data, endsAt, Uint32Array, 1, terms, RANGE_READS);
      const lines = RangeReader.open(dictionary, bytes, RANGE_READS);
      return lines ? new IndexedTerms(lines, terms, ends, table) : refused();
    } catch {
      return refused(); // missing, short or damaged (DamagedColumns): the file is read whole
    }
  }

  term(id: number): string {
    const [start, end] = this.span(id);
    return this.read(start, end).toString('utf8');
  }

  /** The number of the term whose UTF-8 bytes are `wanted`, or -1. */
  find(wanted: Uint8Array): number {
    const { table } = this;
    for (let slot = hashBytes(wanted, 0, wanted.length) & table.mask; ; slot = (slot + 1) & table.mask) {
      const id = table.rowAt(slot);
      if (id < 0) return -1;
      const [start, end] = this.span(id);
      if (end - start === wanted.length && this.read(start, end).equals(wanted)) return id;
    }
  }

  private span(id: number): [number, number] {
    return [id === 0 ? 0 : (this.ends.at(id - 1)[0] ?? 0) + 1, this.ends.at(id)[0] ?? 0];
  }

  /** The dictionary's bytes from `start` to `end`: read alone, until many are asked for. */
  private read(start: number, end: number): Buffer {
    return this.lines.read(start, end - start);
  }
}
