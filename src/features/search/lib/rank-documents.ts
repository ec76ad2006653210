import { type PostingList, readChunk } from '../../../lib/search-chunk.ts';
import type { QueryPlan } from '../../../lib/search-terms.ts';

export interface RankedDocuments {
  /** Document numbers, best first; equal scores newest first (the highest number: decision 0006). */
  docs: number[];
  /** How many articles match; an estimate when `approximate`. */
  total: number;
  /** True when every term was too common to list in full: `docs` holds the best of them. */
  approximate: boolean;
}

const NONE: RankedDocuments = { docs: [], total: 0, approximate: false };

function weightOf(list: PostingList, doc: number): number {
  const { docs } = list;
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = docs[middle] as number;
    if (value === doc) return list.weights[middle] as number;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return 0;
}

function intersect(lists: PostingList[]): number[] {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.docs.length - b.docs.length);
  if (!shortest) return [];
  return Array.from(shortest.docs).filter((doc) => rest.every((list) => weightOf(list, doc) > 0));
}

/**
 * Ranks the articles that contain every required term.
 *
 * Score: for each matching term, its rarity (BM25's idf) times its weight in
 * the article (field-weighted and saturated by the pipeline). A complete
 * posting list is a filter; a truncated one (a very common term) cannot say
 * which articles lack the term, so it only scores — unless every term is
 * truncated, when the best-weighted articles of all of them are the answer.
 */
export function rankDocuments(
  plan: QueryPlan,
  lists: ReadonlyMap<string, PostingList>,
  docCount: number,
): RankedDocuments {
  if (plan.required.length === 0) return NONE;
  const required: PostingList[] = [];
  for (const term of plan.required) {
    const list = lists.get(term);
    if (!list || list.docs.length === 0) return NONE; // a term no article contains
    required.push(list);
  }
  const complete = required.filter((list) => !list.truncated);
  let candidates: number[];
  if (complete.length > 0) candidates = intersect(complete);
  else {
    candidates = intersect(required);
    if (candidates.length === 0) {
      const rarest = [...required].sort((a, b) => a.df - b.df)[0] as PostingList;
      candidates = Array.from(rarest.docs);
    }
  }
  if (candidates.length === 0) return NONE;

  const scoring = [...required];
  for (const term of plan.optional) {
    const list = lists.get(term);
    if (list) scoring.push(list);
  }
  const idf = scoring.map((list) => Math.log(1 + (docCount - list.df + 0.5) / (list.df + 0.5)));
  const scores = new Map<number, number>();
  for (const doc of candidates) {
    let score = 0;
    scoring.forEach((list, i) => {
      score += ((idf[i] as number) * weightOf(list, doc)) / 255;
    });
    scores.set(doc, score);
  }
  candidates.sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number) || b - a);
  const approximate = complete.length === 0;
  const total = approximate
    ? Math.max(candidates.length, Math.min(...required.map((list) => list.df)))
    : candidates.length;
  return { docs: candidates, total, approximate };
}

/** Reads each chunk's wanted terms (see termsByBucket) and ranks: the work after the chunks arrive. */
export function rankChunks(
  plan: QueryPlan,
  chunks: readonly { bytes: Uint8Array; terms: readonly string[] }[],
  docCount: number,
): RankedDocuments {
  const lists = new Map<string, PostingList>();
  for (const { bytes, terms } of chunks) for (const [term, list] of readChunk(bytes, terms)) lists.set(term, list);
  return rankDocuments(plan, lists, docCount);
}
