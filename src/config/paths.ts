import { dataHref } from '../lib/content-contract.ts';
import { nameSegment } from '../lib/name-segment.ts';

/** The app's base URL (Vite `base`), always ending in `/`: a deploy under a sub-path works. */
export const BASE_URL = import.meta.env.BASE_URL;

/** URL of a data file of this deploy (dataHref). */
export function dataUrl(path: string): string {
  return dataHref(BASE_URL, path);
}

/**
 * Photo URLs are http(s) or paths of this site (`/sample-photos/a.svg`, from
 * the bundled content); the latter are resolved against the base URL.
 */
export function assetUrl(src: string): string {
  if (/^https?:\/\//i.test(src)) return src;
  return `${BASE_URL}${src.replace(/^\/+/, '')}`;
}

/**
 * The name a path's last segment after `/<prefix>/` holds (written by nameSegment), decoded
 * exactly once: react-router's own parameter decodes a `%2F` in a name into `/` (a category
 * named `%2F` became `/`).
 */
export function nameFromPath(prefix: string, pathname: string): string | undefined {
  const marker = `/${prefix}/`;
  const at = pathname.lastIndexOf(marker);
  if (at === -1) return undefined;
  const segment = pathname.slice(at + marker.length);
  if (segment === '' || segment.includes('/')) return undefined;
  try {
    const name = decodeURIComponent(segment);
    return name.startsWith('~') ? name.slice(1) : name;
  } catch {
    return undefined;
  }
}

export const routes = {
  home: () => '/',
  saved: () => '/saved',
  category: (name: string) => `/category/${nameSegment(name)}`,
  tag: (name: string) => `/tag/${nameSegment(name)}`,
  article: (id: string) => `/article/${encodeURIComponent(id)}`,
  photo: (id: string, n: number) => `/article/${encodeURIComponent(id)}/photo/${n}`,
  /** `/search` alone is the empty search page; the query and page ride in the URL. */
  search: (query: string, page = 1) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return search ? `/search?${search}` : '/search';
  },
} as const;

export const SITE_NAME = '新闻阅读';
