import { useEffect, useLayoutEffect, useRef } from 'react';
import { SEARCH_INPUT_ID } from '../config/dom-ids.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The id in the address (`…/article/<id>[/photo/n]`), or undefined off an article. */
function addressedArticle(): string | undefined {
  const path = window.location.pathname;
  const at = path.lastIndexOf('/article/');
  if (at === -1) return undefined;
  const segment = path.slice(at + '/article/'.length).split('/')[0] ?? '';
  try {
    return decodeURIComponent(segment).normalize('NFC');
  } catch {
    return undefined;
  }
}

/** Off an article, true; on one, whether the article on screen is the one the address names. */
function showsAddressedArticle(): boolean {
  const id = addressedArticle();
  if (id === undefined) return true;
  const shown = document.querySelector<HTMLElement>('[data-article-id]');
  return shown?.dataset.articleId === id;
}

/**
 * `/` focuses the search box (as on GitHub and YouTube). j / k: on an article, go to the next (older) or previous (newer) one; on a
 * list, move focus between the articles. `s` saves (or unsaves) the article on screen or the card
 * with focus. `?` asks for the shortcut list.
 * Ignored while typing, with modifier keys, or while a dialog is open.
 */
export function useKeyboardShortcuts(onHelp: () => void, navigating: boolean, locationKey: string): void {
  // Whether a move to another article is under way. Read when a key arrives, without adding and
  // removing the listener. Set at once when j / k starts a move (React may not have rendered the
  // router's "loading" state by the next key), and settled by the router's state whenever it or
  // the location changes.
  const busy = useRef(navigating);
  useLayoutEffect(() => {
    busy.current = navigating;
  }, [navigating, locationKey]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      if (event.key === '?') {
        event.preventDefault();
        onHelp();
        return;
      }
      if (event.key === '/') {
        const box = document.getElementById(SEARCH_INPUT_ID);
        if (box instanceof HTMLInputElement) {
          event.preventDefault(); // or the slash would be typed into the box
          box.focus();
          box.select();
        }
        return;
      }
      if (event.key === 's') {
        // The article on screen, or the card that has focus (j / k move it).
        const scope = document.activeElement?.closest('article') ?? document.querySelector('[data-article-id]');
        const save = scope?.querySelector('[data-save]');
        if (save instanceof HTMLButtonElement && !save.disabled) {
          event.preventDefault();
          save.click();
        }
        return;
      }
      if (event.key !== 'j' && event.key !== 'k') return;
      // A key during a move to another article would apply to the one still on screen and land
      // on a third: it waits until the article the address names is the one shown.
      if (busy.current || !showsAddressedArticle()) {
        event.preventDefault();
        return;
      }
      const neighbour = document.querySelector<HTMLAnchorElement>(
        `[data-article-nav="${event.key === 'j' ? 'next' : 'prev'}"]`,
      );
      if (neighbour) {
        event.preventDefault();
        busy.current = true;
        neighbour.click();
        return;
      }
      const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('[data-card-link]'));
      if (links.length === 0) return;
      event.preventDefault();
      const current = links.indexOf(document.activeElement as HTMLAnchorElement);
      const next = current === -1 ? 0 : Math.min(links.length - 1, Math.max(0, current + (event.key === 'j' ? 1 : -1)));
      links[next]?.focus();
      links[next]?.closest('article')?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onHelp]);
}
