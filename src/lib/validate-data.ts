import {
  type Article,
  type ArticleSummary,
  CONTRACT_VERSION,
  isArticleId,
  isCategorySlug,
  LIST_PART_NAME,
  type ListChunk,
  type ListHead,
  type ListPart,
  type Manifest,
} from './content-contract.ts';
import { InvalidDataError } from './fetch-json.ts';

// The data comes from our own pipeline, but a stale deploy, a proxy, a half-written file or a
// hand edit can still hand us something else: every field the UI reads is checked here, at the
// edge, so that a bad file is a clear message with a retry, never a crash in a component.

type Check = (value: unknown) => boolean;
type Fields = Record<string, Check>;

/** A JSON object (not null, not an array): its fields can be looked at one by one. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text: Check = (value) => typeof value === 'string';
const whole =
  (min: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min;
const date: Check = (value) => typeof value === 'string' && Number.isFinite(Date.parse(value));
const articleId: Check = (value) => typeof value === 'string' && isArticleId(value);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);
const shape =
  (fields: Fields): Check =>
  (value) =>
    badField(value, fields) === undefined;

/** The first field of `value` that `fields` refuses ('' when it is not an object at all). */
function badField(value: unknown, fields: Fields): string | undefined {
  if (!isObject(value)) return '';
  return Object.keys(fields).find((key) => !(fields[key] as Check)(value[key]));
}

export function check<T>(value: unknown, fields: Fields, what: string): T {
  const field = badField(value, fields);
  if (field !== undefined)
    throw new InvalidDataError(`数据格式有误（${what}${field ? `的 ${field}` : ''}），无法读取。`);
  return value as T;
}

const summaryFields: Fields = {
  id: articleId,
  title: text,
  date,
  updated: optional(date),
  author: optional(text),
  categories: listOf(text),
  tags: listOf(text),
  cover: optional(text),
  coverFallback: optional(text),
  excerpt: text,
  photoCount: whole(0),
  readingMinutes: whole(0),
};
const photo = shape({
  src: text,
  fallbackSrc: optional(text),
  width: optional(whole(1)),
  height: optional(whole(1)),
  alt: text,
  caption: text,
  credit: optional(text),
  anchor: whole(0),
});
const neighbour = optional(shape({ id: articleId, title: text }));

export function parseManifest(value: unknown): Manifest {
  if (isObject(value) && value.version !== CONTRACT_VERSION) {
    throw new InvalidDataError(
      `数据版本不兼容（需要第 ${CONTRACT_VERSION} 版，收到 ${String(value.version)}），请刷新页面或重新构建数据。`,
    );
  }
  return check<Manifest>(
    value,
    {
      generatedAt: date,
      total: whole(0),
      pageSize: whole(1),
      pages: whole(1),
      categories: listOf(
        shape({
          name: text,
          slug: (slug) => typeof slug === 'string' && isCategorySlug(slug),
          count: whole(1),
          pages: whole(1),
        }),
      ),
      search: shape({
        version: whole(1),
        // The path becomes part of request URLs: only the shape the pipeline writes.
        path: (path) => typeof path === 'string' && /^search\/[0-9a-f]+$/.test(path),
        buckets: whole(1),
        docsPerFile: whole(1),
        docs: whole(0),
        numbering: optional(shape({ firstDay: Number.isSafeInteger, dayBits: whole(0), end: whole(1) })),
      }),
      feeds: optional((value) => value === true),
    },
    '目录',
  );
}

/** One article's summary, as a list holds it. */
export function parseSummary(value: unknown): ArticleSummary {
  return check<ArticleSummary>(value, summaryFields, '文章摘要');
}

/** Parts of a list: `[name, count]`, counts of at least one. */
export const parts: Check = (value) =>
  Array.isArray(value) &&
  value.every(
    (part) =>
      Array.isArray(part) &&
      typeof part[0] === 'string' &&
      // A name becomes part of a request URL: only the shape the pipeline writes.
      LIST_PART_NAME.test(part[0]) &&
      whole(1)(part[1]),
  );

/** Parts that do not add up to `total`: data of two builds, or edited by hand. */
export function checkTotal(list: readonly ListPart[], total: number, field: string) {
  if (list.reduce((sum, [, count]) => sum + count, 0) !== total)
    throw new InvalidDataError(`数据格式有误（文章列表的 ${field}），无法读取。`);
}

/** A head's parts: the table of its groups (when it has one) first, then runs, then chunks. */
const headParts: Check = (value) =>
  parts(value) && /^t?r*c*$/.test((value as ListPart[]).map(([name]) => name[0]).join(''));

export function parseListHead(value: unknown): ListHead {
  const head = check<ListHead>(
    value,
    { total: whole(0), pageSize: whole(1), items: Array.isArray, parts: headParts },
    '文章列表',
  );
  checkTotal(head.parts, head.total, 'parts');
  head.items.forEach(parseSummary);
  return head;
}

export function parseListChunk(value: unknown): ListChunk {
  const chunk = check<ListChunk>(value, { items: Array.isArray }, '文章列表');
  chunk.items.forEach(parseSummary);
  return chunk;
}

export function parseArticle(value: unknown): Article {
  return check<Article>(
    value,
    { ...summaryFields, html: text, textLength: whole(0), photos: listOf(photo), prev: neighbour, next: neighbour },
    '文章',
  );
}
