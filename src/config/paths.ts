/** The app's base URL (Vite `base`), always ending in `/`: a deploy under a sub-path works. */
export const BASE_URL = import.meta.env.BASE_URL;

/** URL of a data file under `<base>data/`. */
export function dataUrl(path: string): string {
  return `${BASE_URL}data/${path}`;
}

/**
 * Photo URLs are http(s) or paths of this site (`/sample-photos/a.svg`, from
 * the bundled content); the latter are resolved against the base URL.
 */
export function assetUrl(src: string): string {
  if (/^https?:\/\//i.test(src)) return src;
  return `${BASE_URL}${src.replace(/^\/+/, '')}`;
}

export const routes = {
  home: () => '/',
  category: (name: string) => `/category/${encodeURIComponent(name)}`,
  article: (id: string) => `/article/${encodeURIComponent(id)}`,
  photo: (id: string, n: number) => `/article/${encodeURIComponent(id)}/photo/${n}`,
} as const;

export const SITE_NAME = '新闻阅读';
