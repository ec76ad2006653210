import fs from 'node:fs';
import { randomInt } from 'node:crypto';
import { hashBytes, placeInTable, TableCheck, tableSize } from '../cache/byte-hash.ts';
import { readRange, replaceFile } from '../output/read-text.ts';

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
/** Bytes of the index read at a time when it is checked on opening. */
const SCAN_BYTES = 1 << 20;
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

/** u32 or i32 values of a file, read by range until many are asked for, then whole. */
class FileValues<T extends Uint32Array | Int32Array> {
  private whole?: T;
  private reads = 0;

  constructor(
    private readonly file: string,
    private readonly offset: number,
    private readonly length: number,
    private readonly Type: { new (buffer: ArrayBuffer, offset: number, length: number): T },
  ) {}

  at(n: number): number {
    if (!this.whole && ++this.reads > RANGE_READS) {
      const bytes = readRange(this.file, this.offset, this.length * 4);
      this.whole = new this.Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, this.length);
    }
    if (this.whole) return this.whole[n] ?? 0;
    const bytes = readRange(this.file, this.offset + n * 4, 4);
    return new this.Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, 1)[0] ?? 0;
  }
}

/**
 * The terms an index covers, read where they are: a term's number by its bytes, and a number's
 * term, each a few small reads of the index and the dictionary file.
 */
export class IndexedTerms {
  private readonly ends: FileValues<Uint32Array>;
  private readonly table: FileValues<Int32Array>;
  private readonly mask: number;
  private lines?: Buffer;
  private lineReads = 0;

  private constructor(
    private readonly dictionary: string,
    index: string,
    readonly count: number,
    private readonly bytes: number,
    slots: number,
  ) {
    this.ends = new FileValues(index, HEADER_BYTES, count, Uint32Array);
    this.table = new FileValues(index, HEADER_BYTES + count * 4, slots, Int32Array);
    this.mask = slots - 1;
  }

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
    try {
      const { terms, bytes, stamp } = state;
      const slots = tableSize(terms);
      if (bytes > dictionaryBytes || fs.statSync(index).size !== HEADER_BYTES + terms * 4 + slots * 4) return undefined;
      const header = new Uint32Array(readRange(index, 0, HEADER_BYTES).buffer, 0, 4);
      if (header[0] !== MARK || header[1] !== terms || header[2] !== bytes || header[3] !== stamp) return undefined;
      if (!checked(index, terms, bytes, slots)) return undefined;
      return new IndexedTerms(dictionary, index, terms, bytes, slots);
    } catch {
      return undefined;
    }
  }

  term(id: number): string {
    const [start, end] = this.span(id);
    return this.read(start, end).toString('utf8');
  }

  /** The number of the term whose UTF-8 bytes are `wanted`, or -1. */
  find(wanted: Uint8Array): number {
    for (let slot = hashBytes(wanted, 0, wanted.length) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table.at(slot) - 1;
      if (id < 0) return -1;
      const [start, end] = this.span(id);
      if (end - start === wanted.length && this.read(start, end).equals(wanted)) return id;
    }
  }

  private span(id: number): [number, number] {
    return [id === 0 ? 0 : this.ends.at(id - 1) + 1, this.ends.at(id)];
  }

  /** The dictionary's bytes from `start` to `end`: read alone, until many are asked for. */
  private read(start: number, end: number): Buffer {
    if (!this.lines && ++this.lineReads > RANGE_READS) this.lines = readRange(this.dictionary, 0, this.bytes);
    return this.lines ? this.lines.subarray(start, end) : readRange(this.dictionary, start, end - start);
  }
}

/**
 * Whether an index's ends run in order to the last byte it covers and its table holds each term
 * once: read a piece at a time into one buffer, never held whole (memory this machine has not
 * touched costs it 5 ms a megabyte, more than the reading).
 */
function checked(index: string, terms: number, bytes: number, slots: number): boolean {
  const scratch = Buffer.allocUnsafeSlow(SCAN_BYTES);
  /** Visits `count` u32 values from `offset`, a piece at a time, while `visit` says they hold. */
  const scan = (offset: number, count: number, visit: (values: Uint32Array) => boolean) => {
    for (let first = 0; first < count; first += SCAN_BYTES / 4) {
      const length = Math.min(SCAN_BYTES / 4, count - first);
      const piece = readRange(index, offset + first * 4, length * 4, scratch);
      if (!visit(new Uint32Array(piece.buffer, piece.byteOffset, length))) return false;
    }
    return true;
  };
  let before = -1;
  const inOrder = scan(HEADER_BYTES, terms, (ends) => {
    for (let n = 0; n < ends.length; n++) {
      const end = ends[n] as number;
      if (end < before + 1) return false; // a term starts after the newline before it
      before = end;
    }
    return true;
  });
  if (!inOrder || before !== bytes - 1) return false;
  const check = new TableCheck(terms);
  // The slots read unsigned: a negative one is past `terms`.
  return scan(HEADER_BYTES + terms * 4, slots, (table) => check.visit(table)) && check.whole;
}
