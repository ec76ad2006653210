import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NewsDate } from '../../../components/news-date.tsx';
import { routes } from '../../../config/paths.ts';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { useReading } from '../../reading/api/get-reading.ts';
import { SaveButton } from '../../reading/components/save-button.tsx';
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
  // A read article's card is quieter (its title in the secondary colour), as in a feed reader.
  const read = useReading()?.isRead(article) === true;
  return (
    <article
      className={`card${article.cover ? '' : ' card--text'}${read ? ' card--read' : ''}`}
      aria-labelledby={`card-${article.id}`}
    >
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
          {/* Always there, shown when read: the state arrives after the first paint, and nothing may move. */}
          <span className={read ? 'card__read' : 'card__read card__read--no'}>已读</span>
          <SaveButton article={article} className="card__save" />
        </div>
      </div>
      <CardCover article={article} eager={eager} />
    </article>
  );
}
