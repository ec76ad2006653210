import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeExcerpt, readingCounts, readingMinutes } from './text-metrics.ts';

describe('readingMinutes', () => {
  it('counts Chinese by characters, about 500 a minute', () => {
    expect(readingMinutes('字'.repeat(1500))).toBe(3);
  });
  it('counts other text by words', () => {
    expect(readingMinutes('word '.repeat(690))).toBe(3);
  });
  it('adds both in mixed text and never says zero', () => {
    expect(readingMinutes(`${'字'.repeat(500)} ${'word '.repeat(230)}`)).toBe(2);
    expect(readingMinutes('')).toBe(1);
  });
});

describe('makeExcerpt', () => {
  it('keeps short text whole', () => {
    expect(makeExcerpt('短文。')).toBe('短文。');
  });
  it('cuts long text at a sentence end, within 120 characters', () => {
    const text = `${'甲'.repeat(90)}。${'乙'.repeat(100)}`;
    expect(makeExcerpt(text)).toBe(`${'甲'.repeat(90)}。`);
  });
  it('marks a cut in the middle of a sentence', () => {
    const excerpt = makeExcerpt('丙'.repeat(300));
    expect(Array.from(excerpt)).toHaveLength(120);
    expect(excerpt.endsWith('…')).toBe(true);
  });
  it('never splits a surrogate pair', () => {
    const excerpt = makeExcerpt('😀'.repeat(200));
    expect(excerpt).toBe(`${'😀'.repeat(119)}…`);
  });
});

describe('readingMinutes counting', () => {
  it('counts characters outside the basic plane once and keeps Latin words apart', () => {
    expect(readingMinutes('𠀀'.repeat(1000))).toBe(2);
    expect(readingMinutes(`abc中def ${'字'.repeat(499)}`)).toBe(1);
  });
});

describe('readingMinutes, checked against the regular-expression definition', () => {
  const NOT_CJK = /[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
  const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  const reference = (text: string) => ({
    cjk: Array.from(text.replace(NOT_CJK, '')).length,
    words: text.replace(CJK, ' ').match(WORD)?.length ?? 0,
  });

  it('agrees on any mix of scripts, punctuation and joiners', () => {
    const piece = fc.constantFrom(
      '中',
      '文',
      'か',
      'カ',
      '한',
      '𠀀',
      'ー',
      '〇',
      'a',
      'Z',
      '9',
      'é',
      'я',
      "'",
      '’',
      '-',
      ' ',
      '，',
      '。',
      '\n',
      '😀',
      '々',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(readingCounts(text)).toEqual(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
