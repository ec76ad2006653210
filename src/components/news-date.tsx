import { formatAbsolute, formatNewsDate } from '../lib/format-date.ts';

/** A `<time>` that reads relative when recent; the exact time is in its title. */
export function NewsDate({ iso, className }: { iso: string; className?: string }) {
  return (
    <time className={className} dateTime={iso} title={formatAbsolute(iso)}>
      {formatNewsDate(iso)}
    </time>
  );
}
