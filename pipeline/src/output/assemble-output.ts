import {
  ALL_SLUG,
  type Article,
  type ArticleRef,
  type ArticleSummary,
  type CategoryEntry,
  CONTRACT_VERSION,
  dataPaths,
  type ListPart,
  type Manifest,
  pageCount,
} from '../../../src/lib/content-contract.ts';
import { categorySlug } from './category-slug.ts';
import {
  groupParts,
  listParts,
  tabled,
  type LaidChunk,
  type IdsOldestFirst,
  layOutStretch,
  layoutHash,
  layoutRules,
  type StretchLayout,
} from './list-layout.ts';

/**
 * What an article needs to be placed: its order, its lists and the title its neighbours show.
 * The rest of its summary is printed into the list files that are written (list-pages.ts).
 */
export type ArticleEntry = Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'tags'>;

/**
 * A list file as laid out (decisions 0025, 0026): a head (ListHead), its table (ListTable), a
 * group or a run (ListGroup) or a chunk (ListChunk), with the articles it holds, not yet their
 * summaries.
 */
export type ListFile =
  | { total: number; pageSize: number; items: ArticleEntry[]; parts: ListPart[] }
  | { groups: ListPart[] }
  | { chunks: ListPart[] }
  | { items: ArticleEntry[] };

export interface Neighbours {
  prev?: ArticleRef;
  next?: ArticleRef;
}

export interface AssembledOutput {
  /** The manifest but for the search index, which is built from the same order. */
  manifest: Omit<Manifest, 'search'>;
  /** Every list's head and chunks, by path under the data root. */
  lists: Map<string, ListFile>;
  /** Articles newest first: each one's neighbours are the articles beside it (neighboursAt). */
  order: readonly ArticleEntry[];
  /** Categories whose slug was taken by another's: each got another, said in a warning. */
  clashes: SlugClash[];
}

export interface SlugClash {
  name: string;
  slug: string;
  other: string;
  /** The newest article in the category: its file carries the warning. */
  firstArticle: string;
}

// Equal counts list by pinyin, as Chinese readers expect.
const byName = new Intl.Collator('zh-CN');

/** The manifest's order of categories: the biggest first, equal counts by name. */
export const compareCategories = (a: CategoryEntry, b: CategoryEntry): number =>
  b.count - a.count || byName.compare(a.name, b.name);

/** Newest first; equal dates by id, so the order never depends on the file system. */
export function compareNewestFirst(a: ArticleEntry, b: ArticleEntry): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toSummary(article: ArticleSummary | Article): ArticleSummary {
  const summary: ArticleSummary = {
    id: article.id,
    title: article.title,
    date: article.date,
    categories: article.categories,
    tags: article.tags,
    excerpt: article.excerpt,
    photoCount: article.photoCount,
    readingMinutes: article.readingMinutes,
  };
  if (article.updated) summary.updated = article.updated;
  if (article.author) summary.author = article.author;
  if (article.cover) summary.cover = article.cover;
  if (article.coverFallback) summary.coverFallback = article.coverFallback;
  return summary;
}

/** The id of the newest article a list file holds (a head's is its list's newest). */
export const newestIdOf = (file: ListFile | undefined): string | undefined =>
  file && 'items' in file ? file.items[0]?.id : undefined;

/** The files of one list: its head and its parts by name (decision 0025). */
export interface ListFiles {
  head: string;
  part: (name: string) => string;
}

/** A list's articles, newest first: an array, or one that makes them as pages ask for them. */
export interface ListItems {
  readonly length: number;
  slice(start: number, end?: number): ArticleEntry[];
}

/**
 * A list's head (its total, its newest page and the parts as it names them) and its table of
 * groups, by path, for the list's parts (groups, runs, then chunks).
 */
export function headFiles(paths: ListFiles, items: ListItems, pageSize: number, parts: readonly ListPart[]) {
  const { head, table } = tabled(parts);
  const files = new Map<string, ListFile>([
    [paths.head, { total: items.length, pageSize, items: items.slice(0, pageSize), parts: head }],
  ]);
  if (table) files.set(paths.part(table.name), { groups: table.groups });
  return files;
}

/** A chunk of a list's layout, its articles taken from the list (newest first) it was laid out over. */
export const chunkFile = (items: ListItems, { start, count }: LaidChunk): ListFile => ({
  items: items.slice(items.length - start - count, items.length - start),
});

/** The ids of a list's articles (newest first), oldest first, hashed as the layout asks. */
const oldestFirst = (items: readonly ArticleEntry[]): IdsOldestFirst => {
  const idAt = (index: number) => (items[items.length - 1 - index] as ArticleEntry).id;
  return { length: items.length, idAt, hashAt: (index) => layoutHash(idAt(index)) };
};

/** Every file of a list: its head, its table, its groups, runs and chunks. */
function writeList(paths: ListFiles, items: ArticleEntry[], pageSize: number, files: Map<string, ListFile>): number {
  const layout: StretchLayout = layOutStretch(oldestFirst(items), layoutRules(pageSize));
  for (const [file, list] of headFiles(paths, items, pageSize, listParts(layout))) files.set(file, list);
  for (const chunk of layout.chunks) files.set(paths.part(chunk.name), chunkFile(items, chunk));
  for (const group of [...layout.groups, ...layout.runs])
    files.set(paths.part(group.name), { chunks: groupParts(layout, group) });
  return pageCount(items.length, pageSize);
}

/** The files of a category's list (or ALL_SLUG's), by its slug. */
export const categoryListFiles = (slug: string): ListFiles => ({
  head: dataPaths.listHead(slug),
  part: (name) => dataPaths.listPart(slug, name),
});

/** The files of a tag's list, by its name. */
export const tagListFiles = (name: string): ListFiles => ({
  head: dataPaths.tagHead(name),
  part: (part) => dataPaths.tagPart(name, part),
});

/** Orders the articles and lays out the manifest and every list page. */
export function assembleOutput(entries: ArticleEntry[], pageSize: number, generatedAt: string): AssembledOutput {
  const summaries = [...entries].sort(compareNewestFirst);
  const files = new Map<string, ListFile>();
  const pages = writeList(categoryListFiles(ALL_SLUG), summaries, pageSize, files);

  const byCategory = new Map<string, ArticleEntry[]>();
  for (const summary of summaries) {
    for (const name of summary.categories) {
      let list = byCategory.get(name);
      if (!list) byCategory.set(name, (list = []));
      list.push(summary);
    }
  }

  // Two names with one slug (their hashes agree): in name order, the later one gets a suffix.
  const slugOwners = new Map<string, string>();
  const categories: CategoryEntry[] = [];
  const clashes: SlugClash[] = [];
  for (const name of [...byCategory.keys()].sort()) {
    const items = byCategory.get(name) as ArticleEntry[];
    const wanted = categorySlug(name);
    let slug = wanted;
    for (let n = 2; slugOwners.has(slug); n++) slug = `${wanted}_${n}`;
    if (slug !== wanted) {
      clashes.push({ name, slug, other: slugOwners.get(wanted) as string, firstArticle: items[0]?.id as string });
    }
    slugOwners.set(slug, name);
    categories.push({
      name,
      slug,
      count: items.length,
      pages: writeList(categoryListFiles(slug), items, pageSize, files),
    });
  }
  categories.sort(compareCategories);

  // Every tag's list, newest first, under a folder named by the tag (tagKey).
  const byTag = new Map<string, ArticleEntry[]>();
  for (const summary of summaries) {
    for (const name of summary.tags) {
      let list = byTag.get(name);
      if (!list) byTag.set(name, (list = []));
      list.push(summary);
    }
  }
  for (const [name, items] of byTag) {
    writeList(tagListFiles(name), items, pageSize, files);
  }

  const manifest: Omit<Manifest, 'search'> = {
    version: CONTRACT_VERSION,
    generatedAt,
    total: summaries.length,
    pageSize,
    pages,
    categories,
  };

  // Neighbours are made when an article is written, not kept: four objects an article, a
  // million times over, for what the order already says.
  return { manifest, lists: files, order: summaries, clashes };
}

/** The neighbours of the article at `n` in `order` (newest first). */
export const neighboursAt = (order: readonly ArticleEntry[], n: number): Neighbours =>
  neighboursOf(order[n - 1], order[n + 1]);

/** An article's `prev` (newer) and `next` (older) as its JSON shows them: id and title. */
export function neighboursOf(newer: ArticleEntry | undefined, older: ArticleEntry | undefined): Neighbours {
  const neighbours: Neighbours = {};
  if (newer) neighbours.prev = { id: newer.id, title: newer.title };
  if (older) neighbours.next = { id: older.id, title: older.title };
  return neighbours;
}
