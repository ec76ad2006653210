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
    spool.close();
  });
});
