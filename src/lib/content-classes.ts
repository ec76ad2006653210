/**
 * The only class names article HTML may carry: the ones the pipeline itself writes, all
 * prefixed `c-`, and styled only inside an article body. Both sanitizers keep these and drop
 * every other class, so that no article can borrow the app's own styles (`modal-backdrop`,
 * `lightbox`, `site-header`, `card__title`) to cover the page with a fake dialog or header.
 */
export const CONTENT_CLASSES: ReadonlySet<string> = new Set([
  // Code blocks highlighted at build time: the block, its language label, token kinds.
  'c-code',
  'c-code-caption',
  'c-hl-comment',
  'c-hl-keyword',
  'c-hl-string',
  'c-hl-number',
  'c-hl-literal',
  'c-hl-title',
  'c-hl-type',
  'c-hl-built-in',
  'c-hl-attr',
  'c-hl-meta',
  'c-hl-regexp',
  'c-hl-symbol',
  'c-hl-variable',
  'c-hl-tag',
  'c-hl-name',
  'c-hl-section',
  'c-hl-addition',
  'c-hl-deletion',
  // Hexo tags and theme tags rendered by the pipeline.
  'c-note',
  'c-note-info',
  'c-note-success',
  'c-note-warning',
  'c-note-danger',
  'c-pullquote',
  'c-label',
  'c-label-info',
  'c-label-success',
  'c-label-warning',
  'c-label-danger',
  'c-button',
  'c-tabs',
  'c-tab',
  'c-math',
  'c-math-display',
  'c-media-card',
  // A link whose text is a long address: it may break anywhere.
  'c-url',
]);

/** The tokens of a class attribute that are content classes, or '' for none. */
export function contentClasses(value: string): string {
  const kept: string[] = [];
  for (const token of value.split(/[\t\n\f\r ]+/)) {
    if (CONTENT_CLASSES.has(token) && !kept.includes(token)) kept.push(token);
  }
  return kept.join(' ');
}

/** Heading ids the pipeline writes (`c-h-` and the heading's words), for in-page links. */
export function isHeadingId(value: string): boolean {
  return value.length <= 80 && /^c-h-[\p{L}\p{M}\p{N}-]+$/u.test(value);
}
