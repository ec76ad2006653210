import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { NewsDate } from '../../../components/news-date.tsx';
import { routes } from '../../../config/paths.ts';
import type { Article } from '../../../lib/content-contract.ts';
import { articleQueryOptions, useArticle } from '../../articles/api/get-article.ts';
import { CardCover } from '../../articles/components/card-cover.tsx';
import { CategoryTags } from '../../articles/components/category-tags.tsx';
import { htmlToText } from '../lib/html-to-text.ts';
import { makeSnippet, markMatches, type TextPart } from '../lib/make-snippet.ts';
import { HighlightedText } from './highlighted-text.tsx';

/** The passage that best shows why the article matched: body, then captions, else its opening. */
function snippetOf(article: Article, highlights: readonly string[]): TextPart[] {
  const body = htmlToText(article.html);
  const captions = article.photos.map((photo) => [photo.caption, photo.credit].filter(Boolean).join(' ')).join(' ／ ');
  return (
    makeSnippet(body, highlights) ??
    makeSnippet(captions, highlights) ?? [{ text: article.excerpt || body.slice(0, 96), mark: false }]
  );
}

interface SearchResultItemProps {
  id: string;
  highlights: readonly string[];
}

/** One result: its title and snippet with the matched words marked, its date and categories. */
export function SearchResultItem({ id, highlights }: SearchResultItemProps) {
  const article = useArticle(id);
  const queryClient = useQueryClient();
  const data = article.data;
  const title = useMemo(() => (data ? markMatches(data.title, highlights) : []), [data, highlights]);
  const snippet = useMemo(() => (data ? snippetOf(data, highlights) : []), [data, highlights]);

  if (!data) {
    // Same height as a result: nothing moves when it arrives. A failed article
    // still links to its page, which explains the failure and offers a retry.
    return (
      <article className="card card--text result--pending" aria-busy={article.isPending}>
        <div className="card__body">
          <h2 className="card__title">
            <Link to={routes.article(id)} data-card-link>
              {article.isPending ? '加载中…' : '这篇文章暂时无法加载'}
            </Link>
          </h2>
          <p className="result__snippet" aria-hidden="true" />
        </div>
      </article>
    );
  }
  return (
    <article className={data.cover ? 'card' : 'card card--text'} aria-labelledby={`result-${id}`}>
      <div className="card__body">
        <h2 className="card__title" id={`result-${id}`}>
          <Link
            to={routes.article(id)}
            data-card-link
            onFocus={() => void queryClient.prefetchQuery(articleQueryOptions(id))}
          >
            <HighlightedText parts={title} />
          </Link>
        </h2>
        <p className="result__snippet">
          <HighlightedText parts={snippet} />
        </p>
        <div className="card__meta">
          <NewsDate iso={data.date} />
          <CategoryTags names={data.categories} className="card__categories" />
          {data.photoCount > 0 && <span>{data.photoCount} 张图</span>}
        </div>
      </div>
      <CardCover article={data} />
    </article>
  );
}
