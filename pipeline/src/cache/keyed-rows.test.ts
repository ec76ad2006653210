import { describe, expect, it } from 'vitest';
import { FileEntries } from './file-entries.ts';
import { KeyedRows } from './keyed-rows.ts';
import type { CacheEntry } from './build-cache.ts';

describe('KeyedRows', () => {
  it('finds each row by the key it holds, as a map would, past many growths', () => {
    // Ids that share long prefixes and differ in case, as a newsroom's do; some CJK.
    const keys = Array.from({ length: 5000 }, (_, n) =>
      n % 3 === 0 ? `2026-12-05-article-${n}` : n % 3 === 1 ? `2026-12-05-Article-${n}` : `新闻-${n}`,
    );
    const rows = new KeyedRows((row) => keys[row]);
    const map = new Map<string, number>();
    // Filed out of order, some twice.
    for (let n = 0; n < keys.length; n++) {
      const row = (n * 7919) % keys.length;
      rows.set(row);
      map.set(keys[row] as string, row);
    }
    for (let row = 0; row < keys.length; row += 3) rows.set(row);
    expect(rows.size).toBe(map.size);
    for (const [key, row] of map) expect(rows.rowOf(key)).toBe(row);
    expect(rows.rowOf('2026-12-05-article-5000')).toBe(-1);
    expect(rows.has('2026-12-05-ARTICLE-3')).toBe(false);
    expect(rows.has('新闻-2')).toBe(true);
  });

  it('a row filed under a key another row holds takes its place', () => {
    const keys = ['a', 'b', 'a'];
    const rows = new KeyedRows((row) => keys[row], 3);
    rows.set(0);
    rows.set(1);
    rows.set(2);
    expect(rows.size).toBe(2);
    expect([rows.rowOf('a'), rows.rowOf('b')]).toEqual([2, 1]);
    expect(() => rows.set(3)).toThrow('row 3 has no key');
  });
});

describe('FileEntries', () => {
  it("holds each file's entry at its place in the input and finds it by name", () => {
    const files = ['a/one.md', 'b/two.md', 'c/three.md'];
    const entries = new FileEntries(files);
    const entry = (id: string): CacheEntry => ({ id, mtimeMs: 1, size: 1, hash: id, warnings: [] });
    entries.setAt(2, entry('three'));
    entries.setAt(entries.placeOf('a/one.md'), entry('one'));
    expect(entries.size).toBe(2);
    expect([...entries.files()]).toEqual(['a/one.md', 'c/three.md']);
    expect(entries.get('c/three.md')?.id).toBe('three');
    expect(entries.get('b/two.md')).toBeUndefined();
    expect(entries.get('d/four.md')).toBeUndefined();
    expect(entries.placeOf('d/four.md')).toBe(-1);
    entries.setAt(2, entry('three again'));
    expect(entries.size).toBe(2);
    expect(() => entries.setAt(3, entry('four'))).toThrow('the input has no file at 3');
  });
});
