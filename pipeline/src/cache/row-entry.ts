import type { PostAsset } from '../body/post-assets.ts';
import type { CacheEntry, ListedArticle } from './build-cache.ts';
import type { SummarySlice } from './summary-store.ts';
import type { TermSlice } from '../search/search-term-cache.ts';

/** What a row entry reads from its snapshot row when asked (cache-columns.ts's ColumnRows). */
export interface SlicedRows {
  neighboursAt(row: number): [string, string] | undefined;
  termsAt(row: number): TermSlice | undefined;
  summaryAt(row: number): SummarySlice | undefined;
}

/**
 * Sets on `entry` what few entries have (a failed file's error, a draft's flag, a post's asset
 * files), only when `from` has it: an entry without them has no such fields.
 */
export function setRareFields(
  entry: CacheEntry,
  from: Pick<CacheEntry, 'error' | 'draft' | 'assets'> | undefined,
): void {
  if (!from) return;
  if (from.error !== undefined) entry.error = from.error;
  if (from.draft) entry.draft = true;
  if (from.assets) entry.assets = from.assets;
}

/** Not set by the run: the row's value is read when asked. */
const FROM_ROW = Symbol('from the row');
type Lazy<T> = T | typeof FROM_ROW;

/**
 * A cached article as a whole run holds it: a built article's summary slice is read from its
 * snapshot row when asked, until the run sets one.
 */
export class RowListed implements ListedArticle {
  #summary: Lazy<SummarySlice | undefined> = FROM_ROW;

  constructor(
    public id: string,
    public title: string,
    public date: string,
    public categories: string[],
    public tags: string[],
    private readonly rows: SlicedRows,
    private readonly row: number,
  ) {}

  get summary(): SummarySlice | undefined {
    return this.#summary === FROM_ROW ? this.rows.summaryAt(this.row) : this.#summary;
  }

  set summary(slice: SummarySlice | undefined) {
    this.#summary = slice;
  }

  /** The fields as a cache log line writes them (the accessors are not own properties). */
  toJSON(): ListedArticle {
    const { id, title, date, categories, tags, summary } = this;
    return { id, title, date, categories, tags, summary };
  }
}

/**
 * A file's cache entry made from its snapshot row for a whole run, which holds every file's
 * entry until it ends: the neighbours' ids and the term slice stay in the row, read when asked
 * (once or twice a run: the article's staging, the search index, the save), until the run sets
 * them. Held as arrays, they and the summary slice were about 250 bytes an article, a quarter of
 * a gigabyte of a warm whole run at a million articles.
 */
export class RowEntry implements CacheEntry {
  #neighbours: Lazy<[string, string] | undefined> = FROM_ROW;
  #terms: Lazy<TermSlice | undefined> = FROM_ROW;
  error: string | undefined = undefined;
  draft: boolean | undefined = undefined;
  assets: PostAsset[] | undefined = undefined;

  constructor(
    public id: string,
    public mtimeMs: number,
    public size: number,
    public hash: string,
    public listed: ListedArticle | undefined,
    public warnings: readonly string[],
    private readonly rows: SlicedRows,
    private readonly row: number,
  ) {}

  get neighbours(): [string, string] | undefined {
    return this.#neighbours === FROM_ROW ? this.rows.neighboursAt(this.row) : this.#neighbours;
  }

  set neighbours(ids: [string, string] | undefined) {
    this.#neighbours = ids;
  }

  get terms(): TermSlice | undefined {
    return this.#terms === FROM_ROW ? this.rows.termsAt(this.row) : this.#terms;
  }

  set terms(slice: TermSlice | undefined) {
    this.#terms = slice;
  }

  /** The same file's entry with its time, size and hash now, reading the same row (withFileState). */
  withFileState({ id, mtimeMs, size, hash }: Pick<CacheEntry, 'id' | 'mtimeMs' | 'size' | 'hash'>): RowEntry {
    const entry = new RowEntry(id, mtimeMs, size, hash, this.listed, this.warnings, this.rows, this.row);
    entry.#neighbours = this.#neighbours;
    entry.#terms = this.#terms;
    entry.error = this.error;
    entry.draft = this.draft;
    entry.assets = this.assets;
    return entry;
  }

  /** The fields as a cache log line writes them (the accessors are not own properties). */
  toJSON(): CacheEntry {
    const { id, mtimeMs, size, hash, listed, warnings, neighbours, terms, error, draft, assets } = this;
    const entry: CacheEntry = { id, mtimeMs, size, hash, listed, warnings, neighbours, terms };
    setRareFields(entry, { error, draft, assets });
    return entry;
  }
}
