import { useQueryClient } from '@tanstack/react-query';
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ArticleSummary } from '../../../lib/content-contract.ts';
import { useReading } from '../api/get-reading.ts';
import { inProgress } from '../api/reading-progress.ts';

type Summary = Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'cover' | 'coverFallback'>;

/** How often, at most, a scrolling reader's place is written. */
const SAVE_EVERY_MS = 1500;

/** Where the middle of the window is in the body, from 0 (its top) to 1 (its end). */
function placeIn(body: HTMLElement): number {
  const { top, height } = body.getBoundingClientRect();
  return height > 0 ? Math.min(1, Math.max(0, (window.innerHeight / 2 - top) / height)) : 0;
}

/** The window's scroll that puts the middle of the window at `progress` of the body. */
function scrollFor(body: HTMLElement, progress: number): number {
  const { top, height } = body.getBoundingClientRect();
  return Math.max(0, window.scrollY + top + progress * height - window.innerHeight / 2);
}

/**
 * Remembers the article as read when it opens (decision 0020), where the reader is in it as they
 * scroll, and takes a reader who left it part-way back there: once, when what is remembered
 * has been read, unless the page has scrolled already (Back restores its own place) or a photo
 * is open. `resumed` says it did, for the notice; `toStart` undoes it.
 */
export function useReadingPosition(body: RefObject<HTMLElement | null>, article: Summary, photoOpen: boolean) {
  const client = useQueryClient();
  const reading = useReading();
  const [resumed, setResumed] = useState(false);
  const decided = useRef(false);
  const summary = useRef(article);
  useLayoutEffect(() => {
    summary.current = article;
  });

  useEffect(() => {
    void import('../api/update-reading.ts').then(({ markOpened }) => markOpened(client, summary.current));
  }, [client, article.id]);

  useEffect(() => {
    if (!reading || decided.current) return;
    decided.current = true;
    const record = reading.records.get(article.id);
    const element = body.current;
    if (!element || photoOpen || window.scrollY > 40 || !inProgress(record)) return;
    // Once the article is laid out. Not cancelled by a new state (opening it writes one at once):
    // a view gone by then has no body to scroll to.
    requestAnimationFrame(() => {
      if (!body.current || window.scrollY > 40) return;
      window.scrollTo({ top: scrollFor(body.current, record.progress), behavior: 'instant' });
      setResumed(true);
    });
  }, [reading, article.id, body, photoOpen]);

  // The place is written while the reader scrolls (not on opening: a short article's middle is
  // past its start before anyone reads it), and when they leave.
  useEffect(() => {
    let pending: number | undefined;
    let last = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      if (pending === undefined || Math.abs(pending - last) < 0.01) return;
      last = pending;
      const progress = pending;
      void import('../api/update-reading.ts').then(({ saveProgress }) =>
        saveProgress(client, summary.current, progress),
      );
    };
    const onScroll = () => {
      const element = body.current;
      if (!element) return;
      pending = placeIn(element);
      timer ??= setTimeout(save, SAVE_EVERY_MS);
    };
    const onHide = () => {
      clearTimeout(timer);
      save();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onHide);
      onHide();
    };
  }, [client, body, article.id]);

  return {
    resumed,
    dismiss: () => setResumed(false),
    toStart: () => {
      setResumed(false);
      window.scrollTo({ top: 0, behavior: 'instant' });
    },
  };
}
