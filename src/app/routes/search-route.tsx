import type { QueryClient } from '@tanstack/react-query';
import { data, type LoaderFunctionArgs, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { articleQueryOptions } from '../../features/articles/api/get-article.ts';
import { manifestQueryOptions, useManifest } from '../../features/articles/api/get-manifest.ts';
import { ArticleListSkeleton } from '../../features/articles/components/article-list-skeleton.tsx';
import { searchPageQueryOptions } from '../../features/search/api/get-search-page.ts';
import { StaleIndexError } from '../../features/search/api/stale-index-error.ts';
import { SearchResults } from '../../features/search/components/search-results.tsx';
import { NotFoundError } from '../../lib/fetch-json.ts';
import { parsePage } from '../../lib/parse-page.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

function readParams(params: URLSearchParams): { query: string; page: number | undefined } {
  return { query: (params.get('q') ?? '').trim().slice(0, 100), page: parsePage(params) };
}

/**
 * Lives with the route, not in route-loaders.ts, so that the search code loads
 * only when someone searches. Warms the manifest, the ranking, this page's
 * docs files and its articles, so that the results appear whole.
 */
export function searchLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const { query, page } = readParams(new URL(request.url).searchParams);
    if (page === undefined) throw data(null, { status: 404 });
    if (!query) return null;
    let pages: number;
    let ids: string[];
    const lookUp = async () => {
      const manifest = await queryClient.ensureQueryData(manifestQueryOptions());
      return queryClient.ensureQueryData(searchPageQueryOptions({ index: manifest.search, query, page }));
    };
    try {
      try {
        ({ pages, ids } = await lookUp());
      } catch (error) {
        if (!(error instanceof StaleIndexError)) throw error;
        // The data was rebuilt under this page: read the new manifest, and search its index.
        await queryClient.refetchQueries({ queryKey: manifestQueryOptions().queryKey });
        ({ pages, ids } = await lookUp());
      }
    } catch (error) {
      if (error instanceof NotFoundError) throw data(null, { status: 404 });
      return null; // any other failure is the component's to show, with a retry
    }
    if (page > Math.max(1, pages)) throw data(null, { status: 404 });
    await Promise.all(ids.map((id) => queryClient.ensureQueryData(articleQueryOptions(id)).catch(() => null)));
    return null;
  };
}

export function SearchRoute() {
  const [params] = useSearchParams();
  const { query, page = 1 } = readParams(params);
  const manifest = useManifest();
  useDocumentTitle(query ? `搜索：${query}${page > 1 ? ` · 第 ${page} 页` : ''}` : '搜索');

  let body: React.ReactNode;
  if (!query) {
    body = (
      <div className="empty-state">
        <p>在上方的搜索框输入人名、地名或机构名，按回车搜索。</p>
        <p className="empty-state__hint">
          按 <kbd>/</kbd> 随时开始搜索；标题中出现的词排在前面。
        </p>
      </div>
    );
  } else if (manifest.isPending) body = <ArticleListSkeleton />;
  else if (manifest.isError) {
    body = (
      <ErrorMessage error={manifest.error} onRetry={() => void manifest.refetch()} retrying={manifest.isFetching} />
    );
  } else body = <SearchResults index={manifest.data.search} query={query} page={page} />;

  return (
    <section aria-labelledby="list-title" className="search-page">
      <h1 id="list-title" className="list-title">
        {query ? `“${query}”的搜索结果` : '搜索'}
      </h1>
      {body}
    </section>
  );
}
