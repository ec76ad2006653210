import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { ArticleListSkeleton } from '../features/articles/components/article-list-skeleton.tsx';
import { ArticleSkeleton } from '../features/articles/components/article-skeleton.tsx';
import { AppErrorPage } from './app-error-page.tsx';
import { RootLayout } from './root-layout.tsx';
import { HomeRoute } from './routes/home-route.tsx';
import { NotFoundRoute } from './routes/not-found-route.tsx';
import { RouteErrorBoundary } from './routes/route-error-boundary.tsx';
import { articleLoader, categoryLoader, homeLoader, tagLoader } from './routes/route-loaders.ts';

// The article view (and DOMPurify with it) loads only on article routes.
const lazyArticle = async () => {
  const { ArticleRoute } = await import('./routes/article-route.tsx');
  return { Component: ArticleRoute };
};

// Lists of one category or tag load their views when first opened (decision 0007): the home
// route's script keeps to its budget. Their loaders stay: they warm the cache meanwhile.
const lazyCategory = async () => ({ Component: (await import('./routes/category-route.tsx')).CategoryRoute });
const lazyTag = async () => ({ Component: (await import('./routes/tag-route.tsx')).TagRoute });

/** The route tree; the app mounts it in a browser router, tests in a memory router. */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  // Search (its loader, the index reader and the ranking) loads only when someone searches.
  const lazySearch = async () => {
    const { SearchRoute, searchLoader } = await import('./routes/search-route.tsx');
    return { Component: SearchRoute, loader: searchLoader(queryClient) };
  };
  const articleRoute: RouteObject = {
    path: 'article/:id/*',
    loader: articleLoader(queryClient),
    // Within one article (the text, a photo, the next photo) nothing is loaded again.
    shouldRevalidate: ({ currentParams, nextParams, defaultShouldRevalidate }) =>
      currentParams.id === nextParams.id ? false : defaultShouldRevalidate,
    lazy: lazyArticle,
    hydrateFallbackElement: <ArticleSkeleton />,
  };
  // What the browser remembers (saved, in progress, the reader's own data): its own chunk.
  const lazySaved = async () => {
    const { SavedRoute } = await import('./routes/saved-route.tsx');
    return { Component: SavedRoute };
  };
  return [
    {
      element: <RootLayout />,
      errorElement: <AppErrorPage />,
      hydrateFallbackElement: <RootLayout children={<div className="boot" aria-busy="true" />} />,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          children: [
            { index: true, loader: homeLoader(queryClient), element: <HomeRoute /> },
            {
              path: 'category/:name',
              loader: categoryLoader(queryClient),
              lazy: lazyCategory,
              hydrateFallbackElement: <ArticleListSkeleton />,
            },
            {
              path: 'tag/:name',
              loader: tagLoader(queryClient),
              lazy: lazyTag,
              hydrateFallbackElement: <ArticleListSkeleton />,
            },
            articleRoute,
            { path: 'search', lazy: lazySearch, hydrateFallbackElement: <ArticleListSkeleton /> },
            { path: 'saved', lazy: lazySaved, hydrateFallbackElement: <ArticleListSkeleton /> },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ];
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(createRoutes(queryClient), {
    basename: import.meta.env.BASE_URL.replace(/\/$/, '') || '/',
  });
}
