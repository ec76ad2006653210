import { Link } from 'react-router';
import { NewsDate } from '../../../components/news-date.tsx';
import { routes } from '../../../config/paths.ts';
import { CardCover } from '../../articles/components/card-cover.tsx';
import type { ReadingRecord } from '../api/reading-store.ts';
import { SaveButton } from './save-button.tsx';

interface ReadingListProps {
  records: readonly ReadingRecord[];
  /** What each item says besides its date: how far the reader got, or when it was saved. */
  show: 'progress' | 'saved';
  label: string;
}

/** Articles remembered in this browser, with their covers: the saved ones, or those in progress. */
export function ReadingList({ records, show, label }: ReadingListProps) {
  return (
    <ol className="reading-list" aria-label={label}>
      {records.map((record) => (
        <li key={record.id} className="reading-list__item">
          <div className="reading-list__body">
            <Link className="reading-list__title" to={routes.article(record.id)}>
              {record.title}
            </Link>
            <p className="reading-list__meta">
              <NewsDate iso={record.date} />
              {show === 'progress' && record.progress !== undefined && (
                <span>读到 {Math.round(record.progress * 100)}%</span>
              )}
              {show === 'saved' && record.savedAt !== undefined && (
                <span>
                  收藏于 <NewsDate iso={new Date(record.savedAt).toISOString()} />
                </span>
              )}
            </p>
            {show === 'saved' && <SaveButton article={record} className="button button--small" />}
          </div>
          <CardCover article={record} />
        </li>
      ))}
    </ol>
  );
}
