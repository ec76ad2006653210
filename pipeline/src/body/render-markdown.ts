import { randomBytes } from 'node:crypto';
import { Marked, type Tokens } from 'marked';
import { renderCodeBlock } from './highlight-code.ts';
import { escapeHtml } from './html-text.ts';
import { codeSkipper, finder, scanTags } from './scan-tags.ts';
import { renderTag, type TagContext } from './tag-plugins.ts';

/**
 * Markdown as hexo-renderer-marked renders it by default: GitHub-flavoured (tables,
 * strikethrough), a single line break is a `<br>` (`breaks: true`), headings carry ids. Code is
 * highlighted at build time; tag plugins and math are taken out first, so that Markdown never
 * touches them (a `$$` block once became an `<h1>`), and put back into the HTML after.
 */

interface RenderState {
  headingIds: Map<string, number>;
}
let state: RenderState = { headingIds: new Map() };

/** `c-h-` and the heading's words: an id that no id of the app can equal. */
function headingId(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[#\w]+;/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-');
  const slug = words.slice(0, 60).replace(/^-+/, '').replace(/-+$/, '') || 'section';
  const seen = state.headingIds.get(slug) ?? 0;
  state.headingIds.set(slug, seen + 1);
  return `c-h-${slug}${seen > 0 ? `-${seen + 1}` : ''}`;
}

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, { tokens, depth }: Tokens.Heading) {
      const html = this.parser.parseInline(tokens);
      return `<h${depth} id="${headingId(html)}">${html}</h${depth}>\n`;
    },
    code({ text, lang }: Tokens.Code) {
      // ```js caption → language, then a caption, as Hexo's backtick filter reads it.
      const [language, ...caption] = (lang ?? '').trim().split(/\s+/);
      return renderCodeBlock({ code: text, lang: language || undefined, caption: caption.join(' ') || undefined });
    },
  },
});

/** Math found outside code: TeX shown as text in its own element, never read as Markdown. */
function mathHtml(tex: string, display: boolean): string {
  const text = escapeHtml(tex.trim());
  return display ? `<div class="c-math c-math-display">${text}</div>` : `<span class="c-math">${text}</span>`;
}

/**
 * Replaces math in `source` (outside code) with placeholders: `$$…$$` and `\[…\]` (display),
 * `\(…\)` and `$…$` (inline; a `$` followed by a space or closed before a digit is money).
 */
function protectMath(source: string, hold: (html: string, block: boolean) => string): string {
  // Most articles hold no math at all: then there is nothing to scan.
  if (!source.includes('$') && !source.includes('\\[') && !source.includes('\\(')) return source;
  let out = '';
  let copied = 0;
  let at = 0;
  let lineStart = true;
  const skipCode = codeSkipper(source);
  const nextDisplay = finder(source, '$$');
  const nextDollar = finder(source, '$');
  const nextNewline = finder(source, '\n');
  const nextBracketEnd = finder(source, '\\]');
  const nextParenEnd = finder(source, '\\)');
  const nextBlankLine = finder(source, '\n\n');
  const emit = (start: number, end: number, html: string, block: boolean) => {
    out += source.slice(copied, start) + hold(html, block);
    copied = end;
    at = end;
  };
  while (at < source.length) {
    const char = source[at];
    const skipped = skipCode(at, lineStart);
    lineStart = char === '\n';
    if (skipped !== undefined) {
      at = skipped;
      lineStart = source[at - 1] === '\n';
      continue;
    }
    if (char !== '$' && char !== '\\') {
      at++;
      continue;
    }
    const blank = nextBlankLine(at);
    const inParagraph = (end: number) => end !== -1 && (blank === -1 || end < blank);
    if (char === '$' && source[at + 1] === '$') {
      const close = nextDisplay(at + 2);
      if (inParagraph(close)) {
        emit(at, close + 2, mathHtml(source.slice(at + 2, close), true), true);
        continue;
      }
      at += 2;
      continue;
    }
    if (char === '\\' && (source[at + 1] === '[' || source[at + 1] === '(')) {
      const display = source[at + 1] === '[';
      const close = display ? nextBracketEnd(at + 2) : nextParenEnd(at + 2);
      const lineEnd = nextNewline(at);
      if (inParagraph(close) && (display || lineEnd === -1 || close < lineEnd)) {
        emit(at, close + 2, mathHtml(source.slice(at + 2, close), display), display);
        continue;
      }
      at += 2;
      continue;
    }
    if (char === '$' && source[at + 1] !== ' ' && source[at + 1] !== '\n' && source[at + 1] !== undefined) {
      const lineEnd = nextNewline(at);
      const close = nextDollar(at + 1);
      const end = lineEnd === -1 ? source.length : lineEnd;
      if (
        close !== -1 &&
        close < end &&
        !/\s/.test(source[close - 1] as string) &&
        !/\d/.test(source[close + 1] ?? '')
      ) {
        emit(at, close + 1, mathHtml(source.slice(at + 1, close), false), false);
        continue;
      }
    }
    at++;
  }
  return out + source.slice(copied);
}

/** Takes an article's tag plugins out of `source`, rendering each into `hold`. */
function replaceTags(
  source: string,
  mode: 'markdown' | 'html',
  context: TagContext,
  hold: (html: string, block: boolean) => string,
): string {
  if (!source.includes('{%') && !source.includes('%}')) return source;
  const { tags, strays } = scanTags(source, mode);
  for (const stray of strays) context.warnings.add(`${stray}: left out`);
  let out = '';
  let copied = 0;
  for (const tag of tags) {
    const content = tag.inner ? source.slice(tag.inner.start, tag.inner.end) : undefined;
    const lineBefore = source.lastIndexOf('\n', tag.start - 1);
    const alone =
      source.slice(lineBefore + 1, tag.start).trim() === '' &&
      /^[ \t]*(?:\n|$)/.test(source.slice(tag.end, tag.end + 200));
    out += source.slice(copied, tag.start) + hold(renderTag(tag, content, context), alone || tag.inner !== undefined);
    copied = tag.end;
  }
  return out + source.slice(copied);
}

// Random per process, and a count per article: no article's text can name a placeholder.
const PROCESS_NONCE = randomBytes(6).toString('hex');
let placeholderRuns = 0;

/** What a placeholder holds; a fresh nonce per article, so that no text can name one. */
function placeholders(): { hold: (html: string, block: boolean) => string; restore: (html: string) => string } {
  const nonce = `${PROCESS_NONCE}${(++placeholderRuns).toString(36)}`;
  const held: string[] = [];
  const hold = (html: string, block: boolean) => {
    const mark = `<!--news-${nonce}:${held.push(html) - 1}-->`;
    return block ? `\n\n${mark}\n\n` : mark;
  };
  const restore = (html: string): string => {
    if (held.length === 0) return html;
    const pattern = new RegExp(`(<p>)?<!--news-${nonce}:(\\d+)-->(</p>)?`, 'g');
    // Held HTML may hold placeholders itself (a note inside tabs): until none is left.
    for (let round = 0; round < 8 && html.includes(`<!--news-${nonce}:`); round++) {
      html = html.replace(pattern, (_match, open: string | undefined, n: string, close: string | undefined) => {
        const inner = held[Number(n)] ?? '';
        // A block alone in a paragraph loses the paragraph; inline content keeps it.
        return open && close
          ? /^\s*<(?:div|p|blockquote|figure|section|pre|ul|ol|table|details|h\d)/.test(inner)
            ? inner
            : `<p>${inner}</p>`
          : `${open ?? ''}${inner}${close ?? ''}`;
      });
    }
    return html;
  };
  return { hold, restore };
}

/** Renders an article's Markdown body, tag plugins and math included. */
export function renderMarkdown(source: string, context: Omit<TagContext, 'markdown'>): string {
  state = { headingIds: new Map() };
  const { hold, restore } = placeholders();
  const full: TagContext = {
    ...context,
    markdown: (inner) => marked.parse(protectMath(replaceTags(inner, 'markdown', full, hold), hold), { async: false }),
  };
  return restore(full.markdown(source));
}

/** An HTML body's tag plugins, rendered in place (their content is Markdown, as in Hexo). */
export function renderHtmlTags(source: string, context: Omit<TagContext, 'markdown'>): string {
  if (!source.includes('{%')) return source;
  state = { headingIds: new Map() };
  const { hold, restore } = placeholders();
  const full: TagContext = {
    ...context,
    markdown: (inner) => marked.parse(protectMath(replaceTags(inner, 'markdown', full, hold), hold), { async: false }),
  };
  return restore(replaceTags(source, 'html', full, (html) => hold(html, false)));
}
