import { keepPreviousData, type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { dataPaths, type ListHead, type ListPage, pageCount } from '../../../lib/content-contract.ts';
import { fetchJson } from '../../../lib/fetch-json.ts';
import { parseListHead } from '../../../lib/validate-data.ts';

/** Which list: a category's (by slug, or ALL_SLUG for every article) or a tag's (by name). */
export type ListSource = { slug: string } | { tag: string };

export type ListParams = ListSource & { page: number };

const headPath = (source: ListSource) =>
  'tag' in source ? dataPaths.tagHead(source.tag) : dataPaths.listHead(source.slug);

/** A page as the list shows it, with the head it was placed by. */
export type ArticleListPage = ListPage & { head: ListHead };

/**
 * A page of a list (decisions 0012, 0025): page 1 is the list's head, one file; a later page is
 * cut from the chunks that hold it, found from the head's parts by a module of its own, loaded
 * alongside the head: the home page, the only route a first visit needs fast, never reads one.
 */
export async function getArticleList(
  params: ListParams,
  client: QueryClient,
  signal?: AbortSignal,
): Promise<ArticleListPage> {
  const { page, ...source } = params;
  if (page === 1) {
    const head = parseListHead(await fetchJson(dataUrl(headPath(source)), signal));
    return { page, pages: pageCount(head.total, head.pageSize), total: head.total, items: head.items, head };
  }
  const later = import('./list-parts.ts');
  const headOptions = articleListQueryOptions({ ...source, page: 1 });
  for (let attempt = 1; ; attempt++) {
    const { head } = await client.fetchQuery(headOptions);
    const { pageFromParts, StaleChunkError } = await later;
    try {
      const items = await pageFromParts(client, source, head, page);
      return { page, pages: pageCount(head.total, head.pageSize), total: head.total, items, head };
    } catch (error) {
      // A deploy between the head and the chunks: the head is read again, once.
      if (!(error instanceof StaleChunkError)) throw error;
      await client.invalidateQueries({ queryKey: headOptions.queryKey, exact: true, refetchType: 'none' });
      if (attempt === 2) throw error;
    }
  }
}

export const articleListQueryOptions = (params: ListParams) =>
  queryOptions({
    queryKey: [
      'articles',
      'list',
      'tag' in params ? { tag: params.tag, page: params.page } : { category: params.slug, page: params.page },
    ],
    queryFn: ({ client, signal }) => getArticleList(params, client, signal),
    staleTime: 60_000,
    // Paging keeps the old page on screen until the next arrives: no flash.
    placeholderData: keepPreviousData,
  });

export function useArticleList(params: ListParams) {
  return useQuery(articleListQueryOptions(params));
}
