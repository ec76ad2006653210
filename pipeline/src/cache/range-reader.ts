import fs from 'node:fs';

/** Past this many ranges of a file, or this share of its bytes, a reader reads it by blocks. */
const RANGES_BEFORE_BLOCKS = 1024;
const SHARE_BEFORE_BLOCKS = 1 / 16;
/** Blocks read at once, and how many are kept: a run that reads much holds 64 MB, not the file. */
const BLOCK_BYTES = 1 << 20;
const BLOCKS_KEPT = 64;

/**
 * The valid part of a store file, read a range at a time: a publish reads the few records it
 * needs (the terms of an edited article, the summaries of the list files it writes), not the
 * 60 and 130 MB files of 100,000 articles. A run that needs many ranges (a full build of the
 * search index, a compaction) reads the file a megabyte at a time, keeping the last 64: at a
 * million articles the term and summary stores are 1.3 and 0.6 GB, which a whole run used to
 * hold at once.
 */
export class RangeReader {
  private readonly blocks = new Map<number, Buffer>();
  private byBlocks = false;
  private ranges = 0;
  private bytesRead = 0;

  private constructor(
    private readonly file: string,
    /** The valid bytes: ranges past them are refused. */
    readonly size: number,
    private readonly rangesBeforeBlocks = RANGES_BEFORE_BLOCKS,
  ) {}

  /**
   * The reader of `file`'s first `size` bytes, read by blocks past `rangesBeforeBlocks` ranges
   * (or a sixteenth of its bytes); undefined when the file is missing or shorter.
   */
  static open(file: string, size: number, rangesBeforeBlocks?: number): RangeReader | undefined {
    try {
      return fs.statSync(file).size >= size ? new RangeReader(file, size, rangesBeforeBlocks) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Bytes of the blocks kept. */
  get heldBytes(): number {
    let bytes = 0;
    for (const block of this.blocks.values()) bytes += block.length;
    return bytes;
  }

  /** An empty reader, of a store that has nothing yet. */
  static empty(): RangeReader {
    return new RangeReader('', 0);
  }

  /**
   * Bytes `offset` to `offset + length`, in a buffer that starts at a 4-byte boundary (a view of
   * a block, which stays valid, or memory of its own).
   */
  read(offset: number, length: number): Buffer {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new Error(`a range past the valid ${this.size} bytes of ${this.file}`);
    }
    if (length === 0) return Buffer.alloc(0);
    this.ranges++;
    this.bytesRead += length;
    if (this.ranges > this.rangesBeforeBlocks || this.bytesRead > this.size * SHARE_BEFORE_BLOCKS) this.byBlocks = true;
    const first = Math.floor(offset / BLOCK_BYTES);
    if (this.byBlocks && first === Math.floor((offset + length - 1) / BLOCK_BYTES)) {
      const start = offset - first * BLOCK_BYTES;
      return this.block(first).subarray(start, start + length);
    }
    // A range across blocks is read on its own, as every range is before the reader reads by blocks.
    return this.readAt(offset, Buffer.alloc(length));
  }

  /** Block `n`, from those kept (the most recently used last) or read now. */
  private block(n: number): Buffer {
    let block = this.blocks.get(n);
    if (block) this.blocks.delete(n);
    else {
      const length = Math.min(BLOCK_BYTES, this.size - n * BLOCK_BYTES);
      block = this.readAt(n * BLOCK_BYTES, Buffer.allocUnsafeSlow(length));
      if (this.blocks.size >= BLOCKS_KEPT) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    this.blocks.set(n, block);
    return block;
  }

  /** Fills `into` from the file at `offset`. */
  private readAt(offset: number, into: Buffer): Buffer {
    const fd = fs.openSync(this.file, 'r');
    try {
      let at = 0;
      while (at < into.length) {
        const got = fs.readSync(fd, into, at, into.length - at, offset + at);
        if (got === 0) throw new Error(`${this.file} ended before its valid ${this.size} bytes`);
        at += got;
      }
    } finally {
      fs.closeSync(fd);
    }
    return into;
  }
}
