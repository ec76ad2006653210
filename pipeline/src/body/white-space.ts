// White space as JavaScript's `\s` and `trim()` know it: ASCII spaces and controls, no-break
// spaces, the Unicode space separators, line and paragraph separators, the ideographic space
// and the byte-order mark. The body stage asks about it for every text node several times
// over; a loop over code units answers without the regular expression's string building.

/** Whether the UTF-16 code unit `code` is white space, exactly as `/\s/` tests it. */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `text` is empty or white space only. */
export function isWhiteSpaceOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Code units of `text` that are not white space: `text.replace(/\s+/g, '').length`. */
export function countNonSpace(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) count++;
  return count;
}

/**
 * Every run of white space one space, none at the ends: `text.replace(/\s+/g, ' ').trim()`.
 * Text that is already so comes back as it is, without a copy.
 */
export function normalizeSpace(text: string): string {
  const length = text.length;
  let out = '';
  let copied = 0; // text before this is in `out`
  let changed = false;
  let i = 0;
  while (i < length) {
    if (!isWhiteSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < length && isWhiteSpace(text.charCodeAt(end))) end++;
    const atEdge = i === 0 || end === length;
    if (atEdge || end - i > 1 || text.charCodeAt(i) !== 0x20) {
      out += atEdge ? text.slice(copied, i) : `${text.slice(copied, i)} `;
      copied = end;
      changed = true;
    }
    i = end;
  }
  return changed ? out + text.slice(copied) : text;
}
