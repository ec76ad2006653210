import DOMPurify, { type Config } from 'dompurify';
import { contentClasses } from './content-classes.ts';

/**
 * The one place article HTML is made safe. Decisions (docs/decisions/0002):
 * - HTML profile only: no SVG or MathML, the home of most mutation XSS;
 * - no inline `style`: scraped styles fight our typography and dark mode, and
 *   dropping them lets the CSP forbid inline styles;
 * - no forms, frames, objects, media or `<base>`/`<meta>`;
 * - links open in a new tab without opener or referrer; images never send a
 *   referrer (the source hosts refuse hotlinking) and load lazily;
 * - `id`/`name` are prefixed so that content cannot clobber `document` properties, and the
 *   only classes kept are the pipeline's own content classes, so that content cannot borrow
 *   the app's styles to fake a dialog or a header.
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
  SANITIZE_NAMED_PROPS: true,
  // Under the CSP's Trusted Types, the result is a TrustedHTML made by DOMPurify's
  // policy ("dompurify"), the only policy the page allows.
  RETURN_TRUSTED_TYPE: true,
};

let hooked = false;

function addHooks(): void {
  if (hooked) return;
  hooked = true;
  // Classes: only the pipeline's content classes (content-classes.ts), never the app's own.
  DOMPurify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName !== 'class') return;
    data.attrValue = contentClasses(data.attrValue);
    if (data.attrValue === '') data.keepAttr = false;
  });
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      if (node.hasAttribute('href')) {
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
  return DOMPurify.sanitize(html, CONFIG) as TrustedHTML | string;
}
