import { useRef } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { type ListSource, useArticleList } from '../api/get-article-list.ts';
import { ArticleCard } from './article-card.tsx';
import { ArticleListSkeleton } from './article-list-skeleton.tsx';
import { Pager } from './pager.tsx';
import { useReturnFocus } from './use-return-focus.ts';

interface ArticleListProps {
  source: ListSource;
  page: number;
  /** The list's page count, from the manifest when it is known: a page past it is not fetched. */
  pages?: number | undefined;
  hrefFor: (page: number) => string;
}

export function ArticleList({ pages, ...props }: ArticleListProps) {
  if (pages !== undefined && props.page > Math.max(1, pages)) {
    return <PastLastPage page={props.page} pages={Math.max(1, pages)} hrefFor={props.hrefFor} />;
  }
  return <ArticleListPage {...props} />;
}

/** A page number past the end (an old link, a list that shrank): said inside the list, with a way back. */
function PastLastPage({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  return (
    <div className="empty-state" role="status">
      <p>
        没有第 {page} 页，共 {pages} 页。
      </p>
      <p className="empty-state__links">
        <Link to={hrefFor(1)}>回到第 1 页</Link>
        {pages > 1 && <Link to={hrefFor(pages)}>去最后一页（第 {pages} 页）</Link>}
      </p>
    </div>
  );
}

function ArticleListPage({ source, page, hrefFor }: Omit<ArticleListProps, 'pages'>) {
  const list = useArticleList({ ...source, page });
  const listRef = useRef<HTMLOListElement>(null);
  useReturnFocus(listRef, list.data !== undefined);
  if (list.isPending) return <ArticleListSkeleton />;
  if (list.isError && !list.data) {
    return (
      <ErrorMessage
        title="文章列表加载失败"
        error={list.error}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  }
  const { items, pages } = list.data;
  if (items.length === 0) return <p className="empty-state">这里还没有文章。</p>;
  return (
    <>
      <ol ref={listRef} className="article-list" aria-busy={list.isPlaceholderData}>
        {items.map((article, index) => (
          <li key={article.id}>
            <ArticleCard article={article} eager={index < 2} />
          </li>
        ))}
      </ol>
      <Pager page={page} pages={pages} hrefFor={hrefFor} />
    </>
  );
}
