// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { manifestFor, photoArticle } from '../../../test/fixture-data.ts';
import { mockData, renderApp } from '../../../test/render-app.tsx';

function serveArticle() {
  mockData((path) => {
    if (path === 'manifest.json') return { status: 200, body: manifestFor(2, 20) };
    if (path === 'articles/port.json') return { status: 200, body: photoArticle };
    return undefined;
  });
}

describe('the article with its gallery and photo viewer', () => {
  it('shows the title, the sanitized body and a gallery of captioned thumbnails', async () => {
    serveArticle();
    renderApp('/article/port');
    expect(await screen.findByRole('heading', { level: 1, name: '港口的一天' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('港口的一天 · 新闻阅读'));
    const gallery = screen.getByRole('complementary', { name: '文章图片（3 张）' });
    const thumbs = within(gallery).getAllByRole('button');
    // Caption and credit under each thumbnail (the credit shows where there is room).
    expect(thumbs.map((thumb) => thumb.textContent)).toEqual([
      '码头灯火通明。林小川摄（城市影像）',
      '桥吊司机在操作。马 青摄',
      '班列驶出港区。',
    ]);
    expect(within(gallery).getByRole('img', { name: '码头灯火通明。' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '东港' })).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('copies a code block, and shares the link to the article and to a photo', async () => {
    const user = userEvent.setup();
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(2, 20) };
      if (path === 'articles/port.json')
        return {
          status: 200,
          body: {
            ...photoArticle,
            html: '<div class="c-code"><pre><code>const a = 1;\n  return a;</code></pre></div><p>正文。</p>',
          },
        };
      return undefined;
    });
    renderApp('/article/port');
    const copy = await screen.findByRole('button', { name: '复制代码' });
    await user.click(copy);
    expect(await navigator.clipboard.readText()).toBe('const a = 1;\n  return a;');
    expect(copy).toHaveTextContent('已复制');

    await user.click(screen.getByRole('button', { name: '分享链接' }));
    expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/article/port`);
    expect(await screen.findByText('链接已复制')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '桥吊司机在操作。' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '分享链接' }));
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe(`${window.location.origin}/article/port/photo/2`),
    );
  });

  it('shows when the article was updated, when that differs from its date', async () => {
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(2, 20) };
      if (path === 'articles/port.json')
        return { status: 200, body: { ...photoArticle, updated: '2024-04-03T02:30:00.000Z' } };
      return undefined;
    });
    renderApp('/article/port');
    const updated = await screen.findByText(/^更新于/);
    expect(updated.querySelector('time')).toHaveAttribute('dateTime', '2024-04-03T02:30:00.000Z');
  });

  it('follows links to a heading or to another article in the reader, and opens others in a new tab', async () => {
    const linked = {
      ...photoArticle,
      html: '<p><a href="#c-h-后文">跳到后文</a>，<a href="/article/a2">另一篇</a>，<a href="https://www.news.cn/">外部</a>。</p><h2 id="c-h-后文">后文</h2><p>结尾。</p>',
    };
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(2, 20) };
      if (path === 'articles/port.json') return { status: 200, body: linked };
      if (path === 'articles/a2.json') return { status: 200, body: { ...photoArticle, id: 'a2', title: '第二篇' } };
      return undefined;
    });
    const { router } = renderApp('/article/port');
    const toHeading = await screen.findByRole('link', { name: '跳到后文' });
    expect(toHeading).not.toHaveAttribute('target');
    expect(screen.getByRole('link', { name: '另一篇' })).not.toHaveAttribute('target');
    expect(screen.getByRole('link', { name: '外部' })).toHaveAttribute('target', '_blank');

    await userEvent.click(toHeading);
    expect(screen.getByRole('heading', { level: 2, name: '后文' })).toHaveFocus();
    expect(router.state.location.pathname).toBe('/article/port');

    await userEvent.click(screen.getByRole('link', { name: '另一篇' }));
    expect(await screen.findByRole('heading', { level: 1, name: '第二篇' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/article/a2');
  });

  it('opens a photo in a labelled modal dialog with its caption, credit and position', async () => {
    serveArticle();
    const { router } = renderApp('/article/port');
    await userEvent.click(await screen.findByRole('button', { name: '桥吊司机在操作。' }));

    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toHaveAccessibleName('港口的一天：图片查看');
    expect(router.state.location.pathname).toBe('/article/port/photo/2');
    expect(within(dialog).getByText('2 / 3')).toBeInTheDocument();
    const caption = dialog.querySelector('figcaption') as HTMLElement;
    expect(caption).toHaveTextContent('桥吊司机在操作。');
    expect(caption).toHaveTextContent('马 青摄');
    expect(caption).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('button', { name: '关闭图片查看' })).toHaveFocus();
    expect(document.getElementById('root') ?? document.body.firstElementChild).toBeTruthy();
  });

  it('moves with the arrow keys and buttons, keeps focus inside, and returns focus on Escape', async () => {
    serveArticle();
    const { router } = renderApp('/article/port');
    await userEvent.click(await screen.findByRole('button', { name: '码头灯火通明。' }));
    const dialog = await screen.findByRole('dialog');

    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/article/port/photo/2'));
    await userEvent.keyboard('{ArrowRight}');
    expect(await within(dialog).findByText('3 / 3')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: '下一张 →' })).toBeDisabled();
    await userEvent.keyboard('{ArrowRight}');
    expect(within(dialog).getByText('3 / 3')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '← 上一张' }));
    expect(await within(dialog).findByText('2 / 3')).toBeInTheDocument();

    // Tab cycles within the dialog.
    const close = within(dialog).getByRole('button', { name: '关闭图片查看' });
    close.focus();
    await userEvent.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    for (let i = 0; i < 4; i++) {
      await userEvent.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }

    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/article/port');
    expect(screen.getByRole('button', { name: '桥吊司机在操作。' })).toHaveFocus();
  });

  it('opens a deep link to a photo, and closing it stays on the article', async () => {
    serveArticle();
    const { router } = renderApp('/article/port/photo/3');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('班列驶出港区。')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '关闭图片查看' }));
    // Focus moves in the commit that removes the dialog: once it is gone, the thumbnail has focus.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/article/port');
    expect(screen.getByRole('button', { name: '班列驶出港区。' })).toHaveFocus();
  });

  it('goes Back once, however fast Escape and the close button are pressed again', async () => {
    serveArticle();
    const { router } = renderApp(['/', '/article/port']);
    await userEvent.click(await screen.findByRole('button', { name: '码头灯火通明。' }));
    const dialog = await screen.findByRole('dialog');
    // Closing goes Back (the viewer was opened here). The extra presses come in the same task,
    // before Back can land, and outside act(), which would render between them.
    const escape = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    escape();
    escape();
    within(dialog).getByRole('button', { name: '关闭图片查看' }).click();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(router.state.location.pathname).toBe('/article/port');
    expect(screen.getByRole('heading', { level: 1, name: '港口的一天' })).toBeInTheDocument();
  });

  it('shows not-found for a photo number the article does not have', async () => {
    serveArticle();
    renderApp('/article/port/photo/9');
    expect(await screen.findByRole('heading', { name: '找不到这个页面' })).toBeInTheDocument();
  });

  it('shows not-found for what is neither the article nor one of its photos', async () => {
    serveArticle();
    for (const rest of ['photo/0', 'photo/02', 'photo/x', 'gallery', 'photo/1/more']) {
      const { unmount } = renderApp(`/article/port/${rest}`);
      expect(await screen.findByRole('heading', { name: '找不到这个页面' }), rest).toBeInTheDocument();
      unmount();
    }
  });

  it('shows not-found for an unknown article', async () => {
    serveArticle();
    renderApp('/article/nope');
    expect(await screen.findByRole('heading', { name: '找不到这个页面' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '返回首页' })).toHaveAttribute('href', '/');
  });

  it('offers a retry that works when the article request fails', async () => {
    let fail = true;
    mockData((path) => {
      if (path === 'manifest.json') return { status: 200, body: manifestFor(2, 20) };
      if (path === 'articles/port.json') return fail ? { status: 500 } : { status: 200, body: photoArticle };
      return undefined;
    });
    renderApp('/article/port');
    expect(await screen.findByRole('alert')).toHaveTextContent('服务器出错（500）');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('heading', { level: 1, name: '港口的一天' })).toBeInTheDocument();
  });
});
