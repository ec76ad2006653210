// Han, kana and Hangul are read character by character; everything else by words.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const NOT_CJK = /[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const CJK_PER_MINUTE = 500;
const WORDS_PER_MINUTE = 230;
const EXCERPT_LENGTH = 120;

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++; // a low surrogate finishes a pair already counted
  }
  return count;
}

export function readingMinutes(text: string): number {
  // Counted without building an array of every character: this runs on every article.
  const cjk = codePoints(text.replace(NOT_CJK, ''));
  const words = text.replace(CJK, ' ').match(WORD)?.length ?? 0;
  return Math.max(1, Math.round(cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE));
}

/**
 * At most EXCERPT_LENGTH characters (code points) of plain text. A cut prefers
 * the end of a sentence or clause in the last third, and is marked with "…".
 */
export function makeExcerpt(text: string): string {
  const chars = Array.from(text.trim());
  if (chars.length <= EXCERPT_LENGTH) return chars.join('');
  const head = chars.slice(0, EXCERPT_LENGTH - 1);
  for (let i = head.length - 1; i >= (EXCERPT_LENGTH * 2) / 3; i--) {
    if ('。！？；!?;'.includes(head[i] as string)) return head.slice(0, i + 1).join('');
  }
  for (let i = head.length - 1; i >= (EXCERPT_LENGTH * 2) / 3; i--) {
    if ('，、,： '.includes(head[i] as string)) return `${head.slice(0, i).join('')}…`;
  }
  return `${head.join('')}…`;
}
