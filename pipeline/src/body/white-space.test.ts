import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinCjkLines } from './dom-text.ts';
import { countNonSpace, isWhiteSpace, isWhiteSpaceOnly, normalizeSpace } from './white-space.ts';

// The loops must say exactly what the regular expressions they replace said, for any text:
// each is checked against its expression on text made of every kind of character that matters.

const SPACES = ' \t\n\r\v\f\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const OTHERS = 'ab1.，。“”…—中文　\u200b\u180e\u0085';
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SPACES),
      fc.constantFrom(...OTHERS),
      fc.constantFrom('𠀀', '😀', '\ud800', '\udc00'), // astral Han, emoji, lone surrogates
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('white space', () => {
  it('is what \\s is, for every UTF-16 code unit', () => {
    for (let code = 0; code <= 0xffff; code++)
      expect([code, isWhiteSpace(code)]).toEqual([code, /\s/.test(String.fromCharCode(code))]);
  });

  it('normalizes, counts and tests text as the regular expressions did', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(normalizeSpace(value)).toBe(value.replace(/[\s\u00a0\u3000]+/gu, ' ').trim());
        expect(countNonSpace(value)).toBe(value.replace(/[\s\u00a0\u3000]+/gu, '').length);
        expect(isWhiteSpaceOnly(value)).toBe(value.replace(/[\s\u00a0\u3000]+/gu, ' ').trim() === '');
      }),
      { numRuns: 3000 },
    );
  });

  it('gives back text that needs nothing as it is', () => {
    const clean = '中欧班列 a b 。';
    expect(normalizeSpace(clean)).toBe(clean);
    expect(normalizeSpace('  a \n\t b  ')).toBe('a b');
    expect(normalizeSpace(' \u3000 ')).toBe('');
  });
});

describe('joinCjkLines', () => {
  const CJK_TEXT = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]$/u;
  const isCjk = (code: number | undefined) => code !== undefined && CJK_TEXT.test(String.fromCodePoint(code));
  // The expression it replaces: each white space run with a line break goes between CJK text.
  const reference = (value: string) =>
    value.replace(/\s+/g, (space: string, index: number) => {
      const low = value.charCodeAt(index - 1);
      const before =
        index <= 0 ? undefined : low >= 0xdc00 && low <= 0xdfff && index >= 2 ? value.codePointAt(index - 2) : low;
      return space.includes('\n') && isCjk(before) && isCjk(value.codePointAt(index + space.length)) ? '' : space;
    });

  it('joins as the expression did, for any text', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(joinCjkLines(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('joins Chinese lines and keeps the space between Latin words', () => {
    expect(joinCjkLines('中文\n  段落\nword\nnext')).toBe('中文段落\nword\nnext');
    expect(joinCjkLines('𠀀 \n 𠀀')).toBe('𠀀𠀀');
    expect(joinCjkLines('甲 乙')).toBe('甲 乙');
  });
});
