import { useSyncExternalStore } from 'react';
import { applyUpdate, connection } from '../api/service-worker.ts';

/** Where the reader is, and a way to hear when it changes (the app's router). */
export interface ReaderLocation {
  pathname(): string;
  subscribe(listener: () => void): () => void;
}

const onArticle = (pathname: string) => pathname.includes('/article/');

/**
 * Two quiet notices at the foot of the screen, over nothing the reader needs: 离线 while there is
 * no connection, and 有新内容 when a new build is ready, with the button that loads it. The second
 * waits while an article is open: the page never reloads under a reader (decision 0021). Each is
 * in a polite live region there from the start (a region added with its text is often not read).
 */
export function ConnectionNotices({ location }: { location: ReaderLocation }) {
  const { online, updateReady } = useSyncExternalStore(connection.subscribe, connection.get);
  const reading = useSyncExternalStore(location.subscribe, () => onArticle(location.pathname()));
  return (
    <div className="connection-notices">
      <div aria-live="polite">
        {!online && (
          <p className="connection-notice connection-notice--offline" title="已保存和最近读过的文章仍可阅读">
            离线
          </p>
        )}
      </div>
      <div aria-live="polite">
        {updateReady && !reading && (
          <p className="connection-notice">
            有新内容
            <button type="button" className="connection-notice__button" onClick={applyUpdate}>
              更新
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
