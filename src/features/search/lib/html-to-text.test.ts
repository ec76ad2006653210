import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.ts';

describe('htmlToText', () => {
  it('keeps the text, joins Chinese paragraphs without a space and Latin ones with one', () => {
    expect(htmlToText('<p>第一段。</p><p>第二段。</p>')).toBe('第一段。第二段。');
    expect(htmlToText('<p>First.</p><p>Second.</p>')).toBe('First. Second.');
  });

  it('decodes entities and skips quoted attributes that contain brackets', () => {
    expect(htmlToText('<p title="a > b">A&amp;B &lt;3 &#x4E2D;&#25991;&nbsp;x</p>')).toBe('A&B <3 中文 x');
  });

  it('collapses whitespace and keeps unknown entities as they are', () => {
    expect(htmlToText('<p>  多个\n\n空格 &bogus; </p>')).toBe('多个 空格 &bogus;');
  });
});
