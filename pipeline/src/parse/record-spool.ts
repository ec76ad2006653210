import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlockWriter } from '../cache/block-writer.ts';
import { FileBlocks } from '../cache/file-blocks.ts';
import { readAt } from '../output/read-text.ts';

/** Bytes of records kept in memory by default; the rest of a run's wait on disk. */
const IN_MEMORY_BYTES = 64 * 1024 * 1024;
/** Records on disk are read back a block at a time, and a few blocks are kept. */
const BLOCKS_KEPT = 16;

export interface SpoolOptions {
  /** Records are numbered 0…capacity - 1 (a run's task indexes). */
  capacity: number;
  inMemoryBytes?: number;
  /** What the error of a missing record calls one. */
  what?: string;
}

/**
 * Records of a run (bytes, by task index) from the moment a worker hands them over until the
 * run has used them: a parsed article's JSON waits for its neighbours, known only when every
 * article is parsed; its summary for the list pages; its search terms for the index. The first
 * `inMemoryBytes` stay in memory; past that they wait in a temporary file, so that a cold build
 * of a million articles holds a bounded part of their gigabytes in memory. Where each record is
 * lives in typed arrays, a few bytes an article. Records on disk start at 4-byte boundaries and
 * are read back through a small cache of aligned blocks (records read in about the order they
 * were written cost one read a block), so a record of u32s can be viewed in place. The file
 * goes with `close`.
 */
export class RecordSpool {
  private readonly memory = new Map<number, Uint8Array>();
  /** Byte offset in the file of each record on disk, or -1. */
  private readonly offsets: Float64Array;
  private readonly lengths: Int32Array;
  private readonly inMemoryBytes: number;
  private readonly what: string;
  private held = 0;
  private folder: string | undefined;
  private fd: number | undefined;
  private written = 0;
  private readonly blocks = new FileBlocks((offset, length, into) => {
    const bytes = into ?? Buffer.allocUnsafeSlow(length);
    return bytes.subarray(0, fs.readSync(this.fd as number, bytes, 0, length, offset));
  }, BLOCKS_KEPT);

  constructor({ capacity, inMemoryBytes = IN_MEMORY_BYTES, what = 'record' }: SpoolOptions) {
    this.offsets = new Float64Array(capacity).fill(-1);
    this.lengths = new Int32Array(capacity);
    this.inMemoryBytes = inMemoryBytes;
    this.what = what;
  }

  put(index: number, bytes: Uint8Array): void {
    if (index < 0 || index >= this.offsets.length) throw new Error(`${this.what} ${index} is outside the spool`);
    const before = this.memory.get(index);
    if (before) {
      this.memory.delete(index);
      this.held -= before.length;
    }
    this.offsets[index] = -1;
    this.lengths[index] = bytes.length;
    if (this.held + bytes.length <= this.inMemoryBytes) {
      this.memory.set(index, bytes);
      this.held += bytes.length;
      return;
    }
    if (this.fd === undefined) {
      this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'news-reader-spool-'));
      this.fd = fs.openSync(path.join(this.folder, 'records'), 'w+');
    }
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.written);
    this.offsets[index] = this.written;
    // The next record starts at a 4-byte boundary.
    this.written += (bytes.length + 3) & ~3;
  }

  has(index: number): boolean {
    return this.memory.has(index) || (this.offsets[index] ?? -1) >= 0;
  }

  /** The record's length in bytes, without reading it; -1 for none. */
  lengthOf(index: number): number {
    return this.has(index) ? (this.lengths[index] as number) : -1;
  }

  /** The record's bytes; a record read from disk is a view that stays valid. */
  get(index: number): Uint8Array {
    return (
      this.memory.get(index) ?? this.blocks.read(this.offsetOf(index), this.lengths[index] as number, this.written)
    );
  }

  /**
   * The record's bytes, valid until the next read of this spool (FileBlocks.readInPassing): for
   * a pass over every record that uses each before it asks for the next.
   */
  getInPassing(index: number): Uint8Array {
    return (
      this.memory.get(index) ??
      this.blocks.readInPassing(this.offsetOf(index), this.lengths[index] as number, this.written)
    );
  }

  /**
   * Where the record is, for a reader of the spool file on another thread (`file`): its bytes
   * when it is in memory, else its place in the file.
   */
  locate(index: number): Uint8Array | { offset: number; length: number } {
    return this.memory.get(index) ?? { offset: this.offsetOf(index), length: this.lengths[index] as number };
  }

  /**
   * Writes the records on disk again in the order of `indexes` (then those it does not name, as
   * they were), when they are far from it: a spool fills in the order files are listed, by name,
   * and is read in the articles' order, by date, several times over (the search index's passes,
   * the list pages, the stores). Out of order each is a read of its own (file-blocks.ts); in
   * order a read a megabyte. Spooled in about that order already or its reverse (a corpus named
   * by date), or with nothing on disk, it stays as it is. Returns whether it was written again.
   */
  putInOrder(indexes: ArrayLike<number>): boolean {
    const { fd, folder } = this;
    if (fd === undefined || folder === undefined) return false;
    let steps = 0;
    let back = 0;
    let last = -1;
    for (let k = 0; k < indexes.length; k++) {
      const offset = this.offsets[indexes[k] as number] ?? -1;
      if (offset < 0) continue;
      if (last >= 0) {
        steps++;
        if (offset < last) back++;
      }
      last = offset;
    }
    // Read forwards or backwards, a stream of reads takes a block at a time (file-blocks.ts).
    if (Math.min(back, steps - back) * 8 <= steps) return false;
    const file = path.join(folder, 'ordered');
    const writer = new BlockWriter(file, 0, { fresh: true });
    const moved = new Uint8Array(this.offsets.length);
    // The new places take effect once every record is written: a failure leaves the spool as it was.
    const placed = this.offsets.slice();
    let scratch = Buffer.allocUnsafeSlow(1 << 16);
    const move = (index: number) => {
      const offset = this.offsets[index] ?? -1;
      if (offset < 0 || moved[index] === 1) return;
      moved[index] = 1;
      const length = this.lengths[index] as number;
      if (length > scratch.length) scratch = Buffer.allocUnsafeSlow(length);
      placed[index] = writer.position;
      writer.write(readAt(fd, `the spool of ${this.what}s`, offset, length, scratch));
      writer.zeros(((length + 3) & ~3) - length); // the next record starts at a 4-byte boundary
    };
    try {
      for (let k = 0; k < indexes.length; k++) move(indexes[k] as number);
      for (let index = 0; index < this.offsets.length; index++) move(index);
    } finally {
      writer.close();
    }
    const records = path.join(folder, 'records');
    fs.closeSync(fd);
    fs.renameSync(file, records);
    this.offsets.set(placed);
    // Read from here on, and appended to by a record put again.
    this.fd = fs.openSync(records, 'r+');
    this.written = writer.position;
    this.blocks.clear();
    return true;
  }

  /** The file of the records not kept in memory, once there is one; it goes with `close`. */
  get file(): string | undefined {
    return this.folder && path.join(this.folder, 'records');
  }

  private offsetOf(index: number): number {
    const offset = this.offsets[index] ?? -1;
    if (offset < 0 || this.fd === undefined) throw new Error(`no ${this.what} ${index} in the spool`);
    return offset;
  }

  /** Closes and removes the file; the spool is empty after. */
  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.folder = undefined;
    this.memory.clear();
    this.blocks.clear();
    this.offsets.fill(-1);
  }
}
