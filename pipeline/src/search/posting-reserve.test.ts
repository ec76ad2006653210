import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changeList,
  openReserves,
  RESERVE,
  rank,
  removeOtherReserves,
  reserveFile,
  writeReserves,
} from './posting-reserve.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('posting reserves', () => {
  it('reads back what was written, chunk by chunk, and copies unchanged chunks from the last file', () => {
    const base = path.join(dir, 'pipeline-x');
    const first = reserveFile(base, 'search/aaa');
    writeReserves(
      first,
      3,
      new Map([
        [0, new Map([['港口', { docs: [9, 4], weights: [3, 3] }]])],
        [2, new Map([['班列', { docs: [1], weights: [2] }]])],
      ]),
    );
    const read = openReserves(first, 3);
    expect(read.bucket(0).get('港口')).toEqual({ docs: [9, 4], weights: [3, 3] });
    expect(read.bucket(1).size).toBe(0);
    const second = reserveFile(base, 'search/bbb');
    writeReserves(second, 3, new Map([[0, new Map()]]), read);
    const next = openReserves(second, 3);
    expect(next.bucket(0).size).toBe(0);
    expect(next.bucket(2).get('班列')).toEqual({ docs: [1], weights: [2] });
    removeOtherReserves(base, 'search/bbb');
    expect(fs.readdirSync(dir)).toEqual([path.basename(second)]);
  });

  it("treats a missing, damaged or other index's file as no reserves, which is always right", () => {
    const file = reserveFile(path.join(dir, 'pipeline-x'), 'search/aaa');
    expect(openReserves(file, 2).bucket(0).size).toBe(0);
    writeReserves(file, 2, new Map([[1, new Map([['港口', { docs: [3], weights: [1] }]])]]));
    expect(openReserves(file, 3).bucket(1).size).toBe(0); // written for 2 chunks, read for 3
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, -2));
    expect(openReserves(file, 2).bucket(1).size).toBe(0);
  });
});

/** A term's postings (doc → weight) cut as a full build cuts them: the best `cap` by document, the next RESERVE best first. */
function cutList(postings: ReadonlyMap<number, number>, cap: number) {
  const best = [...postings].sort(([a, x], [b, y]) => rank(y, b) - rank(x, a));
  const kept = best.slice(0, cap).sort(([a], [b]) => a - b);
  const reserve = best.slice(cap, cap + RESERVE);
  return {
    df: postings.size,
    docs: kept.map(([doc]) => doc),
    weights: kept.map(([, weight]) => weight),
    reserve: { docs: reserve.map(([doc]) => doc), weights: reserve.map(([, weight]) => weight) },
  };
}

describe('changeList', () => {
  it('picks out the few postings that leave as a full sort would, and as a full build cuts', () => {
    fc.assert(
      fc.property(
        // A term's postings: up to 300 documents, weights 1–255 (many equal, so ranks tie on weight).
        fc.uniqueArray(fc.tuple(fc.nat({ max: 400 }), fc.integer({ min: 1, max: 255 })), {
          selector: ([doc]) => doc,
          maxLength: 300,
          size: 'large',
        }),
        fc.integer({ min: 1, max: 160 }),
        // Changes: documents losing the term, documents gaining it (some with a new weight).
        fc.array(fc.nat({ max: 299 }), { maxLength: 80, size: 'large' }),
        fc.uniqueArray(fc.tuple(fc.nat({ max: 500 }), fc.integer({ min: 1, max: 255 })), {
          selector: ([doc]) => doc,
          maxLength: 90,
          size: 'large',
        }),
        (before, cap, losingAt, gained) => {
          const postings = new Map(before);
          const list = cutList(postings, cap);
          const losing = new Map<number, number>();
          for (const at of losingAt) {
            const posting = before[at];
            if (posting) losing.set(posting[0], posting[1]);
          }
          // A document gains the term only where it has none after the losses (as patchIndex notes them).
          const gaining = gained.filter(([doc]) => !postings.has(doc) || losing.has(doc));
          const { reserve, ...kept } = list;
          const picked = changeList(kept, reserve, losing, gaining, cap);
          const sorted = changeList(kept, reserve, losing, gaining, cap, 0);
          expect(picked).toEqual(sorted);
          const after = new Map(postings);
          for (const doc of losing.keys()) after.delete(doc);
          for (const [doc, weight] of gaining) after.set(doc, weight);
          // Exact where the list knew enough (its reserve the best of the cut it still knows);
          // else it asks for its term to be counted again.
          if (picked === 'recount' || picked === 'inconsistent') {
            expect(picked).toBe('recount');
            expect(list.df - list.docs.length).toBeGreaterThan(RESERVE);
            return;
          }
          const { reserve: full, ...cut } = cutList(after, cap);
          const { reserve: left, ...listed } = picked;
          expect(listed).toEqual(cut);
          expect(left.docs).toEqual(full.docs.slice(0, left.docs.length));
          expect(left.weights).toEqual(full.weights.slice(0, left.docs.length));
        },
      ),
      { numRuns: 400 },
    );
  });
});
