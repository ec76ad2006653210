import { ErrorMessage } from '../../../components/error-message.tsx';
import { useArticleList } from '../api/get-article-list.ts';
import { ArticleCard } from './article-card.tsx';
import { ArticleListSkeleton } from './article-list-skeleton.tsx';
import { Pager } from './pager.tsx';

interface ArticleListProps {
  slug: string;
  page: number;
  hrefFor: (page: number) => string;
}

export function ArticleList({ slug, page, hrefFor }: ArticleListProps) {
  const list = useArticleList({ slug, page });
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
      <ol className="article-list" aria-busy={list.isPlaceholderData}>
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
