import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths, type ListPage } from '../../../lib/content-contract.ts';
import { fetchJson } from '../../../lib/fetch-json.ts';
import { parseListPage } from '../../../lib/validate-data.ts';

/** Which list: a category's (by slug, or ALL_SLUG for every article) or a tag's (by name). */
export type ListSource = { slug: string } | { tag: string };

export type ListParams = ListSource & { page: number };

function listPath(params: ListParams): string {
  return 'tag' in params ? dataPaths.tagList(params.tag, params.page) : dataPaths.list(params.slug, params.page);
}

export async function getArticleList(params: ListParams, signal?: AbortSignal): Promise<ListPage> {
  return parseListPage(await fetchJson(dataUrl(listPath(params)), signal));
}

export const articleListQueryOptions = (params: ListParams) =>
  queryOptions({
    queryKey: [
      'articles',
      'list',
      'tag' in params ? { tag: params.tag, page: params.page } : { category: params.slug, page: params.page },
    ],
    queryFn: ({ signal }) => getArticleList(params, signal),
    staleTime: 60_000,
    // Paging keeps the old page on screen until the next arrives: no flash.
    placeholderData: keepPreviousData,
  });

export function useArticleList(params: ListParams) {
  return useQuery(articleListQueryOptions(params));
}
