import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readSimpleYaml } from './simple-yaml.ts';

/** What the full parser makes of `text`, as splitFrontMatter reads it; undefined when it refuses. */
function full(text: string): unknown {
  const doc = parseDocument(text, { schema: 'core', prettyErrors: false });
  return doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 50 }) ?? {});
}

const seedShape = `title: '港口夜色，集装箱吞吐再创新高（城市新貌）'
categories: 
 - 财经
 - 港口观察
headimg: 'https://img.example-news.cn/news/202404/W0001.jpeg'
author: 港口观察网
comments: false
date: Tue, 02 Apr 2024 03:15:00 GMT`;

describe('readSimpleYaml', () => {
  it('reads the front matter of the scraped articles as the full parser does', () => {
    expect(readSimpleYaml(seedShape)).toEqual({
      title: '港口夜色，集装箱吞吐再创新高（城市新貌）',
      categories: ['财经', '港口观察'],
      headimg: 'https://img.example-news.cn/news/202404/W0001.jpeg',
      author: '港口观察网',
      comments: false,
      date: 'Tue, 02 Apr 2024 03:15:00 GMT',
    });
    expect(readSimpleYaml(seedShape)).toEqual(full(seedShape));
    const hexo = "title: It's \"quoted\"\ndate: 2024-04-01 10:00:00\ntags:\n- a\n-\n- 'b '' c'\nupdated: ~";
    expect(readSimpleYaml(hexo)).toEqual(full(hexo));
  });

  it('leaves to the full parser what it does not read itself', () => {
    for (const text of [
      'title: a: b', // a nested mapping, or an error
      'title: x # comment',
      '# comment\ntitle: x',
      'title: first\n  continued',
      'count: 12',
      'ratio: .5',
      'title: "a\\tb"',
      'title: x\ntitle: y', // duplicate key: an error
      'categories: [a, "b"]',
      'categories: [a, [b]]',
      'tags: [a, , b]',
      'tags: [a: b]',
      'categories:\n - a\n  - b',
      'title: |\n  block',
      'title: &a x',
      'true: x',
      'title:\tx',
      'title: 😀',
      'nested:\n  key: value',
    ]) {
      expect(readSimpleYaml(text), text).toBeUndefined();
    }
  });

  it('agrees with the full parser on whatever it accepts', () => {
    const key = fc.constantFrom(
      'title',
      'date',
      'categories',
      'tags',
      'a-b',
      'x_1',
      'true',
      'null',
      'Title',
      '__proto__',
    );
    const value = fc.oneof(
      fc.constantFrom(
        '',
        '港口夜色',
        'Sat, 26 Mar 2022 11:26:00 GMT',
        '2024-04-01 10:00:00',
        'a: b',
        'a:b',
        'a #b',
        'a#b',
        'ends:',
        "'quoted'",
        "'it''s'",
        "'broken' x'",
        '"double"',
        '"back\\slash"',
        '- item',
        '-1',
        '+1',
        '12',
        '1.5',
        '1e3',
        '0x1F',
        '0o17',
        '0b101',
        '.inf',
        '.5',
        'true',
        'True',
        'tRue',
        'FALSE',
        'yes',
        '~',
        'null',
        'nULL',
        '[a]',
        '[a, b]',
        '[ 港口 ,  财经 ]',
        '[]',
        '[ ]',
        '[a,b]',
        '[a, b',
        '[a, b,]',
        '[1, a]',
        '[true, null, ~]',
        '[-a]',
        '[ - a]',
        '[a b, c]',
        '[a, b] x',
        '{a: 1}',
        '&anchor x',
        '*alias',
        '!tag x',
        '|',
        '>',
        '%x',
        '@x',
        '`x`',
        '...',
        'a, b [c] {d}',
        'a\u2028b',
        'a\u0085b',
        '\ufeffa',
        'ｆｕｌｌ',
        '　ideographic space',
      ),
      fc.string({ maxLength: 12 }),
    );
    const line = fc.oneof(
      fc.tuple(key, fc.constantFrom(': ', ':', ':  '), value).map(([k, sep, v]) => `${k}${sep}${v}`),
      fc
        .tuple(fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('- ', '-', '-  '), value)
        .map(([indent, dash, v]) => `${indent}${dash}${v}`),
      fc.constantFrom('', '   ', '# note', '  continued', '---'),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const text = lines.join('\n');
        const simple = readSimpleYaml(text);
        if (simple === undefined) return;
        accepted++;
        expect(simple).toEqual(full(text));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(300); // the comparison ran on many accepted texts, not a few
  });
});
