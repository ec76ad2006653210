// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../lib/content-contract.ts';
import { listFile, manifestFor, photoArticle, summary } from '../../../test/fixture-data.ts';
import { mockData, renderApp } from '../../../test/render-app.tsx';
import { encodeChunk } from '../../../test/search-fixture.ts';

// Twelve articles, newest first: the port article, then a1 … a11. Documents count from the
// oldest: a11 is document 0, a1 document 10 and the port article document 11.
const ids = ['port', ...Array.from({ length: 11 }, (_, n) => `a${n + 1}`)];
const docIds = [...ids].reverse();
const PORT_DOC = docIds.indexOf('port');
const articleFor = (id: string): Article =>
  id === 'port'
    ? photoArticle
    : { ...summary(Number(id.slice(1)), { id }), html: `<p>第${id}篇，港口作业繁忙。</p>`, textLength: 10, photos: [] };

function serveIndex() {
  return mockData((path) => {
    if (path === 'manifest.json') return { status: 200, body: manifestFor(12, 20) };
    const list = listFile(
      'lists/all',
      ids.map((id) => articleFor(id)),
      20,
      path,
    );
    if (list) return list;
    if (path === 'search/0123abcd/docs/0.json') return { status: 200, body: docIds };
    if (path === 'search/0123abcd/terms/0.bin') {
      return {
        status: 200,
        body: encodeChunk({
          // 港口 is in every article, in the port article's title most strongly.
          港口: { postings: docIds.map((_, doc) => [doc, doc === PORT_DOC ? 250 : 100]) },
          码头: { postings: [[PORT_DOC, 180]] },
          东港: { postings: [[PORT_DOC, 120]] },
        }),
      };
    }
    const article = /^articles\/(.+)\.json$/.exec(path);
    if (article && ids.includes(article[1] as string)) return { status: 200, body: articleFor(article[1] as string) };
    return undefined;
  });
}

describe('search', () => {
  it('searches from the header: Enter opens /search?q=, results show marked words, date and categories', async () => {
    serveIndex();
    const { router } = renderApp('/');
    const box = await screen.findByRole('searchbox', { name: '搜索' });
    await userEvent.type(box, '码头{Enter}');
    await waitFor(() => expect(router.state.location.search).toBe('?q=%E7%A0%81%E5%A4%B4'));
    expect(router.state.location.pathname).toBe('/search');
    expect(await screen.findByRole('heading', { level: 1, name: '“码头”的搜索结果' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('找到 1 篇相关文章');
    const result = screen.getByRole('article', { name: '港口的一天' });
    // The match is in a caption: the snippet comes from there, the word marked.
    expect(within(result).getByText('码头', { selector: 'mark' })).toBeInTheDocument();
    expect(within(result).getByRole('link', { name: '港口的一天' })).toHaveAttribute('href', '/article/port');
    expect(within(result).getByRole('link', { name: '财经' })).toBeInTheDocument();
    expect(within(result).getByRole('time')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('搜索：码头 · 新闻阅读'));
  });

  it('opens at a shared /search?q= URL, ranks by relevance then date, and pages', async () => {
    serveIndex();
    renderApp('/search?q=港口');
    expect(await screen.findByRole('status')).toHaveTextContent('找到 12 篇相关文章 · 第 1 / 2 页');
    expect(screen.getByRole('searchbox', { name: '搜索' })).toHaveValue('港口');
    const titles = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(titles).toEqual(['港口的一天', ...Array.from({ length: 9 }, (_, n) => `第${n + 1}篇文章`)]);
    await userEvent.click(screen.getByRole('link', { name: '下一页' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('第 2 / 2 页'));
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      '第10篇文章',
      '第11篇文章',
    ]);
  });

  it('says so when nothing matches, and when the query is empty', async () => {
    serveIndex();
    const { router } = renderApp('/search?q=火星');
    expect(await screen.findByText('没有找到与“火星”相关的文章。')).toBeInTheDocument();
    await router.navigate('/search');
    expect(await screen.findByText(/在上方的搜索框输入/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: '搜索' })).toBeInTheDocument();
  });

  it('works for a one-character query', async () => {
    serveIndex();
    mockData((path) => {
      if (path === 'search/0123abcd/terms/0.bin')
        return { status: 200, body: encodeChunk({ 港: { postings: [[PORT_DOC, 99]] } }) };
      if (path === 'manifest.json') return { status: 200, body: manifestFor(12, 20) };
      if (path === 'search/0123abcd/docs/0.json') return { status: 200, body: docIds };
      if (path === 'articles/port.json') return { status: 200, body: photoArticle };
      return undefined;
    });
    renderApp('/search?q=港');
    expect(await screen.findByRole('status')).toHaveTextContent('找到 1 篇相关文章');
    const title = screen.getByRole('heading', { level: 2 });
    expect(title).toHaveTextContent('港口的一天');
    expect(within(title).getByText('港', { selector: 'mark' })).toBeInTheDocument();
  });

  it('focuses the box with /, and Escape leaves it with the query kept', async () => {
    serveIndex();
    renderApp('/');
    const box = await screen.findByRole('searchbox', { name: '搜索' });
    await userEvent.keyboard('/');
    expect(box).toHaveFocus();
    expect(box).toHaveValue('');
    await userEvent.keyboard('东港{Escape}');
    expect(box).not.toHaveFocus();
    expect(box).toHaveValue('东港');
  });

  it('finds the new index when the data was rebuilt after the manifest was read', async () => {
    const fetchMock = serveIndex();
    const serve = fetchMock.getMockImplementation() as (input: RequestInfo | URL) => Promise<Response>;
    let manifests = 0;
    fetchMock.mockImplementation(async (input) => {
      const url = String(input);
      if (url.endsWith('/manifest.json') && manifests++ === 0) {
        // The first manifest names an index folder a rebuild has since removed.
        const old = { ...manifestFor(12, 20) };
        old.search = { ...old.search, path: 'search/00000000' };
        return new Response(JSON.stringify(old), { headers: { 'Content-Type': 'application/json' } });
      }
      return serve(input);
    });
    renderApp('/search?q=码头');
    expect(await screen.findByRole('article', { name: '港口的一天' })).toBeInTheDocument();
    expect(manifests).toBe(2);
  });

  it('offers a retry when the index cannot be read', async () => {
    let broken = true;
    const fetchMock = serveIndex();
    const serve = fetchMock.getMockImplementation();
    fetchMock.mockImplementation(async (input) => {
      if (broken && String(input).includes('/terms/')) return new Response('nope', { status: 500 });
      return (serve as (input: RequestInfo | URL) => Promise<Response>)(input);
    });
    renderApp('/search?q=码头');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('搜索失败');
    broken = false;
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('article', { name: '港口的一天' })).toBeInTheDocument();
  });
});
