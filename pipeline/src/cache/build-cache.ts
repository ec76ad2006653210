import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import type { PostAsset } from '../body/post-assets.ts';
import { BlockWriter } from './block-writer.ts';
import {
  ColumnRows,
  type RowsHeader,
  type OrderedFields,
  type RowsToWrite,
  type SnapshotData,
  writeEntryColumns,
} from './cache-columns.ts';
import { ListSignatures, type SignaturesHeader, writeListSignatures } from './list-signatures.ts';
import { type ArticleOrder, EntryTable, isPublishedEntry, type OrderChange, orderChange } from './entry-table.ts';
import { FileEntries } from './file-entries.ts';
import type { ArticleEntry } from '../output/assemble-output.ts';
import { KeptFile } from './kept-file.ts';
import { readText } from '../output/read-text.ts';
import { RowEntry } from './row-entry.ts';
import type { DayClasses } from '../search/doc-numbering.ts';
import type { TermSlice, TermStoreState } from '../search/search-term-cache.ts';
import type { SummarySlice, SummaryStoreState } from './summary-store.ts';

/** Bump when parsing changes, so that every file is read again. */
const CACHE_VERSION = 10;

/** What placing an article needs, and where its summary's JSON is in the summary store. */
export interface ListedArticle extends ArticleEntry {
  /** Set when the summary is stored: a run that parsed the article sets it when it saves. */
  summary?: SummarySlice;
}

export interface CacheEntry {
  id: string;
  mtimeMs: number;
  size: number;
  /** SHA-1 of the file's bytes: equal content is never parsed twice. */
  hash: string;
  /** A built article (not one whose file failed). */
  listed?: ListedArticle;
  warnings: readonly string[];
  error?: string;
  /**
   * The ids of the neighbours written into this article's JSON last time, newer then older
   * ('' for none). Their titles are there too; a title changes only when its article is parsed.
   */
  neighbours?: [string, string];
  /** Where this article's search terms are in the term store. */
  terms?: TermSlice;
  /** A draft (`published: false` or under `_drafts/`). */
  draft?: boolean;
  /** The files of its post asset folder that the article uses. */
  assets?: PostAsset[];
}

/**
 * The entry of a cached file whose content is as before, with its id, time, size and hash now.
 * Written out field by field, not spread: an object made by spreading another gets a hidden class
 * of its own (300 bytes an entry, a million times over at a cold build).
 */
export function withFileState(
  cached: CacheEntry,
  { id, mtimeMs, size, hash }: Pick<CacheEntry, 'id' | 'mtimeMs' | 'size' | 'hash'>,
): CacheEntry {
  if (cached instanceof RowEntry) return cached.withFileState({ id, mtimeMs, size, hash });
  // Neighbours and terms are in the literal even when undefined: a run may set them later, and a
  // field added to an object later goes to an array of its own.
  const entry: CacheEntry = {
    id,
    mtimeMs,
    size,
    hash,
    warnings: cached.warnings,
    neighbours: cached.neighbours,
    terms: cached.terms,
  };
  if (cached.listed) entry.listed = cached.listed;
  if (cached.error !== undefined) entry.error = cached.error;
  if (cached.draft) entry.draft = true;
  if (cached.assets) entry.assets = cached.assets;
  return entry;
}

/** A cache's entries by file, as the run that saves them holds them. */
export type CacheEntries =
  Readonly<Record<string, CacheEntry>> | ReadonlyMap<string, CacheEntry> | EntryTable | FileEntries;

/** The entry of `relative` in `entries`, however they are held. */
const entryIn = (entries: CacheEntries, relative: string): CacheEntry | undefined =>
  entries instanceof EntryTable || entries instanceof Map || entries instanceof FileEntries
    ? entries.get(relative)
    : (entries as Readonly<Record<string, CacheEntry>>)[relative];

/** Every file of `entries`. */
const filesIn = (entries: CacheEntries): string[] => {
  if (entries instanceof Map) return [...entries.keys()];
  // A table's files without a record of its entries: a million made as one object took 2.4 s.
  if (entries instanceof EntryTable || entries instanceof FileEntries) return Array.from(entries.files());
  return Object.keys(entries);
};

export interface BuildCache {
  timeZone: string;
  /** The output this cache describes (its `.build-id`): a cache for another output is useless. */
  buildId: string;
  /**
   * Every file's entry, by file: as a record or a map (a whole run's own, not copied: a million
   * entries), or the loaded table with this run's changes.
   */
  entries: CacheEntries;
  /**
   * The published articles' files, newest first, and the `--drafts` they were published under:
   * a run of edits follows it instead of sorting (decision 0017). Unknown when left out.
   */
  order?: {
    files: Pick<ArticleOrder, 'length' | 'fileAt'>;
    drafts: boolean;
    /** How it follows from the loaded cache's order, when the run knows (a run of edits does). */
    change?: OrderChange;
    /** What the run keeps of the published articles by place rather than on their entries. */
    byPlace?: OrderedFields;
  };
  /** Signature of each list file written, by path. */
  lists?: ListSignatures;
  /** The rules the lists were cut by (LIST_LAYOUT_VERSION): a run of edits lays out a stretch by the same. */
  listLayout?: number;
  /** The valid part of the term store (search-term-cache.ts) beside this file. */
  termStore?: TermStoreState;
  /** The valid part of the summary store (summary-store.ts) beside this file. */
  summaryStore?: SummaryStoreState;
  /** The published search index and what it was built from (search-input.ts). */
  search?: { signature: string; info: SearchIndexInfo; days?: DayClasses };
  /** The output folder's stamp once this cache's build was published (output-stamp.ts). */
  outputStamp?: string;
}

/**
 * The cache is a snapshot (`pipeline-<key>.snapshot`) and a log beside it
 * (`.log`): each later run appends one line with only the entries and list
 * signatures it changed. Writing the whole 20 MB snapshot cost an incremental
 * run 150 ms; a line costs a few. When the log outgrows half the snapshot, the
 * next save writes a new snapshot instead. The snapshot holds its entries as
 * binary columns (cache-columns.ts), then this header as JSON, then where the header
 * is (SNAPSHOT_TRAILER); a log line holds entries as objects.
 */
interface SnapshotHeader extends Omit<BuildCache, 'entries' | 'order' | 'lists'> {
  version: number;
  /** Names this snapshot; a log line for another snapshot is ignored. */
  base: string;
  rows: RowsHeader;
  /** The list signatures' columns (list-signatures.ts). */
  listColumns?: SignaturesHeader;
  /** The list signatures as JSON, as a snapshot written before they were columns holds them. */
  lists?: Record<string, string>;
}

/** The snapshot's last 16 bytes: this mark, then the header's offset and length (two uint32, little-endian). */
const SNAPSHOT_MARK = Buffer.from('NRCACHE\n', 'latin1');
const SNAPSHOT_TRAILER = 16;

interface LogLine {
  base: string;
  timeZone: string;
  buildId: string;
  termStore?: TermStoreState;
  summaryStore?: SummaryStoreState;
  search?: { signature: string; info: SearchIndexInfo; days?: DayClasses };
  outputStamp?: string;
  listLayout?: number;
  entries: Record<string, CacheEntry | null>;
  lists: Record<string, string | null>;
  /** How the order changed; null when it is not known (the next run of edits then sorts), or a window. */
  order: OrderChange | null;
  /**
   * How the order changed below its newest (OrderChange.from): not in `order`, which is then
   * null, so that a version before windows reads an order it does not know, not a wrong one.
   */
  window?: Required<OrderChange>;
}

/** A loaded cache, with what saving after it needs to know. */
export interface LoadedCache extends Omit<BuildCache, 'entries' | 'order' | 'lists'> {
  lists: ListSignatures;
  /** The entries, read where they are: a run of edits asks for a few. */
  readonly table: EntryTable;
  /** Every entry, by file; each file's id and each id's file: made when first asked for. */
  readonly entries: Readonly<Record<string, CacheEntry>>;
  readonly ids: ReadonlyMap<string, string>;
  readonly files: ReadonlyMap<string, string>;
  /** Whether an entry has (or had, since the snapshot) files of a post asset folder. */
  readonly postAssets: boolean;
  readonly log: { base: string; snapshotBytes: number; logBytes: number; clean: boolean };
}

/**
 * Past this many articles new at the top of the order (or laid out again there), a save writes a
 * new snapshot (at a million articles 7–8 s) instead of a log line. As deep as a run of edits
 * reaches (publish-edits.ts): an article filed 1,000 places down at a million articles took 11.9 s
 * with the snapshot written again (the limit was 256), 2.0–2.3 s without. Later runs read the
 * logged top's lists from the snapshot's rows, matched to its files in one read
 * (TableOrder.findHeadRows): made into entries one at a time, a top of 3,800 cost each 2 s.
 */
export const ORDER_CHANGE_LIMIT = 4096;

/**
 * The log is replayed by every run, at about 0.1 ms a kilobyte; a snapshot written again costs a
 * run at a million articles a few seconds. Past half the snapshot or a megabyte (some 600 publishes
 * of an article) the next save writes a snapshot: bound by half the snapshot alone, the log of a
 * million articles could grow to 139 MB, seconds of every publish.
 */
export const LOG_MOST_BYTES = 1 << 20;

/**
 * Fewer bytes than any changed entry takes in a log line (its file, id, time, size and hash):
 * past LOG_MOST_BYTES / this many changes the line is never built, as it could not be logged.
 * A store written anew changes every entry: at a million articles their line would be some 400
 * million characters, near the longest string V8 makes, to be thrown away.
 */
const LEAST_LOGGED_ENTRY_BYTES = 64;

export function cacheKey(inDir: string, outDir: string): string {
  return createHash('sha1').update(`${inDir}\0${outDir}`).digest('hex').slice(0, 16);
}

function cacheFile(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}.snapshot`);
}

const logFile = (snapshot: string) => snapshot.replace(/\.snapshot$/, '.log');
/** The mark of a snapshot whose columns a run checked whole (loadCache). */
const checkedFile = (snapshot: string) => snapshot.replace(/\.snapshot$/, '.checked');

/** The snapshot of cache versions before 9, a JSON text: removed when a new snapshot is written. */
const oldSnapshotFile = (snapshot: string) => snapshot.replace(/\.snapshot$/, '.json');

/**
 * The header of a snapshot, and its columns to read by range; undefined when it is not one. The
 * file is read a range at a time (a run of edits at a million articles reads a third of it).
 */
function readSnapshot(
  file: string,
): { header: SnapshotHeader; data: SnapshotData; bytes: number; identity: string } | undefined {
  let kept: KeptFile;
  let bytes: number;
  let stat: fs.Stats;
  try {
    // The file whose size and header are read is the one read after (kept-file.ts).
    kept = new KeptFile(file);
    stat = kept.stat();
    bytes = stat.size;
  } catch {
    return undefined; // no cache: a cold build
  }
  try {
    if (bytes < SNAPSHOT_TRAILER) throw new Error('no trailer');
    const trailer = kept.read(bytes - SNAPSHOT_TRAILER, SNAPSHOT_TRAILER);
    if (!trailer.subarray(0, 8).equals(SNAPSHOT_MARK)) throw new Error('no mark');
    const offset = trailer.readUInt32LE(8);
    const length = trailer.readUInt32LE(12);
    if (offset + length !== bytes - SNAPSHOT_TRAILER) throw new Error('a trailer that does not fit');
    const header = JSON.parse(kept.read(offset, length).toString('utf8')) as SnapshotHeader;
    return {
      header,
      data: { length: offset, read: (from, size, into) => kept.read(from, size, into) },
      bytes,
      identity: `${stat.ino} ${stat.size} ${stat.mtimeMs}`,
    };
  } catch {
    kept.close();
    return undefined; // a damaged snapshot: a cold build
  }
}

/** Where the term and summary stores of this input and output live: `<this>-<generation>.*`. */
export function storeBase(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}`);
}

/** A list page's signature, short: the log carries every shifted page after an addition. */
export function listSignature(parts: string): string {
  return createHash('sha1').update(parts).digest('base64url');
}

export function loadCache(cacheDir: string, inDir: string, outDir: string): LoadedCache | undefined {
  const file = cacheFile(cacheDir, inDir, outDir);
  const snapshot = readSnapshot(file);
  if (!snapshot) return undefined;
  const { header, data, bytes: snapshotBytes } = snapshot;
  if (header.version !== CACHE_VERSION || typeof header.buildId !== 'string') return undefined;
  const { version: _version, base, rows: rowsHeader, lists: savedLists, listColumns, ...rest } = header;
  // Its columns are checked whole once (44 MB read at a million articles, 0.1 s of every run):
  // a mark names the snapshot as it was then, and the runs after trust a file that is still it.
  const mark = `${base} ${snapshot.identity}\n`;
  const checked = readText(checkedFile(file)) === mark;
  const rows = ColumnRows.read(rowsHeader, data, checked);
  if (!rows) return undefined;
  if (!checked) {
    try {
      fs.writeFileSync(checkedFile(file), mark);
    } catch {
      // Not marked: the next run checks it again.
    }
  }
  const table = new EntryTable(rows);
  const lists = listColumns
    ? ListSignatures.read(listColumns, data)
    : ListSignatures.of(Object.entries(savedLists ?? {}));
  if (!lists) return undefined;
  const state: Omit<LoadedCache, 'table' | 'entries' | 'ids' | 'files' | 'postAssets' | 'log' | 'lists'> = rest;
  let logBytes = 0;
  let clean = true;
  let log = '';
  try {
    log = fs.readFileSync(logFile(file), 'utf8');
  } catch {
    // no log yet
  }
  for (const text of log.split('\n')) {
    if (text === '') continue;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      clean = false; // a run died while appending: what follows is not to be trusted
      break;
    }
    if (line.base !== base) continue; // left from before the snapshot was rewritten
    logBytes += Buffer.byteLength(text) + 1;
    state.buildId = line.buildId;
    state.timeZone = line.timeZone;
    if (line.termStore) state.termStore = line.termStore;
    else delete state.termStore;
    if (line.summaryStore) state.summaryStore = line.summaryStore;
    else delete state.summaryStore;
    if (line.search) state.search = line.search;
    else delete state.search;
    if (line.outputStamp) state.outputStamp = line.outputStamp;
    else delete state.outputStamp;
    if (line.listLayout !== undefined) state.listLayout = line.listLayout;
    else delete state.listLayout;
    for (const [relative, entry] of Object.entries(line.entries)) {
      if (entry) table.set(relative, entry);
      else table.delete(relative);
    }
    const order = line.window ?? line.order;
    if (order) table.changeOrder(order);
    else table.changeOrder({ drop: Number.POSITIVE_INFINITY, prepend: [] }); // unknown: no order
    for (const [page, signature] of Object.entries(line.lists)) lists.replay(page, signature || null);
  }
  return {
    ...state,
    lists,
    table,
    get entries() {
      return table.all();
    },
    get ids() {
      return table.idMapsOf().ids;
    },
    get files() {
      return table.idMapsOf().files;
    },
    get postAssets() {
      return table.postAssets;
    },
    log: { base, snapshotBytes, logBytes, clean },
  };
}

/**
 * Saves `cache`. Given the cache this run loaded and the paths whose entries it
 * changed, appends a log line; otherwise writes a snapshot.
 */
export function saveCache(
  cacheDir: string,
  inDir: string,
  outDir: string,
  cache: BuildCache,
  after?: { previous: LoadedCache; changed: ReadonlySet<string> },
): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = cacheFile(cacheDir, inDir, outDir);
  const entries = cache.entries;
  // Slices given by place are columns of a snapshot: never logged.
  const byPlace = cache.order?.byPlace;
  if (after && !byPlace && after.changed.size * LEAST_LOGGED_ENTRY_BYTES <= LOG_MOST_BYTES) {
    const { previous, changed } = after;
    const logged: LogLine['entries'] = {};
    for (const relative of changed) logged[relative] = entryIn(entries, relative) ?? null;
    // A run of edits changes the loaded table in place and names its deletions in `changed`.
    if (entries !== previous.table) {
      for (const relative of previous.table.files()) if (!entryIn(entries, relative)) logged[relative] = null;
    }
    const lists: LogLine['lists'] = {};
    const before = previous.lists;
    const now = cache.lists ?? ListSignatures.of([]);
    // A run of edits' signatures lie over the loaded ones: their changes are the line's. At a
    // million articles there are 158,000 list files, and a run of edits changes a few.
    const changes = now.changesSince(before);
    if (changes) for (const [page, signature] of changes) lists[page] = signature;
    else {
      for (const [page, signature] of now.entries()) if (before.get(page) !== signature) lists[page] = signature;
      for (const [page] of before.entries()) if (now.get(page) === undefined) lists[page] = null;
    }
    const previousOrder = cache.order && previous.table.order(cache.order.drafts);
    const order = cache.order
      ? previousOrder && (cache.order.change ?? orderChange(previousOrder, cache.order.files, ORDER_CHANGE_LIMIT))
      : null;
    const line: LogLine = {
      base: previous.log.base,
      timeZone: cache.timeZone,
      buildId: cache.buildId,
      entries: logged,
      lists,
      ...(order?.from ? { order: null, window: { ...order, from: order.from } } : { order: order ?? null }),
    };
    if (cache.termStore) line.termStore = cache.termStore;
    if (cache.summaryStore) line.summaryStore = cache.summaryStore;
    if (cache.search) line.search = cache.search;
    if (cache.outputStamp) line.outputStamp = cache.outputStamp;
    if (cache.listLayout !== undefined) line.listLayout = cache.listLayout;
    const text = `${JSON.stringify(line)}\n`;
    const logBytes = previous.log.logBytes + Buffer.byteLength(text);
    // An order known before and after, but not as a short change: the snapshot holds it.
    const orderLost = cache.order !== undefined && order === undefined;
    const logFits = logBytes * 2 <= previous.log.snapshotBytes && logBytes <= LOG_MOST_BYTES;
    if (previous.log.clean && !orderLost && logFits) {
      fs.appendFileSync(logFile(file), text);
      return;
    }
  }
  const temporary = `${file}.${process.pid}.tmp`;
  const { entries: _entries, order: _order, lists: signatures, ...rest } = cache;
  writeSnapshot(
    temporary,
    { version: CACHE_VERSION, base: randomUUID(), ...rest },
    rowsToWrite(cache),
    signatures?.entries() ?? [],
  );
  fs.renameSync(temporary, file);
  // Lines for the old snapshot are ignored by their base; removing them just saves reading them.
  fs.rmSync(logFile(file), { force: true });
  fs.rmSync(checkedFile(file), { force: true });
  fs.rmSync(oldSnapshotFile(file), { force: true });
}

/**
 * Writes the snapshot: the columns (a column at a time: at a million articles they are
 * hundreds of megabytes), then the header, then where the header is.
 */
function writeSnapshot(
  file: string,
  header: Omit<SnapshotHeader, 'rows'>,
  rows: RowsToWrite,
  lists: Iterable<[string, string]>,
): void {
  const writer = new BlockWriter(file, 0, { fresh: true });
  try {
    const rowsHeader = writeEntryColumns(rows, writer, 0);
    const listColumns = writeListSignatures(lists, writer, 0);
    const offset = writer.position;
    const text = Buffer.from(JSON.stringify({ ...header, rows: rowsHeader, listColumns }), 'utf8');
    writer.write(text);
    const trailer = Buffer.alloc(SNAPSHOT_TRAILER);
    SNAPSHOT_MARK.copy(trailer);
    trailer.writeUInt32LE(offset, 8);
    trailer.writeUInt32LE(text.length, 12);
    writer.write(trailer);
  } finally {
    writer.close();
  }
}

/** Not written in order after all: what the run kept by place goes on the entries. */
function keepOnEntries(
  files: Pick<ArticleOrder, 'length' | 'fileAt'>,
  { terms, summaries, neighbours }: OrderedFields,
  entryOf: (relative: string) => CacheEntry | undefined,
): void {
  const idAt = (n: number) => (n >= 0 && n < files.length ? (entryOf(files.fileAt(n))?.id ?? '') : '');
  for (let n = 0; n < files.length; n++) {
    const entry = entryOf(files.fileAt(n));
    if (!entry) continue;
    if (terms) entry.terms = terms.at(n);
    if (summaries && entry.listed) entry.listed.summary = summaries.at(n);
    if (neighbours && !entry.neighbours) entry.neighbours = [idAt(n - 1), idAt(n + 1)];
  }
}

/**
 * The snapshot's rows: the published articles in order first, then every other file. Without a
 * known order, or when it is not exactly the published entries, no order is saved.
 */
function rowsToWrite({ entries, order }: BuildCache): RowsToWrite {
  const entryOf = (relative: string) => {
    const entry = entryIn(entries, relative);
    if (!entry) throw new Error(`no cache entry for ${relative}`);
    return entry;
  };
  // A loaded table's rows as they are are copied from its snapshot, column by column, without
  // making their entries; every other row's entry is looked up once, not once a column. Written
  // from a table of a million entries, the snapshot made each and looked it up by its file
  // fifteen times (38 s, 1.5 GB).
  const table = entries instanceof EntryTable ? entries : undefined;
  /** `files` as rows: `rowOf` gives a file's row to copy (-1: its entry is made). */
  const rows = (
    files: readonly string[],
    rowOf = (relative: string, _n: number) => table?.unmadeRowOf(relative) ?? -1,
  ) => {
    const copied = table && Int32Array.from(files, rowOf);
    const found = files.map((relative, n) => (copied && (copied[n] as number) >= 0 ? undefined : entryOf(relative)));
    const at = (n: number) => {
      const entry = found[n];
      if (!entry) throw new Error(`row ${n} is copied from the snapshot, not made`);
      return entry;
    };
    return { at, ...(table && copied && { copied: { rows: copied, from: table.snapshotRows } }) };
  };
  let all: string[] | undefined;
  const allFiles = () => (all ??= filesIn(entries));
  if (order) {
    const files = Array.from({ length: order.files.length }, (_, n) => order.files.fileAt(n));
    const ordered = files.length;
    // A table's files are checked and copied by their rows, each found once (looked up by name in
    // each of three passes, a million files took 1.7 s of a deep change's save), and the files
    // outside its order are found row by row, without making entries. Other entries, by file.
    const found = table && Int32Array.from(files, (relative) => table.rowOf(relative));
    const entryPublished = (relative: string) => {
      const entry = entryIn(entries, relative);
      return entry !== undefined && isPublishedEntry(entry, order.drafts);
    };
    const published = table
      ? files.every((relative, n) => table.isPublished(relative, order.drafts, found?.[n]))
      : files.every(entryPublished);
    const rest = !published
      ? []
      : table
        ? table.unpublishedFiles(order.drafts)
        : allFiles().filter((relative) => !entryPublished(relative));
    if (published && ordered + rest.length === (table ? table.size : allFiles().length)) {
      for (const relative of rest) files.push(relative); // not as arguments: there may be a million
      return {
        files,
        ...rows(files, (relative, n) => table?.unmadeRowOf(relative, n < ordered ? found?.[n] : undefined) ?? -1),
        order: { count: ordered, drafts: order.drafts },
        ...(order.byPlace && { byPlace: order.byPlace }),
      };
    }
    if (order.byPlace) keepOnEntries(order.files, order.byPlace, (relative) => entryIn(entries, relative));
  }
  const every = allFiles();
  return { files: every, ...rows(every), order: null };
}
