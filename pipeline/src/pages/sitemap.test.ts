import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { robotsTxt, type SitemapUrl, sitemapFiles } from './sitemap.ts';

const site = new URL('https://news.example.cn/');

/** Parsed as XML by jsdom: a file that is not well-formed fails here. */
function xml(text: string | undefined) {
  const { document } = new JSDOM(text ?? '', { contentType: 'text/xml' }).window;
  return document;
}

const urls = (n: number): SitemapUrl[] =>
  Array.from({ length: n }, (_, i) => ({
    loc: `https://news.example.cn/article/${i}?a=1&b=<2>`,
    lastmod: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
  }));

describe('the sitemap', () => {
  it('is one urlset up to the limit, well-formed, addresses escaped', () => {
    const files = sitemapFiles(urls(3), site, 3);
    expect([...files.keys()]).toEqual(['sitemap.xml']);
    const document = xml(files.get('sitemap.xml'));
    expect(document.documentElement.localName).toBe('urlset');
    expect(document.documentElement.namespaceURI).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = [...document.getElementsByTagName('loc')].map((loc) => loc.textContent);
    expect(locs).toEqual(urls(3).map((url) => url.loc));
    expect(document.getElementsByTagName('lastmod')[2]?.textContent).toBe('2024-01-03T00:00:00.000Z');
  });

  it('beyond the limit, is an index of parts that hold every address once', () => {
    const files = sitemapFiles(urls(7), site, 3);
    expect([...files.keys()].sort()).toEqual(['sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap.xml']);
    const index = xml(files.get('sitemap.xml'));
    expect(index.documentElement.localName).toBe('sitemapindex');
    const parts = [...index.getElementsByTagName('sitemap')].map((entry) => ({
      loc: entry.getElementsByTagName('loc')[0]?.textContent,
      lastmod: entry.getElementsByTagName('lastmod')[0]?.textContent,
    }));
    expect(parts).toEqual([
      { loc: 'https://news.example.cn/sitemap-1.xml', lastmod: '2024-01-03T00:00:00.000Z' },
      { loc: 'https://news.example.cn/sitemap-2.xml', lastmod: '2024-01-06T00:00:00.000Z' },
      { loc: 'https://news.example.cn/sitemap-3.xml', lastmod: '2024-01-07T00:00:00.000Z' },
    ]);
    const all = [1, 2, 3].flatMap((n) =>
      [...xml(files.get(`sitemap-${n}.xml`)).getElementsByTagName('loc')].map((loc) => loc.textContent),
    );
    expect(all).toEqual(urls(7).map((url) => url.loc));
  });

  it('a new newest address changes only the last part and the index', () => {
    const before = sitemapFiles(urls(7), site, 3);
    const after = sitemapFiles(urls(8), site, 3);
    expect(after.get('sitemap-1.xml')).toBe(before.get('sitemap-1.xml'));
    expect(after.get('sitemap-2.xml')).toBe(before.get('sitemap-2.xml'));
    expect(after.get('sitemap-3.xml')).not.toBe(before.get('sitemap-3.xml'));
  });

  it('holds 50,000 addresses per file by default', () => {
    expect([...sitemapFiles(urls(50_000), site).keys()]).toEqual(['sitemap.xml']);
    expect(sitemapFiles(urls(50_001), site).size).toBe(3);
  });

  it('robots.txt names it', () => {
    expect(robotsTxt(site)).toMatch(/^User-agent: \*$/m);
    expect(robotsTxt(site)).toMatch(/^Sitemap: https:\/\/news\.example\.cn\/sitemap\.xml$/m);
  });
});
