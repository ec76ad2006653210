import { useRef } from 'react';
import type { Photo } from '../../../lib/content-contract.ts';
import { FallbackImage } from './fallback-image.tsx';
import { usePhotosBeyond } from './use-photos-beyond.ts';

interface PhotoGalleryProps {
  photos: Photo[];
  /** The photo nearest to where the reader is in the text. */
  activeIndex: number;
  onOpen: (index: number) => void;
}

/** Thumbnails of every photo of the article: a column beside the text on wide screens, a strip above it on narrow ones. */
export function PhotoGallery({ photos, activeIndex, onOpen }: PhotoGalleryProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const beyond = usePhotosBeyond(listRef, photos.length);
  if (photos.length === 0) return null;
  // The marker of the photo nearest the reading position means something only among several.
  const marked = photos.length > 1 ? activeIndex : -1;
  return (
    <aside
      className={beyond.count > 0 ? 'gallery gallery--more' : 'gallery'}
      aria-label={`文章图片（${photos.length} 张）`}
    >
      <ol ref={listRef} className="gallery__list">
        {photos.map((photo, index) => (
          <li key={`${index}-${photo.src}`} className="gallery__item">
            <button
              type="button"
              className="gallery__thumb"
              data-photo-index={index}
              aria-current={index === marked ? 'true' : undefined}
              onClick={() => onOpen(index)}
            >
              <FallbackImage
                className="gallery__image"
                src={photo.src}
                fallbackSrc={photo.fallbackSrc}
                alt={photo.caption || photo.alt || `第 ${index + 1} 张图片`}
                width={photo.width}
                height={photo.height}
                caption={photo.caption}
                loading={index < 2 ? 'eager' : 'lazy'}
                retry={false}
              />
              {photo.caption && (
                <span className="gallery__caption" aria-hidden="true">
                  {photo.caption}
                </span>
              )}
              {photo.credit && (
                <span className="gallery__credit" aria-hidden="true">
                  {photo.credit}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      {beyond.count > 0 && (
        <div className="gallery__more-bar">
          {/* On a phone the strip's edge has room for a short count only: over a photo, the
              whole phrase hid part of it. The button's name is the whole phrase either way. */}
          <button
            type="button"
            className="gallery__more"
            onClick={beyond.reveal}
            aria-label={`还有 ${beyond.count} 张`}
          >
            <span className="gallery__more-long" aria-hidden="true">
              还有 {beyond.count} 张
            </span>
            <span className="gallery__more-short" aria-hidden="true">
              +{beyond.count}
            </span>
          </button>
        </div>
      )}
    </aside>
  );
}
