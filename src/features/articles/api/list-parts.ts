import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { dataUrl } from '../../../config/paths.ts';
import { type ArticleSummary, dataPaths, type ListHead, pageCount } from '../../../lib/content-contract.ts';
import { cutParts, type PartCut, pageRange, partsInside } from '../../../lib/list-cuts.ts';
import { fetchJson, InvalidDataError, NotFoundError } from '../../../lib/fetch-json.ts';
import { parseListChunk } from '../../../lib/validate-data.ts';
import type { ListSource } from './get-article-list.ts';

const partPath = (source: ListSource, name: string) =>
  'tag' in source ? dataPaths.tagPart(source.tag, name) : dataPaths.listPart(source.slug, name);

/** A part's file is not what the head counted on: it is of another build. */
export class StaleChunkError extends InvalidDataError {}

const stale = () => new StaleChunkError('文章列表已更新，请重试。');

/** A part's file, read; one the head counts on and the server does not have means the list changed since. */
async function readPart(source: ListSource, name: string, signal?: AbortSignal): Promise<unknown> {
  return fetchJson(dataUrl(partPath(source, name)), signal).catch((error: unknown) => {
    throw error instanceof NotFoundError ? stale() : error;
  });
}

/**
 * A part's file, kept for the pages after: a table, group or run is named by the parts it names
 * (decision 0026), so its file never changes; a chunk is named by the articles it holds, whose
 * summaries an edit changes, so it is kept as long as a list page is. Paging reads the run or
 * group of the pages around once, and a chunk two pages share once.
 */
export const listPartQueryOptions = (source: ListSource, name: string) =>
  queryOptions({
    queryKey: ['articles', 'part', source, name],
    queryFn: ({ signal }) => readPart(source, name, signal),
    staleTime: name.startsWith('c') ? 60_000 : Infinity,
  });

/** Where a page is read from: the list and the query client that keeps its parts. */
interface PartReader {
  client: QueryClient;
  source: ListSource;
}

/** The items a cut of a chunk shows: a chunk of another length than its part says is of another build. */
async function itemsOfChunk({ client, source }: PartReader, cut: PartCut) {
  const options = listPartQueryOptions(source, cut.name);
  const { items } = parseListChunk(await client.fetchQuery(options));
  if (items.length !== cut.count) {
    client.removeQueries({ queryKey: options.queryKey, exact: true });
    throw stale();
  }
  return items.slice(cut.from, cut.to);
}

/**
 * The items a cut of a part shows: a chunk's read, the table's, a group's or a run's read
 * through the parts it names that hold them (all at once: a page spans two or three chunks).
 */
async function itemsOfPart(reader: PartReader, cut: PartCut): Promise<ArticleSummary[]> {
  if (cut.name.startsWith('c')) return itemsOfChunk(reader, cut);
  const inner = partsInside(
    cut.name,
    await reader.client.fetchQuery(listPartQueryOptions(reader.source, cut.name)),
    cut.count,
  );
  const items = await Promise.all(cutParts(inner, cut.from, cut.to).map((part) => itemsOfPart(reader, part)));
  return items.flat();
}

/**
 * A later page (decisions 0025, 0026): the parts the head names that hold it, the table and a
 * group read for the chunks they hold. Parts are named by the articles they hold, so one that
 * gained or lost an article has a new name and an old head's is gone: a part not found, or of
 * another length, is a list changed since the head was read.
 */
export async function pageFromParts(client: QueryClient, source: ListSource, head: ListHead, page: number) {
  const parts = await Promise.all(partsOfPage({ client, source }, head, page));
  void readAhead(client, source, head, page + 1);
  return parts.flat();
}

/** The items of each part page `page` cuts, as they are read. */
function partsOfPage(reader: PartReader, head: ListHead, page: number): Promise<ArticleSummary[]>[] {
  const { from, to } = pageRange(head.total, head.pageSize, page);
  return cutParts(head.parts, from, to).map((cut) => itemsOfPart(reader, cut));
}

/**
 * Reads the parts of page `page` into the cache, once the page before is in: the turn a reader
 * makes most often then needs no request (a part most pages share with the one before, else a
 * chunk of 10–20 KB). What goes wrong is left to the turn itself, should the reader make it.
 */
export async function readAhead(client: QueryClient, source: ListSource, head: ListHead, page: number) {
  if (page > pageCount(head.total, head.pageSize)) return;
  await Promise.allSettled(partsOfPage({ client, source }, head, page));
}
