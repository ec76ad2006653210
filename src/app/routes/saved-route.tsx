import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useReading } from '../../features/reading/api/get-reading.ts';
import { articlesInProgress, savedArticles } from '../../features/reading/api/reading-progress.ts';
import { LocalDataPanel } from '../../features/reading/components/local-data-panel.tsx';
import { ReadingList } from '../../features/reading/components/reading-list.tsx';
import { ArticleListSkeleton } from '../../features/articles/components/article-list-skeleton.tsx';

/**
 * `/saved`: what this browser remembers — the saved articles (the last saved first), those left
 * part-way, and the reader's own data (export, import, clear). Nothing here leaves the browser.
 */
export function SavedRoute() {
  useDocumentTitle('收藏');
  const reading = useReading();
  if (!reading) return <ArticleListSkeleton />;
  const saved = savedArticles(reading.records);
  const inProgress = articlesInProgress(reading.records, Infinity);
  return (
    <section className="saved-page" aria-labelledby="list-title">
      <h1 id="list-title" className="list-title">
        收藏
        <span className="list-title__count">{saved.length} 篇</span>
      </h1>
      {saved.length > 0 ? (
        <ReadingList records={saved} show="saved" label="收藏的文章" />
      ) : (
        <p className="empty-state">还没有收藏的文章。在文章页或文章卡片上点“收藏”，或按 s 键。</p>
      )}
      {inProgress.length > 0 && (
        <>
          <h2 className="section-title">读到一半</h2>
          <ReadingList records={inProgress} show="progress" label="读到一半的文章" />
        </>
      )}
      <LocalDataPanel reading={reading} />
    </section>
  );
}
