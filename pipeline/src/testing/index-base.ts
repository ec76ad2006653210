import { expect } from 'vitest';
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

/**
 * The docs files an index made from a base writes are a full build's: those it makes, from
 * `docsFrom` on, and none it leaves to the base (undefined) that the full build has not.
 */
export function expectDocFiles(
  made: Pick<SearchIndex, 'docFiles' | 'docsFrom'> | undefined,
  full: Pick<SearchIndex, 'docFiles'>,
): void {
  const from = made?.docsFrom ?? 0;
  expect(made?.docFiles.length).toBe(Math.max(0, full.docFiles.length - from));
  made?.docFiles.forEach((ids, n) => {
    if (ids) expect(ids).toEqual(full.docFiles[from + n]);
  });
}
