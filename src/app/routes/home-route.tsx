import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useManifest } from '../../features/articles/api/get-manifest.ts';
import { ArticleList } from '../../features/articles/components/article-list.tsx';
import { ArticleListSkeleton } from '../../features/articles/components/article-list-skeleton.tsx';
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
// 只看未读 and 全部标为已读: in their place (kept empty until then), once the page is the app's.
const tools = <K extends 'ListTools' | 'UnreadList'>(name: K) =>
  lazy(() => import('../../features/reading/components/list-tools.tsx').then((module) => ({ default: module[name] })));
const ListTools = tools('ListTools');
const UnreadList = tools('UnreadList');
const list = { slug: ALL_SLUG, href: (unread: boolean) => (unread ? '/?unread=1' : '/') };

export function HomeRoute() {
  const [search] = useSearchParams();
  const page = parsePage(search) ?? 1;
  const unread = search.get('unread') === '1';
  const manifest = useManifest();
  // Only in the browser: a prerendered page has no reader's state, and cannot wait for it.
  const hydrated = useHydrated();
  useDocumentTitle(page > 1 ? `最新文章 · 第 ${page} 页` : undefined);
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title" className="list-title">
        最新文章
      </h1>
      <div className="list-tools">
        {hydrated && manifest.data && (
          <Suspense>
            <ListTools list={list} manifest={manifest.data} unread={unread} />
          </Suspense>
        )}
      </div>
      {unread && manifest.data ? (
        <Suspense fallback={<ArticleListSkeleton />}>
          <UnreadList list={list} pageSize={manifest.data.pageSize} pages={manifest.data.pages} />
        </Suspense>
      ) : (
        <ArticleList
          source={{ slug: ALL_SLUG }}
          page={page}
          pages={manifest.data?.pages}
          hrefFor={(n) => (n === 1 ? '/' : `/?page=${n}`)}
        />
      )}
      {hydrated && (
        <Suspense>
          <ContinueReading />
        </Suspense>
      )}
    </section>
  );
}
