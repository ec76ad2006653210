import { hashBytes, placeInTable, tableSize } from '../cache/byte-hash.ts';
import type { IndexedTerms } from './dictionary-index.ts';

/**
 * Search terms by number. Each parse worker numbers the terms it meets in a
 * dictionary of its own and sends only the new ones along; the main thread
 * translates worker numbers to its own with an array lookup, so millions of
 * term strings never cross threads or get hashed twice.
 *
 * CJK characters and bigrams, nine in ten terms, are looked up by their code
 * units in typed arrays: no string is made for a term already known.
 *
 * A dictionary read from the term store (`fromLines`) keeps its terms as the file's bytes: a
 * term becomes a string when it is asked for, and a term met again is found by a hash of its
 * UTF-8 bytes in a table: the index kept beside the file (dictionary-index.ts), and for the terms
 * appended after it, one made on the first lookup. At a million articles (a million terms)
 * making a string and a map entry of each took 0.5–0.8 s of every publish; making the table,
 * 0.2–0.3 s; reading the index's, a few milliseconds.
 */
export class TermDictionary {
  /** The terms read from the store, numbered first: their bytes, one per line. */
  private readonly stored: StoredTerms | undefined;
  /** Terms numbered since, from `storedCount` on. */
  private readonly added: string[] = [];
  private readonly storedCount: number;
  private readonly ids = new Map<string, number>();
  /** Id + 1 of each BMP character; 0 when unknown. */
  private readonly charIds = new Int32Array(0x10000);
  // Bigrams: open addressing over (first << 16 | second), id + 1 in `pairIds`.
  private pairKeys = new Int32Array(1 << 12);
  private pairIds = new Int32Array(1 << 12);
  private pairShift = 20;
  private pairCount = 0;

  constructor(terms: string[] = [], stored?: StoredTerms) {
    this.stored = stored;
    this.storedCount = stored?.count ?? 0;
    for (const term of terms) this.intern(term);
  }

  /** The terms of a store's dictionary file: `bytes`, each term on its line (no newline after the last). */
  static fromLines(bytes: Buffer): TermDictionary {
    return new TermDictionary([], bytes.length === 0 ? undefined : new StoredTerms(undefined, new LineTerms(bytes)));
  }

  /**
   * The terms of a store's dictionary file: those `indexed` covers, then `after`, the lines that
   * follow them (each term on its line, no newline after the last; empty for none).
   */
  static fromIndex(indexed: IndexedTerms, after: Buffer): TermDictionary {
    return new TermDictionary([], new StoredTerms(indexed, after.length === 0 ? undefined : new LineTerms(after)));
  }

  get size(): number {
    return this.storedCount + this.added.length;
  }

  /** The term numbered `id`. */
  term(id: number): string {
    return id < this.storedCount ? (this.stored as StoredTerms).term(id) : (this.added[id - this.storedCount] ?? '');
  }

  /** The terms numbered `from` on, in order. */
  termsFrom(from: number): string[] {
    const terms: string[] = [];
    for (let id = from; id < this.storedCount; id++) terms.push(this.term(id));
    // Not pushed as arguments: a cold build at a million articles adds a million terms.
    for (let n = Math.max(0, from - this.storedCount); n < this.added.length; n++) terms.push(this.added[n] as string);
    return terms;
  }

  intern(term: string): number {
    if (term.length === 1) return this.internChar(term.charCodeAt(0));
    if (term.length === 2 && !/[\ud800-\udfff]/.test(term)) {
      return this.internPair(term.charCodeAt(0), term.charCodeAt(1));
    }
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.storedOrAdded(term);
      this.ids.set(term, id);
    }
    return id;
  }

  internChar(code: number): number {
    const known = this.charIds[code] as number;
    if (known !== 0) return known - 1;
    const id = this.storedOrAdded(String.fromCharCode(code));
    this.charIds[code] = id + 1;
    return id;
  }

  internPair(first: number, second: number): number {
    const key = (first << 16) | second;
    const mask = this.pairKeys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.pairShift; ; slot = (slot + 1) & mask) {
      const known = this.pairIds[slot] as number;
      if (known === 0) {
        const id = this.storedOrAdded(String.fromCharCode(first, second));
        this.pairKeys[slot] = key;
        this.pairIds[slot] = id + 1;
        if (++this.pairCount * 2 > this.pairKeys.length) this.growPairs();
        return id;
      }
      if (this.pairKeys[slot] === key) return known - 1;
    }
  }

  /** The number of a term not met yet this run: the store's, or a new one. */
  private storedOrAdded(term: string): number {
    const stored = this.stored?.find(term) ?? -1;
    return stored >= 0 ? stored : this.add(term);
  }

  private add(term: string): number {
    this.added.push(term);
    return this.size - 1;
  }

  private growPairs(): void {
    const keys = this.pairKeys;
    const ids = this.pairIds;
    this.pairKeys = new Int32Array(keys.length * 2);
    this.pairIds = new Int32Array(keys.length * 2);
    this.pairShift--;
    const mask = this.pairKeys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (ids[i] === 0) continue;
      let slot = Math.imul(keys[i] as number, 0x9e3779b1) >>> this.pairShift;
      while (this.pairIds[slot] !== 0) slot = (slot + 1) & mask;
      this.pairKeys[slot] = keys[i] as number;
      this.pairIds[slot] = ids[i] as number;
    }
  }
}

/** Terms asked for by number before their strings are kept in an array of them all, not a map. */
const KEPT_IN_MAP = 4096;

/**
 * The terms of a store's dictionary file, read where they are: those its index covers
 * (dictionary-index.ts), then those appended after it, as lines of bytes.
 */
class StoredTerms {
  readonly count: number;
  private readonly indexedCount: number;
  /** Terms made into strings: a few in a map, then every one in an array (a whole build sorts them all). */
  private strings: Map<number, string> | (string | undefined)[] = new Map();
  private scratch = Buffer.alloc(256);

  constructor(
    private readonly indexed: IndexedTerms | undefined,
    private readonly lines: LineTerms | undefined,
  ) {
    this.indexedCount = indexed?.count ?? 0;
    this.count = this.indexedCount + (lines?.count ?? 0);
  }

  term(id: number): string {
    const { strings } = this;
    let term = strings instanceof Map ? strings.get(id) : strings[id];
    if (term !== undefined) return term;
    term =
      id < this.indexedCount
        ? (this.indexed as IndexedTerms).term(id)
        : (this.lines?.term(id - this.indexedCount) ?? '');
    if (strings instanceof Map && strings.size >= KEPT_IN_MAP) {
      const all = new Array<string | undefined>(this.count);
      for (const [known, string] of strings) all[known] = string;
      this.strings = all;
    }
    if (this.strings instanceof Map) this.strings.set(id, term);
    else this.strings[id] = term;
    return term;
  }

  /** The number of `term`, or -1. */
  find(term: string): number {
    if (this.scratch.length < term.length * 3) this.scratch = Buffer.alloc(term.length * 3);
    const wanted = this.scratch.subarray(0, this.scratch.write(term, 'utf8'));
    const indexed = this.indexed?.find(wanted) ?? -1;
    if (indexed >= 0) return indexed;
    const line = this.lines?.find(wanted) ?? -1;
    return line >= 0 ? this.indexedCount + line : -1;
  }
}

/** Terms as lines of bytes in memory: where each ends found on reading, and a table of them made on the first lookup. */
class LineTerms {
  readonly count: number;
  /** Where each term's line ends. */
  private readonly ends: Uint32Array;
  /** Open addressing over the FNV-1a hash of each term's bytes: id + 1, 0 for none. */
  private table?: Int32Array;

  /** `bytes`: each term on its line, no newline after the last. */
  constructor(private readonly bytes: Buffer) {
    let count = 1;
    for (let at = 0; at < bytes.length; at++) if (bytes[at] === 10) count++;
    this.count = count;
    this.ends = new Uint32Array(count);
    let line = 0;
    for (let at = 0; at < bytes.length; at++) if (bytes[at] === 10) this.ends[line++] = at;
    this.ends[line] = bytes.length;
  }

  term(id: number): string {
    return this.bytes.toString('utf8', this.start(id), this.ends[id]);
  }

  /** The number of the term whose UTF-8 bytes are `wanted`, or -1. */
  find(wanted: Buffer): number {
    const table = (this.table ??= this.makeTable());
    const mask = table.length - 1;
    for (let slot = hashBytes(wanted, 0, wanted.length) & mask; ; slot = (slot + 1) & mask) {
      const id = (table[slot] as number) - 1;
      if (id < 0) return -1;
      const start = this.start(id);
      if (
        this.ends[id] === start + wanted.length &&
        this.bytes.compare(wanted, 0, wanted.length, start, start + wanted.length) === 0
      )
        return id;
    }
  }

  private start(id: number): number {
    return id === 0 ? 0 : (this.ends[id - 1] as number) + 1;
  }

  private makeTable(): Int32Array {
    const table = new Int32Array(tableSize(this.count));
    for (let id = 0; id < this.count; id++)
      placeInTable(table, hashBytes(this.bytes, this.start(id), this.ends[id] as number), id);
    return table;
  }
}

/** One article's terms by number, with a weight (1–255) each. */
export interface NumberedTerms {
  ids: Uint32Array;
  weights: Uint8Array;
}
