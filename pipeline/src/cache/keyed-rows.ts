import { hashString, placeInTable, tableSize } from './byte-hash.ts';

/**
 * Rows found by a string key that each row already holds (`keyOf(row)`, an id or a file name in
 * an array the run keeps anyway). A `Map<string, number>` of a million keys is 29 MB of heap; this
 * is an open-addressing table of rows, 8 MB, and the keys are not held twice. A whole run kept
 * three such maps to its end, at the peak of a cold build of a million articles.
 */
export class KeyedRows {
  /** Each slot row + 1, 0 for none; a power of two of them, at most half full. */
  private slots: Int32Array;
  private count = 0;

  constructor(
    private readonly keyOf: (row: number) => string | undefined,
    expected = 0,
  ) {
    this.slots = new Int32Array(tableSize(expected));
  }

  /** How many keys have a row. */
  get size(): number {
    return this.count;
  }

  /** Files `row` under its key; it takes the place of a row filed under the same key (as `Map.set`). */
  set(row: number): void {
    const key = this.keyOf(row);
    if (key === undefined) throw new Error(`row ${row} has no key`);
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const slot = this.slotOf(key);
    if (this.slots[slot] === 0) this.count++;
    this.slots[slot] = row + 1;
  }

  /** The row filed under `key`; -1 for none. */
  rowOf(key: string): number {
    return (this.slots[this.slotOf(key)] as number) - 1;
  }

  has(key: string): boolean {
    return this.rowOf(key) >= 0;
  }

  /** The slot holding `key`'s row, or the free slot where it would go. */
  private slotOf(key: string): number {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let slot = hashString(key) & mask; ; slot = (slot + 1) & mask) {
      const row = (slots[slot] as number) - 1;
      if (row < 0 || this.keyOf(row) === key) return slot;
    }
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    for (const filed of old) if (filed !== 0) placeInTable(slots, hashString(this.keyOf(filed - 1) ?? ''), filed - 1);
    this.slots = slots;
  }
}
