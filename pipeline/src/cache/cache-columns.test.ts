import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutHash } from '../output/list-layout.ts';
import { BlockWriter } from './block-writer.ts';
import type { CacheEntry } from './build-cache.ts';
import { ColumnRows, RowValues, writeEntryColumns } from './cache-columns.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-columns-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const COUNT = 12_000;
const fileOf = (n: number) => (n % 2 === 0 ? `2026/报道-${n}.md` : `2026/report-${n}.md`);
const entryOf = (n: number): CacheEntry => ({
  id: fileOf(n).slice(5, -3),
  mtimeMs: n,
  size: 100 + n,
  hash: `hash-${n}`.padEnd(40, '0'),
  warnings: [],
  listed: {
    id: fileOf(n).slice(5, -3),
    title: `标题 ${n}`,
    date: '2026-01-01T00:00:00.000Z',
    categories: [],
    tags: [],
  },
});

/** The rows' columns written to a file, read back through a reader that counts what it is asked for. */
function written(count = COUNT) {
  const file = path.join(dir, 'snapshot');
  const writer = new BlockWriter(file, 0, { fresh: true });
  const files = Array.from({ length: count }, (_, n) => fileOf(n));
  const header = writeEntryColumns({ files, at: entryOf, order: null }, writer, 0);
  writer.close();
  const bytes = fs.readFileSync(file);
  const reads: [number, number][] = [];
  /** The reads into buffers of their own (not into one the reader passed to be reused). */
  const kept: [number, number][] = [];
  const rows = ColumnRows.read(header, {
    length: bytes.length,
    read: (offset, length, into) => {
      reads.push([offset, length]);
      if (!into) kept.push([offset, length]);
      const read = into ?? Buffer.alloc(length);
      bytes.copy(read, 0, offset, offset + length);
      return read.subarray(0, length);
    },
  });
  if (!rows) throw new Error('columns not read back');
  const TEXT = ['relative', 'id', 'hash', 'title', 'date', 'newer', 'older'];
  const NUMBERS = ['mtimeMs', 'size', 'summary', 'terms', 'neighbours'];
  /** Bytes of the sections named `names` that the reads in `list` read. */
  const bytesIn = (list: [number, number][], names: string[]) => {
    let total = 0;
    for (const [offset, length] of list)
      for (const name of names) {
        const [start = 0, size = 0] = header.sections[name] ?? [];
        total += Math.max(0, Math.min(offset + length, start + size) - Math.max(offset, start));
      }
    return total;
  };
  /** Reads so far, and the bytes of the text and number columns they read. */
  const counted = () => ({
    calls: reads.length,
    textBytes: bytesIn(reads, TEXT),
    numberBytes: bytesIn(reads, NUMBERS),
  });
  const textBytes = TEXT.reduce((sum, name) => sum + (header.sections[name]?.[1] ?? 0), 0);
  /** Bytes of the sections named `names` read into buffers kept. */
  const keptOf = (names: string[]) => bytesIn(kept, names);
  /** Bytes of the sections named `names` read so far, into any buffer. */
  const readOf = (names: string[]) => bytesIn(reads, names);
  const ENDS_AND_TABLES = [...TEXT.map((name) => `${name}.ends`), 'relative.table', 'id.lower.table'];
  const sizeOf = (name: string) => header.sections[name]?.[1] ?? 0;
  return { rows, counted, textBytes, keptOf, readOf, sizeOf, ENDS_AND_TABLES };
}

describe('cache columns', () => {
  it('reads the few rows a run of edits asks for alone, and a column whole once many are asked for', () => {
    const { rows, counted, textBytes, keptOf, ENDS_AND_TABLES } = written();
    // Opening reads none of the text columns, and checks where their rows end and the table of
    // files through one buffer, keeping none of them.
    expect(counted().textBytes).toBe(0);
    expect(keptOf(ENDS_AND_TABLES)).toBe(0);
    // A run of edits: a few files found, their ids and titles read.
    for (const n of [0, 7, 1_500]) {
      const row = rows.rowOf(fileOf(n));
      expect([rows.fileAt(row), rows.idAt(row), rows.entry(row).listed?.title]).toEqual([
        fileOf(n),
        entryOf(n).id,
        `标题 ${n}`,
      ]);
    }
    expect(rows.rowOf('2026/none.md')).toBe(-1);
    // Rows 0 and 7 lie together: the second read the block of 256 rows holding both (64 bytes
    // a row at most here), the other rows alone.
    expect(counted().textBytes).toBeLessThan(7 * 256 * 64 + 1_000);
    // Their ends and the table's slots are read a few bytes at a time (the block's ends with it).
    expect(keptOf(ENDS_AND_TABLES)).toBeLessThan(7 * 257 * 4 + 200);
    // A whole run reads every row: past the first rows read alone each column is read whole,
    // once, and every row still reads right.
    const before = counted().calls;
    for (let row = 0; row < COUNT; row++) {
      expect(rows.rowOf(fileOf(row))).toBe(row);
      expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
    }
    // Seven text columns and their ends, each read by row 2,048 times at most, then whole; five
    // number columns, 64 times, then whole; the table of files, by slot 4,096 times, then whole.
    expect(counted().calls - before).toBeLessThanOrEqual(2 * 7 * (2_048 + 1) + 5 * (64 + 1) + 4_096 + 1);
    // Each text column whole once, and its first rows alone before that (2,048 at most, 64
    // bytes at most here).
    expect(counted().textBytes).toBeLessThan(textBytes + 7 * 2_048 * 64);
  });

  it('lets the bytes of an ASCII column read whole go, but those lookups compare, and reads them again once if asked', () => {
    // Past 64 blocks of 256 rows a column is read whole.
    const count = 20_000;
    const { rows, counted, sizeOf } = written(count);
    for (let row = 0; row < count; row++) {
      expect(rows.rowOf(fileOf(row))).toBe(row);
      expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
    }

    // The hashes and dates are ASCII: each is now one string, and its bytes went. A snapshot
    // written from these rows copies their bytes (textBytesAt): each column is read again, once.
    const read = [counted().textBytes];
    for (let pass = 0; pass < 2; pass++) {
      for (let row = 0; row < count; row++) {
        expect(rows.textBytesAt('hash', row).toString()).toBe(entryOf(row).hash);
        expect(rows.textBytesAt('date', row).toString()).toBe(entryOf(row).listed?.date);
      }
      read.push(counted().textBytes);
    }
    const [whole = 0, first = 0, second = 0] = read;
    expect(first - whole).toBeGreaterThanOrEqual(sizeOf('hash') + sizeOf('date'));
    expect(first - whole).toBeLessThan(2 * (sizeOf('hash') + sizeOf('date')));
    expect(second).toBe(first);
    // The files and ids, which lookups compare as bytes, kept theirs: not read again.
    const after = counted().textBytes;
    for (let row = 0; row < count; row++) {
      expect(rows.rowOf(fileOf(row))).toBe(row);
      expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
    }
    expect(counted().textBytes).toBe(after);
  });
});

describe('ColumnRows.releaseWholeColumns', () => {
  it('lets go of what a whole run read whole for its entries, and reads it right again when asked', () => {
    const count = 20_000;
    const { rows, readOf, sizeOf } = written(count);
    const pass = () => {
      for (let row = 0; row < count; row++) {
        expect(rows.rowOf(fileOf(row))).toBe(row);
        expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
        expect(rows.timeAt(row)).toEqual({ mtimeMs: row, size: 100 + row });
        expect(rows.neighboursAt(row)).toBeUndefined();
      }
    };
    // A whole run makes every entry: each column is read whole.
    pass();
    const released = ['relative', 'id', 'relative.table', 'title', 'newer', 'older', 'mtimeMs', 'size', 'neighbours'];
    // The slices the index and the lists read, and the ASCII strings the entries' are slices of.
    const kept = ['summary', 'terms', 'hash', 'date'];
    const before = { released: readOf(released), kept: readOf(kept), titles: readOf(['title']) };
    rows.releaseWholeColumns();
    // The same entries after: the released columns read again (the titles whole, once more at
    // most), the others not.
    pass();
    pass();
    expect(readOf(['title']) - before.titles).toBeGreaterThanOrEqual(sizeOf('title'));
    expect(readOf(['title']) - before.titles).toBeLessThan(2 * sizeOf('title') + 256 * 64 * 64);
    expect(readOf(released) - before.released).toBeGreaterThanOrEqual(
      ['relative', 'id', 'relative.table', 'title', 'mtimeMs', 'size'].reduce((sum, name) => sum + sizeOf(name), 0),
    );
    expect(readOf(kept)).toBe(before.kept);
  });
});

describe('ColumnRows.filesIn', () => {
  it("keeps each id's layoutHash, read without its id", () => {
    const { rows, counted } = written();
    const before = counted().textBytes;
    for (const n of [0, 7, 1_500, COUNT - 1])
      expect(rows.layoutHashAt(rows.rowOf(fileOf(n)))).toBe(layoutHash(entryOf(n).id));
    // Finding the rows reads their files; the hashes read no id.
    expect(counted().textBytes - before).toBeLessThan(4 * 4096);
    expect(rows.layoutHashAt(-1)).toBe(0);
  });

  it('reads the files of rows that lie together in one piece', () => {
    const { rows, counted } = written();
    const before = counted().calls;
    expect(rows.filesIn(0, 300)).toEqual(Array.from({ length: 300 }, (_, n) => fileOf(n)));
    expect(rows.filesIn(7, 9)).toEqual([fileOf(7), fileOf(8)]);
    expect(rows.filesIn(COUNT - 2, COUNT + 5)).toEqual([fileOf(COUNT - 2), fileOf(COUNT - 1)]);
    expect(rows.filesIn(5, 5)).toEqual([]);
    // Where the rows end, then their names: two reads each, not two a row.
    expect(counted().calls - before).toBe(6);
  });
});

describe('text columns', () => {
  it('reads rows that lie together a block at a time, and rows far apart alone', () => {
    const { rows, counted, textBytes } = written();
    // Rows far apart, as lookups of a few files ask: each alone.
    for (let row = 100; row < COUNT; row += 1_000) expect(rows.idAt(row)).toBe(entryOf(row).id);
    expect(counted().textBytes).toBeLessThan(12 * 64);
    // The newest 4,000, as a run of edits lays out a deep top again: blocks of 256 rows, two
    // reads each (where they end, then their text), no column whole.
    const before = counted().calls;
    for (let row = 0; row < 4_000; row++) {
      expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
      expect(rows.fileAt(row)).toBe(fileOf(row));
    }
    expect(counted().calls - before).toBeLessThan(7 * (16 * 3 + 20) + 5 * 16);
    expect(counted().textBytes).toBeLessThan(textBytes / 2);
  });
});

describe('RowValues', () => {
  it("reads the newest rows' numbers a block at a time, not each column whole", () => {
    const { rows, counted } = written();
    // A run of edits 300 places down: the entries of the newest 300 rows and of a few beside
    // an edit far down. Read a row at a time, past 64 rows each column was read whole.
    const asked = [...Array.from({ length: 300 }, (_, n) => n), 9_000, 9_001, 8_999];
    for (const row of asked) expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
    // Per column, the one block of 512 rows holding the newest 300 and the one around row 9,000.
    const numberBytes = 12_000 * (8 + 8 + 16 + 16 + 1);
    expect(counted().numberBytes).toBe(2 * 512 * (8 + 8 + 16 + 16 + 1));
    expect(counted().numberBytes).toBeLessThan(numberBytes / 5);
    // Still read whole once many blocks are asked for, and right everywhere.
    for (let row = 0; row < COUNT; row += 97) expect(rows.entry(row)).toEqual({ ...entryOf(row), warnings: [] });
    expect(counted().numberBytes).toBeLessThanOrEqual(numberBytes + 5 * 64 * 512 * 16);
  });

  it('reads any range right, within a block, across two and after the column is read whole', () => {
    const values = Float64Array.from({ length: 2 * 5_000 }, (_, n) => n * 1.5);
    const bytes = Buffer.from(values.buffer);
    const reads: number[] = [];
    const data = {
      length: bytes.length,
      read: (offset: number, length: number) => {
        reads.push(length);
        return Buffer.from(bytes.subarray(offset, offset + length));
      },
    };
    const column = new RowValues(data, 0, Float64Array, 2, 5_000, 4, 100);
    const check = (first: number, length: number) =>
      expect(Array.from(column.range(first, length))).toEqual(Array.from(values.subarray(first, first + length)));
    check(0, 2); // block 0
    check(198, 2); // the last row of block 0
    check(199, 2); // across blocks 0 and 1: read alone
    check(9_998, 2); // the last row: a short block
    expect(reads).toEqual([1_600, 16, 1_600]);
    check(4_000, 2);
    check(6_000, 2);
    check(2_000, 2); // a fifth block: the column whole
    expect(reads.at(-1)).toBe(bytes.length);
    check(198, 4);
    check(9_000, 10);
  });

  it("reads a row's value as at() does, in place once the column is read whole, and zero for no row", () => {
    const values = Float64Array.from({ length: 2 * 3_000 }, (_, n) => n * 1.5 - 7);
    const bytes = Buffer.from(values.buffer);
    let reads = 0;
    const data = {
      length: bytes.length,
      read: (offset: number, length: number) => {
        reads++;
        return Buffer.from(bytes.subarray(offset, offset + length));
      },
    };
    const byRows = new RowValues(data, 0, Float64Array, 2, 3_000, 4);
    const byBlocks = new RowValues(data, 0, Float64Array, 2, 3_000, 4, 100);
    for (const column of [byRows, byBlocks]) {
      for (const row of [-1, 0, 1, 150, 2_999, 3_000, ...Array.from({ length: 40 }, (_, n) => n * 73)])
        for (const index of [0, 1]) expect(column.valueAt(row, index)).toBe(column.at(row)[index] ?? 0);
    }
    const before = reads;
    for (let row = 0; row < 3_000; row++) expect(byRows.valueAt(row, 1)).toBe(values[row * 2 + 1]);
    expect(reads).toBe(before);
  });
});

describe('finding a file', () => {
  it('finds every file by its name, ASCII or not, before and after the lookups read their columns whole', () => {
    const { rows, counted } = written();
    // A few lookups first, each reading what it needs.
    for (const n of [3, 4, 11_999]) expect(rows.rowOf(fileOf(n))).toBe(n);
    rows.readForLookups();
    const read = counted().calls;
    for (let n = 0; n < COUNT; n++) expect(rows.rowOf(fileOf(n))).toBe(n);
    // Names that are not there: longer or shorter than one that is, one letter off, a name's
    // own bytes in another script, and the empty name.
    for (const name of [
      '2026/report-1.mdx',
      '2026/report-1.m',
      '2026/report-2.md',
      '2026/reporT-1.md',
      '2026/報道-0.md',
      '',
      '2026/报道-1.md',
    ])
      expect(rows.rowOf(name), name).toBe(-1);
    // Read whole, the lookups read nothing more.
    expect(counted().calls).toBe(read);
  });
});

describe('finding a file near a row', () => {
  it('takes the row it is told to try only when that row is the file', () => {
    const { rows } = written();
    rows.readForLookups();
    for (let n = 0; n < COUNT; n += 97) {
      const file = fileOf(n);
      expect(rows.rowOf(file, n)).toBe(n); // the row it is at
      for (const near of [n + 1, n - 1, 0, COUNT - 1, COUNT, COUNT + 5, -1]) expect(rows.rowOf(file, near)).toBe(n);
    }
    expect(rows.rowOf('2026/report-1.mdx', 1)).toBe(-1);
    expect(rows.rowOf('2026/report-1.m', 1)).toBe(-1);
    expect(rows.rowOf('2026/报道-0.mdx', 0)).toBe(-1);
    expect(rows.rowOf('2026/报道-0.m', 0)).toBe(-1);
  });

  it('never takes a name whose UTF-16 units are some other name’s UTF-8 bytes', () => {
    // '报' is E6 8A A5 in UTF-8: a name written with those three Latin-1 letters has the same
    // length and the same units as the bytes of row 0, and is not its name.
    const { rows } = written();
    rows.readForLookups();
    const disguised = Buffer.from(fileOf(0), 'utf8').toString('latin1');
    expect(disguised.length).toBe(Buffer.byteLength(fileOf(0)));
    expect(rows.rowOf(disguised, 0)).toBe(-1);
    expect(rows.rowOf(disguised)).toBe(-1);
  });
});
