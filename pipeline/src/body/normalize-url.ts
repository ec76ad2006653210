// Browsers ignore tabs and newlines inside URLs and leading control characters,
// so `java\tscript:` is `javascript:`; strip them before judging the scheme.
// eslint-disable-next-line no-control-regex
const IGNORED_BY_BROWSERS = /[\t\n\r]|^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const SITE = 'https://site.invalid';

/**
 * Returns a URL the reader may load, or undefined:
 * - `http(s)://…` stays (normalized); `//host/…` becomes `https://host/…`;
 * - a path without a scheme is a file of this site (`/sample-photos/a.svg`),
 *   which the app resolves against its base URL;
 * - every other scheme (`javascript:`, `data:`, `file:` …) is refused.
 */
export function normalizeUrl(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const value = raw.replace(IGNORED_BY_BROWSERS, '');
  if (value === '') return undefined;
  if (value.startsWith('//')) return normalizeUrl(`https:${value}`);
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  try {
    if (scheme !== undefined) {
      if (scheme !== 'http' && scheme !== 'https') return undefined;
      const url = new URL(value);
      return url.hostname === '' ? undefined : url.href;
    }
    if (value.startsWith('\\')) return undefined;
    const url = new URL(value.startsWith('/') ? value : `/${value}`, SITE);
    return url.origin === SITE ? `${url.pathname}${url.search}${url.hash}` : undefined;
  } catch {
    return undefined;
  }
}

/** The largest candidate of a `srcset` (by width or density descriptor). */
export function largestSrcsetCandidate(srcset: string | undefined): string | undefined {
  if (!srcset) return undefined;
  let best: { url: string; size: number } | undefined;
  for (const candidate of srcset.split(/,\s+/)) {
    const [url, descriptor] = candidate.trim().split(/\s+/);
    if (!url) continue;
    const size = Number.parseFloat(descriptor ?? '1') || 1;
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url;
}
