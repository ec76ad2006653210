import { formatAbsolute, formatNewsDate, formatSiteDate } from '../lib/format-date.ts';
import { useHydrated } from '../lib/use-hydrated.ts';

/**
 * A `<time>` that reads relative when recent; the exact time is in its title. A prerendered
 * page shows the site's time until it is hydrated: the build knows neither the reader's
 * zone nor the moment of reading.
 */
export function NewsDate({ iso, className }: { iso: string; className?: string }) {
  const hydrated = useHydrated();
  return (
    <time className={className} dateTime={iso} title={hydrated ? formatAbsolute(iso) : formatSiteDate(iso)}>
      {hydrated ? formatNewsDate(iso) : formatSiteDate(iso)}
    </time>
  );
}
