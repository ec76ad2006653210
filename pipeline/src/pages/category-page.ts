import { type ArticleSummary, type CategoryEntry, dataPaths } from '../../../src/lib/content-contract.ts';
import { nameSegment } from '../../../src/lib/name-segment.ts';
import { absolutePhoto, HeadTags, SITE_NAME } from './head-tags.ts';

/** A category's address on the site, `/category/<segment>`, as the app writes it. */
export function categoryUrl(name: string, site: URL): string {
  return new URL(`category/${nameSegment(name)}`, site).href;
}

/**
 * The folder under `category/` where a static host looks for that address: the segment decoded
 * once, as a host decodes a request. Undefined for a name no folder can have (a `/` or a NUL in
 * it, or longer than a file name may be): its address gets the app's page, as before.
 */
export function categoryFolder(name: string): string | undefined {
  const folder = decodeURIComponent(nameSegment(name));
  if (/[/\\\0]/.test(folder) || Buffer.byteLength(folder) > 200) return undefined;
  return folder;
}

/**
 * The head of a category's entry page: its name as the app titles it, how many articles it holds
 * and its newest, and the link preview (the newest article's cover as its picture). A prerendered
 * page carries its list: it preloads only the manifest.
 */
export function categoryHead(
  category: CategoryEntry,
  newest: ArticleSummary | undefined,
  site: URL | undefined,
  base?: string,
  prerendered = false,
): string {
  const description = `${category.name}：共 ${category.count} 篇文章${newest ? `。最新：${newest.title}` : ''}`;
  const head = new HeadTags()
    .preload(base, prerendered ? [dataPaths.manifest()] : [dataPaths.manifest(), dataPaths.listHead(category.slug)])
    .title(category.name)
    .meta('name', 'description', description);
  const url = site && categoryUrl(category.name, site);
  if (url) head.canonical(url);
  head.feeds(category.slug, `${category.name} · ${SITE_NAME}`, site);
  head
    .meta('property', 'og:type', 'website')
    .meta('property', 'og:site_name', SITE_NAME)
    .meta('property', 'og:locale', 'zh_CN')
    .meta('property', 'og:title', `${category.name} · ${SITE_NAME}`)
    .meta('property', 'og:description', description);
  if (url) head.meta('property', 'og:url', url);
  const image = newest?.cover && absolutePhoto(newest.cover, site);
  if (image) head.meta('property', 'og:image', image);
  head.meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  return head.toString();
}
