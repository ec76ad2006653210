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
