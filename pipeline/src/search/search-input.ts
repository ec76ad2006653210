import { listSignature } from '../cache/build-cache.ts';
import type { TermSlice } from './search-term-cache.ts';

/**
 * What the search index is built from, in a few bytes: the articles in order and where their
 * terms are in the term store. Equal signatures mean an equal index, so a run whose articles
 * and terms are all as they were keeps the published one instead of inverting 100,000
 * articles again. Undefined when an article's terms are not stored yet (parsed this run).
 */
export function searchInputSignature(
  generation: number,
  orderedIds: readonly string[],
  sliceAt: (n: number) => TermSlice | undefined,
): string | undefined {
  const parts: string[] = [String(generation)];
  for (let n = 0; n < orderedIds.length; n++) {
    const slice = sliceAt(n);
    if (!slice) return undefined;
    parts.push(`${orderedIds[n]}:${slice[0]}:${slice[1]}`);
  }
  return listSignature(parts.join('\n'));
}
