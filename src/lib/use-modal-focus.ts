import { type RefObject, useEffect } from 'react';

/**
 * While a modal dialog is mounted: the app behind it (#root) is inert, so neither
 * pointer, keyboard nor screen reader can reach it, and focus starts on `initial`.
 * With `restore`, focus goes back where it was when the dialog closes (the photo
 * viewer instead returns it to the thumbnail of the last photo shown).
 */
export function useModalFocus(initial: RefObject<HTMLElement | null>, { restore }: { restore: boolean }): void {
  useEffect(() => {
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
