import { ChunkCursor, ChunkFormatError } from '../../../src/lib/search-chunk.ts';
import { findPlace } from '../cache/find-place.ts';
import type { Entry } from './append-to-index.ts';

/** A part of a chunk to write: bytes of the base chunk copied as they are, or an entry to encode. */
export type ChunkPart = { bytes: Uint8Array; count: number } | { entry: Entry };

/**
 * The entries of a published chunk, read where they are, and the changes a run makes to them.
 * Only where each entry lies is read: a term becomes a string when a lookup's halving meets it,
 * and an entry an object when it is asked for. A publish at a million articles touches a few
 * hundred chunks of a few hundred entries each for one or two terms apiece; making every entry
 * an object with its term decoded cost it 0.1 s and its garbage as much again.
 */
export class ChunkEntries {
  private readonly starts: number[] = [];
  private readonly termStarts: number[] = [];
  private readonly termEnds: number[] = [];
  private readonly dfs: number[] = [];
  private readonly postings: number[] = [];
  private readonly ends: number[] = [];
  private readonly counts: number[] = [];
  private readonly terms: (string | undefined)[] = [];
  /** The entries asked for, changed or deleted (null), by their place among the base's. */
  private readonly known = new Map<number, Entry | null>();
  /** Entries given encoded (renumbered where they are), by their place among the base's. */
  private readonly rewritten = new Map<number, Uint8Array>();
  /** Entries of terms the base chunk does not have, by term. */
  private readonly added = new Map<string, Entry>();
  private readonly decoder = new TextDecoder();

  /** The entries of `bytes`, a chunk in the published format (search-chunk.ts), in term order. */
  constructor(private readonly bytes: Uint8Array) {
    const cursor = new ChunkCursor(bytes);
    for (let n = 0; n < cursor.count; n++) {
      this.starts.push(cursor.at);
      const termLength = cursor.varint();
      this.termStarts.push(cursor.at);
      cursor.at += termLength;
      this.termEnds.push(cursor.at);
      this.dfs.push(cursor.varint());
      cursor.byte(); // flags: whether cut, which follows from df and the length
      this.counts.push(cursor.varint());
      const size = cursor.varint();
      this.postings.push(cursor.at);
      const end = cursor.at + size;
      if (end > bytes.length) throw new ChunkFormatError(`posting list ${n} runs past its chunk`);
      this.ends.push(end);
      cursor.at = end;
    }
  }

  /** The entry of `term`, the same object each time (its postings not decoded: `decoded`). */
  get(term: string): Entry | undefined {
    const added = this.added.get(term);
    if (added) return added;
    const place = this.placeOf(term);
    if (place < 0) return undefined;
    const known = this.known.get(place);
    if (known !== undefined) return known ?? undefined;
    const entry: Entry = {
      term,
      source: {
        chunk: this.bytes,
        start: this.starts[place] as number,
        postings: this.postings[place] as number,
        end: this.ends[place] as number,
        count: this.counts[place] as number,
      },
      df: this.dfs[place] as number,
      docs: [],
      weights: [],
    };
    this.known.set(place, entry);
    return entry;
  }

  set(term: string, entry: Entry): void {
    const place = this.placeOf(term);
    if (place >= 0) {
      this.rewritten.delete(place);
      this.known.set(place, entry);
    } else this.added.set(term, entry);
  }

  /** Puts `bytes`, an entry encoded as the chunk holds it, in the place of `term`'s (one the base has). */
  setBytes(term: string, bytes: Uint8Array): void {
    const place = this.placeOf(term);
    if (place < 0) throw new Error(`the chunk has no entry "${term}" to replace`);
    this.known.delete(place);
    this.rewritten.set(place, bytes);
  }

  delete(term: string): void {
    const place = this.placeOf(term);
    if (place >= 0) this.known.set(place, null);
    else this.added.delete(term);
  }

  /**
   * The chunk's entries in term order, as parts to write: the base's untouched ones (and those
   * asked for but not decoded) as runs of its bytes, the others as entries.
   */
  parts(): ChunkPart[] {
    // Each added term goes before the base entry the halving finds it precedes.
    const before = new Map<number, Entry[]>();
    for (const term of [...this.added.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const place = -this.placeOf(term) - 1;
      const entry = this.added.get(term) as Entry;
      const list = before.get(place);
      if (list) list.push(entry);
      else before.set(place, [entry]);
    }
    const parts: ChunkPart[] = [];
    let run: { start: number; end: number; count: number } | undefined;
    const flush = () => {
      if (run) parts.push({ bytes: this.bytes.subarray(run.start, run.end), count: run.count });
      run = undefined;
    };
    for (let place = 0; place <= this.starts.length; place++) {
      for (const entry of before.get(place) ?? []) {
        flush();
        parts.push({ entry });
      }
      if (place === this.starts.length) break;
      const bytes = this.rewritten.get(place);
      if (bytes) {
        flush();
        parts.push({ bytes, count: 1 });
        continue;
      }
      const known = this.known.get(place);
      if (known === undefined || known?.source) {
        run ??= { start: this.starts[place] as number, end: 0, count: 0 };
        run.end = this.ends[place] as number;
        run.count++;
        continue;
      }
      flush();
      if (known) parts.push({ entry: known });
    }
    flush();
    return parts;
  }

  /** Where `term` is among the base's entries; when it is not there, -(where it would go) - 1. */
  private placeOf(term: string): number {
    return findPlace(this.starts.length, (place) => {
      const found = this.termAt(place);
      return found === term ? 0 : found < term ? -1 : 1;
    });
  }

  private termAt(place: number): string {
    let term = this.terms[place];
    if (term === undefined) {
      const bytes = this.bytes.subarray(this.termStarts[place], this.termEnds[place]);
      term = this.terms[place] = this.decoder.decode(bytes);
    }
    return term;
  }
}
