import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../src/lib/content-contract.ts';
import { articleHead } from './article-page.ts';
import { PageTemplate } from './page-template.ts';

const SHELL = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'" />
    <meta name="description" content="快速、安全的新闻阅读器" />
    <title>新闻阅读</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const summary: ArticleSummary = {
  id: '港口_001',
  title: '海港吞吐量稳中有升',
  date: '2024-10-14T02:30:00.000Z',
  updated: '2024-10-15T08:00:00.000Z',
  author: '滨海日报',
  categories: ['财经', '要闻'],
  tags: ['港口', '外贸'],
  cover: '/data/assets/港口_001/dawn.jpg',
  excerpt: '今年前三季度，滨海港累计完成集装箱吞吐量一千零八十万标准箱。',
  photoCount: 3,
  readingMinutes: 2,
};

/** The page as a browser reads it: each meta by its name or property. */
function headOf(html: string) {
  const { document } = new JSDOM(html).window;
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? undefined;
  return { document, meta, canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href') };
}

describe('an article entry page', () => {
  const site = new URL('https://news.example.cn/');

  it('carries the title, description and link preview, with absolute addresses', () => {
    const html = new PageTemplate(SHELL).page(articleHead(summary, site));
    const { document, meta, canonical } = headOf(html);
    expect(document.title).toBe('海港吞吐量稳中有升 · 新闻阅读');
    expect(document.querySelectorAll('title')).toHaveLength(1);
    expect(document.querySelectorAll('meta[name=description]')).toHaveLength(1);
    expect(meta('description')).toBe(summary.excerpt);
    expect(canonical).toBe('https://news.example.cn/article/%E6%B8%AF%E5%8F%A3_001');
    expect(meta('og:url')).toBe(canonical);
    expect(meta('og:type')).toBe('article');
    expect(meta('og:title')).toBe(summary.title);
    expect(meta('og:description')).toBe(summary.excerpt);
    expect(meta('og:image')).toBe('https://news.example.cn/data/assets/%E6%B8%AF%E5%8F%A3_001/dawn.jpg');
    expect(meta('article:published_time')).toBe(summary.date);
    expect(meta('article:modified_time')).toBe(summary.updated);
    expect(meta('article:section')).toBe('财经');
    expect(
      [...document.querySelectorAll('meta[property="article:tag"]')].map((m) => m.getAttribute('content')),
    ).toEqual(['港口', '外贸']);
    expect(meta('twitter:card')).toBe('summary_large_image');
  });

  it('keeps the rest of the app page byte for byte: its CSP, scripts and body', () => {
    const html = new PageTemplate(SHELL).page(articleHead(summary, site));
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'" />`);
    expect(html).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    expect(html.slice(html.indexOf('</head>'))).toBe(SHELL.slice(SHELL.indexOf('</head>')));
    expect(html.indexOf('<meta charset="UTF-8" />')).toBeLessThan(html.indexOf('<title>'));
  });

  it("preloads the data the app asks for first, under the app's base path", () => {
    const shell = new PageTemplate(SHELL.replace('/assets/index-abc.js', '/news/assets/index-abc.js'));
    expect(shell.base).toBe('/news/');
    const { document } = headOf(shell.page(articleHead(summary, site, shell.base)));
    const preloads = [...document.querySelectorAll('link[rel=preload]')].map((link) => [
      link.getAttribute('href'),
      link.getAttribute('as'),
      link.hasAttribute('crossorigin'),
    ]);
    expect(preloads).toEqual([
      ['/news/data/manifest.json', 'fetch', true],
      ['/news/data/articles/%E6%B8%AF%E5%8F%A3_001.json', 'fetch', true],
    ]);
    // A page without the app's module script names no base: nothing to preload from.
    expect(new PageTemplate('<html><head><title>x</title></head></html>').base).toBeUndefined();
  });

  it('a site under a sub-folder keeps it in every address', () => {
    const { canonical } = headOf(
      new PageTemplate(SHELL).page(articleHead(summary, new URL('https://example.cn/news/'))),
    );
    expect(canonical).toBe('https://example.cn/news/article/%E6%B8%AF%E5%8F%A3_001');
  });

  it('without a site address, leaves out what must be absolute', () => {
    const { meta, canonical } = headOf(new PageTemplate(SHELL).page(articleHead(summary, undefined)));
    expect(canonical).toBeUndefined();
    expect(meta('og:url')).toBeUndefined();
    expect(meta('og:image')).toBeUndefined();
    expect(meta('twitter:card')).toBe('summary');
    // A photo on another host is absolute already.
    const remote = { ...summary, cover: 'https://img.example-news.cn/a.jpg' };
    expect(headOf(new PageTemplate(SHELL).page(articleHead(remote, undefined))).meta('og:image')).toBe(
      'https://img.example-news.cn/a.jpg',
    );
  });

  it('a hostile title or excerpt stays text: nothing closes the tag or opens a script', () => {
    const hostile = {
      ...summary,
      title: '</title><script>alert(1)</script>',
      excerpt: '" /><script>alert(2)</script><meta x="',
      tags: ['"><img src=x onerror=alert(3)>'],
    };
    const html = new PageTemplate(SHELL).page(articleHead(hostile, site));
    const { document, meta } = headOf(html);
    expect(document.querySelectorAll('script')).toHaveLength(1); // the app's own
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(document.title).toBe('</title><script>alert(1)</script> · 新闻阅读');
    expect(meta('og:description')).toBe(hostile.excerpt);
  });

  it('refuses a page it cannot place a head in', () => {
    expect(() => new PageTemplate('<html><body>no head</body></html>')).toThrow('no </head>');
  });
});
