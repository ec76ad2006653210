import { describe, expect, it } from 'vitest';
import { findMatches, makeSnippet, markMatches } from './make-snippet.ts';

const render = (parts: { text: string; mark: boolean }[] | null) =>
  parts?.map((part) => (part.mark ? `[${part.text}]` : part.text)).join('') ?? null;

describe('findMatches', () => {
  it('finds every occurrence, case- and width-insensitively, in the original text', () => {
    expect(findMatches('ＡＩ芯片与ai应用', ['ai'])).toEqual([
      [0, 2],
      [5, 7],
    ]);
  });

  it('falls back to bigrams when a Chinese run does not occur whole, and merges overlaps', () => {
    expect(findMatches('中欧之间开行班列', ['中欧班列'])).toEqual([
      [0, 2],
      [6, 8],
    ]);
    expect(findMatches('中欧班列', ['中欧班列', '班列'])).toEqual([[0, 4]]);
  });
});

describe('markMatches', () => {
  it('marks the whole text', () => {
    expect(render(markMatches('东港码头扩建', ['码头']))).toBe('东港[码头]扩建');
  });
});

describe('makeSnippet', () => {
  const long = `${'甲'.repeat(100)}滚装船靠港${'乙'.repeat(100)}`;

  it('cuts a window around the first match, with ellipses where the text goes on', () => {
    const snippet = render(makeSnippet(long, ['滚装船'], 40));
    expect(snippet).toMatch(/^…甲+\[滚装船\]靠港乙+…$/);
    expect((snippet ?? '').length).toBeLessThanOrEqual(40 + 4);
  });

  it('keeps the match near the start even when it is near the end of the text', () => {
    const snippet = render(makeSnippet(`${'甲'.repeat(200)}滚装船`, ['滚装船'], 96));
    expect(snippet).toBe(`…${'甲'.repeat(24)}[滚装船]`);
  });

  it('starts at the beginning when the match is near it', () => {
    expect(render(makeSnippet('滚装船靠港，装卸繁忙。', ['滚装船'], 40))).toBe('[滚装船]靠港，装卸繁忙。');
  });

  it('returns null when nothing matches', () => {
    expect(makeSnippet(long, ['火星'])).toBeNull();
  });

  it('never cuts a character outside the Basic Multilingual Plane in two', () => {
    const text = `${'𠀀'.repeat(40)}港口${'𠀀'.repeat(40)}`;
    const snippet = makeSnippet(text, ['港口'], 21);
    for (const part of snippet ?? []) expect(part.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });
});
