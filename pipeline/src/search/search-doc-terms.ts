import { scanTerms, type TermSink } from '../../../src/lib/search-terms.ts';
import type { ArticleRecord } from '../parse/parse-article-file.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * Field weights: a word in the title says more about an article than the same
 * word in a caption, and a caption more than the body. Tags are the author's
 * own keywords.
 */
export const FIELD_WEIGHTS = { title: 8, tags: 5, captions: 3, body: 1 } as const;

/** The article length (characters) at which a term's count needs no correction. */
const TYPICAL_LENGTH = 1000;

/**
 * Weighted term counts of one article, by term number: the dictionary finds a
 * character's or bigram's number from its code units, so counting makes no
 * strings. One instance per thread, cleared between articles.
 */
class TermCounter implements TermSink {
  weight = 1;
  dictionary: TermDictionary | undefined;
  private counts = new Float64Array(1 << 16);
  private touched: number[] = [];

  private add(id: number): void {
    if (id >= this.counts.length) {
      const bigger = new Float64Array(Math.max(id + 1, this.counts.length * 2));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    if (this.counts[id] === 0) this.touched.push(id);
    this.counts[id] = (this.counts[id] as number) + this.weight;
  }

  char(code: number): void {
    this.add((this.dictionary as TermDictionary).internChar(code));
  }

  pair(first: number, second: number): void {
    this.add((this.dictionary as TermDictionary).internPair(first, second));
  }

  term(term: string): void {
    this.add((this.dictionary as TermDictionary).intern(term));
  }

  /** Every term with its weighted count, then clears for the next article. */
  drain(visit: (id: number, count: number) => void): void {
    for (const id of this.touched) {
      visit(id, this.counts[id] as number);
      this.counts[id] = 0;
    }
    this.touched = [];
  }

  get size(): number {
    return this.touched.length;
  }
}

const counter = new TermCounter();

/** Where docTerms puts an article's term arrays. */
export interface TermArrays {
  allocate(count: number): NumberedTerms;
}

/**
 * Where a worker's articles' term arrays live: views into a few large
 * blocks, not two small buffers per article. A worker hands its blocks to the
 * main thread with each reply (transferred, not copied), so tens of thousands
 * of buffers are never allocated, cloned and collected.
 */
class TermArena implements TermArrays {
  private static readonly BLOCK = 1 << 15;
  private ids = new Uint32Array(TermArena.BLOCK);
  private weights = new Uint8Array(TermArena.BLOCK);
  private used = 0;
  private blocks: ArrayBuffer[] = [];

  allocate(count: number): NumberedTerms {
    if (this.used + count > this.ids.length) this.newBlock(count);
    if (this.used === 0) this.blocks.push(this.ids.buffer, this.weights.buffer);
    const view = {
      ids: this.ids.subarray(this.used, this.used + count),
      weights: this.weights.subarray(this.used, this.used + count),
    };
    this.used += count;
    return view;
  }

  /** The blocks filled since the last call; later articles go to new blocks. */
  handOver(): ArrayBuffer[] {
    const blocks = this.blocks;
    if (this.used > 0) this.newBlock(0);
    this.blocks = [];
    return blocks;
  }

  private newBlock(atLeast: number): void {
    const size = Math.max(TermArena.BLOCK, atLeast);
    this.ids = new Uint32Array(size);
    this.weights = new Uint8Array(size);
    this.used = 0;
  }
}

export const termArena = new TermArena();

/**
 * Term arrays that the next article's terms overwrite: for a thread that copies each article's
 * terms out at once (the main thread, into its spool), and so keeps no block of them.
 */
export class ScratchTerms implements TermArrays {
  private ids = new Uint32Array(1 << 12);
  private weights = new Uint8Array(1 << 12);

  allocate(count: number): NumberedTerms {
    if (count > this.ids.length) {
      this.ids = new Uint32Array(count * 2);
      this.weights = new Uint8Array(count * 2);
    }
    return { ids: this.ids.subarray(0, count), weights: this.weights.subarray(0, count) };
  }
}

/** What an article's search terms are counted from: its fields as plain text. */
export interface TermsInput {
  title: string;
  tags: readonly string[];
  /** Each photo's caption with its credit (its alt when it has no caption). */
  captions: string[];
  /** The body's plain text. */
  text: string;
}

/**
 * What counting an article's terms needs, and nothing else of it: a worker keeps these for
 * hundreds of articles, or sends them to the main thread (parse-pool.ts).
 */
export function termsInput(article: Pick<ArticleRecord, 'title' | 'tags' | 'photos'>, text: string): TermsInput {
  return {
    title: article.title,
    tags: article.tags,
    captions: article.photos.map((photo) =>
      photo.credit ? `${photo.caption} ${photo.credit}` : photo.caption || photo.alt,
    ),
    text,
  };
}

/**
 * One article's search terms with a weight each (1–255), numbered in `dictionary`, in arrays
 * from `arrays` (fresh ones when not given).
 *
 * BM25F-style: counts are weighted by field and added, then saturated, so the
 * tenth mention adds little and a long article does not win by length alone.
 * The result is quantized to a byte, what one posting can carry.
 */
export function docTerms(
  { title, tags, captions, text }: TermsInput,
  dictionary: TermDictionary,
  arrays?: TermArrays,
): NumberedTerms {
  // Intl.Segmenter costs about 0.5 ms per 1,000 characters, more than all the
  // rest of indexing: words come from titles and tags, the rest gets characters
  // and bigrams (docs/decisions/0006).
  counter.dictionary = dictionary;
  counter.weight = FIELD_WEIGHTS.title;
  scanTerms(title, counter, true);
  counter.weight = FIELD_WEIGHTS.tags;
  for (const tag of tags) scanTerms(tag, counter, true);
  counter.weight = FIELD_WEIGHTS.captions;
  for (const caption of captions) scanTerms(caption, counter);
  counter.weight = FIELD_WEIGHTS.body;
  scanTerms(text, counter);

  const lengthRatio = Math.min(3, Math.max(0.5, text.length / TYPICAL_LENGTH));
  const k = 1.2 * (0.25 + 0.75 * lengthRatio);
  const { ids, weights } = arrays
    ? arrays.allocate(counter.size)
    : { ids: new Uint32Array(counter.size), weights: new Uint8Array(counter.size) };
  let i = 0;
  counter.drain((id, value) => {
    ids[i] = id;
    weights[i++] = Math.max(1, Math.round((255 * value) / (value + k)));
  });
  return { ids, weights };
}
