import path from 'node:path';

/** The files that are articles, by extension (the body's format is read from its content). */
const ARTICLE_EXTENSIONS = new Set(['.md', '.markdown', '.txt', '.html']);

export function isArticleFile(file: string): boolean {
  return ARTICLE_EXTENSIONS.has(path.extname(file).toLowerCase());
}
