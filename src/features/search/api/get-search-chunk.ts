import { queryOptions } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths } from '../../../lib/content-contract.ts';
import { fetchBytes } from '../../../lib/fetch-json.ts';
import { orStale } from './stale-index-error.ts';

export function getSearchChunk(indexPath: string, bucket: number, signal?: AbortSignal): Promise<Uint8Array> {
  return orStale(fetchBytes(dataUrl(dataPaths.searchTerms(indexPath, bucket)), signal));
}

/** A chunk's path names its content, so it never goes stale; queries that share a chunk share one download. */
export const searchChunkQueryOptions = (indexPath: string, bucket: number) =>
  queryOptions({
    queryKey: ['search', 'chunk', indexPath, bucket],
    queryFn: ({ signal }) => getSearchChunk(indexPath, bucket, signal),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
