/**
 * How deep the lists and block quotes of a Markdown text nest, from the text alone, in one
 * pass: the Markdown renderer lexes each level's content again, so a list nested 3,000 levels
 * took minutes and 4 GB before it was refused. This is checked first, and such a file is
 * refused without being rendered. An estimate: a list item opens a level below the items
 * indented less than it; a line indented no more than an open item closes it.
 */
export function markdownNesting(markdown: string): number {
  let deepest = 0;
  const items: number[] = []; // indentation of the open list items, innermost last
  let at = 0;
  while (at <= markdown.length) {
    let end = markdown.indexOf('\n', at);
    if (end === -1) end = markdown.length;
    let i = at;
    // Block quote markers, with the spaces between them.
    let quotes = 0;
    for (;;) {
      let j = i;
      while (j < end && (markdown.charCodeAt(j) === 0x20 || markdown.charCodeAt(j) === 0x09)) j++;
      if (j < end && markdown.charCodeAt(j) === 0x3e) {
        quotes++;
        i = j + 1;
      } else break;
    }
    // Indentation, in columns (a tab reaches the next multiple of four).
    let indent = 0;
    while (i < end) {
      const code = markdown.charCodeAt(i);
      if (code === 0x20) indent++;
      else if (code === 0x09) indent += 4 - (indent % 4);
      else break;
      i++;
    }
    if (i < end) {
      // A line at or left of an open item's marker ends that item (and what it holds).
      while (items.length > 0 && (items[items.length - 1] as number) >= indent) items.pop();
      if (listMarkerEnd(markdown, i, end) !== -1) items.push(indent);
      deepest = Math.max(deepest, quotes + items.length);
    }
    at = end + 1;
  }
  return deepest;
}

/** Where a list marker (`-`, `*`, `+`, `1.`, `1)`) and its space end at `i`, or -1. */
function listMarkerEnd(text: string, i: number, end: number): number {
  const code = text.charCodeAt(i);
  let j = i;
  if (code === 0x2d || code === 0x2a || code === 0x2b) j = i + 1;
  else {
    while (j < end && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    if (j === i || (text.charCodeAt(j) !== 0x2e && text.charCodeAt(j) !== 0x29)) return -1;
    j++;
  }
  return j === end || text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09 ? j : -1;
}
