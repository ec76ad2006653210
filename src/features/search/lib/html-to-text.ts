// The pipeline writes article bodies as well-formed, allowlisted HTML; a
// snippet needs only their text. A DOM parser would do it too, but under the
// app's Trusted Types policy every HTML parser is a guarded sink, and text
// never needs one: tags (with quoted attributes) are skipped, entities decoded.

const TAG = /<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const BLOCK_TAG = /^<\/?(?:p|div|br|li|h[1-6]|blockquote|tr|td|th|section|article|figure|figcaption|pre|hr|table)\b/i;
const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const CJK_EDGE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return NAMED[body.toLowerCase()] ?? match;
}

/** The text of an HTML fragment, whitespace collapsed; block boundaries separate words, not Chinese characters. */
export function htmlToText(html: string): string {
  let out = '';
  let last = 0;
  let pendingBreak = false;
  const append = (raw: string) => {
    const text = raw.replace(ENTITY, decodeEntity).replace(/\s+/g, ' ');
    if (!text.trim()) {
      if (text) pendingBreak = true;
      return;
    }
    if (pendingBreak && out && !(CJK_EDGE.test(out.slice(-1)) && CJK_EDGE.test(text.trimStart()[0] ?? ''))) out += ' ';
    out += pendingBreak ? text.trimStart() : text;
    pendingBreak = false;
  };
  for (const match of html.matchAll(TAG)) {
    append(html.slice(last, match.index));
    if (BLOCK_TAG.test(match[0])) pendingBreak = true;
    last = match.index + match[0].length;
  }
  append(html.slice(last));
  return out.trim();
}
