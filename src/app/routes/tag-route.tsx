import { useLocation, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { nameFromPath, routes } from '../../config/paths.ts';
import { useArticleList } from '../../features/articles/api/get-article-list.ts';
import { ArticleList } from '../../features/articles/components/article-list.tsx';
import { ArticleListSkeleton } from '../../features/articles/components/article-list-skeleton.tsx';
import { NotFoundError } from '../../lib/fetch-json.ts';
import { parsePage } from '../../lib/parse-page.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** `/tag/:name`: the articles with that tag, newest first, paged like a category. */
export function TagRoute() {
  const tag = nameFromPath('tag', useLocation().pathname) ?? '';
  const [search] = useSearchParams();
  const page = parsePage(search) ?? 1;
  // Page 1 tells whether the tag exists, how many articles it has and how many pages.
  const first = useArticleList({ tag, page: 1 });
  useDocumentTitle(first.data ? `#${tag}${page > 1 ? ` · 第 ${page} 页` : ''}` : undefined);

  if (first.isPending) return <ArticleListSkeleton />;
  if (first.isError && first.error instanceof NotFoundError) return <NotFound what="标签" />;
  if (first.isError) {
    return <ErrorMessage error={first.error} onRetry={() => void first.refetch()} retrying={first.isFetching} />;
  }
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" className="list-title">
        <span>
          <span aria-hidden="true">#</span>
          {tag}
        </span>
        <span className="list-title__count">{first.data.total} 篇</span>
      </h1>
      <ArticleList
        source={{ tag }}
        page={page}
        pages={first.data.pages}
        hrefFor={(n) => (n === 1 ? routes.tag(tag) : `${routes.tag(tag)}?page=${n}`)}
      />
    </section>
  );
}
