import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../../lib/query-client.ts';
import { readingQueryOptions } from './get-reading.ts';
import { markAllRead, markOpened, undoMark } from './update-reading.ts';

const article = (id: string, day: number, categories: string[]) => ({
  id,
  title: id,
  date: new Date(Date.UTC(2024, 4, day)).toISOString(),
  categories,
});

// 农业 holds three, two of them in another category too; 科技 has one more of its own.
const farm = [
  article('tea', 3, ['农业', '文化']),
  article('terrace', 2, ['农业', '科技']),
  article('wheat', 1, ['农业']),
];
const counts = new Map([
  ['', 5],
  ['农业', 3],
  ['文化', 2],
  ['科技', 2],
]);

describe('全部标为已读', () => {
  // Each case with an empty IndexedDB of its own.
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('with the whole category at hand, lowers every list its articles are in, exactly, and undoes exactly', async () => {
    const client = createQueryClient();
    await markOpened(client, farm[0] as (typeof farm)[number]);
    const mark = await markAllRead(client, { category: '农业', upTo: farm[0]?.date ?? '', counts, articles: farm });
    const state = await client.ensureQueryData(readingQueryOptions());
    expect(['', '农业', '文化', '科技'].map((list) => state.unread(counts.get(list) ?? 0, list))).toEqual([2, 0, 1, 1]);
    expect(state.isRead(article('new', 4, ['农业']))).toBe(false);
    // A build that adds one to 农业: one unread there, and among all.
    expect(state.unread(4, '农业')).toBe(1);
    expect(state.unread(6)).toBe(3);

    const undone = await undoMark(client, mark);
    expect(['', '农业', '文化', '科技'].map((list) => undone.unread(counts.get(list) ?? 0, list))).toEqual([
      4, 2, 1, 2,
    ]);
  });

  it('on a list too long to read whole, lowers the list and all articles by its unread, and on all articles every list', async () => {
    const client = createQueryClient();
    await markOpened(client, farm[2] as (typeof farm)[number]);
    await markAllRead(client, { category: '农业', upTo: farm[0]?.date ?? '', counts });
    let state = await client.ensureQueryData(readingQueryOptions());
    expect(['', '农业', '文化', '科技'].map((list) => state.unread(counts.get(list) ?? 0, list))).toEqual([2, 0, 2, 2]);
    await markAllRead(client, { upTo: farm[0]?.date ?? '', counts });
    state = await client.ensureQueryData(readingQueryOptions());
    expect(['', '农业', '文化', '科技'].map((list) => state.unread(counts.get(list) ?? 0, list))).toEqual([0, 0, 0, 0]);
  });
});
