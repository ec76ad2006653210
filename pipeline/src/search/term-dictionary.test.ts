import { describe, expect, it } from 'vitest';
import { TermDictionary } from './term-dictionary.ts';

describe('TermDictionary', () => {
  it('numbers the terms of a stored file as they were, and new ones after them', () => {
    const stored = ['港', '港口', 'harbour', '😀', '港口夜色', 'a'];
    const dictionary = TermDictionary.fromLines(Buffer.from(stored.join('\n')));
    expect(dictionary.size).toBe(6);
    expect(dictionary.term(4)).toBe('港口夜色');
    // Known terms keep their numbers, whichever way they are met: as text, character or pair.
    expect(stored.map((term) => dictionary.intern(term))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(dictionary.internChar('港'.charCodeAt(0))).toBe(0);
    expect(dictionary.internPair('港'.charCodeAt(0), '口'.charCodeAt(0))).toBe(1);
    // New ones come after, each once.
    expect(dictionary.intern('夜色')).toBe(6);
    expect(dictionary.internPair('夜'.charCodeAt(0), '色'.charCodeAt(0))).toBe(6);
    expect(dictionary.intern('harbours')).toBe(7);
    expect(dictionary.internChar('夜'.charCodeAt(0))).toBe(8);
    expect(dictionary.intern('harbour')).toBe(2);
    expect(dictionary.size).toBe(9);
    expect(dictionary.termsFrom(5)).toEqual(['a', '夜色', 'harbours', '夜']);
  });

  it('finds every one of many stored terms, and no term it does not have', () => {
    const stored = Array.from({ length: 5000 }, (_, n) => `词${n}`);
    const dictionary = TermDictionary.fromLines(Buffer.from(stored.join('\n')));
    expect(stored.every((term, n) => dictionary.intern(term) === n)).toBe(true);
    expect(dictionary.intern('词5000')).toBe(5000);
    expect(dictionary.term(4999)).toBe('词4999');
  });
});

describe('TermDictionary at a million terms', () => {
  it('hands over every term added, however many', () => {
    const dictionary = new TermDictionary();
    for (let n = 0; n < 1_000_000; n++) dictionary.intern(`t${n}`);
    const terms = dictionary.termsFrom(0);
    expect(terms).toHaveLength(1_000_000);
    expect(terms[999_999]).toBe('t999999');
  });
});
