import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { AppProviders } from './app/app-providers.tsx';
import { createRoutes } from './app/router.tsx';
import { BASE_URL, dataUrl } from './config/paths.ts';
import type { PageData, PageRenderer, PageRenderInput, RenderedPage } from './lib/content-contract.ts';
import { primeResponses } from './lib/fetch-json.ts';
import { createQueryClient } from './lib/query-client.ts';
import { setPurifier } from './lib/sanitize-html.ts';

/** `</script>` (or `<!--`) inside a string must not end the data script: `<` is escaped. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The app's server build (decision 0015): renders a route to the markup the browser would
 * show once its data arrived, from the data files the pipeline hands over. The body is
 * sanitized by the same module, configuration and hooks as in the browser, over jsdom's DOM.
 */
export function createPageRenderer(): PageRenderer {
  setPurifier(createDOMPurify(new JSDOM('').window));
  return {
    async render({ path, files }: PageRenderInput): Promise<RenderedPage> {
      const address = `${BASE_URL}${path.replace(/^\//, '')}`;
      // The route's loaders ask for these files: they are answered from the ones handed over,
      // and anything else fails as a request would.
      primeResponses(Object.entries(files).map(([file, value]) => [dataUrl(file), value]));
      const queryClient = createQueryClient();
      queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
      try {
        const handler = createStaticHandler(createRoutes(queryClient), {
          basename: BASE_URL.replace(/\/$/, '') || '/',
        });
        const context = await handler.query(new Request(new URL(address, 'http://prerender.invalid')));
        if (context instanceof Response) throw new Error(`${path} redirects: it cannot be prerendered`);
        if (context.statusCode !== 200) throw new Error(`${path} answers ${context.statusCode}`);
        // A loader leaves some files to load in the background (the manifest, beside an article).
        const cache = queryClient.getQueryCache();
        await Promise.all(cache.findAll({ fetchStatus: 'fetching' }).map((query) => query.fetch()));
        const failed = cache.getAll().find((query) => query.state.status === 'error');
        if (failed) throw new Error(`${path} needs ${JSON.stringify(failed.queryKey)}: ${String(failed.state.error)}`);
        const router = createStaticRouter(handler.dataRoutes, context);
        const root = renderToString(
          <StrictMode>
            <AppProviders queryClient={queryClient}>
              <StaticRouterProvider router={router} context={context} hydrate={false} />
            </AppProviders>
          </StrictMode>,
        );
        const data: PageData = { path: address, files };
        return { root, data: scriptJson(data) };
      } finally {
        primeResponses([]);
        queryClient.clear();
      }
    },
  };
}
