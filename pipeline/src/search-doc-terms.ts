import { forEachTerm } from '../../src/lib/search-terms.ts';
import type { ArticleRecord } from './parse-article-file.ts';

/**
 * One article's search terms with a weight each: what the index needs from a
 * parsed article, small enough to keep in the build cache so that an unchanged
 * article is never tokenized again.
 */
export interface DocTerms {
  /** Distinct terms, joined with `\n` (no term contains one): one string crosses threads cheaply. */
  terms: string;
  /** 1–255 per term, in the same order. */
  weights: Uint8Array;
}

/**
 * Field weights: a word in the title says more about an article than the same
 * word in a caption, and a caption more than the body. Tags are the author's
 * own keywords.
 */
export const FIELD_WEIGHTS = { title: 8, tags: 5, captions: 3, body: 1 } as const;

/** The article length (characters) at which a term's count needs no correction. */
const TYPICAL_LENGTH = 1000;

/**
 * BM25F-style: counts are weighted by field and added, then saturated, so the
 * tenth mention adds little and a long article does not win by length alone.
 * The result is quantized to a byte, what one posting can carry.
 */
export function docTerms(article: Pick<ArticleRecord, 'title' | 'tags' | 'photos'>, bodyText: string): DocTerms {
  const raw = new Map<string, number>();
  const count = (weight: number) => (term: string) => raw.set(term, (raw.get(term) ?? 0) + weight);
  // Intl.Segmenter costs about 0.5 ms per 1,000 characters: words come from the
  // short, heavy fields; bodies get characters and bigrams (docs/decisions/0006).
  forEachTerm(article.title, count(FIELD_WEIGHTS.title), true);
  for (const tag of article.tags) forEachTerm(tag, count(FIELD_WEIGHTS.tags), true);
  for (const photo of article.photos) {
    const caption = photo.credit ? `${photo.caption} ${photo.credit}` : photo.caption;
    forEachTerm(caption || photo.alt, count(FIELD_WEIGHTS.captions), true);
  }
  forEachTerm(bodyText, count(FIELD_WEIGHTS.body));

  const lengthRatio = Math.min(3, Math.max(0.5, bodyText.length / TYPICAL_LENGTH));
  const k = 1.2 * (0.25 + 0.75 * lengthRatio);
  const terms: string[] = [];
  const weights = new Uint8Array(raw.size);
  let i = 0;
  for (const [term, value] of raw) {
    terms.push(term);
    weights[i++] = Math.max(1, Math.round((255 * value) / (value + k)));
  }
  return { terms: terms.join('\n'), weights };
}
