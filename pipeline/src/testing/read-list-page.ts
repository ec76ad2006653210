import fs from 'node:fs';
import path from 'node:path';
import {
  chunksOfPage,
  dataPaths,
  type ListChunk,
  type ListHead,
  type ListPage,
  pageCount,
} from '../../../src/lib/content-contract.ts';

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/**
 * Reader page `page` (1 = newest) of a published list, put together from its head and chunks
 * as the app does: what a reader of `?page=N` sees.
 */
export function readListPage(outDir: string, list: { slug: string } | { tag: string }, page: number): ListPage {
  const headPath = 'slug' in list ? dataPaths.listHead(list.slug) : dataPaths.tagHead(list.tag);
  const chunkPath = (n: number) =>
    'slug' in list ? dataPaths.listChunk(list.slug, n) : dataPaths.tagChunk(list.tag, n);
  const head = readJson<ListHead>(path.join(outDir, headPath));
  const pages = pageCount(head.total, head.pageSize);
  const items =
    page === 1
      ? head.items
      : chunksOfPage(head.total, head.pageSize, page).flatMap(({ chunk, from, to }) =>
          readJson<ListChunk>(path.join(outDir, chunkPath(chunk))).items.slice(from, to),
        );
  return { page, pages, total: head.total, items };
}
