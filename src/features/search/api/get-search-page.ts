import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SearchIndexInfo } from '../../../lib/content-contract.ts';
import { searchDocsQueryOptions } from './get-search-docs.ts';
import { searchResultsQueryOptions } from './get-search-results.ts';

export const SEARCH_PAGE_SIZE = 10;

export interface SearchPage {
  /** Article ids of this page's results, best first. */
  ids: string[];
  total: number;
  approximate: boolean;
  /** Results that can be shown: `total`, or the best part of it when `approximate`. */
  shown: number;
  /** Pages of results that can be shown. */
  pages: number;
}

export interface SearchPageParams {
  index: SearchIndexInfo;
  query: string;
  page: number;
}

/** One page of results as article ids: the ranking, then the docs files that name this page's articles. */
export const searchPageQueryOptions = ({ index, query, page }: SearchPageParams) =>
  queryOptions({
    queryKey: ['search', 'page', { index, query: query.trim(), page }],
    queryFn: async ({ client }): Promise<SearchPage> => {
      const ranked = await client.ensureQueryData(searchResultsQueryOptions(index, query));
      const pages = Math.ceil(ranked.docs.length / SEARCH_PAGE_SIZE);
      const docs = ranked.docs.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
      const files = [...new Set(docs.map((doc) => Math.floor(doc / index.docsPerFile)))];
      const named = new Map<number, string[]>();
      await Promise.all(
        files.map(async (n) => named.set(n, await client.ensureQueryData(searchDocsQueryOptions(index.path, n)))),
      );
      const ids = docs.flatMap((doc) => {
        const id = named.get(Math.floor(doc / index.docsPerFile))?.[doc % index.docsPerFile];
        return id ? [id] : []; // '' names no article: a number no document has
      });
      return { ids, total: ranked.total, approximate: ranked.approximate, shown: ranked.docs.length, pages };
    },
    staleTime: Infinity,
  });

export function useSearchPage(params: SearchPageParams) {
  // While the next page or query loads, the current results stay (dimmed), not a skeleton.
  return useQuery({ ...searchPageQueryOptions(params), placeholderData: keepPreviousData });
}
