import { z } from 'zod';
import type { Article } from '../../../src/lib/content-contract.ts';
import { ContentError } from '../read/content-error.ts';
import { extractPhotos } from '../body/extract-photos.ts';
import { nestingDepth } from '../body/nesting-depth.ts';
import { describeSchemaError, frontMatterSchema } from '../read/front-matter-schema.ts';
import { normalizeUrl } from '../body/normalize-url.ts';
import { parseDate } from '../read/parse-date.ts';
import { renderBody } from '../body/render-body.ts';
import { MAX_HTML_NESTING } from '../read/input-limits.ts';
import { cutLongLists, limitFields } from '../read/limit-fields.ts';
import { splitFrontMatter } from '../read/split-front-matter.ts';
import { makeExcerpt, readingMinutes } from '../body/text-metrics.ts';

/** An article before its neighbours are known. */
export type ArticleRecord = Omit<Article, 'prev' | 'next'>;

export interface ParseInput {
  id: string;
  source: Uint8Array;
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
    }
  | { ok: false; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NESTS_TOO_DEEPLY = 'the file nests too deeply to read';

function decode(source: Uint8Array): string {
  if (source.length === 0) throw new ContentError('the file is empty');
  if (source.subarray(0, 8192).includes(0)) throw new ContentError('binary file: it contains NUL bytes');
  try {
    return utf8.decode(source);
  } catch {
    throw new ContentError('not UTF-8 text');
  }
}

/** Turns one article file into an article record, or one clear message saying what is wrong. */
export function parseArticleFile(input: ParseInput): ParseResult {
  try {
    return parseOrThrow(input);
  } catch (error) {
    if (error instanceof ContentError) return { ok: false, error: error.message };
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ok: false, error: NESTS_TOO_DEEPLY };
    }
    return { ok: false, error: `could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function parseOrThrow({ id, source, mtimeMs, timeZone }: ParseInput): ParseResult {
  const { data, body } = splitFrontMatter(decode(source));
  const listLengths = cutLongLists(data, ['categories', 'tags']);
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) throw new ContentError(describeSchemaError(parsed.error as z.ZodError, data));
  const warnings: string[] = [];
  const front = limitFields(parsed.data, warnings, listLengths);

  let date: string;
  if (front.date === undefined || front.date === null || front.date === '') {
    date = new Date(mtimeMs).toISOString();
    warnings.push('no date: using the file modification time');
  } else date = parseDate(front.date, timeZone);
  const updated =
    front.updated === undefined || front.updated === null || front.updated === ''
      ? undefined
      : parseDate(front.updated, timeZone);

  const { html: rendered } = renderBody(body);
  // Real articles nest a few dozen levels; thousands are an attack or a broken export.
  const depth = nestingDepth(rendered);
  if (depth > MAX_HTML_NESTING) {
    throw new ContentError(`${NESTS_TOO_DEEPLY}: elements ${depth} levels deep (at most ${MAX_HTML_NESTING})`);
  }
  const extracted = extractPhotos(rendered);
  warnings.push(...extracted.warnings);

  let cover: string | undefined;
  for (const field of ['headimg', 'thumbnail', 'cover'] as const) {
    const raw = front[field];
    if (raw === undefined || raw === null || raw === '') continue;
    cover = normalizeUrl(raw);
    if (cover) break;
    warnings.push(`${field} ignored: "${raw.slice(0, 80)}" is not an http(s) URL`);
  }
  cover ??= extracted.photos[0]?.src;
  const coverFallback = extracted.photos.find((photo) => photo.src === cover)?.fallbackSrc;

  const article: ArticleRecord = {
    id,
    title: front.title,
    date,
    categories: front.categories,
    tags: front.tags,
    excerpt: makeExcerpt(extracted.text),
    photoCount: extracted.photos.length,
    readingMinutes: readingMinutes(extracted.text),
    html: extracted.html,
    textLength: extracted.textLength,
    photos: extracted.photos,
  };
  if (updated) article.updated = updated;
  if (front.author) article.author = front.author;
  if (cover) article.cover = cover;
  if (coverFallback) article.coverFallback = coverFallback;
  return { ok: true, article, text: extracted.text, warnings };
}
