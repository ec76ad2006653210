import { KeyedRows } from '../cache/keyed-rows.ts';

/**
 * A set of `/`-separated paths held as UTF-8 in one buffer, found through a table of rows: what
 * an output of a million articles holds, listed and compared by a whole run. As strings in a
 * `Set` the paths were 164 MB of heap held through the run's search index build, and a second
 * set of the same size was made to compare them; this is about 50 MB.
 */
export class PathSet implements Iterable<string> {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Where each path ends in `bytes`; it starts where the one before ends. */
  private ends = new Int32Array(1 << 10);
  private count = 0;
  private readonly rows = new KeyedRows((row) => this.at(row));

  constructor(paths: Iterable<string> = []) {
    for (const path of paths) this.add(path);
  }

  get size(): number {
    return this.count;
  }

  add(path: string): void {
    if (this.rows.has(path)) return;
    const length = Buffer.byteLength(path);
    if (this.used + length > this.bytes.length) {
      const bytes = Buffer.allocUnsafe(grownSize(this.bytes.length, this.used + length));
      this.bytes.copy(bytes, 0, 0, this.used);
      this.bytes = bytes;
    }
    this.bytes.write(path, this.used);
    this.used += length;
    if (this.count === this.ends.length) {
      const ends = new Int32Array(grownSize(this.ends.length, this.count + 1));
      ends.set(this.ends);
      this.ends = ends;
    }
    this.ends[this.count] = this.used;
    this.rows.set(this.count++);
  }

  has(path: string): boolean {
    return this.rows.has(path);
  }

  /** Where `path` is in the order the paths were added (as the iterator gives them); -1 for none. */
  indexOf(path: string): number {
    return this.rows.rowOf(path);
  }

  /** The paths in the order they were added. */
  *[Symbol.iterator](): Generator<string> {
    for (let row = 0; row < this.count; row++) yield this.at(row);
  }

  private at(row: number): string {
    const start = row === 0 ? 0 : (this.ends[row - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[row]);
  }
}

/** Room for at least `needed` items, half as many again as there was. */
const grownSize = (size: number, needed: number) => Math.max(needed, Math.ceil(size * 1.5));
