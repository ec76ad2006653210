import { queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { type Article, dataPaths, isArticleId } from '../../../lib/content-contract.ts';
import { fetchJson, NotFoundError } from '../../../lib/fetch-json.ts';
import { parseArticle } from '../../../lib/validate-data.ts';

export async function getArticle(id: string, signal?: AbortSignal): Promise<Article> {
  // An address can hold anything; only the form the pipeline gives ids is ever requested.
  if (!isArticleId(id)) throw new NotFoundError(`no article has the id ${JSON.stringify(id)}`);
  return parseArticle(await fetchJson(dataUrl(dataPaths.article(id)), signal));
}

export const articleQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['articles', 'detail', id],
    queryFn: ({ signal }) => getArticle(id, signal),
    staleTime: 5 * 60_000,
  });

export function useArticle(id: string) {
  return useQuery(articleQueryOptions(id));
}
