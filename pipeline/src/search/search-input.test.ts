import { describe, expect, it } from 'vitest';
import type { TermSlice } from './search-term-cache.ts';
import { changedSignature, type InputDoc, searchInputSignature } from './search-input.ts';

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

  it('tells ids apart however their characters fall between them, and long ones', () => {
    const many = Array.from({ length: 20_000 }, (_, n) => `文章-${n}`);
    const sliceOf = (id: string) => [Number(id.slice(3)), 1] as TermSlice;
    const signature = sig(1, many, sliceOf);
    expect(sig(1, many, sliceOf)).toBe(signature);
    expect(sig(1, many.with(12_345, '文章-x'), (id) => [id === '文章-x' ? 12_345 : Number(id.slice(3)), 1])).not.toBe(
      signature,
    );
    // The same characters split differently between two ids.
    expect(sig(1, ['ab', 'c'], () => [0, 0])).not.toBe(sig(1, ['a', 'bc'], () => [0, 0]));
    // Ids of 70,000 characters, one apart.
    expect(sig(1, ['长'.repeat(70_000)], () => [0, 0])).not.toBe(sig(1, ['长'.repeat(70_001)], () => [0, 0]));
  });

  it('is undefined while an article’s terms are not stored', () => {
    expect(sig(1, ['a', 'c'])).toBeUndefined();
  });

  it('changes by the documents a run of edits touched to what hashing the whole input gives', () => {
    const ids = Array.from({ length: 500 }, (_, n) => `文章-${n}`);
    const sliceOf = new Map(ids.map((id, n): [string, TermSlice] => [id, [n * 7_000_000_000, n % 13]]));
    const whole = (list: string[], generation = 3) =>
      searchInputSignature(generation, list, (n) => sliceOf.get(list[n] ?? ''));
    const before = whole(ids) as string;
    const docOf = (list: string[], doc: number): InputDoc => {
      const id = list[doc] as string;
      return { doc, id, slice: sliceOf.get(id) as TermSlice };
    };
    // The newest two deleted, one edited in place (new terms elsewhere), three added.
    const edited = 'edited-17';
    sliceOf.set(edited, [123, 4]);
    const after = [...ids.slice(0, 498).with(17, edited), '新-1', '新-2', '新-3'];
    for (const id of ['新-1', '新-2', '新-3']) sliceOf.set(id, [sliceOf.size, 9]);
    const removed = [docOf(ids, 17), docOf(ids, 498), docOf(ids, 499)];
    const added = [docOf(after, 17), docOf(after, 498), docOf(after, 499), docOf(after, 500)];
    expect(changedSignature(before, 3, 500, after.length, removed, added)).toBe(whole(after));
    expect(changedSignature(before, 3, 500, after.length, removed, added.slice(1))).not.toBe(whole(after));
    // Another store generation, or a signature of another form: hashed whole instead.
    expect(changedSignature(before, 4, 500, after.length, removed, added)).toBeUndefined();
    expect(changedSignature(before, 3, 499, after.length, removed, added)).toBeUndefined();
    expect(changedSignature('QXcJJG0ZsVXvvVKosAK0zn7pTPI', 3, 500, after.length, removed, added)).toBeUndefined();
  });

  it('tells apart documents that differ in one field or trade places', () => {
    const one = (doc: number, id: string, slice: TermSlice) =>
      changedSignature(sig(1, []) as string, 1, 0, 1, [], [{ doc, id, slice }]);
    const base = one(0, 'ab', [1, 2]);
    for (const other of [
      one(1, 'ab', [1, 2]),
      one(0, 'ba', [1, 2]),
      one(0, 'ab', [2, 1]),
      one(0, 'ab\u0000', [1, 2]),
      one(0, 'ab', [1, 2 + 2 ** 40]),
    ])
      expect(other).not.toBe(base);
    const two = (a: string, b: string) => sig(1, [a, b], () => [0, 0]);
    expect(two('x', 'y')).not.toBe(two('y', 'x'));
  });
});
