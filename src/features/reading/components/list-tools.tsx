import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { Manifest } from '../../../lib/content-contract.ts';
import { articleListQueryOptions } from '../../articles/api/get-article-list.ts';
import { ArticleCard } from '../../articles/components/article-card.tsx';
import { ArticleListSkeleton } from '../../articles/components/article-list-skeleton.tsx';
import { useReading } from '../api/get-reading.ts';
import type { ListMark } from '../api/reading-store.ts';

// 只看未读 and 全部标为已读 on the home page and a category's (issue 17, decision 0020): loaded with
// what the browser remembers, after the first screen, never with the home route's script.

/** A list as these tools see it: all articles (no category) or one category's. */
export interface ToolsList {
  slug: string;
  category?: string | undefined;
  /** The list's address, and with 只看未读. */
  href: (unread: boolean) => string;
}

/** Each list's size in this build: '' for all articles, and every category's. */
const countsOf = (manifest: Manifest) =>
  new Map([['', manifest.total], ...manifest.categories.map((entry) => [entry.name, entry.count] as const)]);

/** A category of up to this many pages is read whole when marked (its other categories' counts are then exact). */
const WHOLE_PAGES = 10;

/**
 * The filter (全部文章 / 只看未读, in the address) and 全部标为已读, which says what it did and can
 * be undone.
 */
export function ListTools({ list, manifest, unread }: { list: ToolsList; manifest: Manifest; unread: boolean }) {
  const client = useQueryClient();
  const reading = useReading();
  const [done, setDone] = useState<{ mark: ListMark; count: number } | undefined>();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const counts = countsOf(manifest);
  const left = reading?.unread(counts.get(list.category ?? '') ?? 0, list.category);

  const markAll = async () => {
    setBusy(true);
    setFailed(false);
    try {
      // The newest article of the list: the mark covers it and everything older. A category short
      // enough is read whole: the mark then knows the other categories its articles are in.
      const pages = manifest.categories.find((entry) => entry.slug === list.slug)?.pages ?? Infinity;
      const whole = list.category !== undefined && pages <= WHOLE_PAGES;
      const read = await Promise.all(
        Array.from({ length: whole ? pages : 1 }, (_, n) =>
          client.fetchQuery(articleListQueryOptions({ slug: list.slug, page: n + 1 })),
        ),
      );
      const upTo = read[0]?.items[0]?.date;
      if (!upTo || left === undefined) return;
      const articles = whole ? read.flatMap((page) => page.items) : undefined;
      const { markAllRead } = await import('../api/update-reading.ts');
      setDone({ mark: await markAllRead(client, { category: list.category, upTo, counts, articles }), count: left });
    } catch {
      // The list's first page could not be had (offline, say): nothing was marked.
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const undo = async (mark: ListMark) => {
    const { undoMark } = await import('../api/update-reading.ts');
    await undoMark(client, mark);
    setDone(undefined);
  };

  return (
    <>
      <nav className="list-tools__filter" aria-label="筛选">
        <Link to={list.href(false)} aria-current={unread ? undefined : 'page'}>
          全部文章
        </Link>
        <Link to={list.href(true)} aria-current={unread ? 'page' : undefined}>
          只看未读{left !== undefined && <span className="list-tools__count">{left}</span>}
        </Link>
      </nav>
      <div className="list-tools__mark" aria-live="polite">
        {done ? (
          <>
            已将 {done.count} 篇标为已读
            <button type="button" className="list-tools__button" onClick={() => void undo(done.mark)}>
              撤销
            </button>
          </>
        ) : (
          <>
            {failed && '没能标为已读，'}
            <button
              type="button"
              className="list-tools__button"
              disabled={!reading || busy || left === 0}
              onClick={() => void markAll()}
            >
              {failed ? '重试' : '全部标为已读'}
            </button>
          </>
        )}
      </div>
    </>
  );
}

/** Pages read in one go while looking for unread articles, before asking the reader to go on. */
const PAGES_PER_LOOK = 10;

/**
 * The list's unread articles, newest first: its pages are read in order, from the first, and the
 * read articles left out, a page's worth at a time. No list of ids is needed: what is read is
 * what the browser remembers (its isRead).
 */
export function UnreadList({ list, pageSize, pages }: { list: ToolsList; pageSize: number; pages: number }) {
  const reading = useReading();
  const [wanted, setWanted] = useState(pageSize);
  const [limit, setLimit] = useState(Math.min(pages, PAGES_PER_LOOK));
  const [loaded, setLoaded] = useState(1);
  const results = useQueries({
    queries: Array.from({ length: loaded }, (_, n) => articleListQueryOptions({ slug: list.slug, page: n + 1 })),
  });
  const failed = results.find((result) => result.isError && !result.data);
  const pending = results.some((result) => result.isPending);
  const unread =
    reading === undefined
      ? []
      : results.flatMap((result) => result.data?.items ?? []).filter((article) => !reading.isRead(article));
  const more = loaded < pages;
  // Too few unread in the pages read so far, and the look may read another.
  const short = unread.length < wanted && loaded < limit;
  // Another page, then (set while rendering: React renders again at once, before anything shows).
  if (reading && !pending && !failed && short) setLoaded(loaded + 1);

  if (failed)
    return (
      <ErrorMessage
        title="文章列表加载失败"
        error={failed.error}
        onRetry={() => void failed.refetch()}
        retrying={failed.isFetching}
      />
    );
  const looking = !reading || pending || short;
  if (unread.length === 0 && looking) return <ArticleListSkeleton />;
  if (unread.length === 0 && !more)
    return (
      <div className="empty-state" role="status">
        <p>这里的文章都读过了。</p>
        <p className="empty-state__links">
          <Link to={list.href(false)}>看全部文章</Link>
        </p>
      </div>
    );
  return (
    <>
      <ol className="article-list">
        {unread.slice(0, wanted).map((article, index) => (
          <li key={article.id}>
            <ArticleCard article={article} eager={index < 2} />
          </li>
        ))}
      </ol>
      <div className="unread-more" role="status">
        {looking ? (
          <p>正在查找未读文章…</p>
        ) : unread.length > wanted ? (
          <button type="button" className="button" onClick={() => setWanted(wanted + pageSize)}>
            显示更多未读
          </button>
        ) : more ? (
          <>
            <p>已查看最新的 {loaded * pageSize} 篇。</p>
            <button
              type="button"
              className="button"
              onClick={() => {
                setWanted(unread.length + pageSize);
                setLimit(Math.min(pages, loaded + PAGES_PER_LOOK));
              }}
            >
              继续往前找
            </button>
          </>
        ) : (
          <p>没有更多未读文章了。</p>
        )}
      </div>
    </>
  );
}
