import { dataHref } from '../../../src/lib/content-contract.ts';
import { feedUrls } from '../feeds/feed-urls.ts';
import { escapeMarkup } from './escape-markup.ts';

/** Also in src/config/paths.ts (the app's document titles); the pipeline shares no app code. */
export const SITE_NAME = '新闻阅读';

/** The tags of an entry page's head, escaped as they are added. */
export class HeadTags {
  private readonly tags: string[] = [];

  /**
   * The data the app asks for first (paths under its data folder), fetched while its script
   * loads instead of after it ran; `base` is the app's base path (PageTemplate.base).
   */
  preload(base: string | undefined, files: readonly string[]): this {
    if (base === undefined) return this;
    for (const file of files)
      this.tags.push(`<link rel="preload" href="${escapeMarkup(dataHref(base, file))}" as="fetch" crossorigin />`);
    return this;
  }

  /** The document title as the app sets it: `<title> · 新闻阅读`. */
  title(text: string): this {
    this.tags.push(`<title>${escapeMarkup(`${text} · ${SITE_NAME}`)}</title>`);
    return this;
  }

  meta(attribute: 'name' | 'property', key: string, content: string): this {
    this.tags.push(`<meta ${attribute}="${key}" content="${escapeMarkup(content)}" />`);
    return this;
  }

  /**
   * Links to a list's feeds (written whenever there is a site address, stage-feeds.ts), for feed
   * readers and browsers that discover them from a page.
   */
  feeds(slug: string, title: string, site: URL | undefined): this {
    if (!site) return this;
    const { atom, json } = feedUrls(slug, site);
    const name = escapeMarkup(title);
    this.tags.push(`<link rel="alternate" type="application/atom+xml" title="${name}" href="${escapeMarkup(atom)}" />`);
    this.tags.push(
      `<link rel="alternate" type="application/feed+json" title="${name}" href="${escapeMarkup(json)}" />`,
    );
    return this;
  }

  canonical(url: string): this {
    this.tags.push(`<link rel="canonical" href="${escapeMarkup(url)}" />`);
    return this;
  }

  toString(): string {
    return this.tags.join('\n    ');
  }
}

/** A photo's address as a preview needs it: absolute http(s), or nothing. */
export function absolutePhoto(src: string, site: URL | undefined): string | undefined {
  if (/^https?:\/\//i.test(src)) return src;
  if (!site) return undefined;
  const url = new URL(src.replace(/^\/+/, ''), site);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
