// Han, kana and Hangul are read character by character; everything else by words.
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const CJK_PER_MINUTE = 500;
const WORDS_PER_MINUTE = 230;
export const EXCERPT_LENGTH = 120;

const enum Kind {
  Other,
  Cjk,
  Word,
}

// Classes of the code points met so far outside the fast paths (punctuation, mostly).
const kinds = new Map<number, Kind>();

function kindOf(code: number): Kind {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? Kind.Word : Kind.Other;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return Kind.Cjk; // every assigned code point here is Han
  let kind = kinds.get(code);
  if (kind === undefined) {
    const char = String.fromCodePoint(code);
    kind = CJK_CHAR.test(char) ? Kind.Cjk : WORD_CHAR.test(char) ? Kind.Word : Kind.Other;
    kinds.set(code, kind);
  }
  return kind;
}

const JOINERS = new Set([0x27, 0x2019, 0x2d]); // ' ’ - inside a word (don't, e-mail)

/**
 * CJK characters (read one by one) and other words in `text`. One pass over
 * the code points, without regular expressions: this runs on every article.
 */
export function readingCounts(text: string): { cjk: number; words: number } {
  let cjk = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code > 0xffff) i++;
    const kind = kindOf(code);
    if (kind === Kind.Cjk) {
      cjk++;
      inWord = false;
    } else if (kind === Kind.Word) {
      if (!inWord) words++;
      inWord = true;
    } else if (
      inWord &&
      JOINERS.has(code) &&
      i + 1 < text.length &&
      kindOf(text.codePointAt(i + 1) as number) === Kind.Word
    ) {
      // the word goes on after the joiner
    } else {
      inWord = false;
    }
  }
  return { cjk, words };
}

/** CJK characters at about 500 a minute plus other words at about 230 a minute. */
export function readingMinutes(text: string): number {
  const { cjk, words } = readingCounts(text);
  return Math.max(1, Math.round(cjk / CJK_PER_MINUTE + words / WORDS_PER_MINUTE));
}

/**
 * At most EXCERPT_LENGTH characters (code points) of plain text. A cut prefers
 * the end of a sentence or clause in the last third, and is marked with "…".
 */
export function makeExcerpt(text: string): string {
  const trimmed = text.trim();
  // Only the head is needed, and twice its length in UTF-16 units always holds it.
  const whole = trimmed.length <= EXCERPT_LENGTH * 2;
  const chars = Array.from(whole ? trimmed : trimmed.slice(0, EXCERPT_LENGTH * 2));
  if (whole && chars.length <= EXCERPT_LENGTH) return chars.join('');
  const head = chars.slice(0, EXCERPT_LENGTH - 1);
  for (let i = head.length - 1; i >= (EXCERPT_LENGTH * 2) / 3; i--) {
    if ('。！？；!?;'.includes(head[i] as string)) return head.slice(0, i + 1).join('');
  }
  for (let i = head.length - 1; i >= (EXCERPT_LENGTH * 2) / 3; i--) {
    if ('，、,： '.includes(head[i] as string)) return `${head.slice(0, i).join('')}…`;
  }
  return `${head.join('')}…`;
}
