import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendEncoded } from './append-encoded.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { rank } from './posting-reserve.ts';
import { ByteWriter, chunkOf, writeEntry } from './search-index.ts';

/** A chunk of one entry, `term`'s list, encoded as a build writes it. */
function chunkWith(term: string, list: { df: number; docs: number[]; weights: number[] }, cap: number) {
  const writer = new ByteWriter();
  writeEntry(writer, new ByteWriter(), Buffer.from(term, 'utf8'), list, cap);
  return chunkOf(writer, 1);
}

/** The entry's bytes as a chunk holds them: the chunk less its header. */
const entryBytes = (chunk: Uint8Array) => chunk.subarray(5);

describe('appendEncoded', () => {
  it('writes what decoding the list, appending, cutting the worst and encoding again writes', () => {
    // Gaps of one byte and of three (documents far apart), lists cut before or not, one new
    // posting or a burst.
    const posting = fc.tuple(fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 1, max: 9 }));
    fc.assert(
      fc.property(
        fc.array(posting, { maxLength: 60 }),
        fc.array(posting, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5 }),
        (old, fresh, cap, cutBefore) => {
          const docsOf = (postings: [number, number][], from: number) => {
            let doc = from;
            return postings.map(([gap, weight]) => ({ doc: (doc += gap), weight }));
          };
          const before = docsOf(old, 0).slice(0, cap);
          const after = docsOf(fresh, before.at(-1)?.doc ?? 0);
          const df = before.length + (before.length === cap ? cutBefore : 0);
          const list = { df, docs: before.map((p) => p.doc), weights: before.map((p) => p.weight) };
          const chunk = chunkWith('港口', list, cap);
          const source = new ChunkEntries(chunk).get('港口')?.source;
          if (!source) throw new Error('no entry');
          const appended = appendEncoded(
            source,
            df,
            { docs: after.map((p) => p.doc), weights: after.map((p) => p.weight) },
            cap,
          );

          // The reference: every posting, the worst (lowest weight, then oldest) cut past the cap.
          const all = [...before, ...after];
          const worstFirst = [...all].sort((a, b) => a.weight - b.weight || a.doc - b.doc);
          const goes = new Set(worstFirst.slice(0, Math.max(0, all.length - cap)).map((p) => p.doc));
          const kept = all.filter((p) => !goes.has(p.doc));
          const cut = all.filter((p) => goes.has(p.doc));
          const expected = chunkWith(
            '港口',
            { df: df + after.length, docs: kept.map((p) => p.doc), weights: kept.map((p) => p.weight) },
            cap,
          );
          expect(Buffer.from(appended.bytes)).toEqual(Buffer.from(entryBytes(expected)));
          expect(appended.cut).toEqual({ docs: cut.map((p) => p.doc), weights: cut.map((p) => p.weight) });
          expect(appended.cutBefore).toBe(df - before.length);
          expect(appended.floorBefore).toBe(Math.min(Infinity, ...before.map((p) => rank(p.weight, p.doc))));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses postings that are not newer than the list’s', () => {
    const chunk = chunkWith('港', { df: 2, docs: [3, 9], weights: [1, 2] }, 10);
    const source = new ChunkEntries(chunk).get('港')?.source;
    if (!source) throw new Error('no entry');
    expect(() => appendEncoded(source, 2, { docs: [9], weights: [1] }, 10)).toThrow('newer');
  });
});
