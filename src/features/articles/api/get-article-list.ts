import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths, type ListPage } from '../../../lib/content-contract.ts';
import { fetchJson } from '../../../lib/fetch-json.ts';
import { parseListPage } from '../../../lib/validate-data.ts';

export interface ListParams {
  /** The category's slug, or ALL_SLUG. */
  slug: string;
  page: number;
}

export async function getArticleList({ slug, page }: ListParams, signal?: AbortSignal): Promise<ListPage> {
  return parseListPage(await fetchJson(dataUrl(dataPaths.list(slug, page)), signal));
}

export const articleListQueryOptions = ({ slug, page }: ListParams) =>
  queryOptions({
    queryKey: ['articles', 'list', { category: slug, page }],
    queryFn: ({ signal }) => getArticleList({ slug, page }, signal),
    staleTime: 60_000,
    // Paging keeps the old page on screen until the next arrives: no flash.
    placeholderData: keepPreviousData,
  });

export function useArticleList(params: ListParams) {
  return useQuery(articleListQueryOptions(params));
}
