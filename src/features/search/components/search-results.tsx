import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { NotFound } from '../../../components/not-found.tsx';
import { routes } from '../../../config/paths.ts';
import type { SearchIndexInfo } from '../../../lib/content-contract.ts';
import { planQuery } from '../../../lib/search-terms.ts';
import { manifestQueryOptions } from '../../articles/api/get-manifest.ts';
import { ArticleListSkeleton } from '../../articles/components/article-list-skeleton.tsx';
import { Pager } from '../../articles/components/pager.tsx';
import { useReturnFocus } from '../../articles/components/use-return-focus.ts';
import { useSearchPage } from '../api/get-search-page.ts';
import { StaleIndexError } from '../api/stale-index-error.ts';
import { SearchResultItem } from './search-result-item.tsx';

interface SearchResultsProps {
  index: SearchIndexInfo;
  query: string;
  page: number;
}

const count = new Intl.NumberFormat('zh-CN');

export function SearchResults({ index, query, page }: SearchResultsProps) {
  const results = useSearchPage({ index, query, page });
  const queryClient = useQueryClient();
  const { highlights } = planQuery(query);
  const listRef = useRef<HTMLOListElement>(null);
  useReturnFocus(listRef, results.data !== undefined);

  if (results.isPending) return <ArticleListSkeleton />;
  if (results.isError && !results.data) {
    return (
      <ErrorMessage
        title="搜索失败"
        error={results.error}
        onRetry={() => {
          // A stale index needs the new manifest; the new index then loads under its own key.
          if (results.error instanceof StaleIndexError)
            void queryClient.refetchQueries({ queryKey: manifestQueryOptions().queryKey });
          else void results.refetch();
        }}
        retrying={results.isFetching}
      />
    );
  }
  const { ids, total, approximate, shown, pages } = results.data;
  if (total === 0) {
    return (
      <div className="empty-state" role="status">
        <p>没有找到与“{query}”相关的文章。</p>
        <p className="empty-state__hint">试试更短的词、别的说法，或只搜其中一个词。</p>
      </div>
    );
  }
  if (page > pages) return <NotFound what="这一页搜索结果" />;
  return (
    <>
      <p className="result-count" role="status">
        {approximate
          ? `约 ${count.format(total)} 篇相关文章，列出最相关的 ${count.format(shown)} 篇`
          : `找到 ${count.format(total)} 篇相关文章`}
        {pages > 1 && ` · 第 ${page} / ${pages} 页`}
      </p>
      <ol ref={listRef} className="article-list" aria-busy={results.isPlaceholderData}>
        {ids.map((id) => (
          <li key={id}>
            <SearchResultItem id={id} highlights={highlights} />
          </li>
        ))}
      </ol>
      <Pager page={page} pages={pages} hrefFor={(n) => routes.search(query, n)} />
    </>
  );
}
