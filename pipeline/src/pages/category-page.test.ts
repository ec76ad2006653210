import { describe, expect, it } from 'vitest';
import { categoryFolder, categoryHead, categoryUrl } from './category-page.ts';

describe('a category entry page', () => {
  it('lives where a static host looks after decoding the address once', () => {
    const site = new URL('https://news.example.cn/');
    for (const name of ['财经', '..', '.', '~x', '%2F', 'a b#c?', '港'.repeat(60)]) {
      const folder = categoryFolder(name);
      expect(folder, name).toBeDefined();
      const segment = new URL(categoryUrl(name, site)).pathname.slice('/category/'.length);
      expect(decodeURIComponent(segment), name).toBe(folder);
    }
    expect(categoryFolder('..')).toBe('~..');
  });

  it('has none for a name no folder can hold', () => {
    expect(categoryFolder('a/b')).toBeUndefined();
    expect(categoryFolder('a\0b')).toBeUndefined();
    expect(categoryFolder('港'.repeat(70))).toBeUndefined(); // 210 bytes
  });

  it('says what the category holds and previews its newest article', () => {
    const head = categoryHead(
      { name: '财经', slug: 'c_1', count: 42, pages: 3 },
      {
        id: 'a',
        title: '港口<新闻>',
        date: '2024-01-01T00:00:00.000Z',
        categories: ['财经'],
        tags: [],
        cover: 'https://img.example-news.cn/a.jpg',
        excerpt: '…',
        photoCount: 1,
        readingMinutes: 1,
      },
      new URL('https://news.example.cn/'),
      '/',
    );
    expect(head).toContain('<title>财经 · 新闻阅读</title>');
    expect(head).toContain('content="财经：共 42 篇文章。最新：港口&lt;新闻&gt;"');
    expect(head).toContain('<link rel="preload" href="/data/lists/c_1/head.json" as="fetch" crossorigin />');
    expect(head).toContain('<meta property="og:image" content="https://img.example-news.cn/a.jpg" />');
    expect(head).toContain('<link rel="canonical" href="https://news.example.cn/category/%E8%B4%A2%E7%BB%8F" />');
    expect(head).toContain(
      '<link rel="alternate" type="application/atom+xml" title="财经 · 新闻阅读" href="https://news.example.cn/data/feeds/c_1/atom.xml" />',
    );
    expect(head).toContain(
      '<link rel="alternate" type="application/feed+json" title="财经 · 新闻阅读" href="https://news.example.cn/data/feeds/c_1/feed.json" />',
    );
  });
});
