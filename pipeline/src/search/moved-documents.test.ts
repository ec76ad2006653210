import { describe, expect, it } from 'vitest';
import type { Entry } from './append-to-index.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { lowestKept, type Moves, renumbered } from './moved-documents.ts';
import type { RankedPostings } from './posting-reserve.ts';
import { buildSearchIndex, ByteWriter, writeEntry } from './search-index.ts';
import { TermDictionary } from './term-dictionary.ts';

/** The entry of `text` in a one-chunk index of documents with these weights of it (0: not there). */
function encodedList(
  text: string,
  weights: number[],
  cap: number,
): { source: NonNullable<Entry['source']>; df: number; reserve: RankedPostings } {
  const dictionary = new TermDictionary();
  const term = dictionary.intern(text);
  const docs = weights.map((weight) =>
    weight === 0
      ? { ids: new Uint32Array(0), weights: new Uint8Array(0) }
      : { ids: Uint32Array.of(term), weights: Uint8Array.of(weight) },
  );
  const index = buildSearchIndex(
    dictionary,
    docs.map((_, n) => `a${n}`),
    docs,
    cap,
    1,
  );
  const entry = new ChunkEntries(index.buckets[0] as Uint8Array).get(text);
  if (!entry?.source) throw new Error(`no entry for ${text}`);
  const reserve = index.reserves.get(0)?.get(text);
  return {
    source: entry.source,
    df: entry.df,
    reserve: { docs: reserve?.docs ?? [], weights: reserve?.weights ?? [] },
  };
}

/** The entry `writeEntry` makes of a list: what a full build writes. */
function entryBytes(text: string, list: { df: number; docs: number[]; weights: number[] }, cap: number): Uint8Array {
  const writer = new ByteWriter();
  writeEntry(writer, new ByteWriter(), Buffer.from(text), list, cap);
  return writer.result();
}

/** Documents 2 and 3 move up one number each, as when an article is filed below them. */
const upOne: Moves = Object.assign(
  new Map([
    [2, 3],
    [3, 4],
  ]),
  { movedTo: new Set([3, 4]), lowestGone: 2, gone: new Set([2, 3]) },
);
const scratch = (): [ByteWriter, ByteWriter] => [new ByteWriter(), new ByteWriter()];

describe('renumbered', () => {
  it('renumbers a capped list where it is encoded, and its reserve', () => {
    // 2025 in 64 documents: the oldest four weigh least and are cut (the reserve holds them),
    // and the newest two move up one, as when an article is filed below them. The term's
    // last byte (5) read as the df gives a cut of 53 - 60: a reserve that cannot be the list's.
    const weights = Array.from({ length: 64 }, (_, n) => (n < 4 ? 1 : 2));
    const { source, reserve } = encodedList('2025', weights, 60);
    expect(reserve.docs).toEqual([3, 2, 1, 0]);
    const moves: Moves = Object.assign(
      new Map([
        [62, 63],
        [63, 64],
      ]),
      { movedTo: new Set([63, 64]), lowestGone: 62, gone: new Set([62, 63]) },
    );
    const bytes = renumbered(source, reserve, moves, scratch());
    const docs = [...Array.from({ length: 58 }, (_, n) => 4 + n), 63, 64];
    expect(bytes && Buffer.from(bytes)).toEqual(
      Buffer.from(entryBytes('2025', { df: 64, docs, weights: docs.map(() => 2) }, 60)),
    );
    expect(reserve.docs).toEqual([3, 2, 1, 0]);
  });

  it('writes the df it is given, and whether the list is cut by it', () => {
    const { source } = encodedList('港口', [1, 2, 5, 4], 2);
    const cut = renumbered(source, undefined, upOne, scratch(), 3);
    expect(cut && Buffer.from(cut)).toEqual(
      Buffer.from(entryBytes('港口', { df: 3, docs: [3, 4], weights: [5, 4] }, 2)),
    );
    const whole = renumbered(source, undefined, upOne, scratch(), 2);
    expect(whole && Buffer.from(whole)).toEqual(
      Buffer.from(entryBytes('港口', { df: 2, docs: [3, 4], weights: [5, 4] }, 2)),
    );
  });
});

describe('lowestKept', () => {
  it('finds the lowest kept posting (the lowest weight, the oldest of those) of a list cut to four of six', () => {
    const { source, df } = encodedList('港口', [1, 4, 3, 9, 3, 2], 4);
    // Kept: 1 (4), 2 (3), 3 (9), 4 (3); 2 and 4 weigh least, 2 is older.
    expect(lowestKept(source, new Map())).toEqual({ doc: 2, weight: 3 });
    expect({ df, count: source.count }).toEqual({ df: 6, count: 4 });
  });

  it('says when one of the documents asked about is kept', () => {
    const { source } = encodedList('港口', [1, 4, 3, 9, 3, 2], 4);
    expect(lowestKept(source, new Map([[3, 9]]))).toBe('holds');
    expect(lowestKept(source, new Map([[5, 2]]))).not.toBe('holds');
  });
});
