import { describe, expect, it } from 'vitest';
import { chunkCount, chunksOfPage, pageCount } from './content-contract.ts';

/** A list of `total` numbered 1 (oldest) … total (newest), cut into chunks from the oldest. */
function chunksOf(total: number, pageSize: number): number[][] {
  const chunks: number[][] = [];
  for (let first = 1; first <= total; first += pageSize) {
    const chunk: number[] = [];
    for (let n = Math.min(first + pageSize - 1, total); n >= first; n--) chunk.push(n);
    chunks.push(chunk);
  }
  return chunks;
}

describe('chunksOfPage', () => {
  it('finds every page of every list size in at most two chunks, as the newest-first list has it', () => {
    for (const pageSize of [1, 2, 3, 20]) {
      for (let total = 0; total <= 3 * pageSize + 2; total++) {
        const chunks = chunksOf(total, pageSize);
        expect(chunkCount(total, pageSize)).toBe(chunks.length);
        const newestFirst = Array.from({ length: total }, (_, i) => total - i);
        for (let page = 1; page <= pageCount(total, pageSize) + 1; page++) {
          const parts = chunksOfPage(total, pageSize, page);
          expect(parts.length).toBeLessThanOrEqual(2);
          const items = parts.flatMap(({ chunk, from, to }) => (chunks[chunk - 1] ?? []).slice(from, to));
          expect(items, `${total} by ${pageSize}, page ${page}`).toEqual(
            newestFirst.slice((page - 1) * pageSize, page * pageSize),
          );
        }
      }
    }
  });

  it('reads the newest page of 45 from the partial chunk 3 and the full chunk 2', () => {
    expect(chunksOfPage(45, 20, 1)).toEqual([
      { chunk: 3, from: 0, to: 5 },
      { chunk: 2, from: 0, to: 15 },
    ]);
    expect(chunksOfPage(45, 20, 3)).toEqual([{ chunk: 1, from: 15, to: 20 }]);
    expect(chunksOfPage(40, 20, 2)).toEqual([{ chunk: 1, from: 0, to: 20 }]);
    expect(pageCount(0, 20)).toBe(1);
  });
});
