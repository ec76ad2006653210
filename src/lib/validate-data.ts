import {
  type Article,
  type ArticleSummary,
  CONTRACT_VERSION,
  type ListPage,
  type Manifest,
} from './content-contract.ts';
import { DataError } from './fetch-json.ts';

// The data comes from our own pipeline, but a stale deploy, a proxy or a
// half-written file can still hand us something else: check the shapes the
// UI relies on at the edge, so that a bad file is a clear message, not a crash.

type Shape = Record<string, unknown>;

function isObject(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(what: string): never {
  throw new DataError(`数据格式有误（${what}），无法读取。`);
}

function checkSummary(value: unknown): ArticleSummary {
  if (
    !isObject(value) ||
    typeof value.id !== 'string' ||
    typeof value.title !== 'string' ||
    typeof value.date !== 'string' ||
    !Array.isArray(value.categories) ||
    typeof value.excerpt !== 'string'
  ) {
    fail('文章摘要');
  }
  return value as unknown as ArticleSummary;
}

export function parseManifest(value: unknown): Manifest {
  if (!isObject(value)) fail('目录');
  if (value.version !== CONTRACT_VERSION) {
    throw new DataError(
      `数据版本不兼容（需要第 ${CONTRACT_VERSION} 版，收到 ${String(value.version)}），请刷新页面或重新构建数据。`,
    );
  }
  if (typeof value.total !== 'number' || typeof value.pages !== 'number' || !Array.isArray(value.categories))
    fail('目录');
  for (const category of value.categories) {
    if (!isObject(category) || typeof category.name !== 'string' || typeof category.slug !== 'string') fail('分类');
  }
  const { search } = value;
  const count = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;
  if (
    !isObject(search) ||
    typeof search.path !== 'string' ||
    // The path becomes part of request URLs: only the shape the pipeline writes.
    !/^search\/[0-9a-f]+$/.test(search.path) ||
    !count(search.buckets, 1) ||
    !count(search.docsPerFile, 1) ||
    !count(search.docs, 0)
  ) {
    fail('搜索索引');
  }
  return value as unknown as Manifest;
}

export function parseListPage(value: unknown): ListPage {
  if (
    !isObject(value) ||
    typeof value.page !== 'number' ||
    typeof value.pages !== 'number' ||
    !Array.isArray(value.items)
  ) {
    fail('文章列表');
  }
  value.items.forEach(checkSummary);
  return value as unknown as ListPage;
}

export function parseArticle(value: unknown): Article {
  checkSummary(value);
  const article = value as Shape;
  if (typeof article.html !== 'string' || !Array.isArray(article.photos)) fail('文章');
  for (const photo of article.photos) {
    if (!isObject(photo) || typeof photo.src !== 'string' || typeof photo.caption !== 'string') fail('图片');
  }
  return value as unknown as Article;
}
