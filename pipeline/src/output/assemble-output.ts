import {
  ALL_SLUG,
  type Article,
  type ArticleRef,
  type ArticleSummary,
  type CategoryEntry,
  CONTRACT_VERSION,
  dataPaths,
  chunkCount,
  type ListChunk,
  type ListHead,
  type Manifest,
  pageCount,
} from '../../../src/lib/content-contract.ts';
import { categorySlug } from './category-slug.ts';

/**
 * What an article needs to be placed: its order, its lists and the title its neighbours show.
 * The rest of its summary is printed into the list files that are written (list-pages.ts).
 */
export type ArticleEntry = Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'tags'>;

/** A list file as laid out: the articles it holds, not yet their summaries. */
export type ListFile =
  (Omit<ListHead, 'items'> & { items: ArticleEntry[] }) | (Omit<ListChunk, 'items'> & { items: ArticleEntry[] });

export interface Neighbours {
  prev?: ArticleRef;
  next?: ArticleRef;
}

export interface AssembledOutput {
  /** The manifest but for the search index, which is built from the same order. */
  manifest: Omit<Manifest, 'search'>;
  /** Every list's head and chunks, by path under the data root. */
  lists: Map<string, ListFile>;
  /** Articles newest first, with their neighbours in that order. */
  order: { id: string; neighbours: Neighbours }[];
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

/** The files of one list, newest first in `items`: its head and its chunks (decision 0012). */
export interface ListFiles {
  head: string;
  chunk: (n: number) => string;
}

function writeList(paths: ListFiles, items: ArticleEntry[], pageSize: number, files: Map<string, ListFile>): number {
  const total = items.length;
  files.set(paths.head, { total, pageSize, items: items.slice(0, pageSize) });
  const chunks = chunkCount(total, pageSize);
  for (let chunk = 1; chunk <= chunks; chunk++) {
    const from = Math.max(0, total - chunk * pageSize);
    files.set(paths.chunk(chunk), { chunk, items: items.slice(from, total - (chunk - 1) * pageSize) });
  }
  return pageCount(total, pageSize);
}

const categoryList = (slug: string): ListFiles => ({
  head: dataPaths.listHead(slug),
  chunk: (n) => dataPaths.listChunk(slug, n),
});

/** Orders the articles and lays out the manifest and every list page. */
export function assembleOutput(entries: ArticleEntry[], pageSize: number, generatedAt: string): AssembledOutput {
  const summaries = [...entries].sort(compareNewestFirst);
  const files = new Map<string, ListFile>();
  const pages = writeList(categoryList(ALL_SLUG), summaries, pageSize, files);

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
    categories.push({ name, slug, count: items.length, pages: writeList(categoryList(slug), items, pageSize, files) });
  }
  categories.sort((a, b) => b.count - a.count || byName.compare(a.name, b.name));

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
    writeList({ head: dataPaths.tagHead(name), chunk: (n) => dataPaths.tagChunk(name, n) }, items, pageSize, files);
  }

  const manifest: Omit<Manifest, 'search'> = {
    version: CONTRACT_VERSION,
    generatedAt,
    total: summaries.length,
    pageSize,
    pages,
    categories,
  };

  const ref = (summary: ArticleEntry | undefined): ArticleRef | undefined =>
    summary ? { id: summary.id, title: summary.title } : undefined;
  const order = summaries.map((entry, index) => {
    const neighbours: Neighbours = {};
    const prev = ref(summaries[index - 1]);
    const next = ref(summaries[index + 1]);
    if (prev) neighbours.prev = prev;
    if (next) neighbours.next = next;
    return { id: entry.id, neighbours };
  });
  return { manifest, lists: files, order, clashes };
}
