import { isReaderLink } from '../../../lib/sanitize-html.ts';

/**
 * Follows a click on a link of the article body that stays in the reader: `#c-h-…` scrolls to
 * that heading and moves focus there (the address keeps its photo segment and history is not
 * filled with anchors); `/article/…` (a post_link) navigates in the app, under its base path.
 * Clicks with a modifier key, or on any other link, are left to the browser.
 */
export function followReaderLink(event: MouseEvent, body: HTMLElement, navigate: (to: string) => void): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || !body.contains(link)) return;
  const href = link.getAttribute('href') ?? '';
  if (!isReaderLink(href)) return;
  event.preventDefault();
  if (href.startsWith('/')) {
    navigate(href);
    return;
  }
  let id: string;
  try {
    id = decodeURIComponent(href.slice(1));
  } catch {
    return;
  }
  const heading = [...body.querySelectorAll<HTMLElement>('[id]')].find((element) => element.id === id);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}
