import type { Article } from '../../../src/lib/content-contract.ts';
import { nestingDepth } from '../body/nesting-depth.ts';
import { normalizeUrl } from '../body/normalize-url.ts';
import { type PostAsset, PostAssets } from '../body/post-assets.ts';
import { processBody } from '../body/process-body.ts';
import { renderBody } from '../body/render-body.ts';
import { readingMinutes } from '../body/text-metrics.ts';
import { ContentError } from '../read/content-error.ts';
import { decodeText } from '../read/decode-text.ts';
import { readFrontMatterFields } from '../read/front-matter-fields.ts';
import { cutText, MAX_HTML_NESTING, MAX_TITLE_LENGTH } from '../read/input-limits.ts';
import { cutLongLists, limitFields } from '../read/limit-fields.ts';
import { dateFromFileName, parseDate } from '../read/parse-date.ts';
import { splitFrontMatter } from '../read/split-front-matter.ts';

/** An article before its neighbours are known. */
export type ArticleRecord = Omit<Article, 'prev' | 'next'>;

export interface ParseInput {
  id: string;
  source: Uint8Array;
  /** The file under the input folder, `/`-separated: its name may carry a date, its folder assets. */
  relative: string;
  /** The input folder's real path: post asset folders are found under it. */
  root?: string;
  /** The file's modification time, the date of an article that names none. */
  mtimeMs: number;
  timeZone: string;
}

export type ParseResult =
  | {
      ok: true;
      article: ArticleRecord;
      /** The body's plain text, for the search index. */
      text: string;
      warnings: string[];
      /** `published: false`, or a file under `_drafts/`: left out unless --drafts. */
      draft: boolean;
      /** Files of the post's asset folder that the article uses. */
      assets: PostAsset[];
    }
  | { ok: false; error: string };

const NESTS_TOO_DEEPLY = 'the file nests too deeply to read';

/** Turns one article file into an article record, or one clear message saying what is wrong. */
export function parseArticleFile(input: ParseInput): ParseResult {
  try {
    return parseOrThrow(input);
  } catch (error) {
    if (error instanceof ContentError) return { ok: false, error: error.message };
    if (error instanceof RangeError && /call stack/i.test(error.message)) return { ok: false, error: NESTS_TOO_DEEPLY };
    return { ok: false, error: `could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const stemOf = (relative: string) => {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  return name.slice(0, name.lastIndexOf('.'));
};

/**
 * The article's date as Hexo finds it: the front matter's, else a date that begins the file's
 * name (`2019-10-14-hexo-4-released.md`), else the file's time. A date that cannot be read
 * falls back the same way, with a warning instead of a skipped file.
 */
function articleDate(value: unknown, relative: string, mtimeMs: number, timeZone: string, warnings: string[]): string {
  let problem = 'no date';
  if (value !== undefined) {
    try {
      return parseDate(value, timeZone);
    } catch (error) {
      problem = (error as Error).message.replace('unparseable date', 'unreadable date');
    }
  }
  const fromName = dateFromFileName(stemOf(relative), timeZone);
  if (fromName) {
    if (value !== undefined) warnings.push(`${problem}: using the date in the file name`);
    return fromName;
  }
  warnings.push(`${problem}: using the file modification time`);
  return new Date(mtimeMs).toISOString();
}

function parseOrThrow({ id, source, relative, root, mtimeMs, timeZone }: ParseInput): ParseResult {
  const warnings: string[] = [];
  const decoded = decodeText(source);
  if (decoded.encoding) warnings.push(`read as ${decoded.encoding}: the file is not UTF-8`);
  const split = splitFrontMatter(decoded.text);
  const lengths = cutLongLists(split.data, ['categories', 'category', 'tags', 'tag']);
  const fields = readFrontMatterFields(split.data, warnings);
  const front = limitFields({ ...fields, title: fields.title ?? '' }, warnings, {
    categories: lengths.categories ?? lengths.category,
    tags: lengths.tags ?? lengths.tag,
  });

  const assets = root ? new PostAssets({ root, relative, id }) : undefined;
  const bodyWarnings = new Set<string>();
  const { html: rendered } = renderBody(split.body, {
    asset: (name) => assets?.resolve(name),
    warnings: bodyWarnings,
  });
  // Real articles nest a few dozen levels; thousands are an attack or a broken export.
  const depth = nestingDepth(rendered);
  if (depth > MAX_HTML_NESTING) {
    throw new ContentError(`${NESTS_TOO_DEEPLY}: elements ${depth} levels deep (at most ${MAX_HTML_NESTING})`);
  }
  const body = processBody(rendered, {
    asset: assets ? (name) => assets.resolve(name) : undefined,
    extraPhotos: front.photos,
    description: front.description,
  });
  warnings.push(...bodyWarnings, ...body.warnings);

  // No title: the body's first heading, as a reader would name the article.
  let title = front.title;
  if (!title) {
    if (!body.firstHeading) {
      const fence = split.unclosedFence;
      throw new ContentError(
        fence
          ? `no title: the front matter's opening "${fence.fence}" on line ${fence.line} is never closed`
          : split.form === 'none'
            ? 'no title: the file has no front matter and no heading'
            : 'missing title: no "title:" in the front matter and no heading in the body',
      );
    }
    title = cutText(body.firstHeading, MAX_TITLE_LENGTH).text;
    warnings.push('no title: using the first heading');
  }

  const date = articleDate(front.date, relative, mtimeMs, timeZone, warnings);
  let updated: string | undefined;
  if (front.updated !== undefined) {
    try {
      updated = parseDate(front.updated, timeZone);
    } catch (error) {
      warnings.push(`updated ignored: ${(error as Error).message.replace('unparseable date', 'unreadable date')}`);
    }
  }

  let cover: string | undefined;
  if (front.cover) {
    cover = normalizeUrl(assets?.resolve(front.cover.value) ?? front.cover.value);
    if (!cover)
      warnings.push(`${front.cover.field} ignored: "${front.cover.value.slice(0, 80)}" is not an http(s) URL`);
  }
  cover ??= body.photos[0]?.src;
  const coverFallback = body.photos.find((photo) => photo.src === cover)?.fallbackSrc;

  const article: ArticleRecord = {
    id,
    title,
    date,
    categories: front.categories,
    tags: front.tags,
    excerpt: body.excerpt,
    photoCount: body.photos.length,
    readingMinutes: readingMinutes(body.text),
    html: body.html,
    textLength: body.textLength,
    photos: body.photos,
  };
  if (updated && updated !== date) article.updated = updated;
  if (front.author) article.author = front.author;
  if (cover) article.cover = cover;
  if (coverFallback) article.coverFallback = coverFallback;
  const draft = !front.published || /(^|\/)_drafts\//.test(relative);
  return { ok: true, article, text: body.text, warnings, draft, assets: [...(assets?.used.values() ?? [])] };
}
