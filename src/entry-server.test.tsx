import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createPageRenderer } from './entry-server.tsx';
import { type Article, dataPaths, type PageData } from './lib/content-contract.ts';
import { listFiles, manifestFor, photoArticle, summary } from './test/fixture-data.ts';
import { PAYLOADS } from './test/hostile-payloads.ts';

const renderer = createPageRenderer();
const manifest = manifestFor(3, 20);

async function renderArticle(article: Article) {
  const page = await renderer.render({
    path: `/article/${encodeURIComponent(article.id)}`,
    files: { [dataPaths.manifest()]: manifest, [dataPaths.article(article.id)]: article },
  });
  const document = new JSDOM(
    `<div id="root">${page.root}</div><script type="application/json" id="page-data">${page.data}</script>`,
  ).window.document;
  return { page, document };
}

describe('the server build (prerendered entry pages)', () => {
  it('renders an article as the app does: header, gallery with captions and credits, body, neighbours', async () => {
    const { document } = await renderArticle(photoArticle);
    expect(document.querySelector('h1')?.textContent).toBe('港口的一天');
    const gallery = document.querySelector('[aria-label^="文章图片"]');
    expect(gallery?.textContent).toContain('码头灯火通明。');
    expect(gallery?.textContent).toContain('林小川摄（城市影像）');
    expect(document.querySelector('.article__body')?.textContent).toContain('第二段');
    expect(document.querySelector('[data-article-nav="next"]')?.textContent).toContain('第2篇文章');
    // The layout's header and footer, from the manifest handed over.
    expect(document.querySelector('.site-footer')?.textContent).toContain('共 3 篇文章');
    // The date as the site (China) has it: the reader's zone and "3 hours ago" come with hydration.
    expect(document.querySelector('.article__meta time')?.textContent).toBe('2024年4月29日 10:00');
    // Nothing to run in the page: the data rides in a JSON script.
    expect(document.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0);
  });

  it('carries the data it was rendered from, which cannot end its script element', async () => {
    const article = { ...photoArticle, title: '标题</script><script>alert(1)</script>' };
    const { page, document } = await renderArticle(article);
    expect(page.data).not.toContain('<');
    const carried = JSON.parse(document.getElementById('page-data')?.textContent ?? '') as PageData;
    expect(carried.path).toBe('/article/port');
    expect(carried.files[dataPaths.article('port')]).toEqual(article);
    expect(document.querySelector('h1')?.textContent).toBe(article.title);
  });

  // DOMPurify with the browser's configuration and hooks, over jsdom: the project's whole hostile corpus.
  it.each(PAYLOADS.map((payload) => [payload.id, payload.html]))('sanitizes corpus case %s', async (_, html) => {
    const { document } = await renderArticle({ ...photoArticle, html: `<p>前文</p>${html}<p>后文</p>` });
    const body = document.querySelector('.article__body');
    expect(body?.textContent).toContain('前文');
    expect(
      body?.querySelector('script, style, form, iframe, object, embed, svg, math, base, meta, link, template'),
    ).toBeNull();
    for (const element of body?.querySelectorAll('*') ?? []) {
      for (const { name, value } of element.attributes) {
        expect(name).not.toMatch(/^on/i);
        expect(name).not.toBe('style');
        expect(value.replace(/[\t\n\r]/g, '')).not.toMatch(/^\s*(javascript|vbscript):|^\s*data:text/i);
      }
    }
  });

  it('keeps only the content classes, so that an article cannot dress as the app', async () => {
    const { document } = await renderArticle({
      ...photoArticle,
      html: '<div class="dialog site-header skip-link"><p class="article__title">请登录</p></div>',
    });
    expect(document.querySelector('.article__body [class]')).toBeNull();
  });

  it('renders a category list from its head', async () => {
    const items = [summary(1), summary(3), summary(5)];
    const page = await renderer.render({
      path: '/category/%E8%B4%A2%E7%BB%8F',
      files: {
        [dataPaths.manifest()]: manifest,
        'lists/c-1/head.json': listFiles('lists/c-1', items, 20).get('lists/c-1/head.json'),
      },
    });
    const document = new JSDOM(page.root).window.document;
    expect(document.querySelector('h1')?.textContent).toContain('财经');
    expect([...document.querySelectorAll('h2')].map((heading) => heading.textContent)).toEqual([
      '第1篇文章',
      '第3篇文章',
      '第5篇文章',
    ]);
  });

  it('refuses to render a page whose data was not handed over, or that does not exist', async () => {
    await expect(
      renderer.render({ path: '/article/port', files: { [dataPaths.manifest()]: manifest } }),
    ).rejects.toThrow(/articles.*port/);
    await expect(
      renderer.render({ path: '/category/%E6%97%A0', files: { [dataPaths.manifest()]: manifest } }),
    ).rejects.toThrow(/404/);
  });
});
