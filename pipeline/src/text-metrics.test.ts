import { describe, expect, it } from 'vitest';
import { makeExcerpt, readingMinutes } from './text-metrics.ts';

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
