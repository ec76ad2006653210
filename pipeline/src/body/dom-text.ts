import { type AnyNode, isTag, isText } from 'domhandler';
import { isWhiteSpace, isWhiteSpaceOnly, normalizeSpace } from './white-space.ts';

export const BLOCKS = new Set([
  'p',
  'div',
  'center',
  'section',
  'article',
  'li',
  'td',
  'blockquote',
  'header',
  'footer',
]);
/** Elements that end a line of plain text: blocks, headings and line breaks. */
const LINE_ENDS = new Set([...BLOCKS, 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
export const TEXTLESS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object']);

/** Document-order walk without recursion: scraped HTML can nest arbitrarily deep. */
export function* walk(root: AnyNode, skip?: (node: AnyNode) => boolean): Generator<AnyNode> {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node !== root) {
      if (skip?.(node)) continue;
      yield node;
    }
    if ('children' in node) {
      const { children } = node;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode);
    }
  }
}

const CJK_TEXT = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]$/u;

/** The code point that ends just before `index`. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.codePointAt(index - 2) : low;
}

const isCjkText = (code: number | undefined) => code !== undefined && CJK_TEXT.test(String.fromCodePoint(code));

/**
 * Chinese text needs no space where two blocks meet; Latin words do: a run of white space with
 * a line break in it goes when CJK text stands on both sides. Each run is looked at once, from
 * its line break (a lookbehind-and-lookahead pattern retried every shorter run: quadratic on
 * long spaces), and what is judged is always the text as it came.
 */
export function joinCjkLines(text: string): string {
  let lineBreak = text.indexOf('\n');
  if (lineBreak === -1) return text;
  let out = '';
  let copied = 0;
  while (lineBreak !== -1) {
    let start = lineBreak;
    while (start > 0 && isWhiteSpace(text.charCodeAt(start - 1))) start--;
    let end = lineBreak + 1;
    while (end < text.length && isWhiteSpace(text.charCodeAt(end))) end++;
    if (isCjkText(codePointBefore(text, start)) && isCjkText(text.codePointAt(end))) {
      out += text.slice(copied, start);
      copied = end;
    }
    lineBreak = text.indexOf('\n', end);
  }
  return out + text.slice(copied);
}

/** Text of a node with links and markup flattened, as a caption reads. */
export function plainText(node: AnyNode): string {
  let out = '';
  for (const child of walk(node, (n) => isTag(n) && TEXTLESS.has(n.name))) {
    if (isText(child)) out += child.data;
    else if (isTag(child) && LINE_ENDS.has(child.name)) out += '\n';
  }
  return normalizeSpace(joinCjkLines(out));
}

export function isBlank(node: AnyNode): boolean {
  return isText(node) ? isWhiteSpaceOnly(node.data) : node.type === 'comment';
}
