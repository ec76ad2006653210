import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSearchIndex, ByteWriter } from './search-index.ts';
import { decoded, writeChunk } from './append-to-index.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { TermDictionary } from './term-dictionary.ts';

afterEach(() => vi.restoreAllMocks());

/** One chunk holding `terms`, each in one document of its own with weight 3. */
function chunkOf(terms: string[]): Uint8Array {
  const dictionary = new TermDictionary();
  const docs = terms.map((term) => ({ ids: Uint32Array.of(dictionary.intern(term)), weights: Uint8Array.of(3) }));
  const index = buildSearchIndex(
    dictionary,
    terms.map((_, n) => `a${n}`),
    docs,
    100,
    1,
  );
  return index.buckets[0] as Uint8Array;
}

const TERMS = Array.from({ length: 300 }, (_, n) => (n % 2 === 0 ? `港口${n}` : `harbour${n}`));

describe('chunk entries', () => {
  it('finds a term by decoding the few terms its halving meets, not the chunk', () => {
    const entries = new ChunkEntries(chunkOf(TERMS));
    const decoding = vi.spyOn(TextDecoder.prototype, 'decode');
    expect(decoded(entries.get('港口120'))?.docs).toEqual([120]);
    expect(entries.get('港口121')).toBeUndefined();
    expect(decoding.mock.calls.length).toBeLessThanOrEqual(2 * 10);
  });

  it('writes back the bytes it read when nothing changed, and the changes in term order', () => {
    const bytes = chunkOf(TERMS);
    const same = new ChunkEntries(bytes);
    same.get('harbour7'); // asked for, not changed: copied as it is
    expect(Buffer.from(writeChunk(same, new ByteWriter(), 100))).toEqual(Buffer.from(bytes));

    const entries = new ChunkEntries(bytes);
    entries.delete('港口0');
    entries.set('港口00', { term: '港口00', df: 1, docs: [5], weights: [9] });
    entries.set('aaa', { term: 'aaa', df: 1, docs: [6], weights: [9] });
    const changed = decoded(entries.get('harbour299'));
    if (changed) Object.assign(changed, { df: 2, docs: [1, 299], weights: [2, 3] });
    const expected = [...TERMS.filter((term) => term !== '港口0'), '港口00', 'aaa'].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    const again = new ChunkEntries(writeChunk(entries, new ByteWriter(), 100));
    for (const term of expected) expect(again.get(term), term).toBeDefined();
    expect(again.get('港口0')).toBeUndefined();
    expect(decoded(again.get('harbour299'))?.docs).toEqual([1, 299]);
    expect(decoded(again.get('港口00'))?.docs).toEqual([5]);
  });

  it('writes an entry given as its encoded bytes in its place, until an entry object replaces it', () => {
    const bytes = chunkOf(TERMS);
    // Another chunk's encoding of harbour7 with other postings, cut out of it.
    const other = new ChunkEntries(bytes);
    Object.assign(decoded(other.get('harbour7')) ?? {}, { df: 2, docs: [4, 9], weights: [1, 2] });
    const source = new ChunkEntries(writeChunk(other, new ByteWriter(), 100)).get('harbour7')?.source;
    if (!source) throw new Error('no encoded entry');
    const encoded = source.chunk.subarray(source.start, source.end);

    const entries = new ChunkEntries(bytes);
    entries.setBytes('harbour7', encoded);
    const again = new ChunkEntries(writeChunk(entries, new ByteWriter(), 100));
    expect(decoded(again.get('harbour7'))?.docs).toEqual([4, 9]);
    expect(decoded(again.get('harbour9'))?.docs).toEqual([9]);
    expect(() => entries.setBytes('harbour8', encoded)).toThrow(/no entry/);
    entries.set('harbour7', { term: 'harbour7', df: 1, docs: [3], weights: [5] });
    expect(decoded(new ChunkEntries(writeChunk(entries, new ByteWriter(), 100)).get('harbour7'))?.docs).toEqual([3]);
  });
});
