import { type AnyNode, isTag } from 'domhandler';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parseArticleFile, type ParseResult } from './parse-article-file.ts';
import { detectBodyFormat } from '../body/render-body.ts';
import { ContentError } from '../read/content-error.ts';
import { parseDate } from '../read/parse-date.ts';

const encoder = new TextEncoder();
const parse = (source: string | Uint8Array): ParseResult =>
  parseArticleFile({
    id: 'fuzz',
    relative: 'fuzz.md',
    source: typeof source === 'string' ? encoder.encode(source) : source,
    mtimeMs: Date.UTC(2024, 0, 1),
    timeZone: 'Asia/Shanghai',
  });

function dangerousMarkup(html: string): string[] {
  const found: string[] = [];
  const stack: AnyNode[] = [...parseDocument(html).children];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node)) continue;
    if (['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math'].includes(node.name)) found.push(node.name);
    for (const name of Object.keys(node.attribs))
      if (/^on/i.test(name) || name === 'style') found.push(`${node.name}[${name}]`);
    stack.push(...node.children);
  }
  return found;
}

/** What every outcome must satisfy: a valid article, or one clear line saying what is wrong. */
function assertWellFormed(result: ParseResult): void {
  if (!result.ok) {
    expect(result.error.length).toBeGreaterThan(0);
    expect(result.error).not.toContain('\n');
    return;
  }
  const { article } = result;
  expect(article.title.trim()).not.toBe('');
  expect(Number.isNaN(Date.parse(article.date))).toBe(false);
  expect(article.date.endsWith('Z')).toBe(true);
  expect(Array.from(article.excerpt).length).toBeLessThanOrEqual(120);
  expect(article.readingMinutes).toBeGreaterThanOrEqual(1);
  expect(article.photoCount).toBe(article.photos.length);
  for (const photo of article.photos) expect(photo.src).toMatch(/^(https?:\/\/|\/)/);
  // Judged on the parsed markup: the same words inside text or a title are harmless.
  expect(dangerousMarkup(article.html)).toEqual([]);
}

const tag = fc.constantFrom(
  'p',
  'div',
  'img',
  'figure',
  'figcaption',
  'a',
  'em',
  'script',
  'svg',
  'math',
  'style',
  'table',
  'br',
  'center',
  'noscript',
);
const attribute = fc.tuple(
  fc.constantFrom('src', 'href', 'style', 'onerror', 'data-bitmap', 'alt', 'title', 'width', 'srcset', 'align'),
  fc.oneof(
    fc.string(),
    fc.constantFrom('javascript:alert(1)', '//a.cn/x.jpg', 'https://a.cn/y.jpg', 'text-align:center', '400'),
  ),
);
const htmlChunk = fc.oneof(
  fc.string(),
  fc
    .tuple(tag, fc.array(attribute, { maxLength: 3 }), fc.string())
    .map(
      ([name, attrs, text]) =>
        `<${name} ${attrs.map(([k, v]) => `${k}="${v.replace(/"/g, '')}"`).join(' ')}>${text}</${name}>`,
    ),
  fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '![x](y)', '*说明*', '\n\n', '---', '# 标题', '&#x6A;', '<'),
);
const yamlLine = fc.oneof(
  fc.string().map((s) => `title: ${s}`),
  fc.string().map((s) => `date: ${s}`),
  fc.constantFrom(
    'title: 标题',
    "title: '引号'",
    'date: 2024-01-01 10:00:00',
    'date: Sat, 26 Mar 2022 11:26:00 GMT',
    'categories:',
    ' - 金融',
    ' - [产经, 汽车]',
    'tags: [a, b]',
    'headimg: javascript:alert(1)',
    'author: {name: 甲}',
    'cover: //a.cn/c.jpg',
    'title: [1, 2]',
    'date: 2022-02-30',
    '  bad: : indent',
    '&anchor',
    '*alias',
    '? complex',
  ),
);
const articleFile = fc
  .tuple(fc.nat(3), fc.array(yamlLine, { maxLength: 8 }), fc.boolean(), fc.array(htmlChunk, { maxLength: 12 }))
  .map(
    ([blank, lines, closed, body]) =>
      `${'\n'.repeat(blank)}---\n${lines.join('\n')}\n${closed ? '---\n' : ''}${body.join('')}`,
  );

describe('parseArticleFile on random and adversarial input', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => assertWellFormed(parse(bytes))),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => assertWellFormed(parse(text))),
      {
        numRuns: 300,
      },
    );
  });

  it('gives a valid article or one clear error for files shaped like articles', () => {
    fc.assert(
      fc.property(articleFile, (text) => assertWellFormed(parse(text))),
      { numRuns: 2000 },
    );
  });

  it('reads a 10 MB article', () => {
    const paragraph = `<p>${'长篇报道的正文，'.repeat(40)}</p>\n`;
    const photo =
      '<p style="text-align:center"><img src="https://a.cn/x.jpg"></p><p style="text-align:center">图说。 张三摄</p>\n';
    let body = '';
    while (body.length < (10 * 1024 * 1024) / 3) body += paragraph + (body.length % 7 === 0 ? photo : '');
    const result = parse(`---\ntitle: 很长的文章\ndate: 2024-01-01\n---\n<div>${body}</div>`);
    assertWellFormed(result);
    expect(result.ok).toBe(true);
  });

  it('answers 100,000-deep nesting with an article or a clear error, never a crash', () => {
    for (const opener of ['<div>', '> ']) {
      const depth = 100_000;
      const body = opener === '> ' ? `${opener.repeat(depth)}深\n` : `${opener.repeat(depth)}深`;
      const result = parse(`---\ntitle: 嵌套\ndate: 2024-01-01\n---\n${body}`);
      assertWellFormed(result);
      if (!result.ok) expect(result.error).toMatch(/^the file nests too deeply to read: .* 100000 levels deep/);
    }
  }, 60_000); // a guard against a hang, not a speed limit

  it('answers deeply nested YAML with a clear error', () => {
    const result = parse(`---\ntitle: x\ncategories: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n---\n正文`);
    assertWellFormed(result);
  });
});

describe('parseDate and detectBodyFormat on random input', () => {
  it('parseDate returns ISO or throws a ContentError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').slice(0, 19)),
        ),
        (text) => {
          try {
            expect(parseDate(text, 'Asia/Shanghai')).toMatch(/^\d{4}-\d\d-\d\dT/);
          } catch (error) {
            expect(error).toBeInstanceOf(ContentError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('detectBodyFormat always answers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        expect(['html', 'markdown']).toContain(detectBodyFormat(text));
      }),
    );
  });
});
