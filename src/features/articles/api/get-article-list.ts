import { keepPreviousData, type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { chunksOfPage, dataPaths, type ListHead, type ListPage, pageCount } from '../../../lib/content-contract.ts';
import { fetchJson, InvalidDataError, NotFoundError } from '../../../lib/fetch-json.ts';
import { parseListChunk, parseListHead } from '../../../lib/validate-data.ts';

/** Which list: a category's (by slug, or ALL_SLUG for every article) or a tag's (by name). */
export type ListSource = { slug: string } | { tag: string };

export type ListParams = ListSource & { page: number };

const headPath = (source: ListSource) =>
  'tag' in source ? dataPaths.tagHead(source.tag) : dataPaths.listHead(source.slug);
const chunkPath = (source: ListSource, chunk: number) =>
  'tag' in source ? dataPaths.tagChunk(source.tag, chunk) : dataPaths.listChunk(source.slug, chunk);

/** A page as the list shows it, with the head it was placed by. */
export type ArticleListPage = ListPage & { head: ListHead };

/** The chunk file's items are not those the head counted on: it is of another build. */
class StaleChunkError extends InvalidDataError {}

async function pageFromChunks(source: ListSource, head: ListHead, page: number, signal?: AbortSignal) {
  const parts = await Promise.all(
    chunksOfPage(head.total, head.pageSize, page).map(async ({ chunk, from, to }) => {
      const file = parseListChunk(
        await fetchJson(dataUrl(chunkPath(source, chunk)), signal).catch((error: unknown) => {
          // A chunk the head counts on and the server does not have: the list shrank since.
          throw error instanceof NotFoundError ? new StaleChunkError('文章列表已更新，请重试。') : error;
        }),
      );
      // Every chunk holds pageSize articles but the newest, which holds what is left. Pages
      // after the first read full chunks only, which new articles never change; a list that
      // shrank since the head was read shows as a chunk of another length.
      const length = Math.min(chunk * head.pageSize, head.total) - (chunk - 1) * head.pageSize;
      if (file.chunk !== chunk || file.items.length !== length) throw new StaleChunkError('文章列表已更新，请重试。');
      return file.items.slice(from, to);
    }),
  );
  return parts.flat();
}

/**
 * A page of a list (decision 0012): page 1 is the list's head, one file; a later page is cut
 * from the one or two chunks that hold it, placed by the head's count.
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
  const headOptions = articleListQueryOptions({ ...source, page: 1 });
  for (let attempt = 1; ; attempt++) {
    const { head } = await client.fetchQuery(headOptions);
    try {
      const items = await pageFromChunks(source, head, page, signal);
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
