import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListChunk, ListHead, ListTable } from '../../../lib/content-contract.ts';
import { listFile, listFiles, summary } from '../../../test/fixture-data.ts';
import { mockData } from '../../../test/render-app.tsx';
import { articleListQueryOptions, getArticleList } from './get-article-list.ts';
import { pageFromParts, readAhead } from './list-parts.ts';

const all = Array.from({ length: 60 }, (_, i) => summary(i + 1));
const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const asked = (fetchMock: ReturnType<typeof mockData>) =>
  fetchMock.mock.calls.map(([input]) => decodeURIComponent(String(input).replace(/^.*?\/data\//, '')));

afterEach(() => vi.unstubAllGlobals());

describe('getArticleList', () => {
  it('reads a later page from the chunks the head names, and a deep one through the table and a group', async () => {
    const files = listFiles('lists/all', all, 5);
    const head = files.get('lists/all/head.json') as ListHead;
    const [table] = head.parts;
    expect(table?.[0]).toMatch(/^t/);
    const { groups } = files.get(`lists/all/${table?.[0]}.json`) as ListTable;
    expect(groups).toHaveLength(2);
    const fetchMock = mockData((path) => listFile('lists/all', all, 5, path));
    const queries = client();
    for (let page = 1; page <= 12; page++) {
      const read = await queries.fetchQuery(articleListQueryOptions({ slug: 'all', page }));
      expect(read.items.map((item) => item.id)).toEqual(all.slice((page - 1) * 5, page * 5).map((item) => item.id));
      expect(read).toMatchObject({ page, pages: 12, total: 60 });
    }
    // Every file once: the head cached for the later pages, and so the table, each group and
    // each chunk for the pages after the first that needs it.
    const paths = asked(fetchMock);
    for (const name of [table?.[0], ...groups.map(([group]) => group)])
      expect(paths).toContain(`lists/all/${name}.json`);
    expect(paths).toHaveLength(files.size);
    expect(new Set(paths).size).toBe(files.size);
  });

  it('reads the next page ahead once a later page is in, so that turning to it needs no request', async () => {
    const files = listFiles('lists/all', all, 5);
    const head = files.get('lists/all/head.json') as ListHead;
    const source = { slug: 'all' };
    for (let page = 3; page <= 12; page++) {
      const fetchMock = mockData((path) => listFile('lists/all', all, 5, path));
      const queries = client();
      await readAhead(queries, source, head, page);
      const ahead = asked(fetchMock);
      expect(ahead.length).toBeGreaterThan(0);
      fetchMock.mockRejectedValue(new TypeError('offline'));
      const items = await pageFromParts(queries, source, head, page);
      expect(items.map((item) => item.id)).toEqual(all.slice((page - 1) * 5, page * 5).map((item) => item.id));

      // A page read starts the same for the page after it.
      const again = mockData((path) => listFile('lists/all', all, 5, path));
      await pageFromParts(client(), source, head, page - 1);
      await vi.waitFor(() => expect(asked(again)).toEqual(expect.arrayContaining(ahead)));
    }
  });

  it('reads the head again once when a part is not what it counted on, and fails past that', async () => {
    let list = all;
    let broken = false;
    mockData((path) => {
      const answer = listFile('lists/all', list, 5, path);
      if (!broken || !answer || !('items' in (answer.body as object)) || path.endsWith('head.json')) return answer;
      // A chunk one article short: of another build than the head that named it.
      return { status: 200, body: { items: (answer.body as ListChunk).items.slice(1) } };
    });
    const queries = client();
    await getArticleList({ slug: 'all', page: 1 }, queries);
    list = all.slice(7); // a new build: the old head's newest chunks are gone
    expect((await getArticleList({ slug: 'all', page: 2 }, queries)).items[0]?.id).toBe(all[12]?.id);
    broken = true;
    await expect(getArticleList({ slug: 'all', page: 3 }, client())).rejects.toThrow('文章列表已更新');
  });

  it('reads a chunk again, not from its cache, when it was not what the head counted on', async () => {
    const shortOnce = new Set<string>();
    mockData((path) => {
      const answer = listFile('lists/all', all, 5, path);
      if (!answer || !('items' in (answer.body as object)) || path.endsWith('head.json') || shortOnce.has(path))
        return answer;
      shortOnce.add(path); // a chunk that changed between the head and its reading, the first time
      return { status: 200, body: { items: (answer.body as ListChunk).items.slice(1) } };
    });
    const read = await getArticleList({ slug: 'all', page: 3 }, client());
    expect(read.items.map((item) => item.id)).toEqual(all.slice(10, 15).map((item) => item.id));
  });
});
