import type { CacheEntry } from '../cache/build-cache.ts';
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
  /** The file each article comes from. */
  fileOf: Map<string, string>;
  /** Each article's cache entry, by id: looked up by every stage after this one. */
  entryOf: Map<string, CacheEntry>;
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
  const fileOf = new Map<string, string>();
  const entryOf = new Map<string, CacheEntry>();
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
      fileOf.set(entry.listed.id, relative);
      entryOf.set(entry.listed.id, entry);
    }
  }
  const generatedAt = (settings.now?.() ?? new Date()).toISOString();
  const assembled = assembleOutput(articles, settings.pageSize, generatedAt);
  for (const clash of assembled.clashes) {
    problems.push({
      file: fileOf.get(clash.firstArticle) ?? clash.firstArticle,
      level: 'warning',
      message: `category "${clash.name}" is listed under "${clash.slug}": "${clash.other}" has the same slug`,
    });
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const count = assembled.order.length;
  const orderedIds = new Array<string>(count);
  const orderedEntries = new Array<CacheEntry>(count);
  const orderedFiles = new Array<string>(count);
  assembled.order.forEach(({ id }, n) => {
    orderedIds[n] = id;
    orderedEntries[n] = articleEntry({ entryOf }, id);
    orderedFiles[n] = fileOf.get(id) ?? '';
  });
  return { articles, orderedIds, orderedEntries, orderedFiles, assembled, fileOf, entryOf, drafts, problems };
}

/** The cache entry of a published article (every one in the selection has one). */
export function articleEntry(selection: Pick<Selection, 'entryOf'>, id: string): CacheEntry {
  const entry = selection.entryOf.get(id);
  if (!entry) throw new Error(`article ${id} is listed but has no cache entry`);
  return entry;
}
