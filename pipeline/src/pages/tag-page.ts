import { type ArticleSummary, dataPaths } from '../../../src/lib/content-contract.ts';
import { nameSegment } from '../../../src/lib/name-segment.ts';
import { absolutePhoto, HeadTags, SITE_NAME } from './head-tags.ts';

/**
 * Tag pages prerendered: those of the most used tags. An archive has thousands of tags, and a
 * page costs about 5 ms to render; a tag's page is rendered again only when its list's first
 * page changed (decision 0015).
 */
export const PRERENDER_TAGS = 200;

/** A tag's address in the app, `/tag/<segment>`, as the app writes it. */
export const tagPath = (name: string) => `/tag/${nameSegment(name)}`;

/**
 * The tags to prerender: the `limit` most used (ties by name, so that the choice is stable),
 * with their counts, from the articles' tags.
 */
export function mostUsedTags(tagsOf: Iterable<readonly string[]>, limit: number): [name: string, count: number][] {
  const counts = new Map<string, number>();
  for (const tags of tagsOf) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
}

/** The head of a tag's page: `#name` as the app titles it, its count and newest article. */
export function tagHead(
  name: string,
  count: number,
  newest: ArticleSummary | undefined,
  site: URL | undefined,
  base?: string,
): string {
  const description = `#${name}：共 ${count} 篇文章${newest ? `。最新：${newest.title}` : ''}`;
  const head = new HeadTags()
    .preload(base, [dataPaths.manifest()])
    .title(`#${name}`)
    .meta('name', 'description', description);
  const url = site && new URL(tagPath(name).slice(1), site).href;
  if (url) head.canonical(url);
  head
    .meta('property', 'og:type', 'website')
    .meta('property', 'og:site_name', SITE_NAME)
    .meta('property', 'og:locale', 'zh_CN')
    .meta('property', 'og:title', `#${name} · ${SITE_NAME}`)
    .meta('property', 'og:description', description);
  if (url) head.meta('property', 'og:url', url);
  const image = newest?.cover && absolutePhoto(newest.cover, site);
  if (image) head.meta('property', 'og:image', image);
  head.meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  return head.toString();
}
