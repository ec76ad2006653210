import { layoutHash } from '../output/list-layout.ts';
import { isOwnName } from '../read/article-id.ts';
import type { TermSlice } from '../search/search-term-cache.ts';
import type { PostAsset } from '../body/post-assets.ts';
import type { CacheEntry } from './build-cache.ts';
import type { ColumnRows, ListName } from './cache-columns.ts';
import { PlaceList } from './place-list.ts';
import type { SummarySlice } from './summary-store.ts';

/** A file's categories and tags, as its article lists them. */
export interface ArticleLists {
  categories: readonly string[];
  tags: readonly string[];
}

/**
 * Published articles, newest first. Read by place, so that an order of a million articles is
 * followed without making an object for each: the cheap accessors read the snapshot's columns.
 */
export interface ArticleOrder {
  readonly length: number;
  fileAt(n: number): string;
  /** The entry at `n`, the same object each time it is asked for. */
  entryAt(n: number): CacheEntry;
  idAt(n: number): string;
  /** Its article's date (ISO 8601), without making its entry. */
  dateAt(n: number): string;
  /** The id's layoutHash (a column of the snapshot), without reading the id. */
  layoutHashAt(n: number): number;
  termsAt(n: number): TermSlice | undefined;
  /** Where its summary is in the summary store, without making its entry. */
  summaryAt(n: number): SummarySlice | undefined;
  listsAt(n: number): ArticleLists;
  /**
   * The places from `from` up to `to`, ascending, of the articles in each of `lists`: one pass
   * over that part of the order that makes no object a place.
   */
  placesIn(lists: readonly ListName[], from?: number, to?: number): Int32Array[];
  /** How many articles from `from` on each of `lists` holds, without finding their places. */
  countIn(lists: readonly ListName[], from?: number): number[];
  /** The place of a file's article; -1 when it is not in the order. */
  placeOf(relative: string): number;
}

/** What a log line does to the saved order: its newest `drop` articles go, then `prepend` come first. */
export interface OrderChange {
  drop: number;
  prepend: string[];
}

/** Whether a file's entry is a published article under this run's `--drafts`. */
export const isPublishedEntry = (entry: CacheEntry, drafts: boolean | undefined): boolean =>
  entry.listed !== undefined && entry.error === undefined && (!entry.draft || drafts === true);

const NO_LISTS: ArticleLists = { categories: [], tags: [] };
const listsOf = (entry: CacheEntry): ArticleLists => entry.listed ?? NO_LISTS;

/** Whether an article with these lists is in `list`. */
const holds = (lists: ArticleLists, list: ListName): boolean => lists[list.field].includes(list.name);

/** Whether `entry`'s article is in `list`. */
const isIn = (entry: CacheEntry, list: ListName): boolean => holds(listsOf(entry), list);

/**
 * An order seen as two layers: its first `top` articles as entries, then places read from below
 * (ascending, in the lower layer's numbering) and moved by `shift`. Where `overridden` (ascending,
 * lower numbering) has a place, the entry there now (`overrideAt`) says whether it is in a list.
 */
interface LayeredOrder {
  top: number;
  /** The lists of the article at `n` of the top. */
  topLists: (n: number) => ArticleLists;
  /**
   * The lower layer's places in each list, from the first place this order asks of it up to
   * `end` (in its numbering).
   */
  below?: (lists: readonly ListName[], end: number) => Int32Array[];
  /** How many articles each list holds in the lower layer, from the first place this order asks of it. */
  countBelow?: (lists: readonly ListName[]) => number[];
  /** The lists of the lower layer's article at a place (one that is overridden). */
  listsBelowAt?: (place: number) => ArticleLists;
  overridden?: readonly number[];
  overrideAt?: (place: number) => CacheEntry | null | undefined;
  shift?: number;
}

/** The entry overriding the lower layer's at `place`; every overridden place has one. */
function overrideOf(order: LayeredOrder, place: number): CacheEntry {
  const entry = order.overrideAt?.(place);
  if (!entry) throw new Error(`article ${place + (order.shift ?? 0)} in order has no cache entry`);
  return entry;
}

/**
 * The places from `from` up to `to` of the articles in each of `lists`, for an order laid out
 * in layers.
 */
function layeredPlaces(lists: readonly ListName[], from: number, to: number, order: LayeredOrder): Int32Array[] {
  const found = lists.map(() => new PlaceList());
  for (let n = Math.max(0, from); n < Math.min(order.top, to); n++) {
    const its = order.topLists(n);
    for (const [k, list] of lists.entries()) if (holds(its, list)) found[k]?.push(n);
  }
  const { below, shift = 0 } = order;
  // The lower layer's places up to here are read.
  const end = to - shift;
  const overridden = (order.overridden ?? []).filter((place) => place < end);
  if (below && to > order.top)
    for (const [k, places] of below(lists, end).entries()) {
      const into = found[k] as PlaceList;
      const list = lists[k] as ListName;
      const decide = (place: number) => {
        if (isIn(overrideOf(order, place), list)) into.push(place + shift);
      };
      let next = 0;
      for (let n = 0; n < places.length; n++) {
        const place = places[n] as number;
        while (next < overridden.length && (overridden[next] as number) < place) decide(overridden[next++] as number);
        // Read within bounds only: a read past an array's end takes V8's slow path, every place.
        if (next < overridden.length && overridden[next] === place) {
          next++;
          decide(place);
        } else into.push(place + shift);
      }
      while (next < overridden.length) decide(overridden[next++] as number);
    }
  return found.map((list) => list.places);
}

/** How many articles from `from` on each of `lists` holds, for an order laid out in layers. */
function layeredCounts(lists: readonly ListName[], from: number, order: LayeredOrder): number[] {
  const counts = lists.map(() => 0);
  const add = (k: number, by: number) => (counts[k] = (counts[k] as number) + by);
  for (let n = Math.max(0, from); n < order.top; n++) {
    const its = order.topLists(n);
    for (const [k, list] of lists.entries()) if (holds(its, list)) add(k, 1);
  }
  const { countBelow, listsBelowAt, overridden = [] } = order;
  if (countBelow) {
    for (const [k, count] of countBelow(lists).entries()) add(k, count);
    // An overridden place counts as the entry there now says, not as the lower layer's.
    for (const place of overridden) {
      const now = overrideOf(order, place);
      const was = listsBelowAt?.(place) ?? NO_LISTS;
      for (const [k, list] of lists.entries()) add(k, (isIn(now, list) ? 1 : 0) - (holds(was, list) ? 1 : 0));
    }
  }
  return counts;
}

/**
 * The previous build's cache entries: the snapshot's rows, read where they are (cache-columns.ts),
 * with what log lines and this run changed over them. A run of edits asks for the entries of the
 * files it names and of the articles beside them; a whole run asks for all (`all`), once.
 */
export class EntryTable {
  /** Entries made from rows, by row: each is made once, and changes to it are kept. */
  private readonly made = new Map<number, CacheEntry>();
  /** Entries set since the snapshot, by file: null for a file gone. */
  private readonly changes = new Map<string, CacheEntry | null>();
  /** The same, by row, for the files that have one: an order read by place asks by row. */
  private readonly changedRows = new Map<number, CacheEntry | null>();
  private record?: Record<string, CacheEntry>;
  private idMaps?: { ids: Map<string, string>; files: Map<string, string> };
  /** The saved order after the log's changes: `head`, then rows from `skip` to the order's end. */
  private head: string[] = [];
  private skip = 0;
  private orderValid: boolean;
  private notOwnNames = 0;
  private count: number;
  private assets: boolean;

  constructor(private readonly rows: ColumnRows) {
    this.orderValid = rows.order !== null;
    this.count = rows.count;
    this.assets = rows.postAssets;
  }

  /** How many files have entries. */
  get size(): number {
    return this.count;
  }

  /** Whether an entry has (or had, since the snapshot) files of a post asset folder. */
  get postAssets(): boolean {
    return this.assets;
  }

  /** Whether every file's id is its own name. */
  get ownNames(): boolean {
    return this.rows.ownNames && this.notOwnNames === 0;
  }

  get(relative: string): CacheEntry | undefined {
    const changed = this.changes.get(relative);
    if (changed !== undefined) return changed ?? undefined;
    const row = this.rowOf(relative);
    return row < 0 ? undefined : this.entryOfRow(row);
  }

  /**
   * A file's row in the snapshot (-1 for none) and the id its entry has now (undefined for none),
   * without making the entry: replaying a log of 170 KB at 100,000 articles made an entry for
   * every file it named, 90 ms of each run, only to be replaced.
   */
  private idNow(relative: string): { row: number; id: string | undefined } {
    const row = this.rowOf(relative);
    return { row, id: this.idOf(relative, row) };
  }

  /** Sets a file's entry: a log line's, or this run's. */
  set(relative: string, entry: CacheEntry): void {
    const { row, id: before } = this.idNow(relative);
    if (row >= 0) this.changedRows.set(row, entry);
    if (before === undefined) this.count++;
    else if (!isOwnName(relative, before)) this.notOwnNames--;
    if (!isOwnName(relative, entry.id)) this.notOwnNames++;
    if (entry.assets) this.assets = true;
    this.changes.set(relative, entry);
    if (this.record) this.record[relative] = entry;
    if (this.idMaps) {
      if (before !== undefined && this.idMaps.files.get(before) === relative) this.idMaps.files.delete(before);
      this.idMaps.ids.set(relative, entry.id);
      this.idMaps.files.set(entry.id, relative);
    }
  }

  delete(relative: string): void {
    const { row, id: before } = this.idNow(relative);
    if (before === undefined) return;
    this.count--;
    if (!isOwnName(relative, before)) this.notOwnNames--;
    if (row >= 0) this.changedRows.set(row, null);
    this.changes.set(relative, null);
    if (this.record) delete this.record[relative];
    if (this.idMaps) {
      this.idMaps.ids.delete(relative);
      if (this.idMaps.files.get(before) === relative) this.idMaps.files.delete(before);
    }
  }

  /** Applies a log line's change to the order; an impossible one leaves no order. */
  changeOrder({ drop, prepend }: OrderChange): void {
    const fromHead = Math.min(drop, this.head.length);
    this.head = [...prepend, ...this.head.slice(fromHead)];
    this.skip += drop - fromHead;
    if (this.skip > (this.rows.order?.count ?? 0)) this.orderValid = false;
  }

  /** The published order as the last run saved it, when it was saved under the same `--drafts`. */
  order(drafts: boolean): ArticleOrder | undefined {
    const saved = this.rows.order;
    if (!saved || !this.orderValid || saved.drafts !== drafts) return undefined;
    return new TableOrder(this, this.rows, [...this.head], this.skip, saved.count);
  }

  /** Every entry, by file: made once, for a whole run. */
  all(): Readonly<Record<string, CacheEntry>> {
    if (this.record) return this.record;
    const record: Record<string, CacheEntry> = {};
    for (let row = 0; row < this.rows.count; row++) {
      const relative = this.rows.fileAt(row);
      if (!this.changes.has(relative)) record[relative] = this.entryOfRow(row);
    }
    for (const [relative, entry] of this.changes) if (entry) record[relative] = entry;
    return (this.record = record);
  }

  /** Each file's id, and each id's file. */
  idMapsOf(): { ids: ReadonlyMap<string, string>; files: ReadonlyMap<string, string> } {
    if (this.idMaps) return this.idMaps;
    const ids = new Map<string, string>();
    const files = new Map<string, string>();
    for (let row = 0; row < this.rows.count; row++) {
      const relative = this.rows.fileAt(row);
      if (this.changes.has(relative)) continue;
      const id = this.made.get(row)?.id ?? this.rows.idAt(row);
      ids.set(relative, id);
      files.set(id, relative);
    }
    for (const [relative, entry] of this.changes) {
      if (!entry) continue;
      ids.set(relative, entry.id);
      files.set(entry.id, relative);
    }
    return (this.idMaps = { ids, files });
  }

  /** Every post asset file the entries have, as the build that made each published it. */
  *postAssetFiles(): Generator<PostAsset> {
    for (const [row, assets] of this.rows.assetRows()) {
      // A row whose file changed since the snapshot: its entry is among `changes`, below.
      if (this.changedRows.has(row)) continue;
      yield* this.made.get(row)?.assets ?? assets;
    }
    for (const entry of this.changes.values()) if (entry?.assets) yield* entry.assets;
  }

  /** The entries with warnings, an error or a draft flag, and any whose fields are not known. */
  *notable(): Generator<[string, CacheEntry]> {
    for (const row of this.rows.notableRows()) {
      const relative = this.rows.fileAt(row);
      if (!this.changes.has(relative)) yield [relative, this.entryOfRow(row)];
    }
    for (const [relative, entry] of this.changes) if (entry) yield [relative, entry];
  }

  /**
   * What deciding whether a file is parsed again reads of its entry, without making the entry:
   * a run without `--changed` asks it of every file, and at a million files the entries made
   * for that took 5.5 s and most of 2.4 GB.
   */
  stamp(relative: string, row?: number): EntryStamp | undefined {
    const found = this.objectOrRow(relative, row);
    if (typeof found !== 'number') return found ? stampOf(found) : undefined;
    return found < 0 ? undefined : this.rows.stampAt(found);
  }

  /** Whether some file has an id equal to `lower` without case. */
  hasIdLike(lower: string): boolean {
    return this.hasIdLikeAny(new Set([lower]));
  }

  /** Whether some file has an id equal to one of `lowers` without case: one pass for all of them. */
  hasIdLikeAny(lowers: ReadonlySet<string>): boolean {
    if (lowers.size === 0) return false;
    for (const entry of this.changes.values()) if (entry && lowers.has(entry.id.toLowerCase())) return true;
    const rows = this.rows.rowsWithIdLike(lowers);
    // A row whose file changed since the snapshot holds its entry in `changes`, looked at above.
    if (rows) return rows.some((row) => !this.changedRows.has(row));
    // A snapshot without the table of ids in lower case: every id is read. (Not filtered by
    // length: an id can grow in lower case, as İ becomes i and a combining dot.)
    for (let row = 0; row < this.rows.count; row++) {
      if (lowers.has(this.rows.idAt(row).toLowerCase()) && !this.changedRows.has(row)) return true;
    }
    return false;
  }

  /** A file's id, without making its entry; undefined for a file without one. */
  idOf(relative: string, row?: number): string | undefined {
    const found = this.objectOrRow(relative, row);
    if (typeof found !== 'number') return found?.id;
    return found < 0 ? undefined : this.rows.idAt(found);
  }

  /**
   * A file's entry when it is an object already (changed since the snapshot, or made; null when
   * deleted), else its row to read fields from (-1 for none): what stamp and idOf read. `row`:
   * the file's row when the caller found it already (rowOf), as a run without --changed does for
   * every file once, for both.
   */
  private objectOrRow(relative: string, row?: number): CacheEntry | null | number {
    const changed = this.changes.get(relative);
    if (changed !== undefined) return changed;
    const at = row ?? this.rowOf(relative);
    return (at >= 0 && this.made.get(at)) || at;
  }

  /** Every file with an entry. */
  *files(): Generator<string> {
    for (let row = 0; row < this.rows.count; row++) {
      const relative = this.rows.fileAt(row);
      if (!this.changes.has(relative)) yield relative;
    }
    for (const [relative, entry] of this.changes) if (entry) yield relative;
  }

  /**
   * A file's entry, made from its row each time it is asked and not kept (unless it is an
   * object already): for a whole run, which holds the entries it uses itself. Kept as well, a
   * million entries and the map of them cost a whole run with a warm cache 0.8 GB more than a
   * cold build. `row`: the file's row when the caller found it already (rowOf).
   */
  readEntry(relative: string, row?: number): CacheEntry | undefined {
    const found = this.objectOrRow(relative, row);
    if (typeof found !== 'number') return found ?? undefined;
    return found < 0 ? undefined : this.rows.entry(found);
  }

  /**
   * The same for a whole run's reused files: made from the row, the entry reads its neighbours
   * and slices from it when asked (ColumnRows.rowEntry). `id`: the file's id as the run has it.
   */
  readRowEntry(relative: string, row: number | undefined, id: string): CacheEntry | undefined {
    const found = this.objectOrRow(relative, row);
    if (typeof found !== 'number') return found ?? undefined;
    return found < 0 ? undefined : this.rows.rowEntry(found, id);
  }

  /** The stored search terms of a file's article when its id is `id`, without making its entry. */
  termsOf(relative: string, id: string): TermSlice | undefined {
    const found = this.objectOrRow(relative);
    if (typeof found !== 'number') return found?.id === id ? found.terms : undefined;
    return found >= 0 && this.rows.idAt(found) === id ? this.rows.termsAt(found) : undefined;
  }

  /** The stored search terms of the articles with these ids, read row by row, by id. */
  termsOfIds(ids: ReadonlySet<string>): Map<string, TermSlice> {
    const slices = new Map<string, TermSlice>();
    for (let row = 0; row < this.rows.count; row++) {
      if (this.changedRows.has(row)) continue;
      const entry = this.made.get(row);
      const id = entry ? entry.id : this.rows.idAt(row);
      if (!ids.has(id)) continue;
      const terms = entry ? entry.terms : this.rows.termsAt(row);
      if (terms) slices.set(id, terms);
    }
    for (const entry of this.changes.values()) if (entry?.terms && ids.has(entry.id)) slices.set(entry.id, entry.terms);
    return slices;
  }

  /** The entry at a row, unless the row's file changed since the snapshot (then `changes`). */
  entryAtRow(row: number, relative: string): CacheEntry | undefined {
    const changed = this.changes.get(relative);
    return changed !== undefined ? (changed ?? undefined) : this.entryOfRow(row);
  }

  /** The rows whose entries are objects (changed since the snapshot, or made), ascending. */
  knownRows(): number[] {
    const rows = new Set([...this.changedRows.keys(), ...this.made.keys()]);
    return [...rows].sort((a, b) => a - b);
  }

  /** The entry of a row's file when it changed since the snapshot, or was made; else undefined. */
  knownAtRow(row: number): CacheEntry | null | undefined {
    const changed = this.changedRows.get(row);
    return changed !== undefined ? changed : this.made.get(row);
  }

  /** A file's snapshot row (-1: none); `near`, the row it is likely at (ColumnRows.rowOf). */
  rowOf(relative: string, near?: number): number {
    return this.rows.rowOf(relative, near);
  }

  /** Before every file is looked up (rowOf, idOf): what that reads is read whole at once. */
  readForLookups(): void {
    this.rows.readForLookups();
  }

  /** A file's categories and tags, given its snapshot row (-1 for none), without making its entry. */
  listsOfFile(relative: string, row: number): ArticleLists {
    const changed = this.changes.get(relative);
    const entry = changed !== undefined ? changed : row >= 0 ? this.made.get(row) : undefined;
    if (entry) return listsOf(entry);
    if (entry === null || row < 0) throw new Error(`no cache entry for ${relative}`);
    return this.rows.listsAt(row);
  }

  /**
   * The snapshot's row of a file whose entry is the row as it is, for a new snapshot to copy
   * without making the entry; -1 when the file changed since, or its entry was made (an object
   * a run may have changed in place).
   */
  unmadeRowOf(relative: string, row?: number): number {
    const { row: at, entry } = this.peek(relative, row);
    return entry === undefined ? at : -1;
  }

  /**
   * Whether a file's entry is a published article under `drafts` (isPublishedEntry), without
   * making it. `row`: its row, when the caller found it already (rowOf).
   */
  isPublished(relative: string, drafts: boolean, row?: number): boolean {
    const { row: at, entry } = this.peek(relative, row);
    if (entry !== undefined) return entry !== null && isPublishedEntry(entry, drafts);
    return at >= 0 && this.publishedRow(at, drafts);
  }

  /**
   * The files whose entries are not published articles under `drafts`: found row by row, and
   * among the entries changed since the snapshot, without looking a file up by its name.
   */
  unpublishedFiles(drafts: boolean): string[] {
    const files: string[] = [];
    for (let row = 0; row < this.rows.count; row++) {
      if (this.changedRows.has(row)) continue;
      const made = this.made.get(row);
      if (made ? !isPublishedEntry(made, drafts) : !this.publishedRow(row, drafts)) files.push(this.rows.fileAt(row));
    }
    for (const [relative, entry] of this.changes) if (entry && !isPublishedEntry(entry, drafts)) files.push(relative);
    return files;
  }

  private publishedRow(row: number, drafts: boolean): boolean {
    const rare = this.rows.rareAt(row);
    return !rare?.unlisted && rare?.error === undefined && (!rare?.draft || drafts);
  }

  /** A file's row, and its entry when it is an object already (null: gone), without making one. */
  private peek(relative: string, row?: number): { row: number; entry: CacheEntry | null | undefined } {
    const changed = this.changes.get(relative);
    if (changed !== undefined) return { row: -1, entry: changed };
    const at = row ?? this.rows.rowOf(relative);
    return { row: at, entry: at >= 0 ? this.made.get(at) : undefined };
  }

  /** The snapshot's rows under this table. */
  get snapshotRows(): ColumnRows {
    return this.rows;
  }

  private entryOfRow(row: number): CacheEntry {
    let entry = this.made.get(row);
    if (!entry) this.made.set(row, (entry = this.rows.entry(row)));
    return entry;
  }
}

/** An entry's id, time and size, and which of what a reused article needs it has. */
export interface EntryStamp {
  id: string;
  mtimeMs: number;
  size: number;
  /** It failed to build (an error is kept instead of terms and a summary). */
  failed: boolean;
  draft: boolean;
  /** Its search terms are stored. */
  terms: boolean;
  /** Its summary is stored. */
  summary: boolean;
}

export const stampOf = (entry: CacheEntry): EntryStamp => ({
  id: entry.id,
  mtimeMs: entry.mtimeMs,
  size: entry.size,
  failed: entry.error !== undefined,
  draft: entry.draft === true,
  terms: entry.terms !== undefined,
  summary: entry.listed?.summary !== undefined,
});

/** The saved order: the files log lines put first, then the snapshot's ordered rows from `skip`. */
class TableOrder implements ArticleOrder {
  readonly length: number;
  /** The snapshot's row of each of the head's files (-1 for one new since it), once asked. */
  private headRows?: Int32Array;

  constructor(
    private readonly table: EntryTable,
    private readonly rows: ColumnRows,
    private readonly head: readonly string[],
    private readonly skip: number,
    ordered: number,
  ) {
    this.length = head.length + ordered - skip;
  }

  fileAt(n: number): string {
    return n < this.head.length ? (this.head[n] ?? '') : this.rows.fileAt(this.rowAt(n));
  }

  entryAt(n: number): CacheEntry {
    const relative = this.fileAt(n);
    // A head's file by the row found for the whole head (one new since the snapshot has none).
    const row = n < this.head.length ? this.headRow(n) : this.rowAt(n);
    const entry = row >= 0 ? this.table.entryAtRow(row, relative) : this.table.get(relative);
    if (!entry || n < 0 || n >= this.length) throw new Error(`no cache entry for article ${n} in order`);
    return entry;
  }

  idAt(n: number): string {
    const known = this.known(n);
    return known === undefined ? this.rows.idAt(this.rowOfPlace(n)) : known.id;
  }

  dateAt(n: number): string {
    const known = this.known(n);
    return known === undefined ? this.rows.dateAt(this.rowOfPlace(n)) : (known.listed?.date ?? '');
  }

  layoutHashAt(n: number): number {
    const known = this.known(n);
    return known === undefined ? this.rows.layoutHashAt(this.rowOfPlace(n)) : layoutHash(known.id);
  }

  termsAt(n: number): TermSlice | undefined {
    const known = this.known(n);
    return known === undefined ? this.rows.termsAt(this.rowOfPlace(n)) : known.terms;
  }

  summaryAt(n: number): SummarySlice | undefined {
    const known = this.known(n);
    if (known !== undefined) return known.listed?.summary;
    const row = this.rowOfPlace(n);
    return this.rows.rareAt(row)?.unlisted ? undefined : this.rows.summaryAt(row);
  }

  listsAt(n: number): ArticleLists {
    if (n >= 0 && n < this.head.length) return this.headListsAt(n);
    const known = this.known(n);
    return known === undefined ? this.rows.listsAt(this.rowAt(n)) : listsOf(known);
  }

  /**
   * The lists of the head's article at `n`, without making its entry: its snapshot row is looked
   * up once for the whole head. A run of edits reads every head article's lists twice (counting
   * and finding them), and a head of 1,000 files made into entries cost it 0.35 s at a million.
   */
  private headListsAt(n: number): ArticleLists {
    return this.table.listsOfFile(this.head[n] ?? '', this.headRow(n));
  }

  /** The snapshot's row of the head's file at `n`, -1 for none. */
  private headRow(n: number): number {
    this.headRows ??= this.findHeadRows();
    return this.headRows[n] ?? -1;
  }

  /**
   * The snapshot's rows of the head's files. A file the log laid out again at the top was in
   * the snapshot's order above `skip` (the places its lines dropped): those rows' files are read
   * in one piece and matched, not each looked up through the table (some 50 µs a file). A file
   * new since the snapshot, or not in its order then, is looked up.
   */
  private findHeadRows(): Int32Array {
    const above = new Map<string, number>();
    this.rows.filesIn(0, this.skip).forEach((file, row) => above.set(file, row));
    return Int32Array.from(this.head, (file) => above.get(file) ?? this.table.rowOf(file));
  }

  placesIn(lists: readonly ListName[], from = 0, to = Infinity): Int32Array[] {
    return layeredPlaces(lists, from, to, this.layers(from));
  }

  countIn(lists: readonly ListName[], from = 0): number[] {
    return layeredCounts(lists, from, this.layers(from));
  }

  /** The order as its head's entries over the snapshot's rows, read from `from` on. */
  private layers(from: number): LayeredOrder {
    const { head, skip } = this;
    const first = skip + Math.max(0, from - head.length);
    const end = skip + this.length - head.length;
    return {
      top: head.length,
      topLists: (n) => this.listsAt(n),
      below: (asked, until) => this.rows.rowsIn(asked, first, Math.min(until, end)),
      countBelow: (asked) => this.rows.countIn(asked, first, end),
      listsBelowAt: (row) => this.rows.listsAt(row),
      // A row whose entry is an object (changed, or made) is read from the object, as `known` reads it.
      overridden: this.table.knownRows().filter((row) => row >= first && row < end),
      overrideAt: (row) => this.table.knownAtRow(row),
      shift: head.length - skip,
    };
  }

  placeOf(relative: string): number {
    const inHead = this.head.indexOf(relative);
    if (inHead >= 0) return inHead;
    const row = this.table.rowOf(relative);
    return row >= this.skip && row < this.length - this.head.length + this.skip
      ? this.head.length + row - this.skip
      : -1;
  }

  private rowAt(n: number): number {
    return this.skip + n - this.head.length;
  }

  /** The snapshot's row of the article at `n`: the head's as found for the whole head (-1: new since). */
  private rowOfPlace(n: number): number {
    return n < this.head.length ? this.headRow(n) : this.rowAt(n);
  }

  /**
   * The entry at `n` when it is an object already (changed, made, or new since the snapshot);
   * undefined to read its row. A head's article is read from its row too: a new newest article at
   * a million laid out the newest run again through a head of some 4,000 articles, each made an
   * entry for its id's hash (40 ms).
   */
  private known(n: number): CacheEntry | undefined {
    const row = n >= 0 ? this.rowOfPlace(n) : -1;
    if (row < 0) return this.entryAt(n);
    const known = this.table.knownAtRow(row);
    if (known === null) throw new Error(`article ${n} in order has no cache entry`);
    return known;
  }
}

/** An order held as arrays (a whole run's, which sorted every article). */
export function arrayOrder(files: readonly string[], entries: readonly CacheEntry[]): ArticleOrder {
  const at = (n: number) => {
    const entry = entries[n];
    if (!entry) throw new Error(`no cache entry for article ${n} in order`);
    return entry;
  };
  let places: Map<string, number> | undefined;
  const layers: LayeredOrder = { top: files.length, topLists: (n) => listsOf(at(n)) };
  return {
    length: files.length,
    fileAt: (n) => files[n] ?? '',
    entryAt: at,
    idAt: (n) => at(n).id,
    dateAt: (n) => at(n).listed?.date ?? '',
    layoutHashAt: (n) => layoutHash(at(n).id),
    termsAt: (n) => at(n).terms,
    summaryAt: (n) => at(n).listed?.summary,
    listsAt: (n) => listsOf(at(n)),
    placesIn: (lists, from = 0, to = Infinity) => layeredPlaces(lists, from, to, layers),
    countIn: (lists, from = 0) => layeredCounts(lists, from, layers),
    placeOf: (relative) => {
      places ??= new Map(files.map((file, n) => [file, n]));
      return places.get(relative) ?? -1;
    },
  };
}

/**
 * `before` with its newest `drop` articles gone, `added` (newest first) before the rest, and the
 * entries of `replaced` files in their places: a run of edits' order, made without a copy. The
 * articles of the dropped places that stay are among `added`, laid out again.
 */
export function changedOrder(
  before: ArticleOrder,
  drop: number,
  added: readonly { file: string; entry: CacheEntry }[],
  replaced: ReadonlyMap<string, CacheEntry>,
): ArticleOrder {
  const a = added.length;
  const fileAt = (n: number) => (n < a ? (added[n]?.file ?? '') : before.fileAt(n - a + drop));
  // The replaced entries by their place in `before`: read by place, never by file.
  const replacedAt = new Map<number, CacheEntry>();
  for (const [file, entry] of replaced) {
    const place = before.placeOf(file);
    if (place >= drop) replacedAt.set(place, entry);
  }
  const known = (n: number) => (n < a ? added[n]?.entry : replacedAt.get(n - a + drop));
  const entryAt = (n: number) => {
    const entry = known(n) ?? before.entryAt(n - a + drop);
    if (n < 0 || n >= length) throw new Error(`no cache entry for article ${n} in order`);
    return entry;
  };
  const length = a + before.length - drop;
  /** `added` over `before` from its `drop` on, with the replaced entries, read from `from` on. */
  const layers = (from: number): LayeredOrder => {
    // The newest `drop` of `before` are gone (their files' entries may be too): not read.
    const start = drop + Math.max(0, from - a);
    return {
      top: a,
      topLists: (n) => listsOf(entryAt(n)),
      below: (asked, end) => before.placesIn(asked, start, end),
      countBelow: (asked) => before.countIn(asked, start),
      listsBelowAt: (place) => before.listsAt(place),
      overridden: [...replacedAt.keys()].filter((place) => place >= start).sort((x, y) => x - y),
      overrideAt: (place) => replacedAt.get(place),
      shift: a - drop,
    };
  };
  let addedPlaces: Map<string, number> | undefined;
  return {
    length,
    fileAt,
    entryAt,
    idAt: (n) => known(n)?.id ?? before.idAt(n - a + drop),
    dateAt: (n) => {
      const entry = known(n);
      return entry ? (entry.listed?.date ?? '') : before.dateAt(n - a + drop);
    },
    layoutHashAt: (n) => {
      const entry = known(n);
      return entry ? layoutHash(entry.id) : before.layoutHashAt(n - a + drop);
    },
    termsAt: (n) => {
      const entry = known(n);
      return entry ? entry.terms : before.termsAt(n - a + drop);
    },
    summaryAt: (n) => {
      const entry = known(n);
      return entry ? entry.listed?.summary : before.summaryAt(n - a + drop);
    },
    listsAt: (n) => {
      const entry = known(n);
      return entry ? listsOf(entry) : before.listsAt(n - a + drop);
    },
    placesIn: (lists, from = 0, to = Infinity) => layeredPlaces(lists, from, to, layers(from)),
    countIn: (lists, from = 0) => layeredCounts(lists, from, layers(from)),
    placeOf: (relative) => {
      // The top may be deep (articles moved far down the order): its places by file, once asked.
      addedPlaces ??= new Map(added.map((article, n) => [article.file, n]));
      const newPlace = addedPlaces.get(relative);
      if (newPlace !== undefined) return newPlace;
      const place = before.placeOf(relative);
      return place < drop ? -1 : place - drop + a;
    },
  };
}

/**
 * How `next` follows from `previous`: the newest `drop` of `previous` gone and `prepend` come
 * first, the rest the same. Found from the oldest end; undefined past `limit` new files (a
 * snapshot is written instead).
 */
export function orderChange(
  previous: Pick<ArticleOrder, 'length' | 'fileAt'>,
  next: Pick<ArticleOrder, 'length' | 'fileAt'>,
  limit: number,
): OrderChange | undefined {
  let same = 0;
  const most = Math.min(previous.length, next.length);
  while (same < most && previous.fileAt(previous.length - 1 - same) === next.fileAt(next.length - 1 - same)) same++;
  const fresh = next.length - same;
  if (fresh > limit) return undefined;
  return { drop: previous.length - same, prepend: Array.from({ length: fresh }, (_, n) => next.fileAt(n)) };
}
