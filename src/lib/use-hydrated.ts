import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False while React hydrates a prerendered page (and in the prerendering itself), true after
 * and in any render that is not a hydration. What the build could not know (the reader's time
 * zone, the age of an article, a remembered theme) renders as the page had it first, then as
 * the reader's: no hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
