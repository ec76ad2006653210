import {
  type Article,
  type ArticleSummary,
  CONTRACT_VERSION,
  type ListChunk,
  type ListGroup,
  type ListTable,
  type ListHead,
  type ListPart,
  type Manifest,
} from '../lib/content-contract.ts';
import { SEARCH_VERSION } from '../lib/search-terms.ts';

/** A small data set in the pipeline's output shape, for component tests. */
export function summary(n: number, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id: `a${n}`,
    title: `第${n}篇文章`,
    date: new Date(Date.UTC(2024, 3, 30 - n, 2)).toISOString(),
    categories: n % 2 ? ['财经'] : ['体育'],
    tags: [],
    excerpt: `第${n}篇的摘要。`,
    photoCount: 0,
    readingMinutes: 2,
    ...overrides,
  };
}

export const photoArticle: Article = {
  ...summary(1, { id: 'port', title: '港口的一天', author: '港口观察网', photoCount: 3 }),
  html: '<p>第一段。</p><p>第二段，<a class="trsHotWords" href="https://quote.example.cn/?code=1" code="1">东港</a>。</p>',
  textLength: 12,
  photos: [
    {
      src: 'https://img.example.cn/1.jpg',
      fallbackSrc: 'https://mirror.example.cn/1.jpg',
      width: 400,
      height: 300,
      alt: '码头',
      caption: '码头灯火通明。',
      credit: '林小川摄（城市影像）',
      anchor: 0,
    },
    {
      src: 'https://img.example.cn/2.jpg',
      width: 400,
      height: 700,
      alt: '桥吊',
      caption: '桥吊司机在操作。',
      credit: '马 青摄',
      anchor: 0,
    },
    { src: 'https://img.example.cn/3.jpg', alt: '班列', caption: '班列驶出港区。', anchor: 5 },
  ],
  next: { id: 'a2', title: '第2篇文章' },
};

export function manifestFor(total: number, pageSize: number): Manifest {
  return {
    version: CONTRACT_VERSION,
    generatedAt: '2024-05-01T00:00:00Z',
    total,
    pageSize,
    pages: Math.ceil(total / pageSize),
    categories: [
      { name: '财经', slug: 'c-1', count: Math.ceil(total / 2), pages: Math.ceil(Math.ceil(total / 2) / pageSize) },
      { name: '体育', slug: 'c-2', count: Math.floor(total / 2), pages: Math.ceil(Math.floor(total / 2) / pageSize) },
    ],
    search: { version: SEARCH_VERSION, path: 'search/0123abcd', buckets: 1, docsPerFile: 100, docs: total },
  };
}

/** A part's name from what it holds: `c`, `g`, `r` or `t` and 20 hex digits (FNV-1a, five seeds). */
const partName = (kind: 'c' | 'g' | 'r' | 't', held: string) =>
  kind +
  [1, 2, 3, 4, 5]
    .map((seed) => {
      let hash = 0x811c9dc5 ^ seed;
      for (let n = 0; n < held.length; n++) hash = Math.imul(hash ^ held.charCodeAt(n), 0x01000193);
      return (hash >>> 0).toString(16).padStart(8, '0').slice(0, 4);
    })
    .join('');

/**
 * The files of a list of `items` (newest first) under `folder` (`lists/all`, `tags/<key>`), by
 * path, shaped as decisions 0025 and 0026 say: a head with the newest page, the count and the
 * parts, and chunks of uneven size (a page often spans two or three), the older half of them in
 * groups (two when there are chunks enough) of a table the head names first, and a run of the
 * newer ones the head names next. The pipeline cuts
 * where the articles' ids say; any cut reads the same. Parts are named by what they hold, as
 * the pipeline names them: a list that changed has new names.
 */
export function listFiles(
  folder: string,
  items: ArticleSummary[],
  pageSize: number,
): Map<string, ListHead | ListTable | ListGroup | ListChunk> {
  const files = new Map<string, ListHead | ListTable | ListGroup | ListChunk>();
  const oldestFirst = [...items].reverse();
  const chunks: ListPart[] = [];
  for (let start = 0; start < oldestFirst.length;) {
    const size = Math.max(1, pageSize + ((chunks.length % 3) - 1));
    const held = oldestFirst.slice(start, start + size);
    const name = partName('c', held.map((item) => item.id).join());
    files.set(`${folder}/${name}.json`, { items: held.reverse() });
    chunks.push([name, held.length]);
    start += size;
  }
  const count = (parts: ListPart[]) => parts.reduce((sum, [, held]) => sum + held, 0);
  const grouped = chunks.slice(0, Math.floor(chunks.length / 2));
  const groups: ListPart[] = [];
  for (const held of [grouped.slice(0, Math.ceil(grouped.length / 2)), grouped.slice(Math.ceil(grouped.length / 2))]) {
    if (held.length === 0) continue;
    const name = partName('g', held.join());
    files.set(`${folder}/${name}.json`, { chunks: held });
    groups.push([name, count(held)]);
  }
  const parts: ListPart[] = [];
  if (groups.length > 0) {
    const name = partName('t', groups.join());
    files.set(`${folder}/${name}.json`, { groups });
    parts.push([name, count(groups)]);
  }
  // The newest chunks' older half in a run the head names after the table, the rest by name.
  const newer = chunks.slice(grouped.length);
  const run = newer.slice(0, Math.floor(newer.length / 2));
  if (run.length > 0) {
    const name = partName('r', run.join());
    files.set(`${folder}/${name}.json`, { chunks: run });
    parts.push([name, count(run)]);
  }
  parts.push(...newer.slice(run.length));
  files.set(`${folder}/head.json`, { total: items.length, pageSize, items: items.slice(0, pageSize), parts });
  return files;
}

/** A mock response for `path` from a list's files, or undefined when the list has no such file. */
export function listFile(folder: string, items: ArticleSummary[], pageSize: number, path: string) {
  const body = listFiles(folder, items, pageSize).get(path);
  return body && { status: 200, body };
}
