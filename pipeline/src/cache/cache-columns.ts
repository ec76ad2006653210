import { isAscii } from 'node:buffer';
import type { PostAsset } from '../body/post-assets.ts';
import { isOwnName } from '../read/article-id.ts';
import type { BlockWriter } from './block-writer.ts';
import { compactSize } from '../read/compact-size.ts';
import { hashBytes, placeInTable, sameUtf8, tableOfRows, tableSize, utf8Hash } from './byte-hash.ts';
import { layoutHash } from '../output/list-layout.ts';
import { PlaceList } from './place-list.ts';
import { RowEntry, RowListed, setRareFields } from './row-entry.ts';
import type { CacheEntry, ListedArticle } from './build-cache.ts';
import type { EntryStamp } from './entry-table.ts';
import type { SliceColumn } from './slice-column.ts';

/**
 * The snapshot's entries as binary columns, one row per file: each text field is one run of
 * UTF-8 bytes with the offset of every row's end, each number field a typed array. A run reads
 * the file as one buffer and views it in place: no JSON to parse, and a string is made only
 * when a row's field is asked for. At a million articles the same entries as JSON arrays took
 * 0.9 s to parse and left 1.5 s of garbage for every run of edits. What most entries lack
 * (warnings, an error, a draft flag, post assets) is kept apart, by row, in `rare`, with the
 * other small fields in the snapshot's header (RowsHeader).
 */
export interface RowsHeader {
  count: number;
  /** Each column's place in the snapshot's data: byte offset and length. */
  sections: Record<string, [number, number]>;
  /** Each distinct list of categories or tags, written once; rows point at it by position. */
  names: string[][];
  rare: Record<string, RareFields>;
  /**
   * The first `count` rows are the published articles in order, newest first, as a run with
   * `--drafts` set or not published them; null when the order was not saved.
   */
  order: { count: number; drafts: boolean } | null;
  /** Whether every file's id is its own name (an id given around a clash makes it false). */
  ownNames: boolean;
}

/** Fields few entries have, or an article whose id is not its file's (never, but kept if so). */
export interface RareFields {
  warnings?: readonly string[];
  error?: string;
  draft?: true;
  assets?: PostAsset[];
  listedId?: string;
  unlisted?: true;
}

/** The text columns; `newer` and `older` are the neighbours' ids ('' for none, `neighbours` says which rows have them). */
const TEXT_COLUMNS = ['relative', 'id', 'hash', 'title', 'date', 'newer', 'older'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** The rows to write: files in the order they are written, and each one's entry. */
export interface RowsToWrite {
  files: readonly string[];
  at(n: number): CacheEntry;
  /** How many of the first rows are the published order, and under which `--drafts`. */
  order: RowsHeader['order'];
  /**
   * Rows copied from another snapshot's as they are: for each row its row there (-1: made from
   * `at`). Copied field by field, bytes as bytes, no entry made.
   */
  copied?: { rows: Int32Array; from: ColumnRows };
  /** With `order`: what the run keeps of the first rows by place, over their entries. */
  byPlace?: OrderedFields;
}

/**
 * What a run may keep of the published articles by place rather than on each entry: a first
 * save logs nothing, so its million entries never get them (three arrays an article, 190 MB).
 */
export interface OrderedFields {
  /** Where each one's search terms are in the term store. */
  terms?: SliceColumn | undefined;
  /** Where each one's summary is in the summary store (the column may go on past the order). */
  summaries?: SliceColumn | undefined;
  /** Set when the neighbours written into each one's JSON are the order's. */
  neighbours?: true | undefined;
}

/** Sections start on 8 bytes, so that a Float64Array can view them where they are. */
const pad8 = (bytes: number) => (8 - (bytes % 8)) % 8;

/**
 * Writes named sections of a snapshot's data through `writer`, each starting on 8 bytes, and
 * notes where each is from `start`, the data's first byte (SectionReader reads them back).
 */
export class SectionWriter {
  readonly sections: Record<string, [number, number]> = {};

  constructor(
    private readonly writer: BlockWriter,
    private readonly start: number,
  ) {}

  section(name: string, write: () => void): void {
    const { writer, start } = this;
    const from = writer.position;
    write();
    this.sections[name] = [from - start, writer.position - from];
    writer.zeros(pad8(writer.position - start));
  }

  typed(name: string, array: Float64Array | Int32Array | Uint32Array | Uint8Array): void {
    this.section(name, () => this.writer.write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)));
  }

  /** A text column: every row's bytes one after another, then where each row ends (`<name>.ends`). */
  text(name: string, count: number, valueAt: (n: number) => Uint8Array): void {
    const ends = new Uint32Array(count);
    let bytes = 0;
    this.section(name, () => {
      for (let n = 0; n < count; n++) {
        const value = valueAt(n);
        this.writer.write(value);
        bytes += value.length;
        if (bytes > 0xffffffff) throw new Error(`the cache's ${name} column passed 4 GB`);
        ends[n] = bytes;
      }
    });
    this.typed(`${name}.ends`, ends);
  }
}

/**
 * Writes the rows' columns through `writer` (a column at a time, never the whole at once: at a
 * million articles they are hundreds of megabytes), from `start`, the data's first byte.
 * Returns the header that finds them again.
 */
export function writeEntryColumns(
  { files, at, order, copied, byPlace }: RowsToWrite,
  writer: BlockWriter,
  start: number,
): RowsHeader {
  const count = files.length;
  const columns = new SectionWriter(writer, start);
  const typed = (name: string, array: Float64Array | Int32Array | Uint32Array | Uint8Array) =>
    columns.typed(name, array);
  /** The row `n` is copied from, or -1. */
  const from = (n: number) => (copied ? (copied.rows[n] as number) : -1);
  const source = copied?.from;
  /** A field of row `n`: copied from its source row, or read from its entry. */
  const fromRow = <T>(n: number, copy: (rows: ColumnRows, row: number) => T, make: (entry: CacheEntry) => T): T => {
    const row = from(n);
    return row >= 0 && source ? copy(source, row) : make(at(n));
  };

  const ordered = order?.count ?? 0;
  const idOf = (n: number) =>
    fromRow(
      n,
      (rows, row) => rows.idAt(row),
      (entry) => entry.id,
    );
  /** Whether row `n` is published with the order's neighbours, kept on no entry (`byPlace`). */
  const orderNeighbours = (n: number) => byPlace?.neighbours === true && n < ordered;
  /** The neighbours' ids written into row `n`'s article (side 0 the newer), '' for none. */
  const neighbour = (n: number, side: 0 | 1) => {
    const kept = at(n).neighbours;
    if (kept || !orderNeighbours(n)) return kept?.[side] ?? '';
    const beside = side === 0 ? n - 1 : n + 1;
    return beside >= 0 && beside < ordered ? idOf(beside) : '';
  };
  let ownNames = true;
  const text: Record<TextColumn, (n: number) => string> = {
    relative: (n) => files[n] as string,
    id: (n) => {
      const id = idOf(n);
      if (!isOwnName(files[n] as string, id)) ownNames = false;
      return id;
    },
    hash: (n) => at(n).hash,
    title: (n) => at(n).listed?.title ?? '',
    date: (n) => at(n).listed?.date ?? '',
    newer: (n) => neighbour(n, 0),
    older: (n) => neighbour(n, 1),
  };
  // Each row by a hash of its file (ColumnRows.rowOf), kept so that a run finds its changed
  // files without hashing a million names first (0.17 s a run); and by a hash of its id in
  // lower case (ColumnRows.rowsWithIdLike), so that a new file's id is checked against every
  // other without reading a million ids (0.2 s a run of edits).
  const rowTable = new Int32Array(tableSize(count));
  const idTable = new Int32Array(rowTable.length);
  for (const name of TEXT_COLUMNS)
    columns.text(name, count, (n) => {
      const row = from(n);
      // A copied row's bytes as they are (its id is read as text too: its table is by lower case).
      if (row >= 0 && source && name !== 'relative' && name !== 'id') return source.textBytesAt(name, row);
      const string = text[name](n);
      const value = Buffer.from(string, 'utf8');
      if (name === 'relative') placeInTable(rowTable, hashBytes(value, 0, value.length), n);
      if (name === 'id') {
        const lower = string.toLowerCase();
        const bytes = lower === string ? value : Buffer.from(lower, 'utf8');
        placeInTable(idTable, hashBytes(bytes, 0, bytes.length), n);
      }
      return value;
    });
  typed('relative.table', rowTable);
  typed('id.lower.table', idTable);
  const numbers = (name: string, value: (n: number) => number) =>
    typed(
      name,
      Float64Array.from({ length: count }, (_, n) => value(n)),
    );
  numbers('mtimeMs', (n) =>
    fromRow(
      n,
      (rows, row) => rows.timeAt(row).mtimeMs,
      (entry) => entry.mtimeMs,
    ),
  );
  numbers('size', (n) =>
    fromRow(
      n,
      (rows, row) => rows.timeAt(row).size,
      (entry) => entry.size,
    ),
  );
  /** A column of slices: the run's by place for the first rows when it keeps them so, else each row's. */
  const slices = (
    name: string,
    byPlaceColumn: SliceColumn | undefined,
    copy: (rows: ColumnRows, row: number) => readonly [number, number] | undefined,
    make: (entry: CacheEntry) => readonly [number, number] | undefined,
  ) => {
    const values = new Float64Array(2 * count).fill(-1);
    for (let n = 0; n < count; n++) {
      const pair = byPlaceColumn && n < ordered ? byPlaceColumn.at(n) : fromRow(n, copy, make);
      if (!pair) continue;
      values[2 * n] = pair[0];
      values[2 * n + 1] = pair[1];
    }
    typed(name, values);
  };
  slices(
    'summary',
    byPlace?.summaries,
    (rows, row) => rows.summaryAt(row),
    (entry) => entry.listed?.summary,
  );
  slices(
    'terms',
    byPlace?.terms,
    (rows, row) => rows.termsAt(row),
    (entry) => entry.terms,
  );
  typed(
    'neighbours',
    Uint8Array.from({ length: count }, (_, n) =>
      fromRow(
        n,
        (rows, row) => (rows.hasNeighbours(row) ? 1 : 0),
        (entry) => (entry.neighbours || orderNeighbours(n) ? 1 : 0),
      ),
    ),
  );
  // Each id's layoutHash: a run of edits lays out a stretch of a list from these (decision 0025).
  typed(
    'layoutHash',
    Uint32Array.from({ length: count }, (_, n) =>
      fromRow(
        n,
        (rows, row) => rows.layoutHashAt(row),
        (entry) => layoutHash(entry.id),
      ),
    ),
  );
  const lists = new Map<string, number>();
  const names: string[][] = [];
  const listIndex = (list: readonly string[] | undefined): number => {
    if (!list || list.length === 0) return -1;
    const key = JSON.stringify(list);
    let index = lists.get(key);
    if (index === undefined) {
      index = names.length;
      lists.set(key, index);
      names.push([...list]);
    }
    return index;
  };
  // A copied row's list by its number in the source: each of the source's distinct lists keyed once.
  const copiedIndex = new Map<number, number>();
  const copiedList = (index: number) => {
    let found = copiedIndex.get(index);
    if (found === undefined) copiedIndex.set(index, (found = listIndex(source?.namesOf(index))));
    return found;
  };
  for (const field of ['categories', 'tags'] as const)
    typed(
      field,
      Int32Array.from({ length: count }, (_, n) =>
        fromRow(
          n,
          (rows, row) => {
            const index = rows.listIndexAt(field, row);
            return index < 0 ? -1 : copiedList(index);
          },
          (entry) => listIndex(entry.listed?.[field]),
        ),
      ),
    );
  const rare: RowsHeader['rare'] = {};
  for (let n = 0; n < count; n++) {
    const fields = fromRow(
      n,
      (rows, row) => rows.rareAt(row),
      (entry) => rareFields(entry),
    );
    if (fields) rare[n] = fields;
  }
  return { count, sections: columns.sections, names, rare, order, ownNames };
}

/**
 * A table of rows by hash in a section, checked a piece at a time to hold each of `count` rows
 * once (else DamagedColumns), then read by slot (`reads` slots, then whole): a lookup compares
 * the row's value, so a row in a wrong slot could be missed, never mistaken for another. Not
 * checked again when `trusted` (a snapshot checked whole once, SectionReader.trusted).
 */
export function checkedTable(
  columns: SectionReader,
  name: string,
  count: number,
  reads = TABLE_SLOT_READS,
  trusted = false,
): RowTable {
  const size = tableSize(count);
  if (trusted) {
    const [offset, bytes] = columns.place(name);
    if (bytes !== size * Int32Array.BYTES_PER_ELEMENT) throw new DamagedColumns();
    return new RowTable(new RowValues(columns.data, offset, Int32Array, 1, size, reads), size);
  }
  const seen = new Uint8Array(count);
  let rows = 0;
  const offset = columns.scan(name, Int32Array, size, (slots) => {
    for (let n = 0; n < slots.length; n++) {
      const slot = slots[n] as number;
      if (slot === 0) continue;
      if (slot < 0 || slot > count || seen[slot - 1]) throw new DamagedColumns();
      seen[slot - 1] = 1;
      rows++;
    }
  });
  if (rows !== count) throw new DamagedColumns();
  return new RowTable(new RowValues(columns.data, offset, Int32Array, 1, size, reads), size);
}

function rareFields(entry: CacheEntry): RareFields | undefined {
  const rare: RareFields = {};
  if (entry.warnings.length > 0) rare.warnings = entry.warnings;
  if (entry.error !== undefined) rare.error = entry.error;
  if (entry.draft) rare.draft = true;
  if (entry.assets) rare.assets = entry.assets;
  if (!entry.listed) rare.unlisted = true;
  else if (entry.listed.id !== entry.id) rare.listedId = entry.listed.id;
  return Object.keys(rare).length > 0 ? rare : undefined;
}

/** One empty list for the hundred thousand entries without warnings. */
const NO_WARNINGS: readonly string[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);

/** A category or a tag, by name. */
export interface ListName {
  field: 'categories' | 'tags';
  name: string;
}

/** Thrown on columns that do not hold what they should: the cache is then no cache. */
export class DamagedColumns extends Error {}

/** The snapshot's columns, read by range from its file: a run reads the columns it uses. */
export interface SnapshotData {
  readonly length: number;
  /**
   * The bytes from `offset`, in a buffer of their own (so typed arrays can view them), or in the
   * start of `into` when given.
   */
  read(offset: number, length: number, into?: Buffer): Buffer;
}

type TypedArrayType<T> = { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number };

/**
 * The sections SectionWriter wrote, read back from the data: each checked to lie inside it
 * and to be as long as its reader expects (else DamagedColumns).
 */
export class SectionReader {
  private scratch?: Buffer;

  constructor(
    private readonly sections: Readonly<Record<string, readonly [number, number] | undefined>>,
    readonly data: SnapshotData,
    /**
     * Set for a snapshot whose columns were checked whole by an earlier run (its mark names the
     * file as it is, build-cache.ts): what opening it reads whole only to check is not read again.
     */
    readonly trusted = false,
  ) {}

  /** Where a section is: its offset and length. */
  place(name: string): [number, number] {
    const [offset, length] = this.sections[name] ?? [];
    if (typeof offset !== 'number' || typeof length !== 'number' || offset < 0 || offset + length > this.data.length)
      throw new DamagedColumns();
    return [offset, length];
  }

  /** A typed array of `length` values viewing a section where it was read. */
  view<T>(name: string, Type: TypedArrayType<T>, length: number): T {
    const bytes = this.data.read(...this.place(name));
    if (bytes.length !== length * Type.BYTES_PER_ELEMENT || bytes.byteOffset % Type.BYTES_PER_ELEMENT !== 0)
      throw new DamagedColumns();
    return new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
  }

  /**
   * Visits the `length` values of a section a piece at a time, read into one reused buffer, and
   * returns its offset: a column checked whole on opening but read by row after is never held
   * whole (the 7 text columns' ends and 2 tables at a million rows are 44 MB, and memory this
   * machine has not touched costs it 5 ms a megabyte, more than reading and checking it).
   */
  scan<T extends Uint32Array | Int32Array>(
    name: string,
    Type: TypedArrayType<T>,
    length: number,
    visit: (values: T) => void,
  ): number {
    const [offset, bytes] = this.place(name);
    if (bytes !== length * Type.BYTES_PER_ELEMENT) throw new DamagedColumns();
    const scratch = (this.scratch ??= Buffer.allocUnsafeSlow(SCAN_BYTES));
    const step = SCAN_BYTES / Type.BYTES_PER_ELEMENT;
    for (let first = 0; first < length; first += step) {
      const count = Math.min(step, length - first);
      const piece = this.data.read(offset + first * Type.BYTES_PER_ELEMENT, count * Type.BYTES_PER_ELEMENT, scratch);
      visit(new Type(piece.buffer as ArrayBuffer, piece.byteOffset, count));
    }
    return offset;
  }

  /**
   * A text column's place and where each of its `count` rows ends, checked to run in order to
   * its length (then read by row: RowEnds).
   */
  text(name: string, count: number): { offset: number; length: number; ends: RowEnds } {
    const [offset, length] = this.place(name);
    // Indexed loops, here and below: a typed array's iterator is several times slower on the
    // first pass, and opening the cache makes only the first.
    let before = 0;
    const check = (ends: Uint32Array) => {
      for (let n = 0; n < ends.length; n++) {
        const end = ends[n] as number;
        if (end < before) throw new DamagedColumns();
        before = end;
      }
    };
    let endsAt: number;
    if (this.trusted) {
      // Checked before: where the column's last row ends, and no more.
      const [at, bytes] = this.place(`${name}.ends`);
      if (bytes !== count * Uint32Array.BYTES_PER_ELEMENT) throw new DamagedColumns();
      endsAt = at;
      if (count > 0) before = this.data.read(at + bytes - 4, 4).readUInt32LE(0);
    } else endsAt = this.scan(`${name}.ends`, Uint32Array, count, check);
    if (before !== length) throw new DamagedColumns();
    return {
      offset,
      length,
      ends: new RowEnds(new RowValues(this.data, endsAt, Uint32Array, 1, count, TEXT_ROW_READS)),
    };
  }
}

/** Bytes of a section read at a time when it is checked (SectionReader.scan). */
const SCAN_BYTES = 1 << 20;

/** Rows of a number column read one by one before the whole column is read instead. */
const ROW_READS = 64;

/**
 * A row's number columns are read in blocks of this many rows, BLOCK_READS blocks before the
 * whole column: the rows a run of edits asks for lie together (the newest articles, the lists'
 * newest members, the articles beside an edit). Read a row at a time, 64 rows were enough for
 * a change 30 places down at a million articles to read the four columns whole (48 MB, 0.18 s).
 */
const BLOCK_ROWS = 512;
const BLOCK_READS = 64;

/**
 * The same for a text column. Every text column is read by row until a run asks for many rows:
 * a run of edits at a million articles looks up a few hundred files (the cache log's entries
 * among them) and reads a few dozen ids, titles, dates and hashes, while the whole columns are
 * 165 of the snapshot's 270 MB (reading the files and ids whole cost it 0.1–0.2 s). A row read
 * alone costs a few microseconds: a few thousand are less than one column read whole.
 */
const TEXT_ROW_READS = 2048;

/** One text column: its bytes (once read), where they are, and where each row's ends. */
interface TextView {
  bytes?: Buffer;
  offset: number;
  length: number;
  reads: number;
  ends: RowEnds;
  /**
   * The whole column as one string, when it is ASCII (ids and paths usually are): a row's text
   * is then a slice of it, which V8 makes without copying. Decoding a million ids one by one
   * took 0.4 s a pass.
   */
  whole?: string | null;
  /**
   * Rows read a block at a time (TEXT_BLOCK_ROWS), once a second row of a block is asked for:
   * null for a block one row of which was read alone.
   */
  blocks: Map<number, TextBlock | null>;
  blockReads: number;
}

/** The text of rows that lie together, read in one piece: `bytes` from `base` in the column. */
interface TextBlock {
  bytes: Buffer;
  base: number;
  startOf(row: number): number;
  endOf(row: number): number;
}

/**
 * Rows of a text column read at a time once two of them were asked for, and how many such blocks
 * a column reads before it is read whole. The top of the order a run of edits lays out again, 4,000
 * entries at a million articles, read every text column whole past 2,048 rows (0.5 s) and made
 * them strings (0.6 s more).
 */
const TEXT_BLOCK_ROWS = 256;
const TEXT_BLOCK_READS = 64;

/**
 * The snapshot's rows, read where they are: an entry becomes an object only when a run asks for
 * it. A run of edits at a million articles asks for a few dozen; making every one took 2.8 s.
 * The columns' sizes and offsets are checked on reading, so a damaged snapshot is no cache
 * rather than an error halfway through a run.
 */
export class ColumnRows {
  readonly count: number;
  readonly order: RowsHeader['order'];
  readonly ownNames: boolean;
  /** Whether any row has files of a post asset folder. */
  readonly postAssets: boolean;
  private readonly text: Record<TextColumn, TextView>;
  private readonly mtimeMs: RowValues<Float64Array>;
  private readonly size: RowValues<Float64Array>;
  private readonly summary: RowValues<Float64Array>;
  private readonly terms: RowValues<Float64Array>;
  private readonly neighbours: RowValues<Uint8Array>;
  private readonly layoutHash: RowValues<Uint32Array>;
  private readonly categories: Int32Array;
  private readonly tags: Int32Array;
  private readonly names: readonly (readonly string[])[];
  private readonly rare: Record<string, RareFields | undefined>;
  /**
   * Each row by a hash of its file's bytes, row + 1 (byte-hash.ts): the snapshot's when it has
   * one, else made on the first lookup.
   */
  private rowTable?: RowTable;
  /** Each row by a hash of its id in lower case, read when first asked; null when the snapshot has none. */
  private lowerIdTable?: RowTable | null;
  private readonly sections: SectionReader;

  private constructor(
    header: Partial<RowsHeader>,
    private readonly data: SnapshotData,
    trusted: boolean,
  ) {
    const count = header.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new DamagedColumns();
    this.count = count;
    const sections = header.sections ?? {};
    const columns = new SectionReader(sections, data, trusted);
    this.sections = columns;
    const view = <T>(name: string, Type: TypedArrayType<T>, length: number): T => columns.view(name, Type, length);
    const text = {} as Record<TextColumn, TextView>;
    for (const name of TEXT_COLUMNS) {
      const { offset, length, ends } = columns.text(name, count);
      text[name] = { offset, length, reads: 0, ends, blocks: new Map(), blockReads: 0 };
    }
    this.text = text;
    // Read by row until many rows are asked for: a run of edits reads a few of their 49 MB.
    const values = <T extends Float64Array | Uint32Array | Uint8Array>(
      name: string,
      Type: TypedArrayType<T>,
      width: number,
    ) => {
      const [offset, length] = columns.place(name);
      if (length !== count * width * Type.BYTES_PER_ELEMENT) throw new DamagedColumns();
      return new RowValues(data, offset, Type, width, count, BLOCK_READS, BLOCK_ROWS);
    };
    this.mtimeMs = values('mtimeMs', Float64Array, 1);
    this.size = values('size', Float64Array, 1);
    this.summary = values('summary', Float64Array, 2);
    this.terms = values('terms', Float64Array, 2);
    this.neighbours = values('neighbours', Uint8Array, 1);
    this.layoutHash = values('layoutHash', Uint32Array, 1);
    if (!Array.isArray(header.names)) throw new DamagedColumns();
    this.names = header.names.map((list: unknown) => {
      if (!Array.isArray(list) || !list.every((name) => typeof name === 'string')) throw new DamagedColumns();
      return list as string[];
    });
    const listIndexes = (name: string) => {
      const indexes = view(name, Int32Array, count);
      const most = this.names.length;
      if (!trusted) for (let n = 0; n < count; n++) if ((indexes[n] as number) >= most) throw new DamagedColumns();
      return indexes;
    };
    this.categories = listIndexes('categories');
    this.tags = listIndexes('tags');
    const rare = header.rare;
    if (typeof rare !== 'object' || rare === null) throw new DamagedColumns();
    this.rare = rare as Record<string, RareFields | undefined>;
    this.postAssets = Object.values(this.rare).some((fields) => fields?.assets !== undefined);
    const order = header.order;
    const validOrder =
      order !== null &&
      typeof order === 'object' &&
      Number.isInteger(order.count) &&
      order.count >= 0 &&
      order.count <= count &&
      typeof order.drafts === 'boolean';
    this.order = validOrder ? { count: order.count, drafts: order.drafts } : null;
    this.ownNames = header.ownNames === true;
    if (sections['relative.table'])
      this.rowTable = checkedTable(columns, 'relative.table', count, TABLE_SLOT_READS, trusted);
  }

  /**
   * Lets go of what a whole run read whole to make its entries, for a stage that reads no more
   * of it (a later read reads it again): the files, ids and their tables (lookups), the titles
   * (each entry holds its own string), the neighbours, each file's time and size, and where
   * their rows end. Not the term and summary slices, which the index and the lists read row by
   * row, nor the hashes and dates, whose column strings the entries' strings are slices of:
   * those go with the entries. At a million articles, about 140 MB (decision 0016).
   */
  releaseWholeColumns(): void {
    for (const name of ['relative', 'id', 'title', 'newer', 'older'] as const) {
      const column = this.text[name];
      column.bytes = undefined;
      // null (not ASCII) stays: it says how the bytes read again are decoded.
      if (typeof column.whole === 'string') column.whole = undefined;
      column.blocks.clear();
      column.ends.release();
    }
    for (const values of [this.mtimeMs, this.size, this.neighbours, this.layoutHash]) values.release();
    this.rowTable?.release();
    this.lowerIdTable?.release();
  }

  /** The rows of a snapshot's header and data; undefined when they are damaged (a cold build follows). */
  /** `trusted`: the snapshot's columns were checked whole by an earlier run (SectionReader.trusted). */
  static read(header: unknown, data: SnapshotData, trusted = false): ColumnRows | undefined {
    if (typeof header !== 'object' || header === null) return undefined;
    try {
      return new ColumnRows(header as Partial<RowsHeader>, data, trusted);
    } catch (error) {
      if (error instanceof DamagedColumns) return undefined;
      throw error;
    }
  }

  fileAt(row: number): string {
    return this.textAt('relative', row);
  }

  /**
   * The files of the rows from `from` up to `to`, their names and where they end read in one
   * piece each (rows that lie together: the top of the order a log line laid out again).
   */
  filesIn(from: number, to: number): string[] {
    const first = Math.max(0, from);
    const end = Math.min(to, this.count);
    if (end <= first) return [];
    const { bytes, base, startOf, endOf } = this.rowsText('relative', first, end - 1);
    const files: string[] = [];
    for (let row = first; row < end; row++) files.push(bytes.toString('utf8', startOf(row) - base, endOf(row) - base));
    return files;
  }

  idAt(row: number): string {
    return this.textAt('id', row);
  }

  /** The row's article's date (ISO 8601), '' for a file without an article. */
  dateAt(row: number): string {
    return this.textAt('date', row);
  }

  /** The layoutHash of the row's id, without reading the id. */
  layoutHashAt(row: number): number {
    return row < 0 || row >= this.count ? 0 : this.layoutHash.valueAt(row);
  }

  /**
   * The row of a file, found by a hash of its bytes (the table made on the first lookup); -1 for
   * none. `near`: the row it is likely at, tried first when every name is read whole.
   */
  rowOf(relative: string, near = -1): number {
    const { ends, bytes } = this.text.relative;
    // A run without --changed looks up every file in the listing's order, which is the rows'
    // order but for what changed: the row after the last file's is nearly always the one, and
    // reading the rows in order misses the processor's cache far less than the table's slots.
    if (
      near >= 0 &&
      near < this.count &&
      bytes &&
      ends.loaded() &&
      sameUtf8(bytes, ends.startOf(near), ends.endOf(near), relative)
    )
      return near;
    const table = (this.rowTable ??= this.makeRowTable());
    // Else the name is hashed and compared as it is, in the bytes read whole, without encoding
    // it (0.19 s of such a run at 100,000 files went to a buffer a lookup, its view of the row
    // and the comparison).
    const hash = bytes && ends.loaded() ? utf8Hash(relative) : -1;
    if (hash >= 0 && bytes) {
      for (let slot = hash & table.mask; ; slot = (slot + 1) & table.mask) {
        const row = table.rowAt(slot);
        if (row < 0) return -1;
        if (sameUtf8(bytes, ends.startOf(row), ends.endOf(row), relative)) return row;
      }
    }
    const wanted = Buffer.from(relative, 'utf8');
    for (let slot = hashBytes(wanted, 0, wanted.length) & table.mask; ; slot = (slot + 1) & table.mask) {
      const row = table.rowAt(slot);
      if (row < 0) return -1;
      const [start, end] = ends.span(row);
      if (end === start + wanted.length && this.rowBytes('relative', start, end).equals(wanted)) return row;
    }
  }

  /**
   * Reads whole, at once, what finding every file and reading its id reads: the table of rows, and
   * the files and ids with where each ends. A run without --changed looks every file up, and read
   * a row at a time its first few thousand lookups made 12,000 small reads (0.1 s).
   */
  readForLookups(): void {
    (this.rowTable ??= this.makeRowTable()).readWhole();
    for (const name of ['relative', 'id'] as const) {
      this.text[name].ends.whole();
      this.bytesOf(name);
    }
  }

  /**
   * The rows whose id in lower case is one of `lowers`, found through the snapshot's table of
   * them; undefined when the snapshot has none, or a damaged one (then every id is to be read).
   */
  rowsWithIdLike(lowers: ReadonlySet<string>): number[] | undefined {
    if (this.lowerIdTable === undefined) {
      try {
        this.lowerIdTable = checkedTable(this.sections, 'id.lower.table', this.count);
      } catch (error) {
        if (!(error instanceof DamagedColumns)) throw error;
        this.lowerIdTable = null;
      }
    }
    const table = this.lowerIdTable;
    if (!table) return undefined;
    const rows: number[] = [];
    for (const lower of lowers) {
      const wanted = Buffer.from(lower, 'utf8');
      for (let slot = hashBytes(wanted, 0, wanted.length) & table.mask; ; slot = (slot + 1) & table.mask) {
        const row = table.rowAt(slot);
        if (row < 0) break;
        if (this.idAt(row).toLowerCase() === lower) rows.push(row);
      }
    }
    return rows;
  }

  private makeRowTable(): RowTable {
    const table = tableOfRows(this.bytesOf('relative'), this.text.relative.ends.whole(), this.count);
    return new RowTable(table, table.length);
  }

  termsAt(row: number): [number, number] | undefined {
    return this.pairAt(this.terms, row);
  }

  // What a snapshot written from this one copies of a row as it is (writeEntryColumns).

  /** A row's file's time and size, as its entry has them. */
  timeAt(row: number): { mtimeMs: number; size: number } {
    return { mtimeMs: this.mtimeMs.valueAt(row), size: compactSize(this.size.valueAt(row)) };
  }

  summaryAt(row: number): [number, number] | undefined {
    return this.pairAt(this.summary, row);
  }

  hasNeighbours(row: number): boolean {
    return this.neighbours.at(row)[0] === 1;
  }

  /** The number of a row's list of categories or tags among the distinct ones (`namesOf`); -1 for none. */
  listIndexAt(field: ListName['field'], row: number): number {
    return this[field][row] ?? -1;
  }

  namesOf(index: number): readonly string[] {
    return this.namesAt(index);
  }

  rareAt(row: number): RareFields | undefined {
    return this.rare[row];
  }

  /** A row's bytes in a text column. */
  textBytesAt(name: TextColumn, row: number): Buffer {
    const block = this.textBlock(name, row);
    if (block) return block.bytes.subarray(block.startOf(row) - block.base, block.endOf(row) - block.base);
    const [start, end] = this.text[name].ends.span(row);
    return this.rowBytes(name, start, end);
  }

  /** A row's categories and tags, without making its entry. */
  listsAt(row: number): { categories: readonly string[]; tags: readonly string[] } {
    return { categories: this.namesAt(this.categories[row]), tags: this.namesAt(this.tags[row]) };
  }

  /**
   * The rows from `from` to `to` whose categories or tags hold each of `lists`, ascending: one
   * pass over the two columns of list numbers, each distinct list looked into once. Making an
   * object of each row's lists, or looking each up in a map, cost a million rows 0.1–0.2 s.
   */
  rowsIn(lists: readonly ListName[], from: number, to: number): Int32Array[] {
    const found = lists.map(() => new PlaceList());
    const byCategories = this.holding(lists, 'categories');
    const byTags = this.holding(lists, 'tags');
    const { categories, tags } = this;
    // An empty list is -1: never read as an index (V8 looks a negative index up as a name).
    for (let row = Math.max(0, from); row < Math.min(to, this.count); row++) {
      const inCategories = (categories[row] as number) >= 0 ? byCategories[categories[row] as number] : undefined;
      if (inCategories) for (let k = 0; k < inCategories.length; k++) found[inCategories[k] as number]?.push(row);
      const inTags = (tags[row] as number) >= 0 ? byTags[tags[row] as number] : undefined;
      if (inTags) for (let k = 0; k < inTags.length; k++) found[inTags[k] as number]?.push(row);
    }
    return found.map((list) => list.places);
  }

  /**
   * How many rows from `from` to `to` each of `lists` holds: the rows of each distinct list
   * counted in one pass over the two columns (a few milliseconds at a million), then added up.
   */
  countIn(lists: readonly ListName[], from: number, to: number): number[] {
    const counts = lists.map(() => 0);
    for (const field of ['categories', 'tags'] as const) {
      const column = this[field];
      const rows = new Float64Array(this.names.length);
      for (let row = Math.max(0, from); row < Math.min(to, this.count); row++) {
        const index = column[row] as number;
        if (index >= 0) rows[index] = (rows[index] as number) + 1;
      }
      this.holding(lists, field).forEach((held, index) => {
        for (const k of held ?? []) counts[k] = (counts[k] as number) + (rows[index] as number);
      });
    }
    return counts;
  }

  /** For each of the snapshot's distinct lists in `field`, which of `lists` it holds (undefined: none). */
  private holding(lists: readonly ListName[], field: ListName['field']): (number[] | undefined)[] {
    return this.names.map((names) => {
      const held = lists.flatMap((list, n) => (list.field === field && names.includes(list.name) ? [n] : []));
      return held.length > 0 ? held : undefined;
    });
  }

  /** The rows whose entries have warnings, an error, a draft flag or no article. */
  notableRows(): number[] {
    const rows: number[] = [];
    for (const key in this.rare) {
      const fields = this.rare[key];
      if (
        fields &&
        (fields.warnings || fields.error !== undefined || fields.draft || fields.unlisted || fields.listedId)
      )
        rows.push(Number(key));
    }
    return rows;
  }

  /** The rows whose files have post asset files, with them. */
  *assetRows(): Generator<[number, readonly PostAsset[]]> {
    for (const key in this.rare) {
      const assets = this.rare[key]?.assets;
      if (assets) yield [Number(key), assets];
    }
  }

  /** What entry(row) would say of the row's id, time, size and stored records, without making it (entry-table.ts). */
  stampAt(row: number): EntryStamp {
    const extra = this.rare[row];
    return {
      id: this.idAt(row),
      mtimeMs: this.mtimeMs.valueAt(row),
      size: compactSize(this.size.valueAt(row)),
      failed: extra?.error !== undefined,
      draft: extra?.draft === true,
      terms: this.hasPair(this.terms, row),
      summary: !extra?.unlisted && this.hasPair(this.summary, row),
    };
  }

  /** A new entry object for the row. */
  entry(row: number): CacheEntry {
    const extra = this.rare[row];
    const id = this.idAt(row);
    // Every field a run reads or sets is in the literals, undefined when the row has none, in the
    // order a parsed entry has them (OutcomeEntries): a field added to an object later goes to an
    // array of its own, and a whole run with a warm cache made two such arrays an article.
    const entry: CacheEntry = {
      id,
      mtimeMs: this.mtimeMs.valueAt(row),
      size: compactSize(this.size.valueAt(row)),
      hash: this.textAt('hash', row),
      listed: extra?.unlisted ? undefined : this.listedAt(row, extra?.listedId ?? id),
      warnings: extra?.warnings ?? NO_WARNINGS,
      neighbours: this.neighboursAt(row),
      terms: this.termsAt(row),
    };
    setRareFields(entry, extra);
    return entry;
  }

  /**
   * The entry at a row for a whole run, which holds one for every file to its end: its
   * neighbours, term and summary slices are read from the row when asked (row-entry.ts). `id`,
   * the file's id as the run has it: the same string is kept, not one more equal to it.
   */
  rowEntry(row: number, id?: string): RowEntry {
    const extra = this.rare[row];
    const rowId = this.idAt(row);
    const own = id === rowId ? id : rowId;
    // Category and tag lists are shared with every row of the same list, never changed in place.
    const listed = extra?.unlisted
      ? undefined
      : new RowListed(
          extra?.listedId ?? own,
          this.textAt('title', row),
          this.textAt('date', row),
          this.namesAt(this.categories[row]) as string[],
          this.namesAt(this.tags[row]) as string[],
          this,
          row,
        );
    const entry = new RowEntry(
      own,
      this.mtimeMs.valueAt(row),
      compactSize(this.size.valueAt(row)),
      this.textAt('hash', row),
      listed,
      extra?.warnings ?? NO_WARNINGS,
      this,
      row,
    );
    setRareFields(entry, extra);
    return entry;
  }

  /** The ids of a row's neighbours when its article was last written, newer then older. */
  neighboursAt(row: number): [string, string] | undefined {
    return this.neighbours.valueAt(row) ? [this.textAt('newer', row), this.textAt('older', row)] : undefined;
  }

  /** A row's built article, as its entry holds it. */
  private listedAt(row: number, id: string): ListedArticle {
    const { categories, tags } = this.listsAt(row);
    return {
      id,
      title: this.textAt('title', row),
      date: this.textAt('date', row),
      // Shared with every row of the same list: never changed in place (a new list is a new array).
      categories: categories as string[],
      tags: tags as string[],
      summary: this.pairAt(this.summary, row),
    };
  }

  /**
   * The block of a text column holding `row`, when its rows are read a block at a time: not for
   * the first row of a block asked for (read alone, as a lookup reads), nor once the column is
   * read whole or has read TEXT_BLOCK_READS blocks (then it is read whole).
   */
  private textBlock(name: TextColumn, row: number): TextBlock | undefined {
    const column = this.text[name];
    if (column.bytes || typeof column.whole === 'string' || row < 0 || row >= this.count) return undefined;
    const number = Math.floor(row / TEXT_BLOCK_ROWS);
    const known = column.blocks.get(number);
    if (known) return known;
    if (known === undefined) {
      column.blocks.set(number, null);
      return undefined;
    }
    if (column.blockReads >= TEXT_BLOCK_READS) {
      column.blocks.clear();
      column.reads = TEXT_ROW_READS; // the next row reads the column whole
      return undefined;
    }
    column.blockReads++;
    const first = number * TEXT_BLOCK_ROWS;
    const block = this.rowsText(name, first, Math.min(first + TEXT_BLOCK_ROWS, this.count) - 1);
    column.blocks.set(number, block);
    return block;
  }

  /**
   * The text of rows `first` to `last` of a column and where each starts and ends: two reads
   * (the text from the column's bytes when it was read whole).
   */
  private rowsText(name: TextColumn, first: number, last: number): TextBlock {
    const column = this.text[name];
    const { startOf, endOf } = column.ends.range(first, last - first + 1);
    const base = startOf(first);
    const end = endOf(last);
    const bytes = column.bytes ? column.bytes.subarray(base, end) : this.data.read(column.offset + base, end - base);
    return { bytes, base, startOf, endOf };
  }

  private textAt(name: TextColumn, row: number): string {
    const column = this.text[name];
    if (row < 0 || row >= this.count) return '';
    // An empty string too: a column whose rows are all empty.
    if (typeof column.whole === 'string') {
      const [start, end] = column.ends.span(row);
      return column.whole.slice(start, end);
    }
    const block = this.textBlock(name, row);
    if (block) return block.bytes.toString('utf8', block.startOf(row) - block.base, block.endOf(row) - block.base);
    const [start, end] = column.ends.span(row);
    // The first rows asked for are decoded alone: one file's id looked up does not decode the
    // million in its column (0.2 s).
    if (column.reads < TEXT_ROW_READS) return this.rowBytes(name, start, end).toString('utf8');
    const bytes = this.bytesOf(name);
    if (column.whole === undefined) column.whole = isAscii(bytes) ? bytes.toString('latin1') : null;
    if (column.whole === null) return bytes.toString('utf8', start, end);
    // The bytes go, but those a lookup compares (files, ids): the string holds the same text. A
    // whole run at a million articles held 83 MB of hashes, dates and neighbours twice. A snapshot
    // written from these rows reads them again, once (textBytesAt).
    if (name !== 'relative' && name !== 'id') column.bytes = undefined;
    return column.whole.slice(start, end);
  }

  /**
   * A row's bytes, from `start` to `end` in its column: read alone for the first TEXT_ROW_READS rows
   * asked for, then from the whole column, read once.
   */
  private rowBytes(name: TextColumn, start: number, end: number): Buffer {
    const column = this.text[name];
    if (++column.reads <= TEXT_ROW_READS && !column.bytes) return this.data.read(column.offset + start, end - start);
    return this.bytesOf(name).subarray(start, end);
  }

  /** A text column's bytes, read whole when first needed. */
  private bytesOf(name: TextColumn): Buffer {
    const column = this.text[name];
    return (column.bytes ??= this.data.read(column.offset, column.length));
  }

  private namesAt(index: number | undefined): readonly string[] {
    return index === undefined || index < 0 ? NO_NAMES : (this.names[index] ?? NO_NAMES);
  }

  /** Whether the row has a slice in `values` (pairAt is not undefined), without making it. */
  private hasPair(values: RowValues<Float64Array>, row: number): boolean {
    return row >= 0 && row < this.count && values.valueAt(row) >= 0;
  }

  private pairAt(values: RowValues<Float64Array>, row: number): [number, number] | undefined {
    if (row < 0 || row >= this.count) return undefined;
    const [offset = -1, length = 0] = values.at(row);
    return offset < 0 ? undefined : [offset, length];
  }
}

/**
 * A number column, `width` values a row: read a row at a time until `reads` rows (ROW_READS
 * unless told), then whole. With `blockRows`, read that many rows at a time and kept, until
 * `reads` blocks.
 */
export class RowValues<T extends Float64Array | Uint32Array | Int32Array | Uint8Array> {
  private wholeValues?: T;
  private done = 0;
  private readonly blocks = new Map<number, T>();

  constructor(
    private readonly data: SnapshotData,
    private readonly offset: number,
    private readonly Type: TypedArrayType<T>,
    private readonly width: number,
    private readonly count: number,
    private readonly reads = ROW_READS,
    private readonly blockRows = 0,
  ) {}

  /** The row's values (a view: not to be kept). */
  at(row: number): T {
    if (row < 0 || row >= this.count)
      return new this.Type(new ArrayBuffer(this.width * this.Type.BYTES_PER_ELEMENT), 0, this.width); // zeros, as for no row
    return this.range(row * this.width, this.width);
  }

  /**
   * The row's value at `index` (below `width`), as `at(row)[index]`: read in place, without a
   * view, once the column is read whole (a run that stamps every file read five views a file).
   */
  valueAt(row: number, index = 0): number {
    const whole = this.wholeValues;
    if (whole && row >= 0 && row < this.count) return whole[row * this.width + index] as number;
    return this.at(row)[index] as number;
  }

  /** `length` values from the `first` (within the column; a view, not to be kept). */
  range(first: number, length: number): T {
    const { Type } = this;
    if (!this.wholeValues && this.blockRows > 0) {
      const inBlock = this.blockRows * this.width;
      const block = Math.floor(first / inBlock);
      // Within one block (a row always is): read from it. Across two, as a row is read alone.
      if (Math.floor((first + length - 1) / inBlock) === block) {
        const values = this.block(block, inBlock);
        const start = first - block * inBlock;
        if (values) return values.subarray(start, start + length) as T;
        return this.whole().subarray(first, first + length) as T;
      }
    }
    if (!this.wholeValues && ++this.done <= this.reads) {
      const bytes = this.data.read(this.offset + first * Type.BYTES_PER_ELEMENT, length * Type.BYTES_PER_ELEMENT);
      return new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
    }
    return this.whole().subarray(first, first + length) as T;
  }

  /** Block `block` of `inBlock` values, read once; undefined when `reads` blocks were read (read the column whole). */
  private block(block: number, inBlock: number): T | undefined {
    const kept = this.blocks.get(block);
    if (kept) return kept;
    if (this.blocks.size >= this.reads) {
      this.blocks.clear();
      return undefined;
    }
    const { Type } = this;
    const first = block * inBlock;
    const length = Math.min(inBlock, this.count * this.width - first);
    const bytes = this.data.read(this.offset + first * Type.BYTES_PER_ELEMENT, length * Type.BYTES_PER_ELEMENT);
    const values = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, length);
    this.blocks.set(block, values);
    return values;
  }

  /** Lets the values read go (whole or by blocks): a later read reads them again. */
  release(): void {
    this.wholeValues = undefined;
    this.blocks.clear();
    this.done = this.reads;
  }

  /** Every value, once read whole. */
  get loaded(): T | undefined {
    return this.wholeValues;
  }

  /** Every value, read once. */
  whole(): T {
    if (!this.wholeValues) {
      const values = this.count * this.width;
      const bytes = this.data.read(this.offset, values * this.Type.BYTES_PER_ELEMENT);
      this.wholeValues = new this.Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, values);
    }
    return this.wholeValues;
  }
}

/** Where each row of a text column ends (checked in order on opening: SectionReader.text). */
class RowEnds {
  constructor(private readonly ends: RowValues<Uint32Array>) {}

  /** Whether every end is read (startOf and endOf then read them in place). */
  loaded(): boolean {
    return this.ends.loaded !== undefined;
  }

  /** Where the row's text starts in its column. */
  startOf(row: number): number {
    return row === 0 ? 0 : this.ends.valueAt(row - 1);
  }

  /** Where the row's text ends in its column. */
  endOf(row: number): number {
    return this.ends.valueAt(row);
  }

  /** Where the row's text starts and ends in its column. */
  span(row: number): [number, number] {
    // Read in place once whole: a run that reads every row makes no view a row.
    const whole = this.ends.loaded;
    if (whole) return [row === 0 ? 0 : (whole[row - 1] as number), whole[row] as number];
    if (row === 0) return [0, this.ends.range(0, 1)[0] ?? 0];
    const pair = this.ends.range(row - 1, 2);
    return [pair[0] ?? 0, pair[1] ?? 0];
  }

  whole(): Uint32Array {
    return this.ends.whole();
  }

  /** Lets the ends read go: read again when asked. */
  release(): void {
    this.ends.release();
  }

  /** Where the rows from `first` (`length` of them) start and end, read in one piece. */
  range(first: number, length: number): { startOf(row: number): number; endOf(row: number): number } {
    // The end of the row before `first` is where `first` starts.
    const from = Math.max(0, first - 1);
    const values = Uint32Array.from(this.ends.range(from, first + length - from));
    const endOf = (row: number) => values[row - from] as number;
    return { startOf: (row) => (row === 0 ? 0 : endOf(row - 1)), endOf };
  }
}

/** Slots of a row table read by lookups before the whole table is read instead (unless told). */
const TABLE_SLOT_READS = 4096;

/** A table of rows by hash (placeInTable): each slot row + 1, 0 for none, a power of two of them. */
export class RowTable {
  readonly mask: number;

  constructor(
    private readonly slots: RowValues<Int32Array> | Int32Array,
    size: number,
  ) {
    this.mask = size - 1;
  }

  /** Lets the slots read go, when read from the snapshot (not made by this run): read again when asked. */
  release(): void {
    if (!(this.slots instanceof Int32Array)) this.slots.release();
  }

  /** Reads every slot now, rather than the first lookups' slots one at a time. */
  readWhole(): void {
    if (!(this.slots instanceof Int32Array)) this.slots.whole();
  }

  /** The row in a slot, -1 for none. A lookup starts at its hash's slot (`hash & mask`) and stops at none. */
  rowAt(slot: number): number {
    const { slots } = this;
    if (slots instanceof Int32Array) return (slots[slot] as number) - 1;
    const whole = slots.loaded;
    return ((whole ? whole[slot] : slots.range(slot, 1)[0]) ?? 0) - 1;
  }
}
