import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DocChange, patchIndex } from './patch-index.ts';
import { buildSearchIndex } from './search-index.ts';
import { type NumberedTerms, TermDictionary } from './term-dictionary.ts';

function numbered(dictionary: TermDictionary, terms: Record<string, number>): NumberedTerms {
  const entries = Object.entries(terms);
  return {
    ids: Uint32Array.from(entries.map(([term]) => dictionary.intern(term))),
    weights: Uint8Array.from(entries.map(([, weight]) => weight)),
  };
}

const term = fc.constantFrom('港', '口', '港口', '中欧', 'x', '的', '9.8', '班列', '夜色', 'abc');
const doc = fc.dictionary(term, fc.integer({ min: 0, max: 6 }), { maxKeys: 6 });

describe('patchIndex', () => {
  it('writes, for any edits, removals from the end and additions, the bytes a full build writes', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), doc), { maxLength: 4 }),
        fc.nat({ max: 3 }),
        fc.array(doc, { maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (before, edits, removedCount, added, cap, buckets) => {
          const dictionary = new TermDictionary();
          const old = before.map((terms) => numbered(dictionary, terms));
          const oldIds = old.map((_, n) => `a${n}`);
          const published = buildSearchIndex(dictionary, oldIds, old, cap, buckets);

          const removed = Math.min(removedCount, old.length);
          const now = old.slice(0, old.length - removed);
          const changes: DocChange[] = [];
          for (const [at, terms] of edits) {
            if (now.length === 0) break;
            const n = at % now.length;
            if (changes.some((change) => change.doc === n)) continue;
            const after = numbered(dictionary, terms);
            changes.push({ doc: n, before: old[n] as NumberedTerms, after });
            now[n] = after;
          }
          for (let n = now.length; n < old.length; n++) changes.push({ doc: n, before: old[n] as NumberedTerms });
          for (const terms of added) {
            const after = numbered(dictionary, terms);
            changes.push({ doc: now.length, after });
            now.push(after);
          }
          const ids = now.map((_, n) => (n < old.length - removed ? `a${n}` : `b${n}`));

          const patched = patchIndex(
            dictionary,
            ids,
            () => now,
            { path: 'search/base', buckets, docs: old.length, chunk: (bucket) => published.buckets[bucket] as Buffer },
            changes,
            cap,
          );
          const full = buildSearchIndex(dictionary, ids, now, cap, buckets);
          expect(patched?.buckets).toEqual(full.buckets);
          expect(patched?.hash).toBe(full.hash);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a change the published index does not agree with', () => {
    const dictionary = new TermDictionary();
    const docs = [numbered(dictionary, { 港口: 3 }), numbered(dictionary, { 班列: 2 })];
    const published = buildSearchIndex(dictionary, ['a', 'b'], docs, 10, 1);
    const base = { path: 'search/base', buckets: 1, docs: 2, chunk: () => published.buckets[0] as Buffer };
    // Said to have had 夜色, which the index never held.
    const wrong = { doc: 1, before: numbered(dictionary, { 夜色: 1 }), after: docs[1] as NumberedTerms };
    expect(patchIndex(dictionary, ['a', 'b'], () => docs, base, [wrong], 10)).toBeUndefined();
    // Said to have had 港口, which the index holds for another document.
    const other = { doc: 1, before: numbered(dictionary, { 港口: 3 }), after: docs[1] as NumberedTerms };
    expect(patchIndex(dictionary, ['a', 'b'], () => docs, base, [other], 10)).toBeUndefined();
  });
});
