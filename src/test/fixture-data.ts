import {
  type Article,
  type ArticleSummary,
  CONTRACT_VERSION,
  type ListChunk,
  type ListHead,
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

/**
 * The files of a list of `items` (newest first) under `folder` (`lists/all`, `tags/<key>`), by
 * path, laid out as decision 0012 says: a head with the newest page and the count, and chunks
 * of `pageSize` counted from the oldest, each newest first.
 */
export function listFiles(
  folder: string,
  items: ArticleSummary[],
  pageSize: number,
): Map<string, ListHead | ListChunk> {
  const files = new Map<string, ListHead | ListChunk>();
  files.set(`${folder}/head.json`, { total: items.length, pageSize, items: items.slice(0, pageSize) });
  const oldestFirst = [...items].reverse();
  for (let start = 0, chunk = 1; start < oldestFirst.length; start += pageSize, chunk++) {
    files.set(`${folder}/${chunk}.json`, { chunk, items: oldestFirst.slice(start, start + pageSize).reverse() });
  }
  return files;
}

/** A mock response for `path` from a list's files, or undefined when the list has no such file. */
export function listFile(folder: string, items: ArticleSummary[], pageSize: number, path: string) {
  const body = listFiles(folder, items, pageSize).get(path);
  return body && { status: 200, body };
}
