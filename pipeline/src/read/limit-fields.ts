import {
  cutText,
  MAX_AUTHOR_LENGTH,
  MAX_CATEGORIES,
  MAX_NAME_LENGTH,
  MAX_TAGS,
  MAX_TITLE_LENGTH,
} from './input-limits.ts';

export interface LimitedFields {
  title: string;
  categories: string[];
  tags: string[];
  author?: string | null;
}

/** Longer lists are cut before the schema reads them: checking 900,000 tags took seconds. */
const READ_AT_MOST = 1000;

/**
 * Cuts the front matter's name lists to READ_AT_MOST items before validation, in place, and
 * returns how long each was, for the warning limitFields gives.
 */
export function cutLongLists(data: Record<string, unknown>, keys: readonly string[]): Record<string, number> {
  const lengths: Record<string, number> = {};
  for (const key of keys) {
    const value = data[key];
    if (Array.isArray(value) && value.length > READ_AT_MOST) {
      lengths[key] = value.length;
      data[key] = value.slice(0, READ_AT_MOST);
    }
  }
  return lengths;
}

/** Names cut to MAX_NAME_LENGTH and at most `max` of them; what was cut, said in `warnings`. */
function limitNames(names: string[], max: number, what: string, warnings: string[], given = 0): string[] {
  const kept: string[] = [];
  let cutNames = 0;
  for (const name of names.slice(0, max)) {
    const cut = cutText(name, MAX_NAME_LENGTH);
    if (cut.cut) cutNames++;
    if (!kept.includes(cut.text)) kept.push(cut.text);
  }
  const total = Math.max(names.length, given);
  if (total > max) warnings.push(`${total - max} ${what} dropped: an article may have ${max}`);
  if (cutNames > 0) warnings.push(`${cutNames} ${what} cut to ${MAX_NAME_LENGTH} characters`);
  return kept;
}

/**
 * Holds what one article brings to the output to the limits of input-limits.ts: a title of
 * 3,000 characters, 50,000 categories or 900,000 tags are cut, each with a warning that
 * says what was cut, and the article is still built.
 */
export function limitFields<T extends LimitedFields>(
  fields: T,
  warnings: string[],
  given: Partial<Record<'categories' | 'tags', number>> = {},
): T {
  const title = cutText(fields.title, MAX_TITLE_LENGTH);
  if (title.cut) warnings.push(`title cut to ${MAX_TITLE_LENGTH} characters`);
  const limited: T = {
    ...fields,
    title: title.text,
    categories: limitNames(fields.categories, MAX_CATEGORIES, 'categories', warnings, given.categories),
    tags: limitNames(fields.tags, MAX_TAGS, 'tags', warnings, given.tags),
  };
  if (fields.author) {
    const author = cutText(fields.author, MAX_AUTHOR_LENGTH);
    if (author.cut) warnings.push(`author cut to ${MAX_AUTHOR_LENGTH} characters`);
    limited.author = author.text;
  }
  return limited;
}
