/**
 * A fast reader for the front matter nearly every article has: `key: value`
 * lines and block lists of plain or quoted one-line scalars. For anything
 * else it returns undefined and the caller uses the full YAML parser; for what
 * it accepts it returns exactly what the `yaml` package does with the core
 * schema (a property test compares the two). The full parser was the largest
 * single cost of parsing an article: about 650 ms of CPU per 20,000.
 */

type Scalar = string | boolean | null;

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
const ITEM_LINE = /^( *)-(?: (.*))?$/;
// Characters a plain scalar may not start with: YAML indicators, and `.`, which starts `.5` and `...`.
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`. ]/;
// Printable, one line, no byte-order mark, no surrogates, no C1 controls or Unicode line separators.
const UNSAFE = /[^\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
// The core schema's null and bool spellings, and every number it reads (yaml/dist/schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** One scalar, or undefined when reading it needs the full parser. */
function scalar(text: string): Scalar | undefined {
  if (UNSAFE.test(text)) return undefined;
  const first = text[0];
  if (first === "'") {
    if (text.length < 2 || !text.endsWith("'")) return undefined;
    const inner = text.slice(1, -1);
    if (inner.replaceAll("''", '').includes("'")) return undefined;
    return inner.replaceAll("''", "'");
  }
  if (first === '"') {
    if (text.length < 2 || !text.endsWith('"')) return undefined;
    const inner = text.slice(1, -1);
    return /["\\]/.test(inner) ? undefined : inner;
  }
  if (INDICATOR.test(text) || text.endsWith(':') || text.includes(': ') || text.includes(' #')) return undefined;
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  return NUMBER.test(text) ? undefined : text;
}

/**
 * YAML trims spaces only; String.prototype.trim also takes no-break spaces and the byte-order
 * mark. By index: `/^ +| +$/g` backtracks over every run of inner spaces (a title of 200,000
 * spaces between two letters took 98 s).
 */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(start, end);
}

const RESERVED_KEY = (key: string) => key === '__proto__' || NULL.test(key) || TRUE.test(key) || FALSE.test(key);

/** The mapping `text` holds, or undefined when it is not of the simple kind. */
export function readSimpleYaml(text: string): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  // The key whose value is a block list still open, and its items' indentation.
  let list: Scalar[] | undefined;
  let listKey: string | undefined;
  let indent = -1;
  const close = () => {
    if (listKey !== undefined) data[listKey] = list && list.length > 0 ? list : null;
    listKey = undefined;
    list = undefined;
    indent = -1;
  };
  for (const line of text.split('\n')) {
    if (trimSpaces(line) === '') continue;
    if (line.includes('\t')) return undefined;
    const item = listKey === undefined ? null : ITEM_LINE.exec(line);
    if (item) {
      const width = (item[1] as string).length;
      if (indent === -1) indent = width;
      else if (width !== indent) return undefined;
      const value = trimSpaces(item[2] ?? '');
      const parsed = value === '' ? null : scalar(value);
      if (parsed === undefined) return undefined;
      (list ??= []).push(parsed);
      continue;
    }
    const entry = KEY_LINE.exec(line);
    if (!entry) return undefined;
    close();
    const key = entry[1] as string;
    if (RESERVED_KEY(key) || Object.hasOwn(data, key)) return undefined;
    const value = trimSpaces(entry[2] ?? '');
    if (value === '') {
      listKey = key;
      data[key] = null; // holds the key's place in the order
      continue;
    }
    const parsed = value.startsWith('[') ? flowList(value) : scalar(value);
    if (parsed === undefined) return undefined;
    data[key] = parsed;
  }
  close();
  return data;
}

/**
 * `[a, b, 港口]`, Hexo's usual way of writing tags and categories: a one-line list of plain
 * scalars, split by hand (the full parser took 26 s over a list of 900,000 tags). Anything
 * with quotes, brackets, braces, colons or comments inside goes to the full parser.
 */
function flowList(value: string): Scalar[] | undefined {
  if (!value.endsWith(']')) return undefined;
  const inner = value.slice(1, -1);
  if (/["'[\]{}#:]/.test(inner)) return undefined;
  if (trimSpaces(inner) === '') return [];
  const items: Scalar[] = [];
  for (const part of inner.split(',')) {
    const item = trimSpaces(part);
    if (item === '') return undefined;
    const parsed = scalar(item);
    if (parsed === undefined) return undefined;
    items.push(parsed);
  }
  return items;
}
