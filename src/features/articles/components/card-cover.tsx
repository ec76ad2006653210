import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { FallbackImage } from '../../gallery/components/fallback-image.tsx';

const PALETTE_SIZE = 8;

/** One of the palette's colours for a category: the same name always gets the same colour. */
export function categoryTone(name: string | undefined): number {
  let hash = 0;
  for (const char of name ?? '') hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % PALETTE_SIZE;
}

interface CardCoverProps {
  article: Pick<ArticleSummary, 'cover' | 'coverFallback' | 'title' | 'categories'>;
  /** Above the fold: loaded at once. */
  eager?: boolean;
}

/**
 * A card's cover. One that fails to load becomes a tile in its category's colour with the
 * title's first character, never an empty box.
 */
export function CardCover({ article, eager = false }: CardCoverProps) {
  if (!article.cover) return null;
  const first = Array.from(article.title.trim())[0] ?? '';
  return (
    <div className="card__cover" aria-hidden="true">
      <FallbackImage
        className="card__image"
        src={article.cover}
        fallbackSrc={article.coverFallback}
        alt=""
        width={240}
        height={160}
        decorative
        placeholder={<span className={`monogram monogram--${categoryTone(article.categories[0])}`}>{first}</span>}
        loading={eager ? 'eager' : 'lazy'}
        {...(eager ? { fetchPriority: 'high' as const } : {})}
      />
    </div>
  );
}
