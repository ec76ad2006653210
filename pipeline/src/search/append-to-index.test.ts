import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendToIndex, wellSized } from './append-to-index.ts';
import { buildSearchIndex, TARGET_CHUNK_BYTES } from './search-index.ts';
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
        fc.array(doc, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (before, after, cap, buckets) => {
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
          const appended = appendToIndex(
            dictionary,
            ids,
            { path: 'search/base', buckets, docs: before.length, chunk: (bucket) => base.buckets[bucket] as Buffer },
            all.slice(before.length),
            cap,
          );
          const full = buildSearchIndex(dictionary, ids, all, cap, buckets);
          expect(appended.buckets).toEqual(full.buckets);
          expect(appended.docFiles).toEqual(full.docFiles);
          expect(appended.hash).toBe(full.hash);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says when chunks drifted from their target size', () => {
    const chunk = (bytes: number) => Buffer.alloc(bytes);
    const index = (sizes: number[]) => ({ buckets: sizes.map(chunk), docFiles: [], hash: '' });
    expect(wellSized(index([TARGET_CHUNK_BYTES, TARGET_CHUNK_BYTES]))).toBe(true);
    expect(wellSized(index([TARGET_CHUNK_BYTES * 2, TARGET_CHUNK_BYTES * 2]))).toBe(false);
    expect(wellSized(index([100, 100]))).toBe(false);
    // A full build's chunks at a million articles: 7.5 KB for a 12 KB target, kept.
    expect(wellSized(index([7_500, 7_600]))).toBe(true);
    expect(wellSized(index([TARGET_CHUNK_BYTES / 2 - 100, TARGET_CHUNK_BYTES / 2 - 100]))).toBe(false);
    expect(wellSized(index([100]))).toBe(true);
  });
});
