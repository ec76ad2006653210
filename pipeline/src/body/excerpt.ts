import { type AnyNode, isComment, isTag, isText } from 'domhandler';
import { normalizeSpace } from './white-space.ts';
import { EXCERPT_LENGTH, makeExcerpt } from './text-metrics.ts';

/** What an excerpt never shows: headings, code, tables, photos and captions, math, cards. */
const SKIPPED = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'table',
  'figure',
  'figcaption',
  'img',
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'iframe',
  'object',
  'video',
  'audio',
  'summary',
]);
const SKIPPED_CLASSES = ['c-code', 'c-math', 'c-media-card', 'c-code-caption'];
/** Elements whose edges end a block of text: one never runs into the next. */
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'center',
  'details',
  'br',
  'hr',
  'td',
  'th',
  'tr',
]);

/** `<!-- more -->`, where Hexo ends an article's excerpt. */
export const isMoreMarker = (node: AnyNode) => isComment(node) && /^\s*more\s*$/i.test(node.data);

const skipped = (node: AnyNode) =>
  isTag(node) &&
  (SKIPPED.has(node.name) || SKIPPED_CLASSES.some((name) => (node.attribs.class ?? '').split(' ').includes(name)));

/**
 * The blocks of text of a body, in order, each whitespace-collapsed: paragraphs and list items,
 * never headings, code, tables, photos or captions. Stops at `<!-- more -->`.
 */
export function textBlocks(root: AnyNode, enough = Infinity): { blocks: string[]; sawMore: boolean } {
  const blocks: string[] = [];
  let current = '';
  let length = 0;
  const flush = () => {
    const text = normalizeSpace(current);
    if (text) {
      blocks.push(text);
      length += text.length;
    }
    current = '';
  };
  // Document order without recursion; a null marks the end of an element.
  const stack: (AnyNode | null)[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      flush();
      if (length >= enough) return { blocks, sawMore: false };
      continue;
    }
    if (isMoreMarker(node)) {
      flush();
      return { blocks, sawMore: true };
    }
    if (isText(node)) current += node.data;
    else if (isTag(node)) {
      if (skipped(node)) {
        if (node.name !== 'img') flush();
        continue;
      }
      if (BLOCK.has(node.name)) {
        flush();
        stack.push(null);
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
    }
  }
  flush();
  return { blocks, sawMore: false };
}

/**
 * An article's excerpt (`hasMoreMarker`: whether the body may hold `<!-- more -->`; false lets
 * the walk stop once it has text enough): the text before `<!-- more -->`; else the author's `description:` or
 * `excerpt:`; else the first blocks of text, kept apart (joinBlocks). At most 120 characters
 * (text-metrics.ts cuts at a sentence or clause end where it can).
 */
export function excerptOf(root: AnyNode, description?: string, hasMoreMarker = true): string {
  // Without a marker, only the head of the text is needed: twice the excerpt always holds it.
  const { blocks, sawMore } = textBlocks(root, hasMoreMarker ? Infinity : EXCERPT_LENGTH * 2);
  if (!sawMore && description) return makeExcerpt(normalizeSpace(description));
  return makeExcerpt(joinBlocks(blocks));
}

// Full-width punctuation that ends a block of Chinese text: the next block follows it directly.
const CJK_BLOCK_END = /[。！？；：，、」』）》”…]$/u;

/**
 * Blocks in a row: after Chinese punctuation the next block follows directly, as in the text
 * itself; anywhere else (a heading, a list item, a Latin sentence) a space keeps them apart.
 */
export function joinBlocks(blocks: readonly string[]): string {
  let text = '';
  for (const block of blocks) {
    if (text !== '' && !CJK_BLOCK_END.test(text)) text += ' ';
    text += block;
  }
  return text;
}
