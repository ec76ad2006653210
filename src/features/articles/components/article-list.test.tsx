// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, tagKey } from '../../../lib/content-contract.ts';
import { listFile, manifestFor, photoArticle, summary } from '../../../test/fixture-data.ts';
import { mockData, renderApp } from '../../../test/render-app.tsx';
import { pageWindow } from './pager.tsx';

const PAGE_SIZE = 20;
const all = Array.from({ length: 45 }, (_, i) => summary(i + 1));
const sports = all.filter((item) => item.categories.includes('体育'));

function serveLists() {
  return mockData((path) => {
    if (path === 'manifest.json') return { status: 200, body: manifestFor(45, PAGE_SIZE) };
    return listFile('lists/all', all, PAGE_SIZE, path) ?? listFile('lists/c-2', sports, PAGE_SIZE, path);
  });
}

const titles = () => screen.getAllByRole('article').map((card) => within(card).getByRole('heading').textContent);

describe('the article lists', () => {
  it('shows the newest articles with their categories, and pages through the URL', async () => {
    serveLists();
    const { router } = renderApp('/');
    expect(await screen.findByRole('link', { name: '第1篇文章' })).toBeInTheDocument();
    expect(titles()).toHaveLength(20);
    await waitFor(() => expect(document.title).toBe('新闻阅读'));

    const pager = screen.getByRole('navigation', { name: '分页' });
    expect(within(pager).getByRole('link', { name: '第 1 页' })).toHaveAttribute('aria-current', 'page');
    await userEvent.click(within(pager).getByRole('link', { name: '下一页' }));
    await waitFor(() => expect(titles()[0]).toBe('第21篇文章'));
    expect(router.state.location.search).toBe('?page=2');
    await waitFor(() => expect(document.title).toBe('最新文章 · 第 2 页 · 新闻阅读'));

    await userEvent.click(
      within(screen.getByRole('navigation', { name: '分页' })).getByRole('link', { name: '第 3 页' }),
    );
    await waitFor(() => expect(titles()).toHaveLength(5));
    expect(titles()[4]).toBe('第45篇文章');
  });

  it('reads the head again when a new build shrank the list between the head and the next page', async () => {
    let list = all;
    mockData((path) =>
      path === 'manifest.json'
        ? { status: 200, body: manifestFor(list.length, PAGE_SIZE) }
        : listFile('lists/all', list, PAGE_SIZE, path),
    );
    const { router } = renderApp('/');
    expect(await screen.findByRole('link', { name: '第1篇文章' })).toBeInTheDocument();
    // The fifteen newest are taken down: chunk 2 of the new build is partial, not the full
    // chunk the old head counts on, so the page is placed by the new head.
    list = all.slice(15);
    await userEvent.click(
      within(screen.getByRole('navigation', { name: '分页' })).getByRole('link', { name: '下一页' }),
    );
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'));
    await waitFor(() => expect(titles()).toHaveLength(10));
    expect(titles()[0]).toBe('第36篇文章');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('puts focus back on the card of the article the reader opened, after Back', async () => {
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(45, PAGE_SIZE) };
      if (path === 'lists/all/head.json') return listFile('lists/all', all, PAGE_SIZE, path);
      if (path === 'articles/a3.json') return { status: 200, body: { ...photoArticle, ...summary(3) } };
      return undefined;
    });
    const { router } = renderApp('/');
    await userEvent.click(await screen.findByRole('link', { name: '第3篇文章' }));
    expect(await screen.findByRole('heading', { level: 1, name: '第3篇文章' })).toBeInTheDocument();
    await router.navigate(-1);
    await waitFor(() => expect(screen.getByRole('link', { name: '第3篇文章' })).toHaveFocus());
    expect(router.state.location.pathname).toBe('/');
  });

  it("lists a tag's articles at /tag/:name, reached from a card, paged like a category", async () => {
    const tagged = all.slice(0, 25).map((item) => ({ ...item, tags: ['港口', '夜景'] }));
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(45, PAGE_SIZE) };
      return (
        listFile('lists/all', tagged, PAGE_SIZE, path) ?? listFile(`tags/${tagKey('港口')}`, tagged, PAGE_SIZE, path)
      );
    });
    const { router } = renderApp('/');
    const card = (await screen.findAllByRole('article'))[0] as HTMLElement;
    await userEvent.click(within(within(card).getByRole('list', { name: '标签' })).getByRole('link', { name: '港口' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^港口\s*25 篇$/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/tag/%E6%B8%AF%E5%8F%A3');
    await waitFor(() => expect(document.title).toBe('#港口 · 新闻阅读'));
    expect(titles()).toHaveLength(PAGE_SIZE);
    await userEvent.click(
      within(screen.getByRole('navigation', { name: '分页' })).getByRole('link', { name: '下一页' }),
    );
    await waitFor(() => expect(titles()).toHaveLength(25 - PAGE_SIZE));
    expect(router.state.location.search).toBe('?page=2');
  });

  it('shows not-found for a tag that no article has', async () => {
    serveLists();
    renderApp('/tag/没有这个标签');
    expect(await screen.findByRole('heading', { name: '找不到这个页面' })).toBeInTheDocument();
  });

  it('opens a page from its URL', async () => {
    serveLists();
    renderApp('/?page=3');
    expect(await screen.findByRole('link', { name: '第41篇文章' })).toBeInTheDocument();
  });

  it('filters by category from the navigation, marking the current one', async () => {
    serveLists();
    const { router } = renderApp('/');
    const nav = await screen.findByRole('navigation', { name: '分类' });
    await userEvent.click(await within(nav).findByRole('link', { name: /体育/ }));
    expect(await screen.findByRole('heading', { level: 1, name: /体育/ })).toBeInTheDocument();
    expect(decodeURIComponent(router.state.location.pathname)).toBe('/category/体育');
    await waitFor(() => expect(titles()[0]).toBe('第2篇文章'));
    expect(within(nav).getByRole('link', { name: /体育/ })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(document.title).toBe('体育 · 新闻阅读'));
  });

  it('opens categories whatever their names hold: dots, slashes, percent signs, # and ?', async () => {
    const names = ['..', '.', '%2F', '%2525', 'a/b', '#', 'a?b', '~x', '金融 A'];
    mockData((path) => {
      if (path === 'manifest.json') {
        const manifest = manifestFor(1, PAGE_SIZE);
        manifest.categories = names.map((name, i) => ({ name, slug: `c-${i}`, count: 1, pages: 1 }));
        return { status: 200, body: manifest };
      }
      const match = /^lists\/c-(\d+)\//.exec(path);
      if (!match) return undefined;
      return listFile(
        match[0].slice(0, -1),
        [summary(1, { title: `${names[Number(match[1])]}的文章` })],
        PAGE_SIZE,
        path,
      );
    });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: '分类' });
    // A link or heading reads "<name><count>": its first text is the name.
    const named = (elements: HTMLElement[], name: string) => elements.find((e) => e.firstChild?.textContent === name);
    await within(nav).findByRole('link', { name: /^金融 A/ });
    for (const name of names) {
      const link = named(within(nav).getAllByRole('link'), name) as HTMLElement;
      await userEvent.click(link);
      await waitFor(() => expect(named(screen.getAllByRole('heading', { level: 1 }), name), name).toBeDefined());
      await waitFor(() => expect(titles()).toEqual([`${name}的文章`]));
      expect(link).toHaveAttribute('aria-current', 'page');
    }
  });

  it('shows not-found for an unknown category', async () => {
    serveLists();
    renderApp('/category/不存在');
    expect(await screen.findByRole('heading', { name: '找不到这个页面' })).toBeInTheDocument();
  });

  it('says inside the list that a page is past the end, with links to the first and the last', async () => {
    serveLists();
    const { router } = renderApp('/?page=9');
    expect(await screen.findByRole('heading', { level: 1, name: '最新文章' })).toBeInTheDocument();
    expect(await screen.findByRole('status')).toHaveTextContent('没有第 9 页，共 3 页。');
    expect(screen.getByRole('link', { name: '回到第 1 页' })).toHaveAttribute('href', '/');
    await userEvent.click(screen.getByRole('link', { name: '去最后一页（第 3 页）' }));
    await waitFor(() => expect(router.state.location.search).toBe('?page=3'));
    expect(await screen.findAllByRole('article')).not.toHaveLength(0);
    expect(screen.queryByText(/^没有第/)).toBeNull();
  });

  it('says so for a category page past the end too', async () => {
    serveLists();
    renderApp('/category/体育?page=4');
    expect(await screen.findByRole('status')).toHaveTextContent(/^没有第 4 页，共 \d+ 页。/);
    expect(screen.getByRole('link', { name: '回到第 1 页' })).toHaveAttribute('href', '/category/%E4%BD%93%E8%82%B2');
  });

  it("links a category's feed when the build wrote feeds, and only then", async () => {
    serveLists();
    const { unmount } = renderApp('/category/体育');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('体育');
    expect(screen.queryByRole('link', { name: '订阅' })).toBeNull();
    unmount();
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: { ...manifestFor(45, PAGE_SIZE), feeds: true } };
      return listFile('lists/c-2', sports, PAGE_SIZE, path);
    });
    renderApp('/category/体育');
    expect(await screen.findByRole('link', { name: '订阅' })).toHaveAttribute('href', '/data/feeds/c-2/atom.xml');
  });

  it('explains a failed list request and recovers on retry', async () => {
    let fail = true;
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(45, PAGE_SIZE) };
      if (path === 'lists/all/head.json') return fail ? { status: 503 } : listFile('lists/all', all, PAGE_SIZE, path);
      return undefined;
    });
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('服务器出错（503）');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('link', { name: '第1篇文章' })).toBeInTheDocument();
  });

  it('refuses data of another contract version with a clear message', async () => {
    mockData((path) => {
      if (path === 'manifest.json')
        return { status: 200, body: { ...manifestFor(45, PAGE_SIZE), version: CONTRACT_VERSION + 1 } };
      return listFile('lists/all', all, PAGE_SIZE, path);
    });
    renderApp('/category/体育');
    expect(await screen.findByRole('alert')).toHaveTextContent('数据版本不兼容');
  });
});

describe('pageWindow', () => {
  it('shows the ends and the neighbourhood of the current page', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 5)).toEqual([1, 2, 3, 'gap', 5]);
    expect(pageWindow(50, 1000)).toEqual([1, 'gap', 48, 49, 50, 51, 52, 'gap', 1000]);
    expect(pageWindow(4, 6)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
