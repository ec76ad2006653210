import { type ReactNode, useEffect, useRef, useState } from 'react';
import { assetUrl } from '../../../config/paths.ts';

interface FallbackImageProps {
  src: string;
  fallbackSrc?: string | undefined;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
  /** Shown in the placeholder when every source failed. */
  caption?: string | undefined;
  className?: string;
  loading?: 'lazy' | 'eager';
  fetchPriority?: 'high' | 'low' | 'auto';
  /** A cover that only decorates: a failure shows a tile (with `placeholder` in it), without text or retry. */
  decorative?: boolean;
  placeholder?: ReactNode;
  /** Offer a retry button in the placeholder (not inside another button, such as a thumbnail). */
  retry?: boolean;
}

/**
 * An image that tries `src`, then `fallbackSrc`, then shows a placeholder with
 * the caption and a retry button. Never sends a referrer: the source hosts
 * refuse hotlinked requests that carry one.
 */
export function FallbackImage({
  src,
  fallbackSrc,
  alt,
  width,
  height,
  caption,
  className,
  loading = 'lazy',
  fetchPriority,
  decorative = false,
  placeholder,
  retry = true,
}: FallbackImageProps) {
  const sources = fallbackSrc ? [src, fallbackSrc] : [src];
  const [attempt, setAttempt] = useState({ index: 0, round: 0 });
  const current = sources[attempt.index];
  const ratio = width && height ? `${width} / ${height}` : undefined;
  const image = useRef<HTMLImageElement>(null);
  // Once per source, however many times its failure is seen.
  const fail = (index: number) =>
    setAttempt((previous) => (previous.index === index ? { ...previous, index: index + 1 } : previous));
  // A prerendered image can fail before React listens (hydration): a finished load without
  // pixels that does not decode is that failure.
  useEffect(() => {
    const element = image.current;
    if (element?.complete && !element.naturalWidth && element.getAttribute('src'))
      element.decode().catch(() => fail(0));
  }, []);

  if (current === undefined && decorative) {
    return <span className={`image-placeholder ${className ?? ''}`}>{placeholder}</span>;
  }
  if (current === undefined) {
    // Still an image to assistive technology, named like the photo, so that a
    // thumbnail button keeps its name when its photo fails.
    return (
      <span className={`image-placeholder ${className ?? ''}`} style={ratio ? { aspectRatio: ratio } : undefined}>
        <span role="img" aria-label={alt} className="image-placeholder__text">
          <span aria-hidden="true">图片加载失败{caption ? `：${caption}` : ''}</span>
        </span>
        {retry && (
          <button
            type="button"
            className="button button--small"
            onClick={() => setAttempt((previous) => ({ index: 0, round: previous.round + 1 }))}
          >
            重试
          </button>
        )}
      </span>
    );
  }
  return (
    <img
      key={`${attempt.round}-${attempt.index}`}
      ref={image}
      className={className}
      src={assetUrl(current)}
      alt={alt}
      width={width}
      height={height}
      loading={loading}
      decoding="async"
      referrerPolicy="no-referrer"
      {...(fetchPriority ? { fetchPriority } : {})}
      data-source={attempt.index === 0 ? 'primary' : 'fallback'}
      onError={() => fail(attempt.index)}
    />
  );
}
