import { useLocation, useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { routes } from '../../config/paths.ts';
import { useArticle } from '../../features/articles/api/get-article.ts';
import { ArticleSkeleton } from '../../features/articles/components/article-skeleton.tsx';
import { ArticleView } from '../../features/articles/components/article-view.tsx';
import { NotFoundError } from '../../lib/fetch-json.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { photoIndexOf } from './photo-segment.ts';

interface PhotoState {
  /** Set when the viewer was opened from this article: closing goes Back. */
  openedHere?: boolean;
}

export function ArticleRoute() {
  const params = useParams();
  // Ids are NFC; an address typed or pasted on some systems comes decomposed.
  const id = (params.id ?? '').normalize('NFC');
  const article = useArticle(id);
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as PhotoState;
  const photo = photoIndexOf(params['*']);
  const photoIndex = photo ?? null;
  useDocumentTitle(
    article.data
      ? photoIndex === null
        ? article.data.title
        : `图片 ${photoIndex + 1} · ${article.data.title}`
      : undefined,
  );

  if (article.isPending) return <ArticleSkeleton />;
  if (article.isError) {
    if (article.error instanceof NotFoundError) return <NotFound what="文章" />;
    return (
      <ErrorMessage
        title="文章加载失败"
        error={article.error}
        onRetry={() => void article.refetch()}
        retrying={article.isFetching}
      />
    );
  }
  if (photo === undefined || (photoIndex !== null && !article.data.photos[photoIndex])) return <NotFound what="图片" />;

  // Photo navigations change only a parameter of this route (no loader runs) and render
  // synchronously (flushSync), not in a transition: a second arrow key pressed right after
  // the first must see the photo the first one opened, however busy the machine.
  return (
    <ArticleView
      key={id}
      article={article.data}
      photoIndex={photoIndex}
      onOpenPhoto={(index) =>
        void navigate(routes.photo(id, index + 1), {
          state: { openedHere: true },
          preventScrollReset: true,
          flushSync: true,
        })
      }
      onNavigatePhoto={(index) =>
        void navigate(routes.photo(id, index + 1), { replace: true, state, preventScrollReset: true, flushSync: true })
      }
      onClosePhoto={() => {
        if (state.openedHere) void navigate(-1);
        else void navigate(routes.article(id), { replace: true, preventScrollReset: true, flushSync: true });
      }}
    />
  );
}
