import { createHash } from 'node:crypto';
import type { TermSlice } from './search-term-cache.ts';

/**
 * What the search index is built from, in a few bytes: the articles in order and where their
 * terms are in the term store. Equal signatures mean an equal index, so a run whose articles
 * and terms are all as they were keeps the published one instead of inverting 100,000
 * articles again. Undefined when an article's terms are not stored yet (parsed this run).
 */
export function searchInputSignature(
  generation: number,
  orderedIds: { readonly length: number; at(n: number): string | undefined },
  sliceAt: (n: number) => TermSlice | undefined,
): string | undefined {
  // Hashed a few thousand lines at a time: at a million articles the text is 30 MB.
  const hash = createHash('sha1').update(String(generation));
  let piece = '';
  for (let n = 0; n < orderedIds.length; n++) {
    const slice = sliceAt(n);
    if (!slice) return undefined;
    piece += `\n${orderedIds.at(n)}:${slice[0]}:${slice[1]}`;
    if (piece.length < 1 << 16) continue;
    hash.update(piece);
    piece = '';
  }
  return hash.update(piece).digest('base64url');
}
