import { ALL_SLUG, dataPaths } from '../../../src/lib/content-contract.ts';
import { escapeMarkup } from './escape-markup.ts';
import { HeadTags, SITE_NAME } from './head-tags.ts';

/**
 * The prerendered home page's file, beside the app's page: `index.html` stays the page every
 * other address gets (the single-page fallback), so the home page cannot be it. A host serves
 * this one for `/` (README, Deploying); one that does not serves the app's page, as before.
 */
export const HOME_FILE = 'home.html';

/**
 * The head of the home page: the site's own title and description, what a link preview of the
 * site reads, and a preload of the manifest, which the app checks for news once it has the page.
 */
export function homeHead(description: string | undefined, site: URL | undefined, base?: string): string {
  const head = new HeadTags().preload(base, [dataPaths.manifest()]);
  const tags = [head.toString(), `<title>${escapeMarkup(SITE_NAME)}</title>`];
  const meta = new HeadTags();
  if (description) meta.meta('name', 'description', description);
  if (site) meta.canonical(site.href);
  meta.feeds(ALL_SLUG, SITE_NAME, site);
  meta
    .meta('property', 'og:type', 'website')
    .meta('property', 'og:site_name', SITE_NAME)
    .meta('property', 'og:locale', 'zh_CN');
  meta.meta('property', 'og:title', SITE_NAME);
  if (description) meta.meta('property', 'og:description', description);
  if (site) meta.meta('property', 'og:url', site.href);
  meta.meta('name', 'twitter:card', 'summary');
  tags.push(meta.toString());
  return tags.filter(Boolean).join('\n    ');
}
