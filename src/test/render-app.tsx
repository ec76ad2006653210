import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
// The app's own provider (react-router/dom): it wires up ReactDOM.flushSync for navigations that ask for it.
import { RouterProvider } from 'react-router/dom';
import { vi } from 'vitest';
import { AppProviders } from '../app/app-providers.tsx';
import { createRoutes } from '../app/router.tsx';
import { createQueryClient } from '../lib/query-client.ts';

export type Responder = (path: string) => { status: number; body?: unknown } | undefined;

/** Serves `/data/<path>` from a function (a Uint8Array body as binary); anything it does not answer is a 404. */
export function mockData(respond: Responder) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    const path = decodeURIComponent(url.replace(/^.*?\/data\//, ''));
    const answer = respond(path) ?? { status: 404 };
    if (answer.body instanceof Uint8Array) {
      return new Response(answer.body.slice().buffer, {
        status: answer.status,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
    }
    return new Response(answer.body === undefined ? '{}' : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The whole app at a URL (the last of a history of them), with a fresh QueryClient that does not retry. */
export function renderApp(url: string | string[]) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, retryDelay: 0 } });
  const router = createMemoryRouter(createRoutes(queryClient), {
    initialEntries: typeof url === 'string' ? [url] : url,
  });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}
