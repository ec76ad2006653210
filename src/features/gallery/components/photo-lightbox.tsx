import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { assetUrl } from '../../../config/paths.ts';
import type { Photo } from '../../../lib/content-contract.ts';
import { useModalFocus } from '../../../lib/use-modal-focus.ts';
import { ShareButton } from '../../../components/share-button.tsx';
import { FallbackImage } from './fallback-image.tsx';

interface PhotoLightboxProps {
  photos: Photo[];
  index: number;
  articleTitle: string;
  onNavigate: (index: number) => void;
  onClose: () => void;
  /** The app path of a photo, for the share button (none without it). */
  shareTo?: (index: number) => string;
}

const SWIPE_DISTANCE = 48;
const FOCUSABLE = 'button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab cycling inside the dialog. */
function trapFocus(event: KeyboardEvent, dialog: HTMLElement | null): void {
  const focusable = Array.from(dialog?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last || !dialog) return;
  const inside = dialog.contains(document.activeElement);
  if (event.shiftKey && (document.activeElement === first || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}

function preload(photo: Photo | undefined): void {
  if (!photo) return;
  const image = new Image();
  image.referrerPolicy = 'no-referrer';
  image.decoding = 'async';
  image.src = assetUrl(photo.src);
}

/**
 * The photo viewer: a modal dialog with the large photo, its full caption and
 * credit. Arrow keys, buttons and swipes move between photos; Escape, the
 * close button and a click on the backdrop close it. The rest of the page is
 * inert while it is open, and focus stays inside.
 */
export function PhotoLightbox({ photos, index, articleTitle, onNavigate, onClose, shareTo }: PhotoLightboxProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const swipeStart = useRef<{ x: number; y: number } | null>(null);
  // A swipe ends with a click on the stage; that click must not close the dialog.
  const swiped = useRef(false);
  // Closing by going Back commits when the browser's popstate arrives, a moment later: until
  // then, a second Escape or click must not go Back again and leave the article.
  const closing = useRef(false);
  const close = () => {
    if (closing.current) return;
    closing.current = true;
    onClose();
  };
  const navigateTo = (target: number) => {
    if (!closing.current) onNavigate(target);
  };
  const titleId = useId();
  const captionId = useId();
  const photo = photos[index];
  const count = photos.length;
  const hasPrevious = index > 0;
  const hasNext = index < count - 1;

  useModalFocus(closeRef, { restore: false });
  // The page behind the photo does not scroll.
  useEffect(() => {
    const previousOverflow = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = previousOverflow;
    };
  }, []);

  // A layout effect: focus never rests on a disabled button for a frame.
  useLayoutEffect(() => {
    // A button that just became disabled (at the first or last photo) would drop focus to the page.
    const active = document.activeElement;
    if (!dialogRef.current?.contains(active) || (active instanceof HTMLButtonElement && active.disabled)) {
      closeRef.current?.focus();
    }
  }, [index]);

  useEffect(() => {
    preload(photos[index + 1]);
    preload(photos[index - 1]);
  }, [photos, index]);

  // Keys are handled on the window, so they work wherever focus is while the dialog is open.
  // A layout effect: the handler is in place before the dialog is ever painted.
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'ArrowRight' && index < count - 1) {
        event.preventDefault();
        navigateTo(index + 1);
      } else if (event.key === 'ArrowLeft' && index > 0) {
        event.preventDefault();
        navigateTo(index - 1);
      } else if (event.key === 'Tab') {
        trapFocus(event, dialogRef.current);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  });

  if (!photo) return null;

  const onPointerDown = (event: React.PointerEvent) => {
    swipeStart.current = { x: event.clientX, y: event.clientY };
    swiped.current = false;
  };
  const onPointerUp = (event: React.PointerEvent) => {
    const start = swipeStart.current;
    swipeStart.current = null;
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (Math.abs(dx) < SWIPE_DISTANCE || Math.abs(dx) < Math.abs(dy)) return;
    swiped.current = true;
    if (dx < 0 && hasNext) navigateTo(index + 1);
    if (dx > 0 && hasPrevious) navigateTo(index - 1);
  };

  return createPortal(
    <div
      className="lightbox"
      onClick={(event) => {
        // A click on the dark backdrop closes; on the photo, its caption or a control, it does not.
        const afterSwipe = swiped.current;
        swiped.current = false;
        const target = event.target as Element;
        if (!afterSwipe && !target.closest('img, figcaption, button, .image-placeholder, .lightbox__counter')) close();
      }}
    >
      <div
        ref={dialogRef}
        className="lightbox__dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={captionId}
      >
        <h2 id={titleId} className="visually-hidden">
          {articleTitle}：图片查看
        </h2>
        <div className="lightbox__bar">
          <span className="lightbox__counter" aria-hidden="true">
            {index + 1} / {count}
          </span>
          {shareTo && (
            <ShareButton to={shareTo(index)} title={articleTitle} className="button button--small lightbox__share" />
          )}
          <button
            ref={closeRef}
            type="button"
            className="icon-button lightbox__close"
            onClick={close}
            aria-label="关闭图片查看"
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        <figure className="lightbox__figure">
          <div
            className="lightbox__stage"
            onPointerDown={onPointerDown}
            onPointerUp={onPointerUp}
            onPointerCancel={() => (swipeStart.current = null)}
            // A dragged image would cancel the pointer and the swipe with it.
            onDragStart={(event) => event.preventDefault()}
          >
            <FallbackImage
              key={index}
              className="lightbox__image"
              src={photo.src}
              fallbackSrc={photo.fallbackSrc}
              alt={photo.alt || photo.caption}
              width={photo.width}
              height={photo.height}
              caption={photo.caption}
              loading="eager"
              fetchPriority="high"
            />
          </div>
          <figcaption id={captionId} className="lightbox__caption" aria-live="polite">
            <span className="visually-hidden">
              第 {index + 1} 张，共 {count} 张。
            </span>
            {photo.caption && <span className="lightbox__caption-text">{photo.caption}</span>}
            {photo.credit && <span className="lightbox__credit">{photo.credit}</span>}
          </figcaption>
        </figure>
        <div className="lightbox__nav">
          <button type="button" className="button" onClick={() => navigateTo(index - 1)} disabled={!hasPrevious}>
            ← 上一张
          </button>
          <button type="button" className="button" onClick={() => navigateTo(index + 1)} disabled={!hasNext}>
            下一张 →
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
