import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DataRouter } from 'react-router';
import { keepInStep } from '../api/keep-offline.ts';
import { registerServiceWorker } from '../api/service-worker.ts';
import { ConnectionNotices } from './connection-notices.tsx';

/**
 * Offline reading (decision 0021), started once the page has loaded, in a chunk of its own: the
 * worker, what it keeps, and the notices, in a root of their own beside the app's (nothing of
 * the first screen waits for them, and they stay when a route fails).
 */
export async function startOffline(queryClient: QueryClient, router: Pick<DataRouter, 'state' | 'subscribe'>) {
  await firstScreenSettled(queryClient, router);
  const location = {
    pathname: () => router.state.location.pathname,
    subscribe: (listener: () => void) => router.subscribe(listener),
  };
  const host = document.createElement('div');
  document.body.append(host);
  createRoot(host).render(
    <StrictMode>
      <ConnectionNotices location={location} />
    </StrictMode>,
  );
  if (await registerServiceWorker()) keepInStep(queryClient);
}

/**
 * Resolves once the first screen has its data and the page is idle: a first visit's worker
 * downloads the whole app shell, which must not compete with the data and photos the reader waits for.
 */
function firstScreenSettled(queryClient: QueryClient, router: Pick<DataRouter, 'state' | 'subscribe'>): Promise<void> {
  return new Promise((resolve) => {
    const stops: (() => void)[] = [];
    const check = () => {
      const { initialized, navigation } = router.state;
      if (!initialized || navigation.state !== 'idle' || queryClient.isFetching() > 0) return;
      stops.forEach((stop) => stop());
      if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 5000 });
      else setTimeout(resolve, 0);
    };
    stops.push(router.subscribe(check), queryClient.getQueryCache().subscribe(check));
    check();
  });
}
