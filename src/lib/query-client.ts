import { QueryClient } from '@tanstack/react-query';
import { InvalidDataError, NotFoundError } from './fetch-json.ts';

/** One client per app (and per test): retries transient failures, never a 404 or invalid data. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Not a missing file, nor one of the wrong shape: those come back the same at once.
        retry: (failureCount, error) =>
          !(error instanceof NotFoundError || error instanceof InvalidDataError) && failureCount < 2,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4000),
        refetchOnWindowFocus: false,
        // Offline, a paused query would hold a route loader (and the navigation) forever;
        // fail instead, show the message with its retry, and refetch on reconnect.
        networkMode: 'always',
      },
    },
  });
}
