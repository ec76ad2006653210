import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { splitFrontMatter } from './split-front-matter.ts';

/** The plain definition: split every line, find the fences, parse the YAML between them. */
function definition(source: string): { data: unknown; body: string } | string {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (text.trim() === '') return 'the file is empty';
  const lines = text.split(/\r?\n/);
  const fence = /^---[ \t]*$/;
  let open = 0;
  while ((lines[open] ?? '').trim() === '') open++;
  if (!fence.test(lines[open] ?? '')) return `no front matter: line ${open + 1} should be "---"`;
  let close = open + 1;
  while (close < lines.length && !fence.test(lines[close] ?? '')) close++;
  if (close >= lines.length) return `unterminated front matter: the "---" on line ${open + 1} is never closed`;
  const doc = parseDocument(lines.slice(open + 1, close).join('\n'), { schema: 'core' });
  if (doc.errors.length > 0) return 'invalid YAML';
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data))
    return `front matter at line ${open + 2} is not a mapping of fields`;
  return { data, body: lines.slice(close + 1).join('\n') };
}

function actual(source: string): { data: unknown; body: string } | string {
  try {
    return splitFrontMatter(source);
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('invalid YAML') ? 'invalid YAML' : message;
  }
}

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

  it('gives what splitting every line gives, for any mix of line ends, fences and blank lines', () => {
    const line = fc.constantFrom(
      '',
      '  ',
      '---',
      '--- ',
      '----',
      'title: 标题',
      'tags:',
      ' - a',
      'x: [',
      '<p>正文</p>',
      'a\r',
    );
    const end = fc.constantFrom('\n', '\r\n', '\r');
    const file = fc
      .array(fc.tuple(line, end), { maxLength: 10 })
      .chain((parts) =>
        fc.boolean().map((bom) => (bom ? '\uFEFF' : '') + parts.map(([text, eol]) => text + eol).join('')),
      );
    fc.assert(
      fc.property(file, fc.boolean(), (text, trimEnd) => {
        const source = trimEnd ? text.replace(/[\r\n]+$/, '') : text;
        const want = definition(source);
        const got = actual(source);
        if (typeof want === 'string' || typeof got === 'string') expect(got).toEqual(want);
        else expect({ data: got.data, body: got.body }).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});
