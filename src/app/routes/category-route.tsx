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

export function CategoryRoute() {
  const name = nameFromPath('category', useLocation().pathname) ?? '';
  const [search] = useSearchParams();
  const page = parsePage(search) ?? 1;
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
      <ArticleList
        source={{ slug: category.slug }}
        page={page}
        pages={category.pages}
        hrefFor={(n) => (n === 1 ? routes.category(name) : `${routes.category(name)}?page=${n}`)}
      />
    </section>
  );
}
