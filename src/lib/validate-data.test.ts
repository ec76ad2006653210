import { describe, expect, it } from 'vitest';
import { listFiles, manifestFor, photoArticle, summary } from '../test/fixture-data.ts';
import { InvalidDataError } from './fetch-json.ts';
import type { ListGroup, ListHead, ListPart } from './content-contract.ts';
import { parseListGroup, parseListTable } from './list-cuts.ts';
import { parseArticle, parseListChunk, parseListHead, parseManifest } from './validate-data.ts';

/** A copy of `value` with `path` (dot-separated) set to `replacement`. */
function edited<T>(value: T, path: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1) as string] = replacement;
  return copy;
}

describe('data validation', () => {
  it('accepts what the pipeline writes', () => {
    expect(parseArticle(photoArticle)).toBe(photoArticle);
    expect(parseManifest(manifestFor(3, 20)).total).toBe(3);
    const files = listFiles(
      'lists/all',
      [1, 2, 3, 4, 5, 6, 7].map((n) => summary(n)),
      2,
    );
    const head = parseListHead(files.get('lists/all/head.json'));
    expect(head.items).toHaveLength(2);
    const [table] = head.parts;
    const chunk = head.parts.at(-1);
    const [group] = parseListTable(files.get(`lists/all/${table?.[0]}.json`), table?.[1] ?? 0).groups;
    expect(parseListGroup(files.get(`lists/all/${group?.[0]}.json`), group?.[1] ?? 0).chunks).toHaveLength(1);
    expect(parseListChunk(files.get(`lists/all/${chunk?.[0]}.json`)).items).toHaveLength(chunk?.[1] ?? 0);
  });

  it.each([
    ['categories', { name: '财经' }, '文章的 categories'],
    ['categories', ['财经', 7], '文章的 categories'],
    ['author', { name: '张三' }, '文章的 author'],
    ['title', null, '文章的 title'],
    ['date', 'not-a-date', '文章的 date'],
    ['updated', 12, '文章的 updated'],
    ['photos.0.credit', { text: '张三摄' }, '文章的 photos'],
    ['photos.1.width', -4, '文章的 photos'],
    ['next.title', ['第2篇'], '文章的 next'],
    ['id', '../manifest', '文章的 id'],
    ['html', 5, '文章的 html'],
  ])('refuses an article whose %s is %j, naming it', (path, value, named) => {
    expect(() => parseArticle(edited(photoArticle, path, value))).toThrow(
      new InvalidDataError(`数据格式有误（${named}），无法读取。`),
    );
  });

  it('refuses a list entry or a manifest field of the wrong type', () => {
    const files = listFiles('lists/all', [summary(1), summary(2)], 20);
    const head = files.get('lists/all/head.json');
    expect(() => parseListHead(edited(head, 'items.1.tags', 'a,b'))).toThrow('文章摘要的 tags');
    expect(() => parseListHead(edited(head, 'total', '2'))).toThrow('文章列表的 total');
    expect(() => parseListChunk({ items: [{ id: 'x' }] })).toThrow('文章摘要的 title');
    // Parts that do not add up to the list, or whose names could lead a request elsewhere.
    expect(() => parseListHead(edited(head, 'total', 3))).toThrow('文章列表的 parts');
    expect(() => parseListHead({ ...(head as ListHead), parts: [['../manifest', 2]] })).toThrow('文章列表的 parts');
    expect(() => parseListHead({ ...(head as ListHead), parts: [[`c${'0'.repeat(20)}`, 0]] })).toThrow(
      '文章列表的 parts',
    );
    // The head names its table first, then runs, then chunks, nothing else (decision 0026).
    const tabledHead = listFiles(
      'lists/all',
      Array.from({ length: 20 }, (_, n) => summary(n + 1)),
      1,
    ).get('lists/all/head.json') as ListHead;
    const [table, ...chunks] = tabledHead.parts as [ListPart, ...ListPart[]];
    expect(table[0]).toMatch(/^t/);
    expect(parseListHead(tabledHead)).toBe(tabledHead);
    expect(() => parseListHead({ ...tabledHead, parts: [...chunks, table] })).toThrow('文章列表的 parts');
    expect(() => parseListHead({ ...tabledHead, parts: [[`g${table[0].slice(1)}`, table[1]], ...chunks] })).toThrow(
      '文章列表的 parts',
    );
    const run = tabledHead.parts.find(([name]) => name.startsWith('r')) as ListPart;
    const last = chunks.at(-1) as ListPart;
    const without = chunks.filter((part) => part !== run);
    expect(() => parseListHead({ ...tabledHead, parts: [table, ...without, run] })).toThrow('文章列表的 parts');
    expect(() => parseListHead({ ...tabledHead, parts: [run, table, ...without] })).toThrow('文章列表的 parts');
    expect(() => parseListHead({ ...tabledHead, parts: [table, ...without.slice(0, -1), run, last] })).toThrow(
      '文章列表的 parts',
    );
    expect(() => parseListTable({ groups: [[`c${'1'.repeat(20)}`, 2]] }, 2)).toThrow('文章列表的 groups');
    expect(() => parseListTable({ groups: [[`g${'1'.repeat(20)}`, 2]] }, 3)).toThrow('文章列表的 groups');
    const group: ListGroup = { chunks: [[`g${'1'.repeat(20)}`, 2]] };
    expect(() => parseListGroup(group, 2)).toThrow('文章列表的 chunks'); // a group names chunks only
    expect(() => parseListGroup({ chunks: [[`c${'1'.repeat(20)}`, 2]] }, 3)).toThrow('文章列表的 chunks');
    expect(() => parseManifest(edited(manifestFor(3, 20), 'categories.0.slug', '../x'))).toThrow('目录的 categories');
    expect(() => parseManifest(edited(manifestFor(3, 20), 'search.path', 'https://evil.example'))).toThrow(
      '目录的 search',
    );
    expect(() => parseManifest('garbage')).toThrow('数据格式有误（目录），无法读取。');
    expect(() => parseManifest({ ...manifestFor(3, 20), feeds: 'yes' })).toThrow('目录的 feeds');
    expect(parseManifest({ ...manifestFor(3, 20), feeds: true }).feeds).toBe(true);
  });
});
