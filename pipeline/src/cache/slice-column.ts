/**
 * Where each of a store's records is (`[start, length]`, as a term or summary slice), two
 * numbers a record in one typed array rather than an array each: a store saved for a million
 * articles would otherwise hand back a million arrays, 64 MB, held until the cache is written.
 */
export class SliceColumn {
  private readonly values: Float64Array;

  constructor(readonly length: number) {
    this.values = new Float64Array(2 * length);
  }

  set(n: number, start: number, length: number): void {
    this.check(n);
    this.values[2 * n] = start;
    this.values[2 * n + 1] = length;
  }

  /** The slice of record `n`, made when asked. */
  at(n: number): [number, number] {
    this.check(n);
    return [this.values[2 * n] as number, this.values[2 * n + 1] as number];
  }

  /** Whether record `n` is at `slice`, without making its slice. */
  isAt(n: number, slice: readonly [number, number] | undefined): boolean {
    this.check(n);
    return slice !== undefined && this.values[2 * n] === slice[0] && this.values[2 * n + 1] === slice[1];
  }

  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let n = 0; n < this.length; n++) yield this.at(n);
  }

  private check(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n >= this.length) throw new RangeError(`no slice ${n} of ${this.length}`);
  }
}
