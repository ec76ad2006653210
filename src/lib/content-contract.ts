/**
 * The JSON contract between the content pipeline and the reader.
 *
 * This is the only module the Node pipeline and the browser app share. Bump
 * CONTRACT_VERSION on any incompatible change: the app refuses data of another
 * version with a clear message instead of rendering garbage.
 */
export const CONTRACT_VERSION = 5;

/** A photo lifted out of an article body, in the order it stood there. */
export interface Photo {
  /** http(s) URL, or a site-relative path (`/sample-photos/a.svg`) resolved against the app's base. */
  src: string;
  /** A mirror tried when `src` fails (from `data-bitmap`, `data-src` or `srcset`). */
  fallbackSrc?: string;
  width?: number;
  height?: number;
  /** Plain text; the caption when the image had no alt of its own. */
  alt: string;
  /** Plain text, without the credit. May be empty. */
  caption: string;
  /** Plain text, e.g. `耿玉和摄（影像中国）`. */
  credit?: string;
  /**
   * Where the photo stood in the original body: the number of body text
   * characters before it. Lets the gallery follow the reader's scroll.
   */
  anchor: number;
}

export interface ArticleRef {
  id: string;
  title: string;
}

export interface ArticleSummary {
  id: string;
  title: string;
  /** ISO 8601, UTC. */
  date: string;
  updated?: string;
  author?: string;
  /** Human names, flattened, de-duplicated, in front-matter order. */
  categories: string[];
  tags: string[];
  cover?: string;
  /** A mirror of the cover, when the cover is one of the article's photos that has one. */
  coverFallback?: string;
  /** Plain text, at most about 120 characters. */
  excerpt: string;
  photoCount: number;
  readingMinutes: number;
}

export interface Article extends ArticleSummary {
  /** The body without the lifted photos. Unsanitized: the app sanitizes it. */
  html: string;
  /** Total characters of body text, the scale of `Photo.anchor`. */
  textLength: number;
  photos: Photo[];
  /** The newer neighbour by date. */
  prev?: ArticleRef;
  /** The older neighbour by date. */
  next?: ArticleRef;
}

export interface CategoryEntry {
  name: string;
  /** See isCategorySlug; a function of the name (docs/decisions/0001): stable across rebuilds. */
  slug: string;
  count: number;
  pages: number;
}

/** Where the search index of this build lives and how it is split (docs/decisions/0006). */
export interface SearchIndexInfo {
  /** SEARCH_VERSION of the terms module that built it. */
  version: number;
  /** Folder under the data root, unique to the index's content: `search/<hash>`. */
  path: string;
  /** Number of term chunks; a term is in chunk `termBucket(term, buckets)`. */
  buckets: number;
  /** Article ids per docs file. */
  docsPerFile: number;
  /**
   * Documents indexed: every article. Numbered from the oldest (its place in the list counted
   * from the oldest), so that a new newest article changes no other document's number, or by
   * day when `numbering` says so.
   */
  docs: number;
  /** Documents numbered by day (the pipeline's, decision 0006); the reader needs only docsPerFile. */
  numbering?: SearchNumbering;
}

/**
 * A document's number is its day's, counted from `firstDay` (days since 1970, UTC), times
 * 2^dayBits, plus its rank among that day's articles (the oldest 0): a change renumbers only
 * the rest of its day. Numbers run below `end`, one past the newest article's, with gaps.
 */
export interface SearchNumbering {
  firstDay: number;
  dayBits: number;
  end: number;
}

export interface Manifest {
  version: number;
  generatedAt: string;
  total: number;
  pageSize: number;
  pages: number;
  /** Sorted by count, then name. */
  categories: CategoryEntry[];
  search: SearchIndexInfo;
  /** Set when the build wrote feeds (`dataPaths.feedAtom`, `feedJson`): it had a site address. */
  feeds?: true;
}

/**
 * A page of a list as the reader shows it: page 1 is the newest. Built by the app from the
 * list's head and chunks (docs/decisions/0012); never a file of its own.
 */
export interface ListPage {
  page: number;
  pages: number;
  total: number;
  items: ArticleSummary[];
}

/**
 * A stretch of a list in the head, a table or a group: `[name, count]`. The name is the file's,
 * under the list's folder (`dataPaths.listPart`): `c…` a chunk (ListChunk) of `count` articles,
 * `g…` a group (ListGroup) of chunks, `r…` a run of the newest chunks (a ListGroup too), `t…`
 * the table (ListTable) of the list's groups, each holding `count` between them. Names are
 * digests of what the part holds (decision 0025), so a change deep in a list renames the parts
 * it touched and no other.
 */
export type ListPart = [name: string, count: number];

/** A part's name: `c` (chunk), `g` (group), `r` (run) or `t` (table) and 20 hex digits. */
export const LIST_PART_NAME = /^[cgrt][0-9a-f]{20}$/;

/** The newest page of a list, the list's size and where the rest of it lies. */
export interface ListHead {
  total: number;
  pageSize: number;
  /** The newest `pageSize` articles (fewer when the list is shorter), newest first. */
  items: ArticleSummary[];
  /**
   * The whole list, oldest first: the table of its groups when it has any, then the runs and
   * the chunks of the newest stretch (decisions 0025, 0026).
   */
  parts: ListPart[];
}

/** A list's groups, oldest first, found from the head: every article older than the head's chunks. */
export interface ListTable {
  groups: ListPart[];
}

/** Chunks of a list, oldest first, found from the table (a group) or the head (a run). */
export interface ListGroup {
  chunks: ListPart[];
}

/** A stretch of a list, newest first: as many articles as its part says. */
export interface ListChunk {
  items: ArticleSummary[];
}

/** The reader's pages of a list of `total`: never fewer than one, which may be empty. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * URL of a data file under `<base>data/` (`base` ends in `/`). Each segment is percent-encoded
 * once: files are named as they are (`articles/港口夜色.json`), and a static host decodes the
 * request once. The app fetches these; the pipeline's entry pages preload the same URLs.
 */
export function dataHref(base: string, file: string): string {
  return `${base}data/${file.split('/').map(encodeURIComponent).join('/')}`;
}

/** Paths of the data files relative to the data root. */
export const dataPaths = {
  manifest: () => 'manifest.json',
  /** A category's (or ALL_SLUG's) list: its head, and its parts by name (ListPart). */
  listHead: (slug: string) => `lists/${slug}/head.json`,
  listPart: (slug: string, name: string) => `lists/${slug}/${name}.json`,
  /** An article's file: its id as it is (ids need no escaping on disk); the app encodes URLs. */
  article: (id: string) => `articles/${id}.json`,
  /** A chunk of the search index: the posting lists of the terms that hash to it. */
  searchTerms: (indexPath: string, bucket: number) => `${indexPath}/terms/${bucket}.bin`,
  /**
   * Article ids of documents `n * docsPerFile` up to the next file's first: '' for a number no
   * document has, and none after the file's last document.
   */
  searchDocs: (indexPath: string, n: number) => `${indexPath}/docs/${n}.json`,
  /**
   * A tag's list, found from the tag's name alone (tagKey): tags are many, so the manifest
   * does not list them. A tag that no article has has no head.
   */
  tagHead: (name: string) => `tags/${tagKey(name)}/head.json`,
  tagPart: (name: string, part: string) => `tags/${tagKey(name)}/${part}.json`,
  /** A list's (ALL_SLUG's or a category's) Atom feed and JSON Feed, when the build had a site address. */
  feedAtom: (slug: string) => `feeds/${slug}/atom.xml`,
  feedJson: (slug: string) => `feeds/${slug}/feed.json`,
} as const;

/**
 * The folder of a tag's list pages: 64 bits of two FNV-1a hashes of the name's UTF-8 (NFC),
 * as 16 hex digits. A pure function of the name, computed alike by the pipeline and the reader.
 */
export function tagKey(name: string): string {
  const bytes = new TextEncoder().encode(name.normalize('NFC'));
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const byte of bytes) {
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The list of every article uses this slug; no category may take it. */
export const ALL_SLUG = 'all';

/** Article ids are at most this many bytes of UTF-8: with `.json`, a file name any file system takes. */
export const MAX_ARTICLE_ID_BYTES = 150;

// Letters, marks and digits of any script, `_` and `-`, and `.` inside: no character a URL,
// a static host or a file system treats specially, and never a dot segment.
const ARTICLE_ID = /^[\p{L}\p{M}\p{N}_-](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_-])?$/u;

/** Whether `id` has the form of an article id (NFC, at most MAX_ARTICLE_ID_BYTES). */
export function isArticleId(id: string): boolean {
  if (id.length === 0 || id.length > MAX_ARTICLE_ID_BYTES || !ARTICLE_ID.test(id)) return false;
  // A UTF-16 unit is at most 3 bytes of UTF-8: short ids need no encoding to be measured.
  const short = id.length * 3 <= MAX_ARTICLE_ID_BYTES;
  return (short || new TextEncoder().encode(id).length <= MAX_ARTICLE_ID_BYTES) && id === id.normalize('NFC');
}

/** Category slugs: lower-case ASCII letters and digits, `-` and `_`, at most 64 characters. */
export function isCategorySlug(slug: string): boolean {
  return slug.length <= 64 && /^[a-z0-9][a-z0-9_-]*$/.test(slug);
}

/**
 * Prerendering (decision 0015). The app's server build (src/entry-server.tsx) renders a route
 * from the data files it loads; the pipeline, which knows only this contract, hands it those
 * files and writes the result into the route's entry page.
 */
export interface PageRenderInput {
  /** The route's path in the app, without the base: `/article/<id>`, `/category/<name>`. */
  path: string;
  /** The data files the route loads, by data path (`manifest.json`, `articles/<id>.json`). */
  files: Record<string, unknown>;
}

export interface RenderedPage {
  /** The markup of `#root`. */
  root: string;
  /** The text of the page's `<script type="application/json" id="page-data">` (PageData). */
  data: string;
}

export interface PageRenderer {
  render(input: PageRenderInput): Promise<RenderedPage>;
}

/** The id of the script element that carries a prerendered page's data. */
export const PAGE_DATA_ID = 'page-data';

/** What a prerendered page carries for the app to hydrate from. */
export interface PageData {
  /** The address (with the base) the markup was rendered for. */
  path: string;
  files: Record<string, unknown>;
}
