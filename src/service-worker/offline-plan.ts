import { dataHref, dataPaths, isArticleId } from '../lib/content-contract.ts';

// What the service worker keeps for reading offline (decision 0021), as pure functions the worker
// and the app share: the worker does the caching, these decide what is kept and what goes.

/** How many opened articles (not saved) stay readable offline: the cache's budget, oldest out first. */
export const RECENT_BUDGET = 50;
/** Photos kept per article at most (a seed-shaped article has six): one article cannot fill the disk. */
export const PHOTO_LIMIT = 24;
/** Saved articles kept at most: the reader's own choice, bounded only against a hostile import. */
export const SAVED_LIMIT = 5_000;

/** What the app asks the worker to keep: every saved article, and the opened ones, newest first. */
export interface KeepRequest {
  type: 'keep';
  saved: string[];
  recent: string[];
}

/** Asks a waiting worker to take over (the reader clicked 有新内容). */
export interface UpdateRequest {
  type: 'update';
}

/** The articles to keep, in order of precedence: saved ones, then the newest opened up to the budget. */
export function articlesToKeep(request: Pick<KeepRequest, 'saved' | 'recent'>): string[] {
  const keep = new Set(request.saved.filter(isArticleId).slice(0, SAVED_LIMIT));
  let recent = 0;
  for (const id of request.recent) {
    if (recent === RECENT_BUDGET) break;
    if (!isArticleId(id) || keep.has(id)) continue;
    keep.add(id);
    recent++;
  }
  return [...keep];
}

/** Reads a message from a page: a keep or update request, or undefined for anything else. */
export function readRequest(data: unknown): KeepRequest | UpdateRequest | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.type === 'update') return { type: 'update' };
  const ids = (value: unknown) =>
    Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : undefined;
  const saved = ids(message.saved);
  const recent = ids(message.recent);
  if (message.type !== 'keep' || !saved || !recent) return undefined;
  return { type: 'keep', saved, recent };
}

/** An article's data file's URL under `scope` (the app's base URL, absolute). */
export const articleUrl = (scope: string, id: string) =>
  new URL(dataHref(new URL(scope).pathname, dataPaths.article(id)), scope).href;

/** The id of an article's data file at `url`, or undefined for any other URL. */
export function articleIdOf(scope: string, url: string): string | undefined {
  const prefix = new URL(dataHref(new URL(scope).pathname, 'articles/'), scope).href;
  if (!url.startsWith(prefix) || !url.endsWith('.json')) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(url.slice(prefix.length, -'.json'.length));
  } catch {
    return undefined;
  }
  return isArticleId(id) ? id : undefined;
}

/** One photo as the worker fetches it: its address, and the mirror to try when that fails. */
export interface PhotoSource {
  src: string;
  fallback?: string;
}

/** A photo's address as the app resolves it (paths/assetUrl): http(s) as it is, a path under the scope. */
function photoUrl(scope: string, src: unknown): string | undefined {
  if (typeof src !== 'string' || src === '') return undefined;
  if (/^https?:\/\//i.test(src)) return src;
  if (/^[a-z][a-z\d+.-]*:/i.test(src)) return undefined;
  return new URL(src.replace(/^\/+/, ''), scope).href;
}

/**
 * The photos an article's data shows: its cover and every photo, each with its mirror, at most
 * PHOTO_LIMIT, each once. Reads the data defensively: it is whatever the server sent.
 */
export function photosOf(scope: string, article: unknown): PhotoSource[] {
  if (typeof article !== 'object' || article === null) return [];
  const { cover, coverFallback, photos } = article as Record<string, unknown>;
  const found: { src?: unknown; fallbackSrc?: unknown }[] = [{ src: cover, fallbackSrc: coverFallback }];
  if (Array.isArray(photos)) found.push(...(photos as typeof found));
  const seen = new Set<string>();
  const sources: PhotoSource[] = [];
  for (const photo of found) {
    if (sources.length === PHOTO_LIMIT) break;
    const src = photoUrl(scope, photo?.src);
    if (!src || seen.has(src)) continue;
    seen.add(src);
    const fallback = photoUrl(scope, photo.fallbackSrc);
    sources.push(fallback && fallback !== src ? { src, fallback } : { src });
  }
  return sources;
}

/** What is kept: each article's id, with the photo URLs kept for it (a Map: an id may be `__proto__`). */
export type KeptIndex = ReadonlyMap<string, readonly string[]>;

/** What a keep request changes: the articles to fetch, and the articles and photos to let go. */
export interface KeepPlan {
  fetch: string[];
  drop: string[];
  dropPhotos: string[];
}

export function planKeep(index: KeptIndex, keep: readonly string[]): KeepPlan {
  const wanted = new Set(keep);
  const drop = [...index.keys()].filter((id) => !wanted.has(id));
  const stay = new Set(keep.flatMap((id) => index.get(id) ?? []));
  const dropPhotos = [...new Set(drop.flatMap((id) => index.get(id) ?? []))].filter((url) => !stay.has(url));
  return { fetch: keep.filter((id) => !index.has(id)), drop, dropPhotos };
}
