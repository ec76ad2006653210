import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './app/app-providers.tsx';
import { createRouter } from './app/router.tsx';
import { dataUrl } from './config/paths.ts';
import { manifestQueryOptions } from './features/articles/api/get-manifest.ts';
import { PAGE_DATA_ID, type PageData } from './lib/content-contract.ts';
import { primeResponses } from './lib/fetch-json.ts';
import { createQueryClient } from './lib/query-client.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
// A prerendered page (decision 0015) carries the data it was rendered from: the first
// requests are answered from it, so the app renders exactly what the page shows.
const carried = document.getElementById(PAGE_DATA_ID)?.textContent;
const page = carried ? (JSON.parse(carried) as PageData) : undefined;
if (page) primeResponses(Object.entries(page.files).map(([file, value]) => [dataUrl(file), value]));

const queryClient = createQueryClient();
const router = createRouter(queryClient);
const app = (
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>
);

/** React takes a prerendered page's markup over once the route has its code and data. */
async function takeOver(page: PageData, container: HTMLElement): Promise<void> {
  await new Promise<void>((resolve) => {
    if (router.state.initialized) resolve();
    else {
      const stop = router.subscribe((state) => {
        if (state.initialized) {
          stop();
          resolve();
        }
      });
    }
  });
  const manifest = manifestQueryOptions();
  await queryClient.ensureQueryData(manifest).catch(() => undefined);
  // The page may be older than the data (a later build added articles): the header asks for
  // the manifest again once it is mounted, after the hydration.
  await queryClient.invalidateQueries({ queryKey: manifest.queryKey, refetchType: 'none' });
  // The markup is this address's (not a photo of the article, nor a later page of the list):
  // hydrate it; else render anew.
  if (page.path === location.pathname + location.search) hydrateRoot(container, app);
  else createRoot(container).render(app);
}

// Offline reading (decision 0021): the service worker and its notices, once the page has loaded.
if (import.meta.env.PROD)
  addEventListener('load', () =>
    import('./features/offline/components/start-offline.tsx').then((module) =>
      module.startOffline(queryClient, router),
    ),
  );

// No top-level await: the route chunks import from this module, which must not wait for them.
if (page) void takeOver(page, container);
else createRoot(container).render(app);
