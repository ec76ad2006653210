// Elements whose end tag is usually left out, and those that never have one: neither deepens the tree.
const IMPLIED_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'tbody',
  'thead',
  'tfoot',
  'colgroup',
  'caption',
]);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'param',
  'keygen',
  'image',
]);
const isLetter = (code: number) => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
const isNameChar = (code: number) => isLetter(code) || (code >= 0x30 && code <= 0x3a) || code === 0x2d; // letters, digits, ':' and '-'

/**
 * A quick upper bound of how deep the elements of an HTML text nest, without building
 * the tree: the HTML parser slows down sharply past a few thousand levels, so such a
 * file is refused before it is parsed. One pass by index: a tag runs from `<name` to the
 * next `>`. (A regular expression for that rescanned the rest of the text from every `<`
 * that no `>` followed: `<div ` and 66,000 `<a ` took 20 s.)
 */
export function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  let at = html.indexOf('<');
  while (at !== -1) {
    let i = at + 1;
    const closing = html.charCodeAt(i) === 0x2f;
    if (closing) i++;
    const nameStart = i;
    if (!isLetter(html.charCodeAt(i))) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    while (i < html.length && isNameChar(html.charCodeAt(i))) i++;
    const end = html.indexOf('>', i);
    if (end === -1) break; // no tag can end after here
    const name = html.slice(nameStart, i).toLowerCase();
    const selfClosing = html.charCodeAt(end - 1) === 0x2f && end - 1 >= i;
    if (!VOID.has(name) && !IMPLIED_END.has(name)) {
      if (closing) depth = Math.max(0, depth - 1);
      else if (!selfClosing) deepest = Math.max(deepest, ++depth);
    }
    at = html.indexOf('<', end + 1);
  }
  return deepest;
}
