/**
 * How text becomes search terms. The pipeline indexes with these functions and
 * the browser looks queries up with the same ones, so this module is part of
 * the data contract (with content-contract.ts): change it, and bump
 * SEARCH_VERSION so that old indexes are rebuilt, not misread.
 *
 * Chinese has no spaces, and a segmenter's idea of a word depends on context:
 * 中欧班列 may be one word in an article and two in a query. So every run of
 * CJK characters is indexed as character bigrams (and single characters, so
 * that a one-character query works), and words of three or more characters
 * from `Intl.Segmenter` are indexed as extra terms that reward an exact word
 * match. Latin words and numbers are single terms, compared case-insensitively
 * after NFKC (full-width Ａ１ reads as a1).
 */
export const SEARCH_VERSION = 2;

/** Longer Latin tokens are cut to this many characters (URLs, hashes). */
const MAX_WORD_LENGTH = 32;

/** A query never looks up more terms than this: each one may cost a chunk download. */
export const MAX_QUERY_TERMS = 8;

export type Run = { kind: 'cjk'; chars: string[] } | { kind: 'word'; text: string };

// Han (with extensions), kana and hangul: scripts written without spaces.
function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3ffff)
  );
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// Beyond ASCII, the answer for each BMP character once learned (1 yes, -1 no): the Unicode
// property test is slow, and a text repeats its punctuation (，。“”) on every line.
const bmpWordChars = new Int8Array(0x10000);

/** Whether the code point `code` is a letter or digit. */
function isWordChar(code: number): boolean {
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(code));
  let known = bmpWordChars[code] as number;
  if (known === 0) bmpWordChars[code] = known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : -1;
  return known === 1;
}

/** NFKC, then lower case: full-width letters and digits become ASCII, Ａ and a are one term. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Splits normalized text into runs of CJK characters and Latin/number words;
 * everything else (spaces, punctuation, symbols) separates runs. A dot between
 * digits stays in the number (`9.8`), so a query for a figure finds it.
 */
export function splitRuns(normalized: string): Run[] {
  const runs: Run[] = [];
  let cjk: string[] = [];
  let word = '';
  const flushCjk = () => {
    if (cjk.length > 0) runs.push({ kind: 'cjk', chars: cjk });
    cjk = [];
  };
  const flushWord = () => {
    if (word) runs.push({ kind: 'word', text: word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word });
    word = '';
  };
  const chars = Array.from(normalized);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const code = char.codePointAt(0) as number;
    if (isCjk(code)) {
      flushWord();
      cjk.push(char);
    } else if (isWordChar(code)) {
      flushCjk();
      word += char;
    } else if (char === '.' && /\d$/.test(word) && /\d/.test(chars[i + 1] ?? '')) {
      word += char;
    } else {
      flushCjk();
      flushWord();
    }
  }
  flushCjk();
  flushWord();
  return runs;
}

let segmenter: Intl.Segmenter | null | undefined;

/** Words of three or more CJK characters, as `Intl.Segmenter` sees them; none where it is missing. */
export function longWords(run: string): string[] {
  if (segmenter === undefined) {
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  }
  if (!segmenter) return [];
  const words: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(run)) {
    if (isWordLike && segment.length >= 3 && Array.from(segment).length >= 3) words.push(segment);
  }
  return words;
}

/**
 * Receives the term occurrences of a text. A CJK character of the Basic
 * Multilingual Plane, and a bigram of two of them, arrive as code units, so
 * that the index build can count them in typed arrays instead of hashing
 * millions of one- and two-character strings; every other term as a string.
 */
export interface TermSink {
  char(code: number): void;
  pair(first: number, second: number): void;
  term(term: string): void;
}

/**
 * Sends every term occurrence in `text` to `sink`: every CJK character and
 * bigram, every Latin/number word, and with `words`, every long word.
 * One pass over UTF-16 code units: this runs over every character of every
 * article, and is most of the index build's time.
 */
export function scanTerms(text: string, sink: TermSink, words = false): void {
  const normalized = normalizeText(text);
  const length = normalized.length;
  let runStart = -1; // start of the current CJK run
  let previous = -1; // the BMP CJK code unit before this one in the run; -1 none, -2 astral
  let previousText = '';
  let wordStart = -1;
  const endWord = (end: number) => {
    if (wordStart < 0) return;
    sink.term(normalized.slice(wordStart, Math.min(end, wordStart + MAX_WORD_LENGTH)));
    wordStart = -1;
  };
  const endRun = (end: number) => {
    if (runStart < 0) return;
    if (words && end - runStart >= 3) for (const word of longWords(normalized.slice(runStart, end))) sink.term(word);
    runStart = -1;
    previous = -1;
  };
  for (let i = 0; i < length; i++) {
    let code = normalized.charCodeAt(i);
    let size = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      code = normalized.codePointAt(i) as number;
      size = code > 0xffff ? 2 : 1;
    }
    if (isCjk(code)) {
      endWord(i);
      if (runStart < 0) runStart = i;
      if (size === 1) {
        sink.char(code);
        if (previous >= 0) sink.pair(previous, code);
        else if (previous === -2) sink.term(previousText + normalized[i]);
        previous = code;
      } else {
        const char = normalized.slice(i, i + 2);
        sink.term(char);
        if (previous >= 0) sink.term(String.fromCharCode(previous) + char);
        else if (previous === -2) sink.term(previousText + char);
        previous = -2;
        previousText = char; // only astral characters need their text kept
      }
    } else if (isWordChar(code)) {
      endRun(i);
      if (wordStart < 0) wordStart = i;
    } else if (
      code === 0x2e &&
      wordStart >= 0 &&
      isDigit(normalized.charCodeAt(i - 1)) &&
      isDigit(normalized.charCodeAt(i + 1))
    ) {
      // 9.8: the dot stays in the number
    } else {
      endRun(i);
      endWord(i);
    }
    i += size - 1;
  }
  endRun(length);
  endWord(length);
}

/** Calls `emit` once per term occurrence in `text`, as strings (see scanTerms). */
export function forEachTerm(text: string, emit: (term: string) => void, words = false): void {
  scanTerms(
    text,
    {
      char: (code) => emit(String.fromCharCode(code)),
      pair: (first, second) => emit(String.fromCharCode(first, second)),
      term: emit,
    },
    words,
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export interface QueryPlan {
  /** Every one must match (when its posting list is complete). */
  required: string[];
  /** Score when they match, never filter: long words, whose segmentation may differ. */
  optional: string[];
  /** What to mark in snippets: the query's runs, longest first. */
  highlights: string[];
}

/**
 * The terms a query looks up. A CJK run of n characters needs all its n − 1
 * bigrams to match as a phrase would (中欧班列 must not match 中欧关系 and
 * 货运班列); a long query that would look up too many terms takes only the
 * bigrams that cover it (every other one, and the last): fewer chunks to
 * download, nearly the same matches.
 */
export function planQuery(query: string): QueryPlan {
  const runs = splitRuns(normalizeText(query));
  const plan = (cover: boolean): QueryPlan => {
    const required: string[] = [];
    const optional: string[] = [];
    const highlights: string[] = [];
    const add = (list: string[], term: string) => {
      if (!list.includes(term)) list.push(term);
    };
    for (const run of runs) {
      if (run.kind === 'word') {
        add(required, run.text);
        add(highlights, run.text);
        continue;
      }
      const { chars } = run;
      add(highlights, chars.join(''));
      if (chars.length === 1) {
        add(required, chars[0] as string);
        continue;
      }
      const step = cover ? 2 : 1;
      for (let i = 0; i + 1 < chars.length; i += step) add(required, (chars[i] as string) + (chars[i + 1] as string));
      if (cover && chars.length % 2 === 1) add(required, chars.slice(-2).join(''));
      for (const word of longWords(chars.join(''))) add(optional, word);
    }
    highlights.sort((a, b) => b.length - a.length);
    return { required, optional, highlights };
  };
  let result = plan(false);
  if (result.required.length > MAX_QUERY_TERMS) result = plan(true);
  const required = result.required.slice(0, MAX_QUERY_TERMS);
  return { ...result, required, optional: result.optional.slice(0, Math.max(0, MAX_QUERY_TERMS - required.length)) };
}

/**
 * Which chunk holds a term: FNV-1a over its UTF-16 code units, then
 * MurmurHash3's finalizer, because FNV alone spreads two-character terms
 * badly over the low bits. Stable across builds for a given bucket count.
 */
export function termBucket(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % buckets;
}

/** The terms a query plan looks up, grouped by the chunk that holds them: one download each. */
export function termsByBucket(plan: QueryPlan, buckets: number): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const term of [...plan.required, ...plan.optional]) {
    const bucket = termBucket(term, buckets);
    grouped.set(bucket, [...(grouped.get(bucket) ?? []), term]);
  }
  return grouped;
}
