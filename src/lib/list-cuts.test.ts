import { describe, expect, it } from 'vitest';
import { type ListPart, pageCount } from './content-contract.ts';
import { cutParts, pageRange } from './list-cuts.ts';

/** A list numbered 1 (oldest) … total (newest) cut into parts of `sizes` from the oldest. */
function partsOf(sizes: number[]): { parts: ListPart[]; items: Map<string, number[]> } {
  const parts: ListPart[] = [];
  const items = new Map<string, number[]>();
  let first = 1;
  for (const [k, size] of sizes.entries()) {
    const name = `c${k}`;
    parts.push([name, size]);
    items.set(
      name,
      Array.from({ length: size }, (_, n) => first + size - 1 - n),
    ); // newest first
    first += size;
  }
  return { parts, items };
}

describe('cutParts', () => {
  it('finds every page of lists cut any way, as the newest-first list has it', () => {
    const cuts = [[], [1], [3], [1, 1, 1], [5, 2, 7], [2, 9, 1, 1, 4, 3], [20, 20, 3], [13, 25, 8, 40, 19]];
    for (const sizes of cuts) {
      const { parts, items } = partsOf(sizes);
      const total = sizes.reduce((sum, size) => sum + size, 0);
      const newestFirst = Array.from({ length: total }, (_, i) => total - i);
      for (const pageSize of [1, 2, 3, 20]) {
        for (let page = 1; page <= pageCount(total, pageSize) + 1; page++) {
          const { from, to } = pageRange(total, pageSize, page);
          const shown = cutParts(parts, from, to).flatMap(({ name, from, to }) =>
            (items.get(name) ?? []).slice(from, to),
          );
          expect(shown, `${sizes.join('+')} by ${pageSize}, page ${page}`).toEqual(
            newestFirst.slice((page - 1) * pageSize, page * pageSize),
          );
        }
      }
    }
  });

  it('names the newest part first and says which of its items the range takes', () => {
    const { parts } = partsOf([10, 5, 8]);
    expect(cutParts(parts, 0, 20)).toEqual([
      { name: 'c2', count: 8, from: 0, to: 8 },
      { name: 'c1', count: 5, from: 0, to: 5 },
      { name: 'c0', count: 10, from: 0, to: 7 },
    ]);
    expect(cutParts(parts, 9, 12)).toEqual([{ name: 'c1', count: 5, from: 1, to: 4 }]);
    expect(cutParts(parts, 23, 40)).toEqual([]);
    expect(pageRange(45, 20, 3)).toEqual({ from: 40, to: 45 });
    expect(pageRange(45, 20, 4)).toEqual({ from: 45, to: 45 });
    expect(pageCount(0, 20)).toBe(1);
  });
});
