import { describe, expect, it } from 'vitest';
import { isRead, unreadCounter } from './read-rules.ts';
import type { ListMark, ReadingRecord } from './reading-store.ts';

const day = (n: number) => new Date(Date.UTC(2024, 4, n)).toISOString();
const record = (id: string, date: string, categories: string[], readAt?: number): ReadingRecord => ({
  id,
  title: id,
  date,
  categories,
  ...(readAt === undefined ? {} : { readAt }),
});
const state = (records: ReadingRecord[], marks: ListMark[] = []) => ({
  records: new Map(records.map((entry) => [entry.id, entry])),
  marks,
});

describe('what is read, and how many are not', () => {
  it('without marks: a list less its opened articles', () => {
    const reading = state([record('a', day(1), ['财经'], 1), record('b', day(2), ['体育'])]);
    expect(unreadCounter(reading)(10)).toBe(9);
    expect(unreadCounter(reading)(4, '财经')).toBe(3);
    expect(unreadCounter(reading)(4, '体育')).toBe(4);
  });

  it('a mark makes its list read up to its date: the cards by date, the counts by what it cleared', () => {
    // Made when 财经 had 5, one of them opened: it cleared the four unread and the opened one,
    // which it now covers (it no longer counts as opened).
    const mark: ListMark = { at: 5, list: '财经', upTo: day(3), cleared: { 财经: 5, '': 5 } };
    const reading = state([record('opened-before', day(2), ['财经'], 1)], [mark]);
    expect(isRead(reading, { id: 'old', date: day(3), categories: ['财经'] })).toBe(true);
    expect(isRead(reading, { id: 'newer', date: day(4), categories: ['财经'] })).toBe(false);
    expect(isRead(reading, { id: 'other', date: day(1), categories: ['体育'] })).toBe(false);
    // None unread; a build adding two makes two.
    expect(unreadCounter(reading)(5, '财经')).toBe(0);
    expect(unreadCounter(reading)(7, '财经')).toBe(2);
    // An article opened after the mark, newer than it, counts once.
    const later = state([...reading.records.values(), record('new', day(4), ['财经'], 9)], [mark]);
    expect(unreadCounter(later)(7, '财经')).toBe(1);
    // Opening one the mark covers changes nothing: it was counted already.
    const again = state([...reading.records.values(), record('old', day(3), ['财经'], 9)], [mark]);
    expect(unreadCounter(again)(5, '财经')).toBe(0);
  });

  it('a mark counts only in the lists it cleared, and a category named __proto__ is a name like any other', () => {
    const mark: ListMark = { at: 5, list: '', upTo: day(3), cleared: Object.fromEntries([['__proto__', 2]]) };
    expect(unreadCounter(state([], [mark]))(3, '__proto__')).toBe(1);
    expect(unreadCounter(state([], [mark]))(3, 'toString')).toBe(3);
    expect(unreadCounter(state([], [mark]))(3)).toBe(3);
  });

  it('counts every list at once, each by its own marks, categories named like Object’s keys included', () => {
    const reading = state(
      [
        record('a', day(1), ['财经', '体育'], 1),
        record('b', day(2), ['体育'], 2),
        record('c', day(5), ['财经'], 3),
        record('d', day(1), ['toString', '__proto__'], 4),
        record('e', day(1), ['财经']),
      ],
      [
        { at: 1, list: '财经', upTo: day(3), cleared: { 财经: 3, '': 3 } },
        {
          at: 2,
          list: '',
          upTo: day(1),
          cleared: Object.fromEntries([
            ['', 1],
            ['体育', 1],
            ['__proto__', 1],
          ]),
        },
      ],
    );
    // Read per list: all articles 3 + 1 cleared and b, c (a and d are covered by the second mark);
    // 财经 3 cleared and c (a is covered by the first); 体育 1 cleared and b; toString d (no mark
    // on it); __proto__ 1 cleared (d is covered); a category no article has, none.
    const read: [string, number][] = [
      ['', 6],
      ['财经', 4],
      ['体育', 2],
      ['toString', 1],
      ['__proto__', 1],
      ['无此分类', 0],
    ];
    const counter = unreadCounter(reading);
    for (const [list, n] of read)
      for (const count of [0, 4, 9]) expect(counter(count, list)).toBe(Math.max(0, count - n));
    expect(counter(9)).toBe(3);
  });
});
