import { type ArticleSummary, dataPaths } from '../../../src/lib/content-contract.ts';
import { absolutePhoto, HeadTags, SITE_NAME } from './head-tags.ts';

/**
 * Articles' addresses on the site: `/article/<id>`, the id percent-encoded as the app does. The
 * base is resolved once: a sitemap of 100,000 addresses parsed each as a URL took 0.1 s.
 */
export function articleUrls(site: URL): (id: string) => string {
  const base = new URL('article/', site).href;
  return (id) => `${base}${encodeURIComponent(id)}`;
}

/**
 * The head of an article's entry page: the title the app gives it, the excerpt as description,
 * and what chat apps and search engines read for a link preview (Open Graph, Twitter card,
 * canonical link). Without a site address, what must be absolute is left out. A prerendered page
 * carries the article's data: it preloads only the manifest, which the app checks for news.
 */
export function articleHead(
  summary: ArticleSummary,
  site: URL | undefined,
  base?: string,
  prerendered = false,
): string {
  const head = new HeadTags()
    .preload(base, prerendered ? [dataPaths.manifest()] : [dataPaths.manifest(), dataPaths.article(summary.id)])
    .title(summary.title)
    .meta('name', 'description', summary.excerpt);
  const url = site && articleUrls(site)(summary.id);
  if (url) head.canonical(url);
  head
    .meta('property', 'og:type', 'article')
    .meta('property', 'og:site_name', SITE_NAME)
    .meta('property', 'og:locale', 'zh_CN')
    .meta('property', 'og:title', summary.title)
    .meta('property', 'og:description', summary.excerpt);
  if (url) head.meta('property', 'og:url', url);
  const image = summary.cover && absolutePhoto(summary.cover, site);
  if (image) head.meta('property', 'og:image', image);
  head.meta('property', 'article:published_time', summary.date);
  if (summary.updated) head.meta('property', 'article:modified_time', summary.updated);
  if (summary.author) head.meta('property', 'article:author', summary.author);
  for (const category of summary.categories.slice(0, 1)) head.meta('property', 'article:section', category);
  for (const tag of summary.tags) head.meta('property', 'article:tag', tag);
  head.meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  return head.toString();
}
