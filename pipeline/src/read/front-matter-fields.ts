import * as z from 'zod/mini';

/** The fields of an article's front matter that the reader uses, each checked for its type. */
export interface FrontMatterFields {
  /** Absent or not text: the body's first heading stands in (parse-article-file.ts). */
  title?: string;
  /** As written: dates are read later, in the build's time zone. */
  date?: unknown;
  updated?: unknown;
  categories: string[];
  tags: string[];
  author?: string;
  /** `headimg`, `thumbnail`, `cover`, `index_img`, `top_img` or `banner_img`, the first that is given. */
  cover?: { field: string; value: string };
  /** `photos` (or `photo`): photos of the article besides those in its body. */
  photos: string[];
  /** `description` (or `excerpt`): the excerpt the author wrote. */
  description?: string;
  /** False for `published: false`: a draft, left out unless --drafts. */
  published: boolean;
}

const text = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((value) => String(value).trim()),
);
const nonEmptyText = z.pipe(text, z.string().check(z.minLength(1)));
const author = z.union([
  nonEmptyText,
  z.pipe(
    z.object({ name: nonEmptyText }),
    z.transform((value) => value.name),
  ),
]);
const dateValue = z.union([z.string(), z.number(), z.date()]);
const photoList = z.union([
  z.pipe(
    nonEmptyText,
    z.transform((value): unknown[] => [value]),
  ),
  z.array(z.unknown()),
]);
const flag = z.boolean();

const kind = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : value instanceof Date
        ? 'a date'
        : typeof value === 'object'
          ? 'a mapping'
          : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;

/**
 * Names from Hexo's name trees (`categories: [a, [b, c]]`), flattened, trimmed, without repeats,
 * in order. A name that is a mapping or a date is dropped with a warning.
 */
function names(tree: unknown, field: string, warnings: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let dropped = 0;
  // Iterative walk: hostile front matter may nest very deeply.
  const stack: unknown[] = tree === undefined ? [] : [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (node === null || node === undefined || typeof node === 'boolean') continue;
    if (typeof node !== 'string' && typeof node !== 'number') {
      dropped++;
      continue;
    }
    const name = String(node).replace(/\s+/g, ' ').trim();
    if (name !== '' && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  if (dropped > 0) warnings.push(`${dropped} of the ${field} ignored: a name must be text`);
  return out;
}

/** `value` read with `schema`, or undefined with a warning that says what was wrong. */
function optional<T>(
  data: Record<string, unknown>,
  field: string,
  schema: z.ZodMiniType<T>,
  expected: string,
  warnings: string[],
): T | undefined {
  const value = data[field];
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  warnings.push(`${field} ignored: expected ${expected}, not ${kind(value)}`);
  return undefined;
}

/**
 * Reads the fields, as Hexo does: the `category`, `tag` and `photo` aliases stand in when
 * `categories`, `tags` and `photos` are absent; a field of an unexpected type (`cover: false`,
 * an author that is a list) is ignored with a warning, and the article is still built.
 */
export function readFrontMatterFields(data: Record<string, unknown>, warnings: string[]): FrontMatterFields {
  const alias = (field: string, other: string) => (data[field] !== undefined ? data[field] : data[other]);
  const fields: FrontMatterFields = {
    categories: names(alias('categories', 'category'), 'categories', warnings),
    tags: names(alias('tags', 'tag'), 'tags', warnings),
    photos: [],
    published: true,
  };
  const title = optional(data, 'title', nonEmptyText, 'text', warnings);
  if (title !== undefined) fields.title = title;
  for (const field of ['date', 'updated'] as const) {
    const value = optional(data, field, dateValue, 'a date', warnings);
    if (value !== undefined) fields[field] = value;
  }
  const writer = optional(data, 'author', author, 'a name', warnings);
  if (writer !== undefined) fields.author = writer;
  // Themes name the cover differently: NexT-likes headimg/thumbnail, Butterfly cover/top_img, Fluid index_img/banner_img.
  for (const field of ['headimg', 'thumbnail', 'cover', 'index_img', 'top_img', 'banner_img']) {
    const value = optional(data, field, nonEmptyText, 'a URL', warnings);
    if (value !== undefined && !fields.cover) fields.cover = { field, value };
  }
  const photosField = data.photos !== undefined ? 'photos' : 'photo';
  const photos = optional(data, photosField, photoList, 'a URL or a list of them', warnings) ?? [];
  fields.photos = photos.filter((photo): photo is string => typeof photo === 'string' && photo.trim() !== '');
  if (fields.photos.length < photos.length)
    warnings.push(`${photos.length - fields.photos.length} of the photos ignored: a photo must be a URL`);
  for (const field of ['description', 'excerpt']) {
    const value = optional(data, field, nonEmptyText, 'text', warnings);
    if (value !== undefined && fields.description === undefined) fields.description = value;
  }
  const published = optional(data, 'published', flag, 'true or false', warnings);
  if (published === false) fields.published = false;
  return fields;
}
