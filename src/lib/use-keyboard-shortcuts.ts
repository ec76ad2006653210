import { useEffect, useLayoutEffect, useRef } from 'react';
import { SEARCH_INPUT_ID } from '../config/dom-ids.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
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
      if (event.key !== 'j' && event.key !== 'k' && event.key !== 's') return;
      // Letters have no default action outside a text field; what they do loads with the first one
      // (keyboard-moves.ts), and keys that come meanwhile wait for it, in order.
      event.preventDefault();
      void import('./keyboard-moves.ts').then((module) => module.moveByKey(event.key, busy));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onHelp]);
}
