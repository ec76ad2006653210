import { escapeMarkup } from './escape-markup.ts';

/** The protocol's limit of addresses in one sitemap file (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/** Every sitemap and robots.txt this pipeline writes says so: what lacks the line is not ours. */
export const SITEMAP_MARK = 'news-reader content pipeline';

export interface SitemapUrl {
  loc: string;
  /** ISO 8601. */
  lastmod?: string;
}

const XML_HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<!-- ${SITEMAP_MARK} -->\n`;

/** A `<urlset>` of `<url>` entries, or a `<sitemapindex>` of `<sitemap>` entries. */
function sitemapXml(root: 'urlset' | 'sitemapindex', entry: 'url' | 'sitemap', urls: readonly SitemapUrl[]): string {
  const entries = urls.map(
    ({ loc, lastmod }) =>
      `<${entry}><loc>${escapeMarkup(loc)}</loc>${lastmod ? `<lastmod>${escapeMarkup(lastmod)}</lastmod>` : ''}</${entry}>`,
  );
  return `${XML_HEAD}<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</${root}>\n`;
}

const newest = (urls: readonly SitemapUrl[]) =>
  urls.reduce<string | undefined>(
    (max, { lastmod }) => (lastmod && (!max || lastmod > max) ? lastmod : max),
    undefined,
  );

/**
 * The sitemap files for these addresses, by file name: `sitemap.xml` alone up to `limit`
 * addresses; beyond, `sitemap.xml` is an index of `sitemap-1.xml`, `sitemap-2.xml`… Give the
 * addresses oldest first: a new article then changes the last file and the index only.
 */
export function sitemapFiles(urls: readonly SitemapUrl[], site: URL, limit = SITEMAP_LIMIT): Map<string, string> {
  if (urls.length <= limit) return new Map([['sitemap.xml', sitemapXml('urlset', 'url', urls)]]);
  const files = new Map<string, string>();
  const index: SitemapUrl[] = [];
  for (let start = 0, n = 1; start < urls.length; start += limit, n++) {
    const part = urls.slice(start, start + limit);
    const name = `sitemap-${n}.xml`;
    files.set(name, sitemapXml('urlset', 'url', part));
    const lastmod = newest(part);
    index.push({ loc: new URL(name, site).href, ...(lastmod && { lastmod }) });
  }
  files.set('sitemap.xml', sitemapXml('sitemapindex', 'sitemap', index));
  return files;
}

/** robots.txt: everything may be crawled, and the sitemap is here. */
export function robotsTxt(site: URL): string {
  return `# ${SITEMAP_MARK}: written with --site-url; remove this line to keep your own robots.txt\nUser-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', site).href}\n`;
}
