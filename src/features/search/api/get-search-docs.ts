import { queryOptions } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths } from '../../../lib/content-contract.ts';
import { DataError, fetchJson } from '../../../lib/fetch-json.ts';
import { orStale } from './stale-index-error.ts';

/** Article ids of one docs file of the index: document number → article. */
export async function getSearchDocs(indexPath: string, n: number, signal?: AbortSignal): Promise<string[]> {
  const value = await orStale(fetchJson(dataUrl(dataPaths.searchDocs(indexPath, n)), signal));
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string')) {
    throw new DataError('数据格式有误（搜索索引），无法读取。');
  }
  return value;
}

export const searchDocsQueryOptions = (indexPath: string, n: number) =>
  queryOptions({
    queryKey: ['search', 'docs', indexPath, n],
    queryFn: ({ signal }) => getSearchDocs(indexPath, n, signal),
    staleTime: Infinity,
  });
