import { contentClasses, isHeadingId } from '../../../src/lib/content-classes.ts';
import { type AnyNode, type ChildNode, type Document, type Element, isTag, isText, type ParentNode } from 'domhandler';

// The pipeline's own allowlist, applied before the JSON is written. The browser
// sanitizes again with DOMPurify (the real guarantee, docs/decisions/0002);
// cleaning here keeps hostile markup from ever reaching the reader's parser,
// which reports every handler it merely parses as a CSP violation.

const ALLOWED = new Set([
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'b',
  'bdi',
  'bdo',
  'blockquote',
  'br',
  'caption',
  'center',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'font',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'main',
  'mark',
  'nav',
  'ol',
  'p',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'u',
  'ul',
  'var',
  'wbr',
]);

/** Removed with everything inside them. */
const DROPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'textarea',
  'select',
  'option',
  'xmp',
  'plaintext',
  'title',
  'head',
  'meta',
  'link',
  'base',
  'button',
  'input',
  'video',
  'audio',
  'canvas',
  'dialog',
  'noembed',
  'noframes',
  'isindex',
  'keygen',
  'param',
  'source',
  'track',
  'image',
]);

const ATTRIBUTES: Record<string, Set<string>> = {
  '*': new Set(['title', 'lang', 'dir', 'class']),
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height']),
  // align: the column alignment of Markdown tables (`|---:|`).
  td: new Set(['colspan', 'rowspan', 'headers', 'align']),
  th: new Set(['colspan', 'rowspan', 'headers', 'scope', 'align']),
  ol: new Set(['start', 'reversed', 'type']),
  time: new Set(['datetime']),
  del: new Set(['datetime', 'cite']),
  ins: new Set(['datetime', 'cite']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
  details: new Set(['open']),
};
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
// eslint-disable-next-line no-control-regex
const URL_NOISE = /[\u0000-\u0020\u007f-\u009f]/g;
const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\/|\.{0,2}\/|[^:/?#]*(?:[/?#]|$))/i;

function safeUrl(value: string): boolean {
  return SAFE_URL.test(value.replace(URL_NOISE, ''));
}

function cleanAttributes(element: Element): void {
  const allowed = ATTRIBUTES[element.name];
  for (const name of Object.keys(element.attribs)) {
    const value = element.attribs[name] ?? '';
    if (name === 'id') {
      // Only the ids the pipeline gives headings, for in-page links: none the app uses.
      if (!/^h[1-6]$/.test(element.name) || !isHeadingId(value)) delete element.attribs.id;
      continue;
    }
    if (name === 'class') {
      // Only the pipeline's own content classes: never one of the app's.
      const kept = contentClasses(value);
      if (kept) element.attribs.class = kept;
      else delete element.attribs.class;
      continue;
    }
    if (name === 'align' && !/^(left|right|center)$/.test(value)) {
      delete element.attribs.align;
      continue;
    }
    // Markup inside an attribute value is never needed and is the stuff of mutation XSS.
    const keep =
      (ATTRIBUTES['*']?.has(name) || allowed?.has(name)) &&
      !/[<>]/.test(value) &&
      (!URL_ATTRIBUTES.has(name) || safeUrl(value));
    if (!keep) delete element.attribs[name];
  }
}

type Verdict = 'remove' | 'unwrap';

/** Strips a parsed body down to the allowlist, in place, in linear time and without recursion. */
export function sanitizeBody(document: Document): void {
  // 1. Judge every node, top down; nothing under a removed node is visited.
  const verdicts = new Map<AnyNode, Verdict>();
  const order: ParentNode[] = [document];
  const stack: AnyNode[] = [...document.children];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isTag(node)) {
      const name = node.name.toLowerCase();
      if (DROPPED.has(name)) {
        verdicts.set(node, 'remove');
        continue;
      }
      // The page's title is its only <h1>: headings inside an article start at <h2>.
      if (name === 'h1') node.name = 'h2';
      if (ALLOWED.has(name)) cleanAttributes(node);
      else verdicts.set(node, 'unwrap');
      order.push(node);
      stack.push(...node.children);
    } else if (!isText(node)) {
      verdicts.set(node, 'remove'); // comments, CDATA, processing instructions, doctypes
    }
  }
  // 2. Rebuild children bottom up: an unwrapped element's children are final before its parent's.
  for (let i = order.length - 1; i >= 0; i--) {
    const parent = order[i] as ParentNode;
    const children: ChildNode[] = [];
    for (const child of parent.children) {
      const verdict = verdicts.get(child);
      if (verdict === 'remove') continue;
      if (verdict === 'unwrap') children.push(...(child as Element).children);
      else children.push(child);
    }
    children.forEach((child, index) => {
      child.parent = parent;
      child.prev = children[index - 1] ?? null;
      child.next = children[index + 1] ?? null;
    });
    parent.children = children;
  }
}
