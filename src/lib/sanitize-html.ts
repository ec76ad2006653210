import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { contentClasses, isHeadingId } from './content-classes.ts';

/**
 * The one place article HTML is made safe. Decisions (docs/decisions/0002):
 * - HTML profile only: no SVG or MathML, the home of most mutation XSS;
 * - no inline `style`: scraped styles fight our typography and dark mode, and
 *   dropping them lets the CSP forbid inline styles;
 * - no forms, frames, objects, media or `<base>`/`<meta>`;
 * - links open in a new tab without opener or referrer (but those to a heading of the article
 *   or to another article, which the reader follows itself); images never send a
 *   referrer (the source hosts refuse hotlinking) and load lazily;
 * - no `name`, and no `id` but the pipeline's heading ids (`c-h-…`), so that content cannot
 *   clobber `document` properties; and the only classes kept are the pipeline's own content
 *   classes, so that content cannot borrow the app's styles to fake a dialog or a header.
 */
const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'select',
    'textarea',
    'option',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'meta',
    'link',
    'video',
    'audio',
    'source',
    'track',
    'template',
    'noscript',
    'dialog',
  ],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping', 'target'],
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i,
  // ids and names are filtered by the hook below instead: only the pipeline's heading ids stay.
  SANITIZE_NAMED_PROPS: false,
  // Under the CSP's Trusted Types, the result is a TrustedHTML made by DOMPurify's
  // policy ("dompurify"), the only policy the page allows.
  RETURN_TRUSTED_TYPE: true,
};

/** A link the reader follows itself: a heading of the same article, or another article. */
export function isReaderLink(href: string): boolean {
  return /^#c-h-/.test(href) || /^\/article\/[^/?#]/.test(href);
}

/** The browser's DOMPurify; the server build sets one over jsdom (setPurifier). */
let purifier: Purifier = DOMPurify;
let hooked = false;

/**
 * Sanitizes with `instance` from now on: the prerendering (src/entry-server.tsx) runs the same
 * configuration and hooks over jsdom's DOM. It must have a DOM: without one DOMPurify would
 * hand back its input as it is.
 */
export function setPurifier(instance: Purifier): void {
  if (!instance.isSupported) throw new Error('DOMPurify needs a DOM to sanitize with');
  purifier = instance;
  hooked = false;
}

function addHooks(): void {
  if (hooked) return;
  hooked = true;
  const DOMPurify = purifier;
  // Classes: only the pipeline's content classes (content-classes.ts), never the app's own.
  DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName === 'class') {
      data.attrValue = contentClasses(data.attrValue);
      if (data.attrValue === '') data.keepAttr = false;
    } else if (data.attrName === 'id') {
      // Only the pipeline's heading ids (`c-h-…`, for in-page links): they clobber nothing.
      data.keepAttr = /^H[1-6]$/.test(node.nodeName) && isHeadingId(data.attrValue);
    } else if (data.attrName === 'name') {
      data.keepAttr = false;
    }
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href');
      // Links within the article (`#c-h-…`) and to another article (`/article/…`, from
      // post_link) stay in the reader; every other link opens a new tab.
      if (href !== null && !isReaderLink(href)) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    } else if (node.tagName === 'IMG') {
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
    }
  });
}

export function sanitizeArticleHtml(html: string): TrustedHTML | string {
  addHooks();
  return purifier.sanitize(html, CONFIG) as TrustedHTML | string;
}
