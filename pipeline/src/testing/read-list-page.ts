import fs from 'node:fs';
import path from 'node:path';
import { type ListHead, type ListPage, pageCount } from '../../../src/lib/content-contract.ts';
import { pageRange } from '../../../src/lib/list-cuts.ts';
import { categoryListFiles, tagListFiles } from '../output/assemble-output.ts';
import { type ListFileReader, readListStretch } from '../output/read-list-files.ts';

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** A published list's files (decision 0025), read from `outDir`. */
export const listFilesIn = (outDir: string, list: { slug: string } | { tag: string }): ListFileReader => ({
  ...('slug' in list ? categoryListFiles(list.slug) : tagListFiles(list.tag)),
  read: (file) => readJson(path.join(outDir, file)),
});

/**
 * Reader page `page` (1 = newest) of a published list, put together from its head and parts
 * as the app does: what a reader of `?page=N` sees.
 */
export function readListPage(outDir: string, list: { slug: string } | { tag: string }, page: number): ListPage {
  const files = listFilesIn(outDir, list);
  const head = readJson<ListHead>(path.join(outDir, files.head));
  const pages = pageCount(head.total, head.pageSize);
  if (page === 1) return { page, pages, total: head.total, items: head.items };
  const { from, to } = pageRange(head.total, head.pageSize, page);
  return { page, pages, total: head.total, items: readListStretch(files, from, to).items };
}
