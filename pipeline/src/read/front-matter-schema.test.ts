import { describe, expect, it } from 'vitest';
import { describeSchemaError, flattenNames, frontMatterSchema } from './front-matter-schema.ts';

function parse(data: unknown) {
  const result = frontMatterSchema.safeParse(data);
  return result.success ? result.data : describeSchemaError(result.error, data as Record<string, unknown>);
}

describe('frontMatterSchema', () => {
  it('flattens Hexo nested category lists, keeps order, drops repeats', () => {
    const front = parse({ title: 't', categories: ['金融', ['产经', '汽车'], '金融', ' 汽车 '], tags: 'RCEP' });
    expect(front).toMatchObject({ categories: ['金融', '产经', '汽车'], tags: ['RCEP'] });
  });

  it('accepts a single category and no tags', () => {
    expect(parse({ title: 't', categories: '要闻' })).toMatchObject({ categories: ['要闻'], tags: [] });
  });

  it('reads numbers as text and trims the title', () => {
    expect(parse({ title: 2024, categories: [2024] })).toMatchObject({ title: '2024', categories: ['2024'] });
    expect(parse({ title: '  标题  ' })).toMatchObject({ title: '标题' });
  });

  it('accepts an author given as an object with a name', () => {
    expect(parse({ title: 't', author: { name: '记者甲' } })).toMatchObject({ author: '记者甲' });
  });

  it('ignores fields it does not know', () => {
    expect(parse({ title: 't', comments: false, layout: 'post' })).not.toHaveProperty('comments');
  });

  it.each([
    [{}, 'missing title'],
    [{ title: null }, 'missing title'],
    [{ title: '   ' }, 'title is empty'],
    [{ title: ['a'] }, 'invalid title: it must be text'],
    [{ title: 't', categories: { a: 1 } }, 'invalid front matter field "categories"'],
    [{ title: 't', headimg: ['a'] }, 'invalid front matter field "headimg"'],
  ])('explains %j', (data, message) => {
    expect(parse(data)).toMatch(message);
  });
});

describe('flattenNames', () => {
  it('survives very deep nesting without recursion', () => {
    let tree: unknown = 'deep';
    for (let i = 0; i < 100_000; i++) tree = [tree];
    expect(flattenNames(tree as never)).toEqual(['deep']);
  });
});
