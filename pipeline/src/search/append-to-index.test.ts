import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseOf, chunksOf, expectDocFiles } from '../testing/index-base.ts';
import { appendToIndex, wellSized } from './append-to-index.ts';
import { buildSearchIndex, DOCS_PER_FILE, TARGET_CHUNK_BYTES } from './search-index.ts';
import { type NumberedTerms, TermDictionary } from './term-dictionary.ts';

function numbered(dictionary: TermDictionary, terms: Record<string, number>): NumberedTerms {
  const entries = Object.entries(terms);
  return {
    ids: Uint32Array.from(entries.map(([term]) => dictionary.intern(term))),
    weights: Uint8Array.from(entries.map(([, weight]) => weight)),
  };
}

describe('appendToIndex', () => {
  it('writes, for any documents, cap and chunk count, the bytes a full build of them all writes', () => {
    const term = fc.constantFrom('港', '口', '港口', '中欧', 'x', '的', '9.8', '班列', '夜色', 'abc');
    const doc = fc.dictionary(term, fc.integer({ min: 1, max: 6 }), { maxKeys: 6 });
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 30 }),
        // Up to 24 new documents, or a burst of them sharing a term: past the cap by more than
        // 16, its best are found by sorting.
        fc.oneof(
          fc.array(doc, { minLength: 1, maxLength: 24 }),
          fc.array(
            doc.chain((terms) => fc.integer({ min: 1, max: 6 }).map((weight) => ({ ...terms, 港: weight }))),
            { minLength: 17, maxLength: 30 },
          ),
        ),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (before, after, cap, buckets, digests) => {
          const dictionary = new TermDictionary();
          const all = [...before, ...after].map((terms) => numbered(dictionary, terms));
          const ids = all.map((_, n) => `a${n}`);
          const base = buildSearchIndex(
            dictionary,
            ids.slice(0, before.length),
            all.slice(0, before.length),
            cap,
            buckets,
          );
          // With the base's digests kept or not, its unchanged files are not made again.
          const published = baseOf(base, before.length, { digests });
          const appended = appendToIndex(dictionary, ids, published, all.slice(before.length), cap);
          const full = buildSearchIndex(dictionary, ids, all, cap, buckets);
          expect(chunksOf(appended, published)).toEqual(full.buckets);
          expectDocFiles(appended, full);
          expect(appended.docsFrom).toBe(Math.floor(before.length / DOCS_PER_FILE));
          expect(appended.digests).toEqual(full.digests);
          expect(appended.hash).toBe(full.hash);
          for (const [bucket, chunk] of appended.buckets.entries())
            expect(chunk === undefined).toBe(appended.unchanged?.buckets.has(bucket));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the digests of the docs files it keeps from the base, or hashes their ids, to the same hash', () => {
    const dictionary = new TermDictionary();
    const all = Array.from({ length: 2 * DOCS_PER_FILE + 53 }, (_, n) =>
      numbered(dictionary, { 港口: (n % 5) + 1, [`词${n % 17}`]: 2 }),
    );
    const ids = all.map((_, n) => `a${n}`);
    const before = 2 * DOCS_PER_FILE + 50;
    const base = buildSearchIndex(dictionary, ids.slice(0, before), all.slice(0, before), 3, 2);
    const full = buildSearchIndex(dictionary, ids, all, 3, 2);
    for (const digests of [true, false]) {
      const asked: number[] = [];
      const lazyIds = { length: ids.length, at: (doc: number) => (asked.push(doc), ids[doc]) };
      const appended = appendToIndex(dictionary, lazyIds, baseOf(base, before, { digests }), all.slice(before), 3);
      expect(appended.docsFrom).toBe(2);
      expect(appended.docFiles).toEqual(full.docFiles.slice(2));
      expect(appended.digests).toEqual(full.digests);
      expect(appended.hash).toBe(full.hash);
      // With the base's digests, only the ids of the docs files that change are asked for.
      expect(Math.min(...asked)).toBe(digests ? 2 * DOCS_PER_FILE : 0);
    }
  });

  it('says when chunks drifted from their target size', () => {
    const index = (sizes: number[]) => ({ digests: { chunks: [], sizes, docs: [] } });
    expect(wellSized(index([TARGET_CHUNK_BYTES, TARGET_CHUNK_BYTES]))).toBe(true);
    expect(wellSized(index([TARGET_CHUNK_BYTES * 2, TARGET_CHUNK_BYTES * 2]))).toBe(false);
    expect(wellSized(index([100, 100]))).toBe(false);
    // A full build's chunks at a million articles: 7.5 KB for a 12 KB target, kept.
    expect(wellSized(index([7_500, 7_600]))).toBe(true);
    expect(wellSized(index([TARGET_CHUNK_BYTES / 2 - 100, TARGET_CHUNK_BYTES / 2 - 100]))).toBe(false);
    expect(wellSized(index([100]))).toBe(true);
  });
});
