import { useEffect, useLayoutEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { NewsDate } from '../../../components/news-date.tsx';
import { SanitizedHtml } from '../../../components/sanitized-html.tsx';
import { routes } from '../../../config/paths.ts';
import type { Article } from '../../../lib/content-contract.ts';
import { PhotoGallery } from '../../gallery/components/photo-gallery.tsx';
import { PhotoLightbox } from '../../gallery/components/photo-lightbox.tsx';
import { CategoryTags } from './category-tags.tsx';
import { TagLinks } from './tag-links.tsx';
import { useActivePhoto } from './use-active-photo.ts';
import { rememberOpenedArticle } from './use-return-focus.ts';
import { followReaderLink } from './follow-reader-link.ts';
import { addCodeCopyButtons } from './code-copy-buttons.ts';
import { makeScrollBoxesFocusable } from './focusable-scroll-boxes.ts';
import { ShareButton } from '../../../components/share-button.tsx';
import { ResumeNotice } from '../../reading/components/resume-notice.tsx';
import { SaveButton } from '../../reading/components/save-button.tsx';
import { useReadingPosition } from '../../reading/components/use-reading-position.ts';

interface ArticleViewProps {
  article: Article;
  /** The open photo (from the URL), or null. */
  photoIndex: number | null;
  onOpenPhoto: (index: number) => void;
  onNavigatePhoto: (index: number) => void;
  onClosePhoto: () => void;
}

/** Scrolls the gallery's own list (never the page) so that a thumbnail is visible. */
function revealThumbnail(thumb: HTMLElement): void {
  const list = thumb.closest('.gallery__list');
  if (!(list instanceof HTMLElement)) return;
  const item = thumb.getBoundingClientRect();
  const box = list.getBoundingClientRect();
  if (item.top < box.top) list.scrollTop -= box.top - item.top + 8;
  else if (item.bottom > box.bottom) list.scrollTop += item.bottom - box.bottom + 8;
  if (item.left < box.left) list.scrollLeft -= box.left - item.left + 8;
  else if (item.right > box.right) list.scrollLeft += item.right - box.right + 8;
}

export function ArticleView({ article, photoIndex, onOpenPhoto, onNavigatePhoto, onClosePhoto }: ArticleViewProps) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const galleryRef = useRef<HTMLDivElement>(null);
  const active = useActivePhoto(bodyRef, article.photos);
  const position = useReadingPosition(bodyRef, article, photoIndex !== null);
  const lastViewed = useRef<number | null>(null);
  const navigate = useNavigate();
  const thumbnail = (index: number) =>
    galleryRef.current?.querySelector<HTMLElement>(`[data-photo-index="${index}"]`) ?? null;

  useEffect(() => {
    const thumb = thumbnail(active);
    if (thumb) revealThumbnail(thumb);
  }, [active]);

  // When the viewer closes, the last photo it showed gets focus and comes into view, in the
  // commit that removes the viewer (its layout cleanup has lifted `inert` by then): focus is
  // never left on <body>, however fast or slow the machine.
  useLayoutEffect(() => {
    if (photoIndex !== null) {
      lastViewed.current = photoIndex;
      return;
    }
    if (lastViewed.current === null) return;
    const thumb = thumbnail(lastViewed.current);
    lastViewed.current = null;
    if (thumb) {
      revealThumbnail(thumb);
      thumb.focus({ preventScroll: true });
      const rect = thumb.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight) thumb.scrollIntoView({ block: 'center' });
    }
  }, [photoIndex]);

  useEffect(() => rememberOpenedArticle(article.id), [article.id]);

  // Each code block gets a copy button (the body's HTML is set by SanitizedHtml, once per body).
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const removeButtons = addCodeCopyButtons(body);
    const stopFollowing = makeScrollBoxesFocusable(body);
    return () => {
      removeButtons();
      stopFollowing();
    };
  }, [article.html]);

  // Links to a heading or to another article stay in the reader (sanitize-html.ts).
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const onClick = (event: MouseEvent) => followReaderLink(event, body, navigate);
    body.addEventListener('click', onClick);
    return () => body.removeEventListener('click', onClick);
  }, [navigate]);

  const hasPhotos = article.photos.length > 0;
  return (
    <article className="article" aria-labelledby="article-title" data-article-id={article.id}>
      <header className="article__header">
        <CategoryTags names={article.categories} className="article__categories" />
        <h1 id="article-title" className="article__title">
          {article.title}
        </h1>
        <p className="article__meta">
          {article.author && <span className="article__author">{article.author}</span>}
          <NewsDate iso={article.date} />
          {article.updated && (
            <span>
              更新于 <NewsDate iso={article.updated} />
            </span>
          )}
          <span>约 {article.readingMinutes} 分钟读完</span>
          {hasPhotos && <span>{article.photos.length} 张图</span>}
        </p>
        <div className="article__actions">
          <SaveButton article={article} />
          <ShareButton to={routes.article(article.id)} title={article.title} />
        </div>
      </header>

      <div className={hasPhotos ? 'article__layout article__layout--gallery' : 'article__layout'}>
        <div ref={galleryRef} className="article__gallery">
          <PhotoGallery photos={article.photos} activeIndex={active} onOpen={onOpenPhoto} />
        </div>
        <SanitizedHtml ref={bodyRef} className="article__body prose" html={article.html} />
      </div>
      <TagLinks names={article.tags} className="article__tags" />

      {(article.prev || article.next) && (
        <nav className="article__neighbours" aria-label="相邻文章">
          {article.prev ? (
            <Link className="neighbour neighbour--prev" to={routes.article(article.prev.id)} data-article-nav="prev">
              <span className="neighbour__label">上一篇（较新）</span>
              <span className="neighbour__title">{article.prev.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {article.next && (
            <Link className="neighbour neighbour--next" to={routes.article(article.next.id)} data-article-nav="next">
              <span className="neighbour__label">下一篇（较早）</span>
              <span className="neighbour__title">{article.next.title}</span>
            </Link>
          )}
        </nav>
      )}

      {photoIndex !== null && (
        <PhotoLightbox
          photos={article.photos}
          index={photoIndex}
          articleTitle={article.title}
          onNavigate={onNavigatePhoto}
          onClose={onClosePhoto}
          shareTo={(n) => routes.photo(article.id, n + 1)}
        />
      )}
      {position.resumed && <ResumeNotice onStart={position.toStart} onDismiss={position.dismiss} />}
    </article>
  );
}
