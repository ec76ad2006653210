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
