import type { Photo } from '../../../lib/content-contract.ts';
import { FallbackImage } from './fallback-image.tsx';

interface PhotoGalleryProps {
  photos: Photo[];
  /** The photo nearest to where the reader is in the text. */
  activeIndex: number;
  onOpen: (index: number) => void;
}

/** Thumbnails of every photo of the article: a column beside the text on wide screens, a strip above it on narrow ones. */
export function PhotoGallery({ photos, activeIndex, onOpen }: PhotoGalleryProps) {
  if (photos.length === 0) return null;
  return (
    <aside className="gallery" aria-label={`文章图片（${photos.length} 张）`}>
      <ol className="gallery__list">
        {photos.map((photo, index) => (
          <li key={`${index}-${photo.src}`} className="gallery__item">
            <button
              type="button"
              className="gallery__thumb"
              data-photo-index={index}
              aria-current={index === activeIndex ? 'true' : undefined}
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
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
