import type { CacheEntry } from './build-cache.ts';
import { KeyedRows } from './keyed-rows.ts';

/**
 * A whole run's cache entries, held by each file's place in the input and found by its name: an
 * array and a table of places (KeyedRows), where a map by file cost a cold build of a million
 * articles 29 MB more at its peak.
 */
export class FileEntries {
  private readonly byPlace: (CacheEntry | undefined)[];
  private readonly places: KeyedRows;
  private count = 0;

  /** `inputFiles`: the input's files by place. */
  constructor(private readonly inputFiles: readonly string[]) {
    this.byPlace = new Array<CacheEntry | undefined>(inputFiles.length);
    this.places = new KeyedRows((place) => inputFiles[place], inputFiles.length);
    for (let place = 0; place < inputFiles.length; place++) this.places.set(place);
  }

  /** How many files have an entry. */
  get size(): number {
    return this.count;
  }

  /** Sets the entry of the file at `place` in the input. */
  setAt(place: number, entry: CacheEntry): void {
    if (place < 0 || place >= this.byPlace.length) throw new Error(`the input has no file at ${place}`);
    if (this.byPlace[place] === undefined) this.count++;
    this.byPlace[place] = entry;
  }

  /** The entry of the input's file `relative`, when it has one. */
  get(relative: string): CacheEntry | undefined {
    const place = this.places.rowOf(relative);
    return place < 0 ? undefined : this.byPlace[place];
  }

  /** The place in the input of the file `relative`; -1 for a file it does not have. */
  placeOf(relative: string): number {
    return this.places.rowOf(relative);
  }

  /** The files with an entry, in the input's order. */
  *files(): Generator<string> {
    for (let place = 0; place < this.byPlace.length; place++) {
      const file = this.inputFiles[place];
      if (this.byPlace[place] && file !== undefined) yield file;
    }
  }
}
