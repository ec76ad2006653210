import { describe, expect, it } from 'vitest';
import type { TermSlice } from './search-term-cache.ts';
import { searchInputSignature } from './search-input.ts';

describe('searchInputSignature', () => {
  const slices = new Map<string, TermSlice>([
    ['a', [0, 10]],
    ['b', [40, 7]],
  ]);
  // The slice of the n-th of `ids`, as the callers look them up by place.
  const sig = (generation: number, ids: string[], sliceOf = (id: string) => slices.get(id)) =>
    searchInputSignature(generation, ids, (n) => sliceOf(ids[n] ?? ''));

  it('is the same for the same articles, order, terms and store generation, and differs otherwise', () => {
    const signature = sig(1, ['a', 'b']);
    expect(signature).toBe(sig(1, ['a', 'b']));
    expect(sig(1, ['b', 'a'])).not.toBe(signature);
    expect(sig(2, ['a', 'b'])).not.toBe(signature);
    expect(sig(1, ['a'])).not.toBe(signature);
    expect(sig(1, ['a', 'b'], (id) => (id === 'b' ? [40, 8] : slices.get(id)))).not.toBe(signature);
  });

  it('is undefined while an article’s terms are not stored', () => {
    expect(sig(1, ['a', 'c'])).toBeUndefined();
  });
});
