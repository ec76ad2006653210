import type { QueryClient } from '@tanstack/react-query';
import { data, type LoaderFunctionArgs } from 'react-router';
import { articleQueryOptions } from '../../features/articles/api/get-article.ts';
import { articleListQueryOptions } from '../../features/articles/api/get-article-list.ts';
import { manifestQueryOptions } from '../../features/articles/api/get-manifest.ts';
import { ALL_SLUG } from '../../lib/content-contract.ts';
import { NotFoundError } from '../../lib/fetch-json.ts';
import { nameFromPath } from '../../config/paths.ts';
import { parsePage } from '../../lib/parse-page.ts';
import { photoIndexOf } from './photo-segment.ts';

// Loaders warm the query cache so that a navigation shows the next page whole,
// without a spinner. A missing resource is a 404 for the route's boundary; any
// other failure is left to the component, which shows it with a retry.

const notFound = () => data(null, { status: 404 });

async function settle<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    return undefined;
  }
}

export function homeLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const page = parsePage(new URL(request.url).searchParams);
    if (page === undefined) throw notFound();
    const manifest = settle(queryClient.ensureQueryData(manifestQueryOptions()));
    // Page 1 always exists: it is fetched beside the manifest. A later page only when the
    // manifest has it; past the end, the list says so (article-list.tsx).
    if (page === 1)
      await Promise.all([
        manifest,
        settle(queryClient.ensureQueryData(articleListQueryOptions({ slug: ALL_SLUG, page }))),
      ]);
    else if (((await manifest)?.pages ?? page) >= page)
      await settle(queryClient.ensureQueryData(articleListQueryOptions({ slug: ALL_SLUG, page })));
    return null;
  };
}

export function categoryLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const url = new URL(request.url);
    const page = parsePage(url.searchParams);
    const name = nameFromPath('category', url.pathname);
    if (page === undefined || name === undefined) throw notFound();
    const manifest = await settle(queryClient.ensureQueryData(manifestQueryOptions()));
    if (!manifest) return null;
    const category = manifest.categories.find((entry) => entry.name === name);
    if (!category) throw notFound();
    if (page <= category.pages)
      await settle(queryClient.ensureQueryData(articleListQueryOptions({ slug: category.slug, page })));
    return null;
  };
}

export function tagLoader(queryClient: QueryClient) {
  return async ({ request }: LoaderFunctionArgs) => {
    const url = new URL(request.url);
    const page = parsePage(url.searchParams);
    const tag = nameFromPath('tag', url.pathname);
    if (page === undefined || tag === undefined) throw notFound();
    void settle(queryClient.ensureQueryData(manifestQueryOptions())).catch(() => undefined);
    // Page 1 says whether the tag exists and how many pages it has: tags are not in the manifest.
    const first = await settle(queryClient.ensureQueryData(articleListQueryOptions({ tag, page: 1 })));
    if (first && page > 1 && page <= first.pages)
      await settle(queryClient.ensureQueryData(articleListQueryOptions({ tag, page })));
    return null;
  };
}

export function articleLoader(queryClient: QueryClient) {
  return async ({ params }: LoaderFunctionArgs) => {
    const id = (params.id ?? '').normalize('NFC');
    void settle(queryClient.ensureQueryData(manifestQueryOptions())).catch(() => undefined);
    const photo = photoIndexOf(params['*']);
    if (photo === undefined) throw notFound();
    const article = await settle(queryClient.ensureQueryData(articleQueryOptions(id)));
    if (article && photo !== null && !article.photos[photo]) throw notFound();
    return null;
  };
}
