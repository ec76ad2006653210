import { type RefObject, useLayoutEffect } from 'react';

/**
 * While a modal dialog is mounted: the app behind it (#root) is inert, so neither
 * pointer, keyboard nor screen reader can reach it, and focus starts on `initial`.
 * With `restore`, focus goes back where it was when the dialog closes (the photo
 * viewer instead returns it to the thumbnail of the last photo shown).
 *
 * A layout effect, not a passive one: focus moves in the same commit that shows
 * or removes the dialog. A passive effect runs after paint, at a moment that
 * depends on the machine's load, so a key pressed or a focus restored in
 * between met a page whose focus was on <body> or still inert.
 */
export function useModalFocus(initial: RefObject<HTMLElement | null>, { restore }: { restore: boolean }): void {
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    initial.current?.focus();
    return () => {
      root?.removeAttribute('inert'); // first: nothing inside an inert tree can take focus
      if (restore) previous?.focus();
    };
  }, [initial, restore]);
}
