import type { IndexBase } from '../search/append-to-index.ts';
import type { ReserveSource } from '../search/posting-reserve.ts';
import { docsFileBytes, type SearchIndex } from '../search/search-index.ts';

/**
 * A built index as the base of one appended to or patched, as the pipeline reads a published
 * one: with its digests kept, or without (its files are then read and hashed).
 */
export function baseOf(
  index: Pick<SearchIndex, 'buckets' | 'docFiles' | 'digests'>,
  docs: number,
  { digests = true, reserves }: { digests?: boolean; reserves?: ReserveSource } = {},
): IndexBase {
  return {
    path: 'search/base',
    buckets: index.buckets.length,
    docs,
    chunk: (bucket) => {
      const chunk = index.buckets[bucket];
      if (!chunk) throw new Error(`the base has no chunk ${bucket}`);
      return chunk;
    },
    docsFile: (n) => {
      const ids = index.docFiles[n];
      if (!ids) throw new Error(`the base has no docs file ${n}`);
      return docsFileBytes(ids);
    },
    ...(digests && { digests: index.digests }),
    ...(reserves && { reserves }),
  };
}

/** Every chunk of an index made from `base`: those it left as they were are the base's. */
export const chunksOf = (index: Pick<SearchIndex, 'buckets'>, base: IndexBase): Uint8Array[] =>
  index.buckets.map((chunk, bucket) => chunk ?? base.chunk(bucket));
