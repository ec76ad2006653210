import type { CacheEntry } from '../cache/build-cache.ts';
import { KeyedRows } from '../cache/keyed-rows.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { Problem } from '../report.ts';
import { type ArticleEntry, type AssembledOutput, assembleOutput } from './assemble-output.ts';

/** The articles of the next output, in order, with their lists and the problems of their files. */
export interface Selection {
  articles: ArticleEntry[];
  /** Newest first: the order of lists, neighbours and search documents. */
  orderedIds: string[];
  /**
   * The cache entry and the file of each of `orderedIds`, at the same place: the stages that go
   * through every article in order look them up by place, not by id in a map.
   */
  orderedEntries: CacheEntry[];
  orderedFiles: string[];
  assembled: AssembledOutput;
  /**
   * Each article's place in the order, by id: its entry and its file are found there. One
   * table, not a map for each (a cold build of a million articles holds it to the end).
   */
  placeOf: KeyedRows;
  /** Drafts left out. */
  drafts: number;
  problems: Problem[];
}

/**
 * Picks what is published (every built article but drafts, unless asked for), collects each
 * file's warnings and errors, and lays out the lists, pages and neighbours.
 */
export function selectArticles(input: InputFiles, parsed: ParsedArticles, settings: BuildSettings): Selection {
  const problems = [...input.problems];
  const articles: ArticleEntry[] = [];
  const files: string[] = [];
  const entries: CacheEntry[] = [];
  let drafts = 0;
  for (const { relative } of input.files) {
    const entry = parsed.entry(relative);
    // Drafts are left out, as Hexo leaves them out, unless asked for: not problems of the files.
    if (entry.draft && !settings.drafts) {
      drafts++;
      continue;
    }
    for (const warning of entry.warnings) problems.push({ file: relative, level: 'warning', message: warning });
    if (entry.error !== undefined) problems.push({ file: relative, level: 'error', message: entry.error });
    else if (entry.listed) {
      articles.push(entry.listed);
      files.push(relative);
      entries.push(entry);
    }
  }
  const generatedAt = (settings.now?.() ?? new Date()).toISOString();
  const assembled = assembleOutput(articles, settings.pageSize, generatedAt);
  const { orderedIds, orderedEntries, orderedFiles } = inOrder(assembled.order, articles, entries, files);
  const placeOf = new KeyedRows((n) => orderedIds[n], orderedIds.length);
  for (let n = 0; n < orderedIds.length; n++) placeOf.set(n);
  const selection = { articles, orderedIds, orderedEntries, orderedFiles, assembled, placeOf, drafts, problems };
  for (const clash of assembled.clashes) {
    problems.push({
      file: fileOfArticle(selection, clash.firstArticle) ?? clash.firstArticle,
      level: 'warning',
      message: `category "${clash.name}" is listed under "${clash.slug}": "${clash.other}" has the same slug`,
    });
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return selection;
}

/**
 * The ids, entries and files of `order`, from the articles (by place in `articles`, with their
 * entries and files at the same places). A function of its own: the closures a whole run keeps
 * (the places' keys) must not keep these arrays and the table by place, 24 MB at a million.
 */
function inOrder(
  order: readonly ArticleEntry[],
  articles: readonly ArticleEntry[],
  entries: readonly CacheEntry[],
  files: readonly string[],
): Pick<Selection, 'orderedIds' | 'orderedEntries' | 'orderedFiles'> {
  const count = order.length;
  const orderedIds = new Array<string>(count);
  const orderedEntries = new Array<CacheEntry>(count);
  const orderedFiles = new Array<string>(count);
  const unordered = new KeyedRows((at) => articles[at]?.id, articles.length);
  for (let at = 0; at < articles.length; at++) unordered.set(at);
  order.forEach(({ id }, n) => {
    const at = unordered.rowOf(id);
    const entry = entries[at];
    if (!entry) throw new Error(`article ${id} is listed but has no cache entry`);
    orderedIds[n] = id;
    orderedEntries[n] = entry;
    orderedFiles[n] = files[at] ?? '';
  });
  return { orderedIds, orderedEntries, orderedFiles };
}

type Placed = Pick<Selection, 'placeOf' | 'orderedEntries' | 'orderedFiles'>;

/** The cache entry of a published article (every one in the selection has one). */
export function articleEntry(selection: Placed, id: string): CacheEntry {
  const entry = entryOfArticle(selection, id);
  if (!entry) throw new Error(`article ${id} is listed but has no cache entry`);
  return entry;
}

/** The cache entry of `id` when it is published: undefined for an id the selection does not have. */
export function entryOfArticle(selection: Placed, id: string): CacheEntry | undefined {
  const place = selection.placeOf.rowOf(id);
  return place < 0 ? undefined : selection.orderedEntries[place];
}

/** The file a published article comes from. */
export function fileOfArticle(selection: Placed, id: string): string | undefined {
  const place = selection.placeOf.rowOf(id);
  return place < 0 ? undefined : selection.orderedFiles[place];
}
