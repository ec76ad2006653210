import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NewsDate } from '../../../components/news-date.tsx';
import { routes } from '../../../config/paths.ts';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { articleQueryOptions } from '../api/get-article.ts';
import { CardCover } from './card-cover.tsx';
import { CategoryTags } from './category-tags.tsx';
import { TagLinks } from './tag-links.tsx';

interface ArticleCardProps {
  article: ArticleSummary;
  /** The first cards are above the fold: load their covers at once. */
  eager?: boolean;
}

export function ArticleCard({ article, eager = false }: ArticleCardProps) {
  const queryClient = useQueryClient();
  const prefetch = () => void queryClient.prefetchQuery(articleQueryOptions(article.id));
  return (
    <article className={article.cover ? 'card' : 'card card--text'} aria-labelledby={`card-${article.id}`}>
      <div className="card__body">
        <h2 className="card__title" id={`card-${article.id}`}>
          <Link to={routes.article(article.id)} onMouseEnter={prefetch} onFocus={prefetch} data-card-link>
            {article.title}
          </Link>
        </h2>
        <p className="card__excerpt">{article.excerpt}</p>
        <div className="card__meta">
          <NewsDate iso={article.date} />
          <CategoryTags names={article.categories} className="card__categories" />
          <TagLinks names={article.tags} className="card__tags" limit={3} />
          {article.photoCount > 0 && <span>{article.photoCount} 张图</span>}
          <span>约 {article.readingMinutes} 分钟读完</span>
        </div>
      </div>
      <CardCover article={article} eager={eager} />
    </article>
  );
}
