import { describe, expect, it } from 'vitest';
import type { TermSlice } from './search-term-cache.ts';
import { searchInputSignature } from './search-input.ts';

describe('searchInputSignature', () => {
  const slices = new Map<string, TermSlice>([
    ['a', [0, 10]],
    ['b', [40, 7]],
  ]);
  const sliceOf = (id: string) => slices.get(id);

  it('is the same for the same articles, order, terms and store generation, and differs otherwise', () => {
    const signature = searchInputSignature(1, ['a', 'b'], sliceOf);
    expect(signature).toBe(searchInputSignature(1, ['a', 'b'], sliceOf));
    expect(searchInputSignature(1, ['b', 'a'], sliceOf)).not.toBe(signature);
    expect(searchInputSignature(2, ['a', 'b'], sliceOf)).not.toBe(signature);
    expect(searchInputSignature(1, ['a'], sliceOf)).not.toBe(signature);
    expect(searchInputSignature(1, ['a', 'b'], (id) => (id === 'b' ? [40, 8] : sliceOf(id)))).not.toBe(signature);
  });

  it('is undefined while an article’s terms are not stored', () => {
    expect(searchInputSignature(1, ['a', 'c'], sliceOf)).toBeUndefined();
  });
});
