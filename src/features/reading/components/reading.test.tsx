// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ALL_SLUG } from '../../../lib/content-contract.ts';
import { listFile, manifestFor, photoArticle, summary } from '../../../test/fixture-data.ts';
import { mockData, renderApp } from '../../../test/render-app.tsx';
import { readingQueryOptions } from '../api/get-reading.ts';

const PAGE_SIZE = 20;
const items = [{ ...summary(1), id: 'port', title: '港口的一天' }, ...[2, 3].map((n) => summary(n))];

function serve() {
  mockData((path) => {
    if (path === 'manifest.json') return { status: 200, body: manifestFor(items.length, PAGE_SIZE) };
    if (path === 'articles/port.json') return { status: 200, body: photoArticle };
    return listFile(`lists/${ALL_SLUG}`, items, PAGE_SIZE, path);
  });
}

const card = (title: string) => screen.getByRole('article', { name: title });

describe('what the browser remembers', () => {
  it('marks an article read when it is opened: its card is quieter and says so', async () => {
    serve();
    const { router, queryClient } = renderApp('/');
    expect(await screen.findByRole('link', { name: '港口的一天' })).toBeInTheDocument();
    await waitFor(() => expect(queryClient.getQueryData(readingQueryOptions().queryKey)).toBeDefined());
    expect(card('港口的一天')).not.toHaveClass('card--read');
    await router.navigate('/article/port');
    expect(await screen.findByRole('heading', { level: 1, name: '港口的一天' })).toBeInTheDocument();
    await waitFor(() =>
      expect(queryClient.getQueryData(readingQueryOptions().queryKey)?.records.get('port')?.readAt).toBeDefined(),
    );
    await router.navigate('/');
    expect(await screen.findByRole('link', { name: '港口的一天' })).toBeInTheDocument();
    expect(card('港口的一天')).toHaveClass('card--read');
    expect(within(card('港口的一天')).getByText('已读')).toBeInTheDocument();
    expect(card('第2篇文章')).not.toHaveClass('card--read');
    // The navigation counts what is unread: the manifest's sizes less what was opened.
    const nav = screen.getByRole('navigation', { name: '分类' });
    expect(within(nav).getByRole('link', { name: /^全部/ })).toHaveTextContent('全部2篇未读');
    expect(within(nav).getByRole('link', { name: /^财经/ })).toHaveTextContent('财经1篇未读');
    expect(within(nav).getByRole('link', { name: /^体育/ })).toHaveTextContent('体育1篇未读');
  });

  it('saves from a card and from the article (button and s), and /saved lists the saved, newest saved first', async () => {
    serve();
    const { router } = renderApp('/');
    const save = await within(await screen.findByRole('article', { name: '第3篇文章' })).findByRole('button', {
      name: '收藏',
    });
    await waitFor(() => expect(save).toBeEnabled());
    await userEvent.click(save);
    await waitFor(() => expect(save).toHaveAttribute('aria-pressed', 'true'));
    expect(save).toHaveTextContent('★收藏');

    await router.navigate('/article/port');
    const articleSave = await screen.findByRole('button', { name: '收藏' });
    await waitFor(() => expect(articleSave).toBeEnabled());
    await userEvent.keyboard('s');
    await waitFor(() => expect(articleSave).toHaveAttribute('aria-pressed', 'true'));

    await router.navigate('/saved');
    const list = await screen.findByRole('list', { name: '收藏的文章' });
    expect(
      within(list)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['港口的一天', '第3篇文章']);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('收藏2 篇');
    // Unsaved from the list, it leaves it.
    await userEvent.click(within(list).getAllByRole('button', { name: '收藏', pressed: true })[0] as HTMLElement);
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(1));
  });

  it('says when the browser keeps nothing, and still works for this visit', async () => {
    serve();
    globalThis.indexedDB = undefined as unknown as IDBFactory;
    renderApp('/saved');
    expect(await screen.findByRole('alert')).toHaveTextContent('这个浏览器不能保存阅读记录');
    expect(screen.getByText('已读 0 篇，收藏 0 篇。记录只保存在这个浏览器里，不会上传。')).toBeInTheDocument();
  });

  it('imports an export file, merging it; refuses a bad one whole, with the reason; clears on confirmation', async () => {
    serve();
    renderApp('/saved');
    const file = (text: string) => new File([text], 'records.json', { type: 'application/json' });
    const input = await screen.findByLabelText('选择要导入的阅读记录文件');
    await userEvent.upload(input, file('{"format":"other"}'));
    expect(await screen.findByText('这不是本站导出的阅读记录文件，没有导入任何内容。')).toHaveAttribute(
      'role',
      'status',
    );
    const exported = {
      format: 'news-reader-local-data',
      version: 1,
      exportedAt: '2024-06-01T00:00:00.000Z',
      articles: [
        { id: 'port', title: '港口的一天', date: photoArticle.date, categories: ['财经'], savedAt: 5, readAt: 4 },
      ],
    };
    await userEvent.upload(input, file(JSON.stringify(exported)));
    expect(await screen.findByText('已导入 1 条记录，与本机的记录合并。')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: '收藏的文章' })).toHaveTextContent('港口的一天');
    expect(screen.getByText(/^已读 1 篇，收藏 1 篇。/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '清除记录' }));
    await userEvent.click(screen.getByRole('button', { name: '确定清除' }));
    expect(await screen.findByText('已清除本机的阅读记录。')).toBeInTheDocument();
    expect(screen.getByText(/^已读 0 篇，收藏 0 篇。/)).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: '收藏的文章' })).toBeNull();
  });

  it('marks a list read, says how many, and undoes it; only unread, kept in the address, leaves the read out', async () => {
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(items.length, PAGE_SIZE) };
      if (path === 'articles/port.json') return { status: 200, body: photoArticle };
      const of = (name: string) => items.filter((item) => item.categories.includes(name));
      return (
        listFile(`lists/${ALL_SLUG}`, items, PAGE_SIZE, path) ??
        listFile('lists/c-1', of('财经'), PAGE_SIZE, path) ??
        listFile('lists/c-2', of('体育'), PAGE_SIZE, path)
      );
    });
    const { router } = renderApp('/');
    const nav = screen.getByRole('navigation', { name: '分类' });
    const markAll = await screen.findByRole('button', { name: '全部标为已读' });
    await waitFor(() => expect(markAll).toBeEnabled());
    expect(within(nav).getByRole('link', { name: /^全部/ })).toHaveTextContent('全部3篇未读');

    await router.navigate('/category/%E8%B4%A2%E7%BB%8F');
    expect(await screen.findByRole('heading', { level: 1, name: /^财经/ })).toBeInTheDocument();
    const markCategory = await screen.findByRole('button', { name: '全部标为已读' });
    await waitFor(() => expect(markCategory).toBeEnabled());
    await userEvent.click(markCategory);
    // 财经 (港口的一天 and 第3篇文章) is read; all articles less those two.
    expect(await screen.findByText('已将 2 篇标为已读')).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: /^财经/ })).toHaveTextContent('财经0篇未读');
    expect(within(nav).getByRole('link', { name: /^全部/ })).toHaveTextContent('全部1篇未读');
    expect(card('港口的一天')).toHaveClass('card--read');

    await userEvent.click(screen.getByRole('button', { name: '撤销' }));
    await waitFor(() => expect(within(nav).getByRole('link', { name: /^全部/ })).toHaveTextContent('全部3篇未读'));
    expect(card('港口的一天')).not.toHaveClass('card--read');

    // Marked again, then another category: it starts afresh, with no notice of this one's mark.
    await userEvent.click(screen.getByRole('button', { name: '全部标为已读' }));
    expect(await screen.findByText('已将 2 篇标为已读')).toBeInTheDocument();
    await router.navigate('/category/%E4%BD%93%E8%82%B2');
    expect(await screen.findByRole('heading', { level: 1, name: /^体育/ })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '全部标为已读' })).toBeInTheDocument();
    expect(screen.queryByText('已将 2 篇标为已读')).toBeNull();
    await router.navigate('/category/%E8%B4%A2%E7%BB%8F');
    expect(await screen.findByRole('button', { name: '全部标为已读' })).toBeInTheDocument();
    expect(screen.queryByText('已将 2 篇标为已读')).toBeNull();

    // Only unread, in the address: the article opened is left out.
    await router.navigate('/article/port');
    expect(await screen.findByRole('heading', { level: 1, name: '港口的一天' })).toBeInTheDocument();
    await router.navigate('/');
    await userEvent.click(await screen.findByRole('link', { name: /^只看未读/ }));
    expect(router.state.location.search).toBe('?unread=1');
    // The unread view comes with its chunk (the list stays until then).
    expect(await screen.findByText('没有更多未读文章了。')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^只看未读/ })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: '第2篇文章' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '港口的一天' })).toBeNull();

    // All read: the unread view says so, with the way back.
    await userEvent.click(screen.getByRole('button', { name: '全部标为已读' }));
    expect(await screen.findByText('这里的文章都读过了。')).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: /^全部/ })).toHaveTextContent('全部0篇未读');
    expect(within(nav).getByRole('link', { name: /^体育/ })).toHaveTextContent('体育0篇未读');
    expect(within(nav).getByRole('link', { name: /^财经/ })).toHaveTextContent('财经0篇未读');
  });

  it('says when a list cannot be marked read (its first page cannot be had), and marks nothing', async () => {
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(items.length, PAGE_SIZE) };
      if (path.startsWith('lists/c-2/')) return { status: 500, body: {} };
      return listFile(`lists/${ALL_SLUG}`, items, PAGE_SIZE, path);
    });
    renderApp('/category/%E4%BD%93%E8%82%B2');
    const markAll = await screen.findByRole('button', { name: '全部标为已读' });
    await waitFor(() => expect(markAll).toBeEnabled());
    await userEvent.click(markAll);
    const said = await screen.findByText(/没能标为已读/);
    expect(within(said).getByRole('button', { name: '重试' })).toBeEnabled();
    const nav = screen.getByRole('navigation', { name: '分类' });
    expect(within(nav).getByRole('link', { name: /^体育/ })).toHaveTextContent('体育1篇未读');
  });
});
