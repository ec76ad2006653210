import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankChunks } from '../../../src/features/search/lib/rank-documents.ts';
import { ChunkFormatError, readChunk } from '../../../src/lib/search-chunk.ts';
import { planQuery, termBucket, termsByBucket } from '../../../src/lib/search-terms.ts';
import { docTerms, termsInput } from './search-doc-terms.ts';
import { bestCut, buildSearchIndex, DOCS_PER_FILE, POSTING_CAP } from './search-index.ts';
import { type NumberedTerms, TermDictionary } from './term-dictionary.ts';

function numbered(dictionary: TermDictionary, terms: Record<string, number>): NumberedTerms {
  const entries = Object.entries(terms);
  return {
    ids: Uint32Array.from(entries.map(([term]) => dictionary.intern(term))),
    weights: Uint8Array.from(entries.map(([, weight]) => weight)),
  };
}

/** What the reader does: find the term's chunk, read its list. */
function lookUp(index: ReturnType<typeof buildSearchIndex>, term: string) {
  const chunk = index.buckets[termBucket(term, index.buckets.length)] as Buffer;
  return readChunk(chunk, [term]).get(term);
}

describe('buildSearchIndex', () => {
  it('puts each term in the chunk its hash names, with its postings in document order', () => {
    const dictionary = new TermDictionary();
    const docs = [
      numbered(dictionary, { 港口: 200, 中欧: 40 }),
      numbered(dictionary, { 港口: 10 }),
      numbered(dictionary, { 班列: 90, 中欧: 250 }),
    ];
    const index = buildSearchIndex(dictionary, ['c', 'b', 'a'], docs);
    expect(lookUp(index, '港口')).toEqual({
      df: 2,
      truncated: false,
      docs: Uint32Array.from([0, 1]),
      weights: Uint8Array.from([200, 10]),
    });
    expect(lookUp(index, '中欧')?.docs).toEqual(Uint32Array.from([0, 2]));
    expect(lookUp(index, '班列')?.weights).toEqual(Uint8Array.from([90]));
    expect(lookUp(index, '没有')).toBeUndefined();
    expect(index.docFiles).toEqual([['c', 'b', 'a']]);
    expect(index.terms).toBe(3);
  });

  it('keeps only the best postings of a very common term, and says so', () => {
    const dictionary = new TermDictionary();
    const count = POSTING_CAP + 500;
    // Weight 9 for every tenth article, 5 for the rest.
    const docs = Array.from({ length: count }, (_, n) => numbered(dictionary, { 的: n % 10 === 0 ? 9 : 5 }));
    const ids = docs.map((_, n) => `a${n}`);
    const list = lookUp(buildSearchIndex(dictionary, ids, docs), '的');
    expect(list?.df).toBe(count);
    expect(list?.truncated).toBe(true);
    expect(list?.docs.length).toBe(POSTING_CAP);
    // All 250 nines, then the newest fives (the highest numbers: documents count from the oldest).
    expect(Array.from(list?.weights ?? []).filter((w) => w === 9)).toHaveLength(count / 10);
    const fives = Array.from(list?.docs ?? []).filter((doc) => doc % 10 !== 0);
    const allFives = Array.from({ length: count }, (_, n) => n).filter((n) => n % 10 !== 0);
    expect(fives).toEqual(allFives.slice(allFives.length - (POSTING_CAP - count / 10)));
  });

  it('grows the chunk count with the index, and splits the docs table into files', () => {
    const dictionary = new TermDictionary();
    const small = buildSearchIndex(dictionary, ['a'], [numbered(dictionary, { 港: 1 })]);
    expect(small.buckets).toHaveLength(1);
    const docs = Array.from({ length: 2000 }, (_, n) => numbered(dictionary, { [`t${n}`]: 1, [`u${n}`]: 2, 港: 3 }));
    const ids = docs.map((_, n) => `a${n}`);
    const big = buildSearchIndex(dictionary, ids, docs);
    expect(big.buckets.length).toBeGreaterThan(1);
    expect(big.docFiles).toHaveLength(Math.ceil(2000 / DOCS_PER_FILE));
    expect(big.docFiles[1]?.[0]).toBe(`a${DOCS_PER_FILE}`);
    for (let n = 0; n < 2000; n += 97) expect(lookUp(big, `u${n}`)?.docs).toEqual(Uint32Array.from([n]));
    expect(big.hash).not.toBe(small.hash);
  });

  it('numbers documents with gaps: postings keep the numbers, docs files mark a gap and end at their last document', () => {
    const dictionary = new TermDictionary();
    // Numbers 0, 2 and DOCS_PER_FILE + 1; none has 1, or the rest of the first file.
    const ids: (string | undefined)[] = [];
    const docs: (NumberedTerms | undefined)[] = [];
    for (const [doc, id] of [
      [0, 'a'],
      [2, 'b'],
      [DOCS_PER_FILE + 1, 'c'],
    ] as const) {
      ids[doc] = id;
      docs[doc] = numbered(dictionary, { 港口: 2 });
    }
    const index = buildSearchIndex(dictionary, ids, docs);
    expect(lookUp(index, '港口')?.docs).toEqual(Uint32Array.from([0, 2, DOCS_PER_FILE + 1]));
    expect(index.docFiles).toEqual([
      ['a', '', 'b'],
      ['', 'c'],
    ]);
  });
});

describe('bestCut', () => {
  const histogram = (weights: number[]) => {
    const bins = new Uint32Array(256);
    for (const weight of weights) bins[weight] = (bins[weight] as number) + 1;
    return bins;
  };

  it('cuts at the weight that fills the cap', () => {
    expect(bestCut(histogram([1, 2, 3]), 5)).toEqual({ threshold: 0, atThreshold: 0 });
    expect(bestCut(histogram([1, 5, 3, 5, 3, 9]), 4)).toEqual({ threshold: 3, atThreshold: 1 });
  });
});

describe('buildSearchIndex against a plain definition', () => {
  /** Every term's postings sorted by document; over the cap, the best by weight, then newest (highest number). */
  function expected(docs: Record<string, number>[], cap: number) {
    const lists = new Map<string, { doc: number; weight: number }[]>();
    docs.forEach((terms, doc) => {
      for (const [term, weight] of Object.entries(terms)) {
        const list = lists.get(term) ?? [];
        list.push({ doc, weight });
        lists.set(term, list);
      }
    });
    return new Map(
      [...lists].map(([term, list]) => {
        const kept = [...list]
          .sort((a, b) => b.weight - a.weight || b.doc - a.doc)
          .slice(0, cap)
          .sort((a, b) => a.doc - b.doc);
        return [
          term,
          {
            df: list.length,
            truncated: list.length > cap,
            docs: Uint32Array.from(kept.map((p) => p.doc)),
            weights: Uint8Array.from(kept.map((p) => p.weight)),
          },
        ];
      }),
    );
  }

  it('builds the same chunks and reserves a group of chunks at a time as all at once', () => {
    const term = fc.constantFrom('港', '口', '港口', '中欧', 'x', '的', '9.8', '班列', '集装箱', '铁路');
    const doc = fc.dictionary(term, fc.integer({ min: 1, max: 6 }), { maxKeys: 8 });
    fc.assert(
      fc.property(
        fc.array(doc, { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (docs, cap, buckets, atOnce) => {
          const dictionary = new TermDictionary();
          const ids = docs.map((_, n) => `a${n}`);
          const numberedDocs = docs.map((terms) => numbered(dictionary, terms));
          const whole = buildSearchIndex(dictionary, ids, numberedDocs, cap, buckets);
          const grouped = buildSearchIndex(dictionary, ids, numberedDocs, cap, buckets, atOnce);
          expect(grouped.buckets).toEqual(whole.buckets);
          expect(grouped.hash).toBe(whole.hash);
          expect(grouped.reserves).toEqual(whole.reserves);
          expect([grouped.terms, grouped.postings]).toEqual([whole.terms, whole.postings]);
        },
      ),
    );
  });

  it('keeps, for any documents and cap, exactly the postings the definition keeps', () => {
    const term = fc.constantFrom('港', '口', '港口', '中欧', 'x', '的', '9.8', '班列');
    const doc = fc.dictionary(term, fc.integer({ min: 1, max: 6 }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (docs, cap) => {
        const dictionary = new TermDictionary();
        const index = buildSearchIndex(
          dictionary,
          docs.map((_, n) => `a${n}`),
          docs.map((terms) => numbered(dictionary, terms)),
          cap,
        );
        const want = expected(docs, cap);
        for (const [term, list] of want) expect(lookUp(index, term)).toEqual(list);
        expect(index.terms).toBe(want.size);
        expect(index.postings).toBe([...want.values()].reduce((sum, list) => sum + list.docs.length, 0));
      }),
    );
  });
});

describe('readChunk', () => {
  it('refuses what is not a chunk, or is cut short', () => {
    expect(() => readChunk(new TextEncoder().encode('<!doctype html>'), ['a'])).toThrow(ChunkFormatError);
    const dictionary = new TermDictionary();
    const chunk = buildSearchIndex(dictionary, ['a'], [numbered(dictionary, { 港口: 9 })]).buckets[0] as Buffer;
    expect(() => readChunk(chunk.subarray(0, chunk.length - 1), ['港口'])).toThrow(ChunkFormatError);
  });
});

describe('ranking what the pipeline indexed', () => {
  const article = (title: string, caption: string, body: string) => ({
    title,
    tags: [],
    photos: caption ? [{ src: 'x', alt: '', caption, anchor: 0 }] : [],
    body,
  });
  const search = (articles: ReturnType<typeof article>[], query: string) => {
    const dictionary = new TermDictionary();
    const docs = articles.map((a) => docTerms(termsInput(a, a.body), dictionary));
    const index = buildSearchIndex(
      dictionary,
      articles.map((_, n) => `a${n}`),
      docs,
    );
    const plan = planQuery(query);
    const chunks = [...termsByBucket(plan, index.buckets.length)].map(([bucket, terms]) => ({
      bytes: index.buckets[bucket] as Buffer,
      terms,
    }));
    return rankChunks(plan, chunks, articles.length).docs;
  };
  const filler = '今天天气晴朗，市民外出游玩。'.repeat(20);

  it('ranks a title match above a caption match above a body match', () => {
    const articles = [
      article('城市新闻', '', `${filler}滚装船靠港。`),
      article('城市新闻', '滚装船靠港', filler),
      article('滚装船靠港', '', filler),
      article('城市新闻', '', filler),
    ];
    expect(search(articles, '滚装船')).toEqual([2, 1, 0]);
  });

  it('ranks equal matches newest first, and finds one-character and mixed queries', () => {
    // Documents count from the oldest: 1 is newer than 0.
    const articles = [article('港口A', '', filler), article('港口A', '', filler), article('内陆', '', filler)];
    expect(search(articles, '港口')).toEqual([1, 0]);
    expect(search(articles, '港')).toEqual([1, 0]);
    expect(search(articles, 'ａ 港口')).toEqual([1, 0]);
    expect(search(articles, '港口 b')).toEqual([]);
  });

  it('matches a phrase as a phrase, and separate words wherever they stand', () => {
    const articles = [article('中欧班列开行', '', filler), article('中欧关系', '', `${filler}货运班列`)];
    expect(search(articles, '中欧班列')).toEqual([0]);
    expect(search(articles, '中欧 班列')).toEqual([0, 1]);
  });
});
