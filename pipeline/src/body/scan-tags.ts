/**
 * Finds Hexo tag plugins (`{% name args %}` … `{% endname %}`) in an article's source, outside
 * code: fenced and inline code in Markdown, `<pre>`, `<code>`, `<script>`, `<style>` and
 * comments in HTML. Everything here is one pass by index; no pattern backtracks.
 */

export interface TagNode {
  name: string;
  args: string[];
  /** The whole tag in the source, its end tag included. */
  start: number;
  end: number;
  /** For a block tag, what stands between its tag and its end tag. */
  inner?: { start: number; end: number };
}

export interface ScannedTags {
  /** Top-level tags, in order; a block tag's inner tags are scanned when it is rendered. */
  tags: TagNode[];
  /** `{% endfoo %}` with no `{% foo %}`, and block tags never closed: said in warnings. */
  strays: string[];
}

/** Tags whose content is text to be rendered (Markdown) and may hold other tags. */
const CONTENT_TAGS = new Set([
  'blockquote',
  'quote',
  'pullquote',
  'note',
  'tabs',
  'subtabs',
  'gallery',
  'hideblock',
  'folding',
  'details',
]);
/** Tags whose content is taken as it is: nothing inside them is a tag. */
export const LITERAL_TAGS = new Set(['raw', 'codeblock', 'code', 'mermaid']);

interface Token {
  name: string;
  args: string[];
  start: number;
  end: number;
}

/** Splits tag arguments as Nunjucks does for Hexo: by white space, "quoted parts" kept whole. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
    if (at >= text.length) break;
    const quote = text[at];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, at + 1);
      if (close !== -1) {
        args.push(text.slice(at + 1, close));
        at = close + 1;
        continue;
      }
    }
    let end = at;
    while (end < text.length && !/\s/.test(text[end] as string)) end++;
    args.push(text.slice(at, end));
    at = end;
  }
  return args;
}

/** Where the Markdown code that starts at a line beginning `at` ends, or -1 when none starts there. */
export function fencedCodeEnd(source: string, at: number): number {
  let i = at;
  // Quote markers and list markers may come first, as Hexo allows.
  while (i < source.length && (source[i] === ' ' || source[i] === '>' || source[i] === '\t')) i++;
  const char = source[i];
  if (char !== '`' && char !== '~') return -1;
  let run = 0;
  while (source[i + run] === char) run++;
  if (run < 3) return -1;
  const lineEnd = source.indexOf('\n', i);
  if (char === '`' && lineEnd !== -1 && source.slice(i + run, lineEnd).includes('`')) return -1;
  if (lineEnd === -1) return source.length;
  // The closing fence: a line of at least `run` of the same character.
  let line = lineEnd + 1;
  while (line < source.length) {
    let j = line;
    while (j < source.length && (source[j] === ' ' || source[j] === '>' || source[j] === '\t')) j++;
    let closing = 0;
    while (source[j + closing] === char) closing++;
    const next = source.indexOf('\n', j);
    const rest = source.slice(j + closing, next === -1 ? source.length : next);
    if (closing >= run && rest.trim() === '') return next === -1 ? source.length : next + 1;
    if (next === -1) return source.length;
    line = next + 1;
  }
  return source.length;
}

const HTML_SKIP = ['pre', 'code', 'script', 'style', 'textarea'];

/**
 * `indexOf` for the same needle again and again from growing positions, remembering the last
 * answer: one that lies at or after the new start is still the answer, so the whole scan
 * stays linear however many unmatched `{%` or backticks a hostile text holds.
 */
export function finder(source: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    found = source.indexOf(needle, from);
    return found;
  };
}

/**
 * Skips Markdown code: `skip(at, lineStart)` is where the fenced block or inline code span that
 * starts at `at` ends, or undefined when none starts there. Linear over a whole scan.
 */
export function codeSkipper(source: string): (at: number, lineStart: boolean) => number | undefined {
  const nextBlankLine = finder(source, '\n\n');
  const runFinders = new Map<number, (from: number) => number>();
  const nextRun = (length: number, from: number) => {
    let find = runFinders.get(length);
    if (!find) runFinders.set(length, (find = finder(source, '`'.repeat(length))));
    return find(from);
  };
  return (at, lineStart) => {
    if (lineStart) {
      const end = fencedCodeEnd(source, at);
      if (end !== -1) return end;
    }
    if (source[at] !== '`') return undefined;
    let run = 0;
    while (source[at + run] === '`') run++;
    const close = nextRun(run, at + run);
    const blank = nextBlankLine(at + run);
    // An inline code span ends at the same run of backticks, within its paragraph.
    return close !== -1 && (blank === -1 || close < blank) ? close + run : at + run;
  };
}

/** The tags outside code, in order. `mode` says whether the source is Markdown or HTML. */
function tokens(source: string, mode: 'markdown' | 'html'): Token[] {
  const nextOpen = finder(source, '{%');
  const nextClose = finder(source, '%}');
  const skipCode = mode === 'markdown' ? codeSkipper(source) : undefined;
  const endFinders = new Map<string, (from: number) => Token | undefined>();

  /** The tag that starts at `at` (`{%`), or undefined when it is not one. */
  const readTag = (at: number): Token | undefined => {
    const close = nextClose(at + 2);
    if (close === -1) return undefined;
    const open = nextOpen(at + 2);
    if (open !== -1 && open < close) return undefined; // another `{%` first: this one is text
    const body = source
      .slice(at + 2, close)
      .replace(/^-/, '')
      .replace(/-$/, '')
      .trim();
    const space = body.search(/\s/);
    const name = space === -1 ? body : body.slice(0, space);
    if (!/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
    return { name, args: space === -1 ? [] : splitArgs(body.slice(space + 1)), start: at, end: close + 2 };
  };

  /** The first `{% end<name> %}` at or after `from`. */
  const findEnd = (name: string, from: number): Token | undefined => {
    let find = endFinders.get(name);
    if (!find) {
      const nextEnd = finder(source, `end${name}`);
      let last: Token | undefined;
      find = (start) => {
        if (last && last.start >= start) return last;
        for (let at = nextEnd(start); at !== -1; at = nextEnd(at + 1)) {
          const tag = source.lastIndexOf('{%', at);
          const token = tag === -1 ? undefined : readTag(tag);
          if (token && token.start >= start && token.name === `end${name}`) return (last = token);
        }
        return (last = undefined);
      };
      endFinders.set(name, find);
    }
    return find(from);
  };

  const found: Token[] = [];
  let at = 0;
  let lineStart = true;
  const lower = mode === 'html' ? source.toLowerCase() : '';
  while (at < source.length) {
    const char = source[at];
    const skipped = skipCode?.(at, lineStart);
    lineStart = char === '\n';
    if (skipped !== undefined) {
      at = skipped;
      lineStart = source[at - 1] === '\n';
      continue;
    }
    if (mode === 'html' && char === '<') {
      if (source.startsWith('<!--', at)) {
        const close = source.indexOf('-->', at + 4);
        at = close === -1 ? source.length : close + 3;
        continue;
      }
      const name = HTML_SKIP.find(
        (tag) => lower.startsWith(tag, at + 1) && /[\s>]/.test(source[at + 1 + tag.length] ?? ''),
      );
      if (name) {
        const close = lower.indexOf(`</${name}`, at);
        at = close === -1 ? source.length : close + name.length + 2;
        continue;
      }
    }
    if (char === '{' && source[at + 1] === '%') {
      const token = readTag(at);
      if (token) {
        found.push(token);
        at = token.end;
        if (LITERAL_TAGS.has(token.name)) {
          // Nothing inside a literal tag is a tag: on to its end tag.
          const end = findEnd(token.name, at);
          if (end) {
            found.push(end);
            at = end.end;
          }
        }
        continue;
      }
    }
    at++;
  }
  return found;
}

/** Top-level tags of `source`, block tags paired with their end tags. */
export function scanTags(source: string, mode: 'markdown' | 'html'): ScannedTags {
  const all = tokens(source, mode);
  const ends = new Set(all.filter((token) => token.name.startsWith('end')).map((token) => token.name.slice(3)));
  const isBlock = (name: string) => CONTENT_TAGS.has(name) || LITERAL_TAGS.has(name) || ends.has(name);
  const tags: TagNode[] = [];
  const strays: string[] = [];
  const stack: { token: Token; depth: number }[] = [];
  for (const token of all) {
    const open = stack[0];
    if (token.name.startsWith('end') && (!open || token.name !== `end${open.token.name}`) && !isBlock(token.name)) {
      if (!open) strays.push(`{% ${token.name} %}`);
      continue; // an end tag inside a block belongs to that block's content
    }
    if (open) {
      if (token.name === open.token.name) open.depth++;
      else if (token.name === `end${open.token.name}` && --open.depth === 0) {
        stack.pop();
        tags.push({
          name: open.token.name,
          args: open.token.args,
          start: open.token.start,
          end: token.end,
          inner: { start: open.token.end, end: token.start },
        });
      }
      continue;
    }
    if (isBlock(token.name) && ends.has(token.name)) stack.push({ token, depth: 1 });
    else if (isBlock(token.name) && CONTENT_TAGS.has(token.name))
      strays.push(`{% ${token.name} %} without {% end${token.name} %}`);
    else tags.push({ name: token.name, args: token.args, start: token.start, end: token.end });
  }
  const unclosed = stack[0];
  if (unclosed) {
    // More openings than end tags: that one stands alone; the tags after it stay text, and the
    // last pass over the body removes their syntax with a warning.
    strays.push(`{% ${unclosed.token.name} %} without {% end${unclosed.token.name} %}`);
    tags.push({
      name: unclosed.token.name,
      args: unclosed.token.args,
      start: unclosed.token.start,
      end: unclosed.token.end,
    });
  }
  return { tags, strays };
}
