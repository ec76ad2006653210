import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useManifest } from '../../features/articles/api/get-manifest.ts';
import { ArticleList } from '../../features/articles/components/article-list.tsx';
import { ALL_SLUG } from '../../lib/content-contract.ts';
import { parsePage } from '../../lib/parse-page.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useHydrated } from '../../lib/use-hydrated.ts';

// Below the list, and loaded with what the browser remembers: nothing above it moves.
const ContinueReading = lazy(() =>
  import('../../features/reading/components/continue-reading.tsx').then((module) => ({
    default: module.ContinueReading,
  })),
);

export function HomeRoute() {
  const [search] = useSearchParams();
  const page = parsePage(search) ?? 1;
  const manifest = useManifest();
  // Only in the browser: a prerendered page has no reader's state, and cannot wait for it.
  const hydrated = useHydrated();
  useDocumentTitle(page > 1 ? `最新文章 · 第 ${page} 页` : undefined);
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" className="list-title">
        最新文章
      </h1>
      <ArticleList
        source={{ slug: ALL_SLUG }}
        page={page}
        pages={manifest.data?.pages}
        hrefFor={(n) => (n === 1 ? '/' : `/?page=${n}`)}
      />
      {hydrated && (
        <Suspense>
          <ContinueReading />
        </Suspense>
      )}
    </section>
  );
}
