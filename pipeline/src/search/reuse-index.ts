import fs from 'node:fs';
import path from 'node:path';
import { dataPaths, type SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import type { IndexBase } from './append-to-index.ts';
import { searchInputSignature } from './search-input.ts';
import type { TermSlice } from './search-term-cache.ts';

/** What of the published search index this run can use. */
export type IndexReuse =
  /** The same articles in the same order with the same terms: the index as it is. */
  | { kept: SearchIndexInfo }
  /** Its articles first, as they were, and new ones after them: the index to append to. */
  | { base: IndexBase }
  /** Anything else (an edit, a deletion, an older article added): a full build. */
  | undefined;

/**
 * Compares this run's articles (oldest first) and where their terms are stored with what the
 * published index was built from (the cache's search-input signature).
 * `storedSlice` is undefined for an article whose terms were counted this run.
 */
export function reuseIndex(
  output: StagedOutput,
  previous: PreviousBuild,
  oldestFirst: readonly string[],
  storedSlice: (id: string) => TermSlice | undefined,
): IndexReuse {
  const published = previous.cache?.search;
  const generation = previous.cache?.termStore?.generation;
  if (!published || generation === undefined || !previous.storedTerms) return undefined;
  const { info, signature } = published;
  const folder = output.publishedPath(info.path);
  if (!folder || info.docs > oldestFirst.length) return undefined;
  if (searchInputSignature(generation, oldestFirst.slice(0, info.docs), storedSlice) !== signature) return undefined;
  if (info.docs === oldestFirst.length) return { kept: info };
  return {
    base: {
      buckets: info.buckets,
      docs: info.docs,
      chunk: (bucket) =>
        fs.readFileSync(path.join(folder, path.relative(info.path, dataPaths.searchTerms(info.path, bucket)))),
    },
  };
}
