/// <reference lib="webworker" />
import {
  articleIdOf,
  articlesToKeep,
  articleUrl,
  type KeepRequest,
  type KeptIndex,
  type PhotoSource,
  photosOf,
  planKeep,
  readRequest,
} from './offline-plan.ts';

// The reader's service worker (decision 0021), built by scripts/vite-service-worker-plugin.ts,
// which fills in the two constants below. It keeps the app's own files for offline use, the data
// files the app has read (for lists), and the articles the app asks it to keep, with their photos.
// Everything else goes to the network untouched.

declare const self: ServiceWorkerGlobalScope;
/** The app's own files, relative to the scope: its page, scripts, styles, icons. */
declare const __SHELL_FILES__: string[];
/** A hash of those files: a build that changes any of them is a new worker. */
declare const __SHELL_VERSION__: string;

const scope = self.registration.scope;
const SHELL = `shell-${__SHELL_VERSION__}`;
/** Data files the app fetched (manifest, lists, search): the newest answer of each, for offline. */
const DATA = 'data';
/** Pages the reader opened (a prerendered page carries its data): dropped with each new build. */
const PAGES = 'pages';
/** Kept articles and their photos, with the index of what is kept (KEPT_INDEX). */
const KEPT = 'kept';
const DATA_LIMIT = 300;
/** A photo host that never answers does not hold the keeping up: each fetch gives up after this. */
const FETCH_TIMEOUT_MS = 30_000;
const PAGES_LIMIT = 60;

const shellUrls = new Set(__SHELL_FILES__.map((file) => new URL(file, scope).href));
const appPage = new URL('index.html', scope).href;
const manifestUrl = new URL('data/manifest.json', scope).href;
const dataRoot = new URL('data/', scope).href;
const feedsRoot = new URL('data/feeds/', scope).href;
const KEPT_INDEX = new URL('.offline/kept-index.json', scope).href;

self.addEventListener('install', (event) => {
  // `reload`: the server's files, not an HTTP cache's copy of the last build's. The manifest too
  // (as data, fetched again whenever there is a network): a prerendered first page carried its
  // own, so the worker never saw the app ask for it, and offline every list needs it.
  event.waitUntil(
    Promise.all([
      caches
        .open(SHELL)
        .then((cache) => cache.addAll([...shellUrls].map((url) => new Request(url, { cache: 'reload' })))),
      caches
        .open(DATA)
        .then((cache) => cache.add(new Request(manifestUrl, { cache: 'reload' })))
        .catch(() => undefined),
    ]),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The last build's files go, and the pages that named them.
      for (const name of await caches.keys())
        if ((name.startsWith('shell-') && name !== SHELL) || name === PAGES) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const request = readRequest(event.data);
  if (request?.type === 'update') void self.skipWaiting();
  else if (request?.type === 'keep') event.waitUntil(keep(request));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(page(event));
  else if (shellUrls.has(request.url)) event.respondWith(fromShell(request));
  else if (request.url.startsWith(dataRoot) && !request.url.startsWith(feedsRoot)) event.respondWith(data(event));
  else if (request.destination === 'image') event.respondWith(photo(request));
});

/**
 * A response kept in `cacheName`. Vary is ignored: the server varies on Origin, which a module
 * script's request carries and the worker's own did not; the files are the same.
 */
const cached = (cacheName: string, request: RequestInfo) => caches.match(request, { cacheName, ignoreVary: true });

/** Puts a copy of `response` in `cacheName` once the page has it, bounded to `limit` entries (oldest out). */
function remember(event: FetchEvent, cacheName: string, response: Response, limit: number): void {
  const copy = response.clone();
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      await cache.put(event.request, copy);
      // Entries are listed in the order they were put: the first are the oldest.
      const keys = await cache.keys();
      for (const key of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(key);
    })().catch(() => undefined),
  );
}

/** A page: from the network; offline, as last seen, else the app's page (which reads kept data). */
async function page(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request);
    if (response.ok && response.type === 'basic') remember(event, PAGES, response, PAGES_LIMIT);
    return response;
  } catch (error) {
    const seen = await cached(PAGES, event.request.url);
    const app = seen ?? (await cached(SHELL, appPage));
    if (app) return app;
    throw error;
  }
}

/** The app's files: from this build's cache (they are named by their hash, or checked at install). */
async function fromShell(request: Request): Promise<Response> {
  return (await cached(SHELL, request)) ?? fetch(request);
}

/**
 * Data: from the network, so that a new build's lists show at once; offline, the last answer.
 * A kept article is refreshed in place; other articles are not remembered here (keep() does that).
 */
async function data(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const id = articleIdOf(scope, request.url);
  try {
    const response = await fetch(request);
    if (response.ok && !id) remember(event, DATA, response, DATA_LIMIT);
    // After the page has its answer: a kept article's copy is brought up to date.
    else if (response.ok && id) event.waitUntil(refreshKept(id, response.clone()).catch(() => undefined));
    return response;
  } catch (error) {
    const kept = id ? await cached(KEPT, articleUrl(scope, id)) : undefined;
    const last = kept ?? (await cached(DATA, request));
    if (last) return last;
    throw error;
  }
}

/** Replaces a kept article's copy with `response`, a newer one; an article not kept stays so. */
async function refreshKept(id: string, response: Response): Promise<void> {
  if ((await readIndex()).has(id)) await (await caches.open(KEPT)).put(articleUrl(scope, id), response);
}

/** A photo: a kept article's from the cache, any other from the network as without a worker. */
async function photo(request: Request): Promise<Response> {
  return (await cached(KEPT, request.url)) ?? fetch(request);
}

// Keeping articles. Requests are handled one at a time, and only the newest waiting one: each
// carries the whole set, so a later one makes any earlier one still waiting moot.

let keeping: Promise<void> = Promise.resolve();
let waiting: KeepRequest | undefined;

function keep(request: KeepRequest): Promise<void> {
  waiting = request;
  keeping = keeping.then(async () => {
    const next = waiting;
    waiting = undefined;
    if (next) await keepArticles(articlesToKeep(next)).catch(() => undefined);
  });
  return keeping;
}

async function readIndex(): Promise<Map<string, string[]>> {
  const stored = await cached(KEPT, KEPT_INDEX);
  try {
    const entries: unknown = stored ? await stored.json() : [];
    return new Map(
      Array.isArray(entries)
        ? entries.filter(
            (entry): entry is [string, string[]] =>
              Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1]),
          )
        : [],
    );
  } catch {
    return new Map();
  }
}

const writeIndex = (cache: Cache, index: KeptIndex) =>
  cache.put(KEPT_INDEX, new Response(JSON.stringify([...index]), { headers: { 'Content-Type': 'application/json' } }));

/**
 * Makes the kept articles exactly `ids`: those no longer wanted go with their photos (the oldest
 * opened are the first the app leaves out), the new ones are fetched with theirs. An article that
 * cannot be fetched now (offline) is tried again with the next request. A full disk stops the
 * fetching: what is kept stays readable.
 */
async function keepArticles(ids: string[]): Promise<void> {
  const cache = await caches.open(KEPT);
  const index = await readIndex();
  const plan = planKeep(index, ids);
  for (const id of plan.drop) {
    index.delete(id);
    await cache.delete(articleUrl(scope, id));
  }
  for (const url of plan.dropPhotos) await cache.delete(url);
  await writeIndex(cache, index);
  for (const id of plan.fetch) {
    const photos = await keepArticle(cache, id).catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') throw error;
      return undefined;
    });
    if (!photos) continue;
    index.set(id, photos);
    await writeIndex(cache, index);
  }
}

/** Fetches one article and its photos into the cache; returns the photo URLs kept, or undefined. */
async function keepArticle(cache: Cache, id: string): Promise<string[] | undefined> {
  const url = articleUrl(scope, id);
  const response = await fetch(url, {
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) return undefined;
  const article: unknown = await response.clone().json();
  const kept = await Promise.all(photosOf(scope, article).map((source) => keepPhoto(cache, source)));
  await cache.put(url, response);
  return kept.filter((photo): photo is string => photo !== undefined);
}

/**
 * A photo as the page asks for it (no cookies, no referrer, no CORS: a photo host need not allow
 * anything), its mirror when it fails. Returns the URL kept.
 */
async function keepPhoto(cache: Cache, { src, fallback }: PhotoSource): Promise<string | undefined> {
  for (const url of fallback ? [src, fallback] : [src]) {
    try {
      const response = await fetch(url, {
        mode: 'no-cors',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok && response.type !== 'opaque') continue;
      await cache.put(url, response);
      return url;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') throw error;
    }
  }
  return undefined;
}
