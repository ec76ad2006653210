import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { decodeText } from './decode-text.ts';
import { splitFrontMatter } from './split-front-matter.ts';

type Split = { data: unknown; body: string } | string;

function yamlMapping(lines: string[]): { data?: Record<string, unknown>; error?: string } {
  const doc = parseDocument(lines.join('\n'), { schema: 'core' });
  if (doc.errors.length > 0) return { error: 'invalid YAML' };
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { error: 'not a mapping' };
  return { data: data as Record<string, unknown> };
}

/**
 * Hexo's rules spelled out line by line (hexo-front-matter's split and parse), on text whose
 * line ends are already `\n`:
 * - a first non-blank line of three or more dashes (or semicolons) opens the front matter and
 *   the same line closes it; never closed, the whole file is the body;
 * - otherwise the lines before the first line that starts with `---` are the front matter if
 *   they read as a mapping with at least one field; if not, the whole file is the body.
 */
function definition(text: string): Split {
  if (text.trim() === '') return 'the file is empty';
  const lines = text.split('\n');
  let open = 0;
  while ((lines[open] ?? '').trim() === '') open++;
  const fence = /^(-{3,}|;{3,})[ \t]*$/.exec(lines[open] ?? '')?.[1];
  if (fence) {
    let close = open + 1;
    while (close < lines.length && (lines[close] ?? '').trimEnd() !== fence) close++;
    if (close >= lines.length) return { data: {}, body: text };
    const { data, error } = yamlMapping(lines.slice(open + 1, close));
    if (error === 'not a mapping') return `front matter at line ${open + 2} is not a mapping of fields`;
    if (error) return error;
    return { data, body: lines.slice(close + 1).join('\n') };
  }
  if (/^(-{3,}|;{3,})/.test(lines[open] ?? '')) return { data: {}, body: text };
  for (let close = open + 1; close < lines.length; close++) {
    const separator = /^(-{3,}|;{3,})/.exec(lines[close] ?? '')?.[1];
    if (!separator) continue;
    const { data } = yamlMapping(lines.slice(0, close));
    if (!data || Object.keys(data).length === 0) break;
    const rest = (lines[close] ?? '').slice(separator.length);
    const body = rest.trim() === '' ? lines.slice(close + 1) : [rest, ...lines.slice(close + 1)];
    return { data, body: body.join('\n') };
  }
  return { data: {}, body: text };
}

function actual(text: string): Split {
  try {
    const { data, body } = splitFrontMatter(text);
    return { data, body };
  } catch (error) {
    const message = (error as Error).message;
    return message.startsWith('invalid YAML') ? 'invalid YAML' : message;
  }
}

const decoded = (source: string) => (source === '' ? '' : decodeText(new TextEncoder().encode(source)).text);

describe('splitFrontMatter', () => {
  it('reads front matter after a leading blank line, as in the scraped files', () => {
    const { data, body, form } = splitFrontMatter(
      '\n---\ntitle: 标题\ncategories: \n - 金融\n - 要闻\n---\n\n<p>正文</p>\n',
    );
    expect(data).toEqual({ title: '标题', categories: ['金融', '要闻'] });
    expect(body.trim()).toBe('<p>正文</p>');
    expect(form).toBe('fenced');
  });

  it('accepts a byte-order mark, CRLF or CR line ends and spaces after the fences (after decoding)', () => {
    for (const source of ['\uFEFF---  \r\ntitle: x\r\n---\r\nbody', '---\rtitle: x\r---\rbody']) {
      const { data, body } = splitFrontMatter(decoded(source));
      expect(data).toEqual({ title: 'x' });
      expect(body).toBe('body');
    }
  });

  it('reads front matter without the opening fence, as Hexo does', () => {
    const { data, body, form } = splitFrontMatter('title: 没有开头的分隔线\ntags: [a, b]\n---\n正文\n');
    expect(data).toEqual({ title: '没有开头的分隔线', tags: ['a', 'b'] });
    expect(body).toBe('正文\n');
    expect(form).toBe('unfenced');
  });

  it('reads longer fences, closed by the same fence', () => {
    const { data, body } = splitFrontMatter('------\ntitle: x\nnote: |\n  ---\n------\nbody');
    expect(data).toEqual({ title: 'x', note: '---\n' });
    expect(body).toBe('body');
  });

  it('reads ;;; JSON front matter, fenced or not', () => {
    expect(splitFrontMatter(';;;\n"title": "JSON", "tags": ["a"]\n;;;\nbody')).toMatchObject({
      data: { title: 'JSON', tags: ['a'] },
      body: 'body',
    });
    expect(splitFrontMatter('"title": "JSON"\n;;;\nbody').data).toEqual({ title: 'JSON' });
    expect(() => splitFrontMatter(';;;\ntitle: x\n;;;\nbody')).toThrow(/invalid JSON in front matter \(line 2\)/);
  });

  it('reads a tab that indents YAML as two spaces', () => {
    expect(splitFrontMatter('---\ntitle: x\ntags:\n\t- a\n\t- b\n---\n').data).toEqual({
      title: 'x',
      tags: ['a', 'b'],
    });
  });

  it('keeps dates as text so that our own parser reads them', () => {
    expect(splitFrontMatter('---\ntitle: x\ndate: 2022-03-26 11:26:00\n---\n').data.date).toBe('2022-03-26 11:26:00');
  });

  it('does not end the front matter at a "---" inside a value', () => {
    expect(splitFrontMatter("---\ntitle: 'a --- b'\n---\nz").data.title).toBe('a --- b');
  });

  it('leaves a file whose opening fence is never closed, or that has no fields, as all body', () => {
    expect(splitFrontMatter('\n\n---\ntitle: x\nbody')).toEqual({
      data: {},
      body: '\n\n---\ntitle: x\nbody',
      form: 'none',
      unclosedFence: { fence: '---', line: 3 },
    });
    expect(splitFrontMatter('Just text.\n---\nMore text.')).toMatchObject({ data: {}, form: 'none' });
    expect(splitFrontMatter('<p>no front matter at all</p>')).toMatchObject({ data: {}, form: 'none' });
  });

  it.each([
    ['', 'the file is empty'],
    ['\n  \n', 'the file is empty'],
    ['---\n- a\n- b\n---\n', 'front matter at line 2 is not a mapping of fields'],
  ])('rejects %j: %s', (source, message) => {
    expect(() => splitFrontMatter(source)).toThrow(message);
  });

  it('names the line of invalid YAML, counted in the whole file', () => {
    expect(() => splitFrontMatter('\n---\ntitle: x\ncategories: [a, b\n---\n')).toThrow(
      /invalid YAML in front matter at line \d/,
    );
    expect(() => splitFrontMatter('\n---\ntitle: ok\nbad: : :\n  - x\n---\n')).toThrow(
      /^invalid YAML in front matter at line 4:/,
    );
  });

  it('reads empty front matter as no fields', () => {
    expect(splitFrontMatter('---\n---\nbody').data).toEqual({});
  });

  it("gives what Hexo's rules give, for any mix of line ends, fences and blank lines", () => {
    const line = fc.constantFrom(
      '',
      '  ',
      '---',
      '--- ',
      '----',
      '---x',
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
      fc.property(file, fc.boolean(), (source, trimEnd) => {
        const text = decoded(trimEnd ? source.replace(/[\r\n]+$/, '') : source);
        expect(actual(text)).toEqual(definition(text));
      }),
      { numRuns: 2000 },
    );
  });
});
