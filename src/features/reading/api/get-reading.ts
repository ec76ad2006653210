import { queryOptions, useQuery } from '@tanstack/react-query';

/**
 * What this browser remembers of the reader (reading-store.ts, IndexedDB): read, saved, where
 * they left off. The store and idb load with the first ask, never with the home route's script.
 */
export const readingQueryOptions = () =>
  queryOptions({
    queryKey: ['reading'],
    queryFn: async () => (await import('./reading-store.ts')).readState(),
    staleTime: Infinity,
    retry: false,
  });

/** The remembered state; undefined until it is read (and on the server). */
export function useReading() {
  return useQuery(readingQueryOptions()).data;
}

/**
 * How many of a list's `count` articles (the manifest's, for this build) the reader has not
 * opened: `count` less the remembered read articles of that category (of any, for all articles).
 * Decision 0020 says where this is exact and where not.
 */
export function unreadOf(
  reading: { records: ReadonlyMap<string, { readAt?: number; categories: string[] }> },
  count: number,
  category?: string,
) {
  let read = 0;
  for (const record of reading.records.values())
    if (record.readAt !== undefined && (category === undefined || record.categories.includes(category))) read++;
  return Math.max(0, count - read);
}
