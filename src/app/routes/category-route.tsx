import { lazy, Suspense } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { dataUrl, nameFromPath, routes } from '../../config/paths.ts';
import { useManifest } from '../../features/articles/api/get-manifest.ts';
import { ArticleList } from '../../features/articles/components/article-list.tsx';
import { ArticleListSkeleton } from '../../features/articles/components/article-list-skeleton.tsx';
import { dataPaths } from '../../lib/content-contract.ts';
import { parsePage } from '../../lib/parse-page.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useHydrated } from '../../lib/use-hydrated.ts';

// 只看未读 and 全部标为已读 (list-tools.tsx): their own chunk, shared with the home page's, loaded
// beside this view rather than after it. Keyed by the category: another one starts afresh (no
// 已将 N 篇标为已读 of the last, no pages of its list).
const loadTools = () => import('../../features/reading/components/list-tools.tsx');
const ListTools = lazy(() => loadTools().then((module) => ({ default: module.ListTools })));
const UnreadList = lazy(() => loadTools().then((module) => ({ default: module.UnreadList })));

export function CategoryRoute() {
  const name = nameFromPath('category', useLocation().pathname) ?? '';
  const [search] = useSearchParams();
  const page = parsePage(search) ?? 1;
  const unread = search.get('unread') === '1';
  const hydrated = useHydrated();
  const manifest = useManifest();
  const category = manifest.data?.categories.find((entry) => entry.name === name);
  useDocumentTitle(category ? `${name}${page > 1 ? ` · 第 ${page} 页` : ''}` : undefined);

  if (manifest.isPending) return <ArticleListSkeleton />;
  if (manifest.isError) {
    return (
      <ErrorMessage error={manifest.error} onRetry={() => void manifest.refetch()} retrying={manifest.isFetching} />
    );
  }
  if (!category) return <NotFound what="分类" />;
  const list = {
    slug: category.slug,
    category: name,
    href: (unread: boolean) => `${routes.category(name)}${unread ? '?unread=1' : ''}`,
  };
  return (
    <section aria-labelledby="list-title">
      <div className="list-head">
        <h1 id="list-title" className="list-title">
          {name}
          <span className="list-title__count">{category.count} 篇</span>
        </h1>
        {manifest.data.feeds && (
          <a className="list-head__feed" href={dataUrl(dataPaths.feedAtom(category.slug))}>
            订阅
          </a>
        )}
      </div>
      <div className="list-tools">
        {hydrated && (
          <Suspense>
            <ListTools key={category.slug} list={list} manifest={manifest.data} unread={unread} />
          </Suspense>
        )}
      </div>
      {unread ? (
        <Suspense fallback={<ArticleListSkeleton />}>
          <UnreadList key={category.slug} list={list} pageSize={manifest.data.pageSize} pages={category.pages} />
        </Suspense>
      ) : (
        <ArticleList
          source={{ slug: category.slug }}
          page={page}
          pages={category.pages}
          hrefFor={(n) => (n === 1 ? routes.category(name) : `${routes.category(name)}?page=${n}`)}
        />
      )}
    </section>
  );
}
