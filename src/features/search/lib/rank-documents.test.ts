import { describe, expect, it } from 'vitest';
import type { PostingList } from '../../../lib/search-chunk.ts';
import type { QueryPlan } from '../../../lib/search-terms.ts';
import { rankDocuments } from './rank-documents.ts';

function list(postings: [number, number][], df = postings.length, truncated = false): PostingList {
  return {
    df,
    truncated,
    docs: Uint32Array.from(postings.map(([doc]) => doc)),
    weights: Uint8Array.from(postings.map(([, weight]) => weight)),
  };
}

const plan = (required: string[], optional: string[] = []): QueryPlan => ({ required, optional, highlights: required });

describe('rankDocuments', () => {
  it('returns the articles that contain every term, the best match first', () => {
    const lists = new Map([
      [
        '中欧',
        list([
          [1, 50],
          [2, 200],
          [3, 100],
        ]),
      ],
      [
        '班列',
        list([
          [2, 200],
          [3, 250],
          [4, 90],
        ]),
      ],
    ]);
    expect(rankDocuments(plan(['中欧', '班列']), lists, 100)).toEqual({ docs: [2, 3], total: 2, approximate: false });
  });

  it('breaks ties by date: higher numbers are newer (documents count from the oldest)', () => {
    const lists = new Map([
      [
        '港口',
        list([
          [3, 100],
          [5, 200],
          [7, 100],
          [9, 100],
        ]),
      ],
    ]);
    expect(rankDocuments(plan(['港口']), lists, 10).docs).toEqual([5, 9, 7, 3]);
  });

  it('weighs rare terms above common ones', () => {
    const lists = new Map([
      [
        'rare',
        list([
          [1, 100],
          [2, 10],
        ]),
      ],
      ['common', list(Array.from({ length: 50 }, (_, n) => [n, n === 2 ? 255 : 100] as [number, number]))],
    ]);
    // Article 1 has the rare term strongly; article 2 the common one.
    expect(rankDocuments(plan(['rare', 'common']), lists, 60).docs).toEqual([1, 2]);
  });

  it('finds nothing when a term is in no article', () => {
    const lists = new Map([['港口', list([[1, 100]])]]);
    expect(rankDocuments(plan(['港口', '火星']), lists, 10)).toEqual({ docs: [], total: 0, approximate: false });
    expect(rankDocuments(plan([]), lists, 10).total).toBe(0);
  });

  it('lets optional words raise a score but never filter', () => {
    const lists = new Map([
      [
        '中欧',
        list([
          [1, 100],
          [2, 100],
        ]),
      ],
      ['中欧班列', list([[2, 200]])],
    ]);
    expect(rankDocuments(plan(['中欧'], ['中欧班列']), lists, 10).docs).toEqual([2, 1]);
  });

  it('filters by complete lists only: a truncated list cannot say who lacks its term', () => {
    const lists = new Map([
      ['的', list([[1, 200]], 5000, true)],
      [
        '港口',
        list([
          [1, 100],
          [2, 100],
        ]),
      ],
    ]);
    const ranked = rankDocuments(plan(['的', '港口']), lists, 10000);
    expect(ranked.docs).toEqual([1, 2]);
    expect(ranked.approximate).toBe(false);
  });

  it('when every list is truncated, answers with their best shared articles and an estimate', () => {
    const lists = new Map([
      [
        '中国',
        list(
          [
            [1, 200],
            [2, 150],
            [4, 90],
          ],
          9000,
          true,
        ),
      ],
      [
        '经济',
        list(
          [
            [2, 220],
            [3, 100],
            [4, 80],
          ],
          7000,
          true,
        ),
      ],
    ]);
    expect(rankDocuments(plan(['中国', '经济']), lists, 20000)).toEqual({
      docs: [2, 4],
      total: 7000,
      approximate: true,
    });
    const disjoint = new Map([
      ['中国', list([[1, 200]], 9000, true)],
      ['经济', list([[2, 220]], 7000, true)],
    ]);
    expect(rankDocuments(plan(['中国', '经济']), disjoint, 20000).docs).toEqual([2]);
  });
});
