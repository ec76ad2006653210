import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from './split-front-matter.ts';

describe('splitFrontMatter', () => {
  it('reads front matter after a leading blank line, as in the scraped files', () => {
    const { data, body } = splitFrontMatter('\n---\ntitle: 标题\ncategories: \n - 金融\n - 要闻\n---\n\n<p>正文</p>\n');
    expect(data).toEqual({ title: '标题', categories: ['金融', '要闻'] });
    expect(body.trim()).toBe('<p>正文</p>');
  });

  it('accepts a byte-order mark, CRLF line ends and spaces after the fences', () => {
    const { data, body } = splitFrontMatter('\uFEFF---  \r\ntitle: x\r\n---\r\nbody');
    expect(data).toEqual({ title: 'x' });
    expect(body).toBe('body');
  });

  it('keeps dates as text so that our own parser reads them', () => {
    expect(splitFrontMatter('---\ntitle: x\ndate: 2022-03-26 11:26:00\n---\n').data.date).toBe('2022-03-26 11:26:00');
  });

  it('does not end the front matter at a "---" inside a value', () => {
    expect(splitFrontMatter("---\ntitle: 'a --- b'\n---\nz").data.title).toBe('a --- b');
  });

  it.each([
    ['', 'the file is empty'],
    ['\n  \n', 'the file is empty'],
    ['title: x\n---\nbody', 'no front matter: line 1 should be "---"'],
    ['\n\n---\ntitle: x\nbody', 'unterminated front matter: the "---" on line 3 is never closed'],
    ['---\n- a\n- b\n---\n', 'front matter at line 2 is not a mapping of fields'],
  ])('rejects %j: %s', (source, message) => {
    expect(() => splitFrontMatter(source)).toThrow(message);
  });

  it('names the line of invalid YAML, counted in the whole file', () => {
    expect(() => splitFrontMatter('\n---\ntitle: x\ncategories: [a, b\n---\n')).toThrow(
      /invalid YAML in front matter at line \d/,
    );
    try {
      splitFrontMatter('\n---\ntitle: ok\nbad: : :\n  - x\n---\n');
    } catch (error) {
      expect((error as Error).message).toMatch(/^invalid YAML in front matter at line 4:/);
    }
  });

  it('reads empty front matter as no fields', () => {
    expect(splitFrontMatter('---\n---\nbody').data).toEqual({});
  });
});
