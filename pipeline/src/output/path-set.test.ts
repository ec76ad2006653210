import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathSet } from './path-set.ts';

describe('PathSet', () => {
  it('holds each path once, in the order added, and finds it', () => {
    const paths = new PathSet(['articles', 'articles/a.json', 'lists/财经/1.json']);
    paths.add('articles/a.json');
    paths.add('tags/港口 码头');
    expect(paths.size).toBe(4);
    expect([...paths]).toEqual(['articles', 'articles/a.json', 'lists/财经/1.json', 'tags/港口 码头']);
    expect(paths.has('lists/财经/1.json')).toBe(true);
    expect(paths.has('tags/港口 码头')).toBe(true);
    expect(paths.has('articles/')).toBe(false);
    expect(paths.has('article')).toBe(false);
    expect(paths.has('')).toBe(false);
    expect(new PathSet().size).toBe(0);
  });

  it('grows past its first buffer and table as a set of strings does', () => {
    const names = Array.from({ length: 5_000 }, (_, n) => `articles/${String(n).padStart(6, '0')}_长标题.json`);
    const paths = new PathSet(names);
    expect(paths.size).toBe(5_000);
    expect([...paths]).toEqual(names);
    expect(names.every((name) => paths.has(name))).toBe(true);
    expect(paths.has('articles/005000_长标题.json')).toBe(false);
  });

  it('agrees with a Set of the same paths', () => {
    const path = fc
      .array(fc.constantFrom('a', 'b', '新', '/', '.', 'é', '😀'), { maxLength: 6 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(fc.array(path, { maxLength: 60 }), fc.array(path, { maxLength: 20 }), (added, asked) => {
        const set = new Set(added);
        const paths = new PathSet(added);
        expect([...paths]).toEqual([...set]);
        expect(paths.size).toBe(set.size);
        for (const candidate of [...added, ...asked]) expect(paths.has(candidate)).toBe(set.has(candidate));
      }),
    );
  });
});
