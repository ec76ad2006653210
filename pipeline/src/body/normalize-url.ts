import { MAX_URL_LENGTH } from '../read/input-limits.ts';

// Browsers ignore tabs and newlines inside URLs, and controls and spaces around them, so
// `java\tscript:` is `javascript:`: remove them before judging the scheme. The ends are
// trimmed by index: `[\u0000-\u0020]+$` backtracks over every inner run (200,000 spaces
// inside an image URL took 67 s).
const TABS_AND_NEWLINES = /[\t\n\r]/g;

function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const SITE = 'https://site.invalid';

// An http(s) URL that the URL parser gives back unchanged: a lower-case host whose last label
// starts with a letter (so it is no IPv4 address), no punycode, port or user, and a path and
// query of characters that are never percent-encoded, with no `.` or `..` segment to resolve.
// Nearly every photo of a scraped article is one; the parser costs microseconds each.
const CANONICAL_HTTP =
  /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[\w\-.~/!$&()*+,;=:@]*(?:\?[\w\-.~/!$&()*+,;=:@?]*)?$/;
const DOT_SEGMENT = /\/\.{1,2}(?:[/?]|$)/;
const PUNYCODE = /[/.]xn--/;

/** Whether `new URL(value).href` is `value` itself (see CANONICAL_HTTP). */
export function isCanonicalHttpUrl(value: string): boolean {
  return CANONICAL_HTTP.test(value) && !DOT_SEGMENT.test(value) && !PUNYCODE.test(value);
}

/**
 * Returns a URL the reader may load, or undefined:
 * - `http(s)://…` stays (normalized); `//host/…` becomes `https://host/…`;
 * - a path without a scheme is a file of this site (`/sample-photos/a.svg`),
 *   which the app resolves against its base URL;
 * - every other scheme (`javascript:`, `data:`, `file:` …) is refused.
 */
export function normalizeUrl(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw.length > MAX_URL_LENGTH * 4) return undefined; // far past the limit, whatever the spaces
  const value = trimControls(raw).replace(TABS_AND_NEWLINES, '');
  if (value.length > MAX_URL_LENGTH) return undefined;
  if (value === '') return undefined;
  if (value.startsWith('//')) return normalizeUrl(`https:${value}`);
  if (isCanonicalHttpUrl(value)) return value;
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
