import { ContentError } from '../read/content-error.ts';
import { MAX_MARKDOWN_NESTING } from '../read/input-limits.ts';
import { markdownNesting } from './markdown-nesting.ts';
import { renderHtmlTags, renderMarkdown } from './render-markdown.ts';

export type BodyFormat = 'html' | 'markdown';

// Tags that open an HTML document body; inline tags (<a>, <img>) can start a Markdown paragraph.
const HTML_START =
  /^<(?:!--|!doctype|html|body|div|p|section|article|figure|main|header|h[1-6]|ul|ol|table|blockquote|center|pre|hr|br|span|font|strong|b|iframe)[\s>/]/i;
// Lines that only Markdown starts with: headings, images, fences. (List or
// emphasis markers also occur in HTML text, so they prove nothing.)
const MARKDOWN_LINE = /^(?:#{1,6}\s|!\[|```|~~~)/m;

/**
 * Decides by content, not by file extension: a body that opens with an HTML
 * block tag and has no Markdown-only lines is HTML; anything else is Markdown.
 */
export function detectBodyFormat(body: string): BodyFormat {
  const start = body.trimStart();
  if (start === '') return 'html';
  if (!HTML_START.test(start)) return 'markdown';
  return MARKDOWN_LINE.test(start) ? 'markdown' : 'html';
}

/** What rendering a body needs from the article it belongs to. */
export interface BodyContext {
  /** The address of a file in the post's asset folder, or undefined when there is none. */
  asset(name: string): string | undefined;
  warnings: Set<string>;
}

/** The body as HTML: Markdown rendered, tag plugins and math rendered in both formats. */
export function renderBody(body: string, context: BodyContext): { html: string; format: BodyFormat } {
  const format = detectBodyFormat(body);
  if (format === 'html') return { html: renderHtmlTags(body, context), format };
  // Lists and quotes nested hundreds deep are an attack on the recursive renderer, not an article.
  const nesting = markdownNesting(body);
  if (nesting > MAX_MARKDOWN_NESTING) {
    throw new ContentError(
      `the file nests too deeply to read: lists or quotes ${nesting} levels deep (at most ${MAX_MARKDOWN_NESTING})`,
    );
  }
  return { html: renderMarkdown(body, context), format };
}
