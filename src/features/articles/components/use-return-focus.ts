import { type RefObject, useEffect } from 'react';
import { useNavigationType } from 'react-router';
import { routes } from '../../../config/paths.ts';

/** The article the reader opened last: a list they go Back to puts focus on its card. */
let lastOpened: string | undefined;

export function rememberOpenedArticle(id: string): void {
  lastOpened = id;
}

/**
 * After Back to a list or to search results, focus goes to the card of the article the reader
 * had opened (its link), as it does in a browser's own history, not to the page's top. The
 * scroll position is the router's to restore: focusing does not scroll.
 */
export function useReturnFocus(listRef: RefObject<HTMLElement | null>, ready: boolean): void {
  const navigationType = useNavigationType();
  useEffect(() => {
    const list = listRef.current;
    if (!ready || !list || navigationType !== 'POP' || lastOpened === undefined) return;
    const target = routes.article(lastOpened);
    const link = [...list.querySelectorAll<HTMLAnchorElement>('[data-card-link]')].find((candidate) =>
      candidate.getAttribute('href')?.endsWith(target),
    );
    if (!link) return;
    lastOpened = undefined;
    link.focus({ preventScroll: true });
  }, [listRef, ready, navigationType]);
}
