import { layoutHash } from '../output/list-layout.ts';
import { isOwnName } from '../read/article-id.ts';
import type { TermSlice } from '../search/search-term-cache.ts';
import type { PostAsset } from '../body/post-assets.ts';
import type { CacheEntry } from './build-cache.ts';
import { findPlace } from './find-place.ts';
import type { ColumnRows, ListName } from './cache-columns.ts';
import {
  type LowerLayer,
  listedSpan,
  type OrderSpan,
  shiftedSpan,
  spannedCounts,
  spannedPlaces,
} from './order-spans.ts';
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
  /** How many articles from `from` up to `to` each of `lists` holds, without finding their places. */
  countIn(lists: readonly ListName[], from?: number, to?: number): number[];
  /** The place of a file's article; -1 when it is not in the order. */
  placeOf(relative: string): number;
}

/**
 * What a log line does to the saved order: its articles from place `from` (the newest when
 * absent) up to `drop` go, and `prepend` take their places. A run of edits lays out again only
 * the places its changes reach, however deep (publish-edits.ts); a whole run's change is at the top.
 */
export interface OrderChange {
  from?: number;
  drop: number;
  prepend: string[];
}

/**
 * A stretch of the saved order: files log lines laid out, or `length` of the snapshot's ordered
 * rows from `row`. Rows stay in their order through every change (a change cuts and inserts).
 */
type OrderPiece = { files: readonly string[] } | { row: number; length: number };

const pieceLength = (piece: OrderPiece): number => ('files' in piece ? piece.files.length : piece.length);

/** The pieces' places from `from` up to `to`, as pieces. */
function cutPieces(pieces: readonly OrderPiece[], from: number, to: number): OrderPiece[] {
  const cut: OrderPiece[] = [];
  let start = 0;
  for (const piece of pieces) {
    const length = pieceLength(piece);
    const first = Math.max(from, start) - start;
    const last = Math.min(to, start + length) - start;
    start += length;
    if (first >= last) continue;
    if ('files' in piece) cut.push({ files: piece.files.slice(first, last) });
    else cut.push({ row: piece.row + first, length: last - first });
  }
  return cut;
}

/** The pieces with neighbours of one kind joined: files with files, rows that follow on. */
function joinPieces(pieces: readonly OrderPiece[]): OrderPiece[] {
  const joined: OrderPiece[] = [];
  for (const piece of pieces) {
    const last = joined.at(-1);
    if (pieceLength(piece) === 0) continue;
    if (last && 'files' in last && 'files' in piece)
      joined[joined.length - 1] = { files: [...last.files, ...piece.files] };
    else if (last && 'row' in last && 'row' in piece && last.row + last.length === piece.row)
      joined[joined.length - 1] = { row: last.row, length: last.length + piece.length };
    else joined.push(piece);
  }
  return joined;
}

/** Whether a file's entry is a published article under this run's `--drafts`. */
export const isPublishedEntry = (entry: CacheEntry, drafts: boolean | undefined): boolean =>
  entry.listed !== undefined && entry.error === undefined && (!entry.draft || drafts === true);

const NO_LISTS: ArticleLists = { categories: [], tags: [] };
const listsOf = (entry: CacheEntry): ArticleLists => entry.listed ?? NO_LISTS;

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
  /** The saved order after the log's changes. */
  private pieces: OrderPiece[];
  private orderValid: boolean;
  private notOwnNames = 0;
  private count: number;
  private assets: boolean;

  constructor(private readonly rows: ColumnRows) {
    this.orderValid = rows.order !== null;
    this.pieces = joinPieces([{ row: 0, length: rows.order?.count ?? 0 }]);
    this.count = rows.count;
    this.assets = rows.postAssets;
  }

  /**
   * For a stage of a whole run that reads no more of the rows than entries hold: the snapshot's
   * columns read whole to make them go (ColumnRows.releaseWholeColumns).
   */
  releaseWholeColumns(): void {
    this.rows.releaseWholeColumns();
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
  changeOrder({ from = 0, drop, prepend }: OrderChange): void {
    const length = this.pieces.reduce((sum, piece) => sum + pieceLength(piece), 0);
    if (!(from >= 0 && from <= drop && drop <= length)) {
      this.orderValid = false;
      return;
    }
    this.pieces = joinPieces([
      ...cutPieces(this.pieces, 0, from),
      { files: prepend },
      ...cutPieces(this.pieces, drop, length),
    ]);
  }

  /** The published order as the last run saved it, when it was saved under the same `--drafts`. */
  order(drafts: boolean): ArticleOrder | undefined {
    const saved = this.rows.order;
    if (!saved || !this.orderValid || saved.drafts !== drafts) return undefined;
    return new TableOrder(this, this.rows, this.pieces, saved.count);
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

/**
 * The saved order, in pieces: the files log lines laid out, and the snapshot's ordered rows
 * between them. A run of edits that laid out again a few places deep in the order logged just
 * those: the rows above and below them are read where they are.
 */
class TableOrder implements ArticleOrder {
  readonly length: number;
  /** The place each piece starts at. */
  private readonly starts: number[] = [];
  /** The rows pieces, by their first row (ascending, as rows keep their order). */
  private readonly rowPieces: { start: number; row: number; length: number }[] = [];
  /** The snapshot's row of each logged file (-1 for one new since it), by piece; once asked. */
  private fileRows?: Map<number, Int32Array>;
  /** The place of each logged file, once asked. */
  private filePlaces?: Map<string, number>;

  constructor(
    private readonly table: EntryTable,
    private readonly rows: ColumnRows,
    private readonly pieces: readonly OrderPiece[],
    /** How many rows the snapshot's order has. */
    private readonly ordered: number,
  ) {
    let start = 0;
    for (const piece of pieces) {
      this.starts.push(start);
      if ('row' in piece) this.rowPieces.push({ start, row: piece.row, length: piece.length });
      start += pieceLength(piece);
    }
    this.length = start;
  }

  /** The piece that holds place `n` (found by halving: pieces are never empty), -1 outside the order. */
  private pieceAt(n: number): number {
    if (n < 0 || n >= this.length) return -1;
    const found = findPlace(this.starts.length, (k) => (this.starts[k] as number) - n);
    return found >= 0 ? found : -found - 2;
  }

  fileAt(n: number): string {
    const k = this.pieceAt(n);
    const piece = this.pieces[k];
    if (!piece) return '';
    const offset = n - (this.starts[k] as number);
    return 'files' in piece ? (piece.files[offset] ?? '') : this.rows.fileAt(piece.row + offset);
  }

  entryAt(n: number): CacheEntry {
    const relative = this.fileAt(n);
    // A logged file by the row found for every logged file at once (one new since the snapshot has none).
    const row = this.rowOfPlace(n);
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

  /**
   * A logged file's lists are read without making its entry: its snapshot row is looked up once
   * for every logged file. A run of edits reads every logged article's lists twice (counting and
   * finding them), and a logged top of 1,000 files made into entries cost it 0.35 s at a million.
   */
  listsAt(n: number): ArticleLists {
    const k = this.pieceAt(n);
    const piece = this.pieces[k];
    if (piece && 'files' in piece) return this.table.listsOfFile(this.fileAt(n), this.rowOfPlace(n));
    const known = this.known(n);
    return known === undefined ? this.rows.listsAt(this.rowOfPlace(n)) : listsOf(known);
  }

  /**
   * The snapshot's rows of the logged files. A file a log line laid out again was in the
   * snapshot's order where no rows piece is now (the places lines took away): those rows' files
   * are read in one piece each and matched, not each looked up through the table (some 50 µs a
   * file). A file new since the snapshot, or not in its order then, is looked up.
   */
  private findFileRows(): Map<number, Int32Array> {
    const taken = new Map<string, number>();
    let row = 0;
    for (const piece of [...this.rowPieces, { row: this.ordered, length: 0 }]) {
      this.rows.filesIn(row, piece.row).forEach((file, n) => taken.set(file, row + n));
      row = piece.row + piece.length;
    }
    const found = new Map<number, Int32Array>();
    this.pieces.forEach((piece, k) => {
      if ('files' in piece)
        found.set(
          k,
          Int32Array.from(piece.files, (file) => taken.get(file) ?? this.table.rowOf(file)),
        );
    });
    return found;
  }

  placesIn(lists: readonly ListName[], from = 0, to = Infinity): Int32Array[] {
    return spannedPlaces(this.spans(), lists, Math.max(0, from), Math.min(to, this.length));
  }

  countIn(lists: readonly ListName[], from = 0, to = Infinity): number[] {
    return spannedCounts(this.spans(), lists, Math.max(0, from), Math.min(to, this.length));
  }

  /** The order as spans: the logged files, read one by one, and the rows pieces, read from the columns. */
  private spans(): OrderSpan[] {
    // A row whose entry is an object (changed, or made) is read from the object, as `known` reads it.
    const overridden = this.table.knownRows();
    const overrideAt = (row: number) => {
      const entry = this.table.knownAtRow(row);
      if (!entry) throw new Error(`row ${row} of the order has no cache entry`);
      return listsOf(entry);
    };
    const rows: LowerLayer = {
      placesIn: (lists, from, to) => this.rows.rowsIn(lists, from, to),
      countIn: (lists, from, to) => this.rows.countIn(lists, from, to),
      listsAt: (row) => this.rows.listsAt(row),
    };
    /** How many of the known rows (ascending, each once) are below `row`. */
    const below = (row: number) => {
      const found = findPlace(overridden.length, (k) => (overridden[k] as number) - row);
      return found >= 0 ? found : -found - 1;
    };
    return this.pieces.map((piece, k) => {
      const start = this.starts[k] as number;
      const end = start + pieceLength(piece);
      if ('files' in piece) return listedSpan(start, end, (n) => this.listsAt(n));
      // Each piece its own known rows: a log of many windows cuts the rows into many pieces.
      const own = overridden.slice(below(piece.row), below(piece.row + piece.length));
      return shiftedSpan(start, end, start - piece.row, rows, own, overrideAt);
    });
  }

  placeOf(relative: string): number {
    if (!this.filePlaces) {
      const places = new Map<string, number>();
      for (const [k, piece] of this.pieces.entries())
        if ('files' in piece) piece.files.forEach((file, n) => places.set(file, (this.starts[k] as number) + n));
      this.filePlaces = places;
    }
    const logged = this.filePlaces.get(relative);
    if (logged !== undefined) return logged;
    const row = this.table.rowOf(relative);
    // The rows piece that holds the row, found by halving.
    const k = findPlace(this.rowPieces.length, (n) => {
      const piece = this.rowPieces[n] as { row: number; length: number };
      return row < piece.row ? 1 : row >= piece.row + piece.length ? -1 : 0;
    });
    const piece = this.rowPieces[k];
    return piece ? piece.start + row - piece.row : -1;
  }

  /** The snapshot's row of the article at `n`: a logged file's as found for them all (-1: new since). */
  private rowOfPlace(n: number): number {
    const k = this.pieceAt(n);
    const piece = this.pieces[k];
    if (!piece) return -1;
    const offset = n - (this.starts[k] as number);
    if ('row' in piece) return piece.row + offset;
    this.fileRows ??= this.findFileRows();
    return this.fileRows.get(k)?.[offset] ?? -1;
  }

  /**
   * The entry at `n` when it is an object already (changed, made, or new since the snapshot);
   * undefined to read its row. A logged article is read from its row too: a new newest article at
   * a million laid out the newest run again through a logged top of some 4,000 articles, each
   * made an entry for its id's hash (40 ms).
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
  const spans = [listedSpan(0, files.length, (n) => listsOf(at(n)))];
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
    placesIn: (lists, from = 0, to = Infinity) =>
      spannedPlaces(spans, lists, Math.max(0, from), Math.min(to, files.length)),
    countIn: (lists, from = 0, to = Infinity) =>
      spannedCounts(spans, lists, Math.max(0, from), Math.min(to, files.length)),
    placeOf: (relative) => {
      places ??= new Map(files.map((file, n) => [file, n]));
      return places.get(relative) ?? -1;
    },
  };
}

/** The places of a previous order a run of edits lays out again: from `from` up to `drop`. */
export interface OrderWindow {
  from: number;
  drop: number;
}

/**
 * `before` with its articles from `from` up to `drop` gone and `added` (newest first) in their
 * places, and the entries of `replaced` files in their places: a run of edits' order, made
 * without a copy. The articles of the window that stay are among `added`, laid out again.
 */
export function changedOrder(
  before: ArticleOrder,
  { from, drop }: OrderWindow,
  added: readonly { file: string; entry: CacheEntry }[],
  replaced: ReadonlyMap<string, CacheEntry>,
): ArticleOrder {
  const a = added.length;
  /** Where the articles below the window are, from where they were. */
  const shift = from + a - drop;
  const length = before.length + shift;
  /** The place in `before` of the article at `n` outside the window. */
  const beforePlace = (n: number) => (n < from ? n : n - shift);
  const inWindow = (n: number) => n >= from && n < from + a;
  const fileAt = (n: number) => (inWindow(n) ? (added[n - from]?.file ?? '') : before.fileAt(beforePlace(n)));
  // The replaced entries by their place in `before`: read by place, never by file.
  const replacedAt = new Map<number, CacheEntry>();
  for (const [file, entry] of replaced) {
    const place = before.placeOf(file);
    if (place >= 0 && (place < from || place >= drop)) replacedAt.set(place, entry);
  }
  const known = (n: number) => (inWindow(n) ? added[n - from]?.entry : replacedAt.get(beforePlace(n)));
  const entryAt = (n: number) => {
    const entry = known(n) ?? before.entryAt(beforePlace(n));
    if (n < 0 || n >= length) throw new Error(`no cache entry for article ${n} in order`);
    return entry;
  };
  // The articles of the window are gone (their files' entries may be too): `before` is not read there.
  const overridden = [...replacedAt.keys()].sort((x, y) => x - y);
  const overrideAt = (place: number) => {
    const entry = replacedAt.get(place);
    if (!entry) throw new Error(`article ${place} of the order before has no replacing entry`);
    return listsOf(entry);
  };
  const spans = [
    shiftedSpan(0, from, 0, before, overridden, overrideAt),
    listedSpan(from, from + a, (n) => listsOf(entryAt(n))),
    shiftedSpan(from + a, length, shift, before, overridden, overrideAt),
  ];
  let addedPlaces: Map<string, number> | undefined;
  return {
    length,
    fileAt,
    entryAt,
    idAt: (n) => known(n)?.id ?? before.idAt(beforePlace(n)),
    dateAt: (n) => {
      const entry = known(n);
      return entry ? (entry.listed?.date ?? '') : before.dateAt(beforePlace(n));
    },
    layoutHashAt: (n) => {
      const entry = known(n);
      return entry ? layoutHash(entry.id) : before.layoutHashAt(beforePlace(n));
    },
    termsAt: (n) => {
      const entry = known(n);
      return entry ? entry.terms : before.termsAt(beforePlace(n));
    },
    summaryAt: (n) => {
      const entry = known(n);
      return entry ? entry.listed?.summary : before.summaryAt(beforePlace(n));
    },
    listsAt: (n) => {
      const entry = known(n);
      return entry ? listsOf(entry) : before.listsAt(beforePlace(n));
    },
    placesIn: (lists, start = 0, to = Infinity) =>
      spannedPlaces(spans, lists, Math.max(0, start), Math.min(to, length)),
    countIn: (lists, start = 0, to = Infinity) => spannedCounts(spans, lists, Math.max(0, start), Math.min(to, length)),
    placeOf: (relative) => {
      // The window may be long (articles moved far down the order): its places by file, once asked.
      addedPlaces ??= new Map(added.map((article, n) => [article.file, from + n]));
      const newPlace = addedPlaces.get(relative);
      if (newPlace !== undefined) return newPlace;
      const place = before.placeOf(relative);
      return place < 0 || (place >= from && place < drop) ? -1 : place < from ? place : place + shift;
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
