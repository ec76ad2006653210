import { type RefObject, useEffect, useState } from 'react';
import type { Photo } from '../../../lib/content-contract.ts';

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, table, dd, dt';
/** Where the eye is: a little above the middle of the viewport. */
const READING_LINE = 0.35;

interface Block {
  element: Element;
  start: number;
  length: number;
}

function textLength(element: Element): number {
  return (element.textContent ?? '').replace(/\s+/gu, '').length;
}

/** The body's text blocks with the count of text characters before each, the scale of Photo.anchor. */
function measureBlocks(body: HTMLElement): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (const element of body.querySelectorAll(BLOCKS)) {
    if (element.parentElement?.closest(BLOCKS) && body.contains(element.parentElement.closest(BLOCKS))) continue;
    const length = textLength(element);
    blocks.push({ element, start, length });
    start += length;
  }
  return blocks;
}

/** The photo whose original place is nearest to a text position; ties go to the earlier photo. */
export function nearestPhoto(photos: Pick<Photo, 'anchor'>[], position: number): number {
  if (position === Number.POSITIVE_INFINITY) return Math.max(0, photos.length - 1);
  let best = 0;
  let bestDistance = Number.POSITIVE_INFINITY;
  photos.forEach((photo, index) => {
    const distance = Math.abs(photo.anchor - position);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * Follows the reader through the text and returns the index of the photo that
 * stood nearest to that place in the original article.
 */
export function useActivePhoto(bodyRef: RefObject<HTMLElement | null>, photos: Photo[]): number {
  const [active, setActive] = useState(0);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body || photos.length < 2) return;
    let blocks = measureBlocks(body);
    let frame = 0;

    const update = () => {
      frame = 0;
      const line = window.innerHeight * READING_LINE;
      let position = 0;
      for (const block of blocks) {
        const rect = block.element.getBoundingClientRect();
        if (rect.top > line) break;
        const through = rect.height > 0 ? Math.min(1, (line - rect.top) / rect.height) : 1;
        position = block.start + through * block.length;
      }
      // At the very end of the page the last photos deserve their turn too.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        position = Number.POSITIVE_INFINITY;
      }
      setActive(nearestPhoto(photos, position));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    const remeasure = () => {
      blocks = measureBlocks(body);
      schedule();
    };

    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', remeasure);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', remeasure);
    };
  }, [bodyRef, photos]);

  return active;
}
