import { type RefObject, useCallback, useEffect, useState } from 'react';

export interface PhotosBeyond {
  /** Thumbnails that lie past the end of the list's visible part (below it, or right of it). */
  count: number;
  /** Scrolls the list to bring the first of them into view. */
  reveal: () => void;
}

/** The items of a scrolling list that start past its visible end, as the reader scrolls it or the window resizes. */
function itemsBeyond(list: HTMLElement): HTMLElement[] {
  const box = list.getBoundingClientRect();
  const vertical = list.scrollHeight > list.clientHeight + 1;
  const horizontal = list.scrollWidth > list.clientWidth + 1;
  if (!vertical && !horizontal) return [];
  const beyond: HTMLElement[] = [];
  for (const item of list.children) {
    if (!(item instanceof HTMLElement)) continue;
    const rect = item.getBoundingClientRect();
    // An item counts when less than half of it shows: a thumbnail cut in half is not "seen".
    // The column may also run past the bottom of the window before the page scrolls it up.
    const hidden = vertical
      ? rect.top + rect.height / 2 > Math.min(box.bottom, window.innerHeight)
      : rect.left + rect.width / 2 > box.right;
    if (hidden) beyond.push(item);
  }
  return beyond;
}

/**
 * How many photos of the gallery's list are out of sight past its end, so that the column can
 * say so ("还有 3 张") instead of cutting the last one off with nothing to show there is more.
 */
export function usePhotosBeyond(listRef: RefObject<HTMLElement | null>, photoCount: number): PhotosBeyond {
  const [count, setCount] = useState(0);

  useEffect(() => {
    const list = listRef.current;
    if (!list || photoCount < 2) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setCount(itemsBeyond(list).length);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    list.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    // Thumbnails take their height when their images arrive.
    list.addEventListener('load', schedule, true);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      list.removeEventListener('scroll', schedule);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      list.removeEventListener('load', schedule, true);
    };
  }, [listRef, photoCount]);

  const reveal = useCallback(() => {
    const list = listRef.current;
    const next = list && itemsBeyond(list)[0];
    next?.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'smooth' });
  }, [listRef]);

  return { count, reveal };
}
