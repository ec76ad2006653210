import { useQueryClient } from '@tanstack/react-query';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { useReading } from '../api/get-reading.ts';

interface SaveButtonProps {
  article: Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'cover' | 'coverFallback'>;
  className?: string;
}

/**
 * Saves the article for later, or unsaves it: a toggle button (`aria-pressed`), pressed by `s`
 * too (use-keyboard-shortcuts.ts finds it by `data-save`). Disabled until the remembered state
 * is read, so a press is never lost.
 */
export function SaveButton({ article, className = 'button button--small' }: SaveButtonProps) {
  const client = useQueryClient();
  const reading = useReading();
  const saved = reading?.records.get(article.id)?.savedAt !== undefined;
  return (
    <button
      type="button"
      className={`${className} save-button`}
      aria-pressed={saved}
      disabled={!reading}
      data-save
      onClick={() => void import('../api/update-reading.ts').then(({ toggleSaved }) => toggleSaved(client, article))}
    >
      {/* The name stays 收藏 (a toggle's name does not change with its state: aria-pressed says
          it); the star shows it. */}
      <span aria-hidden="true">{saved ? '★' : '☆'}</span>收藏
    </button>
  );
}
