import { normalizeText } from '../../../lib/search-terms.ts';

export interface TextPart {
  text: string;
  /** A matched word, shown in `<mark>`. */
  mark: boolean;
}

/** Text normalized as the index normalizes it, with a map back to the original positions. */
function normalizeWithMap(text: string): { normalized: string; origin: number[] } {
  let normalized = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) as number;
    const size = code > 0xffff ? 2 : 1;
    const piece = code < 0x80 ? (text[i] as string).toLowerCase() : normalizeText(text.slice(i, i + size));
    for (let k = 0; k < piece.length; k++) origin.push(i);
    normalized += piece;
    i += size;
  }
  origin.push(text.length);
  return { normalized, origin };
}

function bigrams(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length <= 2) return [word];
  return chars.slice(0, -1).map((char, i) => char + chars[i + 1]);
}

/**
 * Where the query's words stand in `text`, as [start, end) ranges of the
 * original text, sorted and merged. A Chinese run that does not occur whole
 * is looked for as bigrams: the index matched it that way.
 */
export function findMatches(text: string, highlights: readonly string[]): [number, number][] {
  if (!text || highlights.length === 0) return [];
  const { normalized, origin } = normalizeWithMap(text);
  const found: [number, number][] = [];
  const collect = (needle: string) => {
    let hit = false;
    for (let at = normalized.indexOf(needle); at !== -1; at = normalized.indexOf(needle, at + needle.length)) {
      found.push([origin[at] as number, origin[at + needle.length] as number]);
      hit = true;
    }
    return hit;
  };
  for (const word of highlights) {
    if (!collect(word)) for (const pair of bigrams(word)) collect(pair);
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function toParts(text: string, ranges: [number, number][], from: number, to: number): TextPart[] {
  const parts: TextPart[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) parts.push({ text: text.slice(at, to), mark: false });
  return parts;
}

/** The whole text, its matches marked (for titles). */
export function markMatches(text: string, highlights: readonly string[]): TextPart[] {
  return toParts(text, findMatches(text, highlights), 0, text.length);
}

/**
 * About `length` characters of `text` around its first match, with the
 * matches marked and an ellipsis where the text was cut; null when nothing
 * in it matches.
 */
export function makeSnippet(text: string, highlights: readonly string[], length = 96): TextPart[] | null {
  const ranges = findMatches(text, highlights);
  const first = ranges[0];
  if (!first) return null;
  // A little context before the match, the rest after it. The window is not
  // slid back to fill its length when the match is near the end: on a phone
  // only its first lines show, and they must hold the match.
  let from = Math.max(0, first[0] - Math.floor(length / 4));
  let to = Math.min(text.length, from + length);
  // Never cut a surrogate pair in two.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from] ?? '')) from--;
  if (to < text.length && /[\udc00-\udfff]/.test(text[to] ?? '')) to++;
  const parts = toParts(text, ranges, from, to);
  if (from > 0) parts.unshift({ text: '…', mark: false });
  if (to < text.length) parts.push({ text: '…', mark: false });
  return parts;
}
