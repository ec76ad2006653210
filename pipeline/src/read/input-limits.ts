/**
 * What one article may bring into the output (docs/decisions/0009-input-limits.md). Each is
 * far beyond any real article; past it, the rest is cut or dropped with a warning that says
 * what was cut, and the article is still built. With them, the output of a build stays in
 * proportion to its input: no file can make a thousand list pages or a 10 MB list entry.
 */

/** An article file; larger ones are skipped. The largest real articles we met were under 2 MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Characters of a title; longer titles are cut. */
export const MAX_TITLE_LENGTH = 300;
/** Categories of one article; each one adds the article to a list. */
export const MAX_CATEGORIES = 20;
/** Tags of one article. */
export const MAX_TAGS = 50;
/** Characters of a category or tag name. */
export const MAX_NAME_LENGTH = 60;
/** Characters of an author. */
export const MAX_AUTHOR_LENGTH = 100;
/** Characters of a description or excerpt given in front matter. */
export const MAX_DESCRIPTION_LENGTH = 1000;
/** Photos of one article; later ones are dropped. */
export const MAX_PHOTOS = 100;
/** Characters of a photo caption, and of its alt text. */
export const MAX_CAPTION_LENGTH = 500;
/** Characters of a URL (photo, cover, link): longer ones are dropped. */
export const MAX_URL_LENGTH = 2048;
/** Characters of a date as written in front matter. */
export const MAX_DATE_LENGTH = 100;
/** Levels of Markdown lists and block quotes, checked before the Markdown is rendered. */
export const MAX_MARKDOWN_NESTING = 100;
/**
 * Levels of HTML elements, counted before the HTML is parsed. An upper bound: unclosed tags of
 * sloppy scraped HTML count, so the limit is well above what browsers render (512).
 */
export const MAX_HTML_NESTING = 2000;
/** Time one file may take to read and render; past it, its worker is replaced and the file skipped. */
export const PARSE_TIME_LIMIT_MS = 20_000;
/** Memory one parse worker may use; past it, the same. */
export const WORKER_MEMORY_MB = 1024;

/** Cuts `text` to at most `max` characters (code points), marking a cut with "…". */
export function cutText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const chars = Array.from(text.slice(0, max * 2));
  if (chars.length <= max && text.length <= max * 2) return { text, cut: false };
  return { text: `${chars.slice(0, max - 1).join('')}…`, cut: true };
}
/** A file of a post's asset folder (an image, a PDF): larger ones are not published. */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;
/** Asset files one article may publish. */
export const MAX_ASSETS = 200;
