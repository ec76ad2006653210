import { describe, expect, it } from 'vitest';
import { TermSpool } from './term-spool.ts';

describe('TermSpool', () => {
  it('gives back each task’s terms and weights, from memory and from disk', () => {
    const spool = new TermSpool(50, 64);
    const termsOf = (index: number) => {
      const count = (index * 13) % 40;
      return {
        ids: Uint32Array.from({ length: count }, (_, i) => index * 1000 + i * 7),
        weights: Uint8Array.from({ length: count }, (_, i) => 1 + ((index + i) % 255)),
      };
    };
    for (let index = 0; index < 50; index += 2) spool.put(index, termsOf(index));
    for (let index = 48; index >= 0; index -= 2) {
      const terms = spool.get(index);
      expect(terms && [...terms.ids]).toEqual([...termsOf(index).ids]);
      expect(terms && [...terms.weights]).toEqual([...termsOf(index).weights]);
    }
    expect(spool.get(1)).toBeUndefined();
    // Counted without reading, in memory and on disk alike.
    for (let index = 0; index < 50; index += 2) expect(spool.countOf(index)).toBe(termsOf(index).ids.length);
    expect(spool.countOf(1)).toBeUndefined();
    spool.close();
  });
});

describe('TermSpool read in passing', () => {
  it('gives back every task’s terms from disk in passes over more blocks than it keeps', () => {
    // 48 records of 640 KB: 30 MB on disk, past the 16 blocks a spool keeps, so the passes read
    // into the memory of blocks that left.
    const count = 131_072;
    const spool = new TermSpool(48, 0);
    const first = (index: number) => index * 7919;
    for (let index = 0; index < 48; index++) {
      spool.put(index, {
        ids: Uint32Array.from({ length: count }, (_, i) => first(index) + i),
        weights: Uint8Array.from({ length: count }, (_, i) => (index + i) % 256),
      });
    }
    for (const order of [[...Array(48).keys()], [...Array(48).keys()].reverse()]) {
      for (const index of order) {
        const terms = spool.getInPassing(index);
        if (!terms) throw new Error(`no terms for task ${index}`);
        expect(terms.ids.length).toBe(count);
        let wrong = 0;
        for (let i = 0; i < count; i += 97) {
          if (terms.ids[i] !== first(index) + i || terms.weights[i] !== (index + i) % 256) wrong++;
        }
        expect(wrong).toBe(0);
        expect(terms.ids[count - 1]).toBe(first(index) + count - 1);
      }
    }
    // A lasting read stays whole after passes over the rest.
    const lasting = spool.get(5);
    for (let index = 20; index < 48; index++) spool.getInPassing(index);
    expect(lasting?.ids[count - 1]).toBe(first(5) + count - 1);
    spool.close();
  });
});
