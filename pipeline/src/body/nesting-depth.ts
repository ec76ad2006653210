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
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g;

/**
 * A quick upper bound of how deep the elements of an HTML text nest, without building
 * the tree: the HTML parser slows down sharply past a few thousand levels, so such a
 * file is refused before it is parsed.
 */
export function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(TAG)) {
    const [, closing, rawName = '', selfClosing] = match;
    const name = rawName.toLowerCase();
    if (VOID.has(name) || IMPLIED_END.has(name)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}
