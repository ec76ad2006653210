/** Bytes a block holds: a file read by blocks is read a megabyte at a time. */
export const BLOCK_BYTES = 1 << 20;

/** A block kept, and whether a lasting view of it was handed out (then its memory is never reused). */
interface Block {
  bytes: Buffer;
  lent: boolean;
}

/**
 * A file read back a block at a time, the last `kept` blocks kept (the most recently used last):
 * records read in about the order they were written cost one read a block, and a run that reads
 * a file of gigabytes holds `kept` megabytes of it. Records read out of that order are read
 * alone, a read each. Blocks start at multiples of a megabyte, so a
 * record at a 4-byte boundary in the file is viewed at one in memory.
 *
 * A block that only ever lent passing views (`readInPassing`) is read into again when it leaves,
 * instead of a new megabyte: a pass over a million search-term records read 1.3 GB through
 * blocks, and V8 frees a dropped block only at its next full collection, so up to 120 MB of them
 * lay dead at a time, the peak of a cold build of a million articles.
 */
export class FileBlocks {
  private readonly blocks = new Map<number, Block>();
  /** The memory of a block that left without lending a lasting view: the next block read goes there. */
  private spare: Buffer | undefined;
  /** The block of the last range asked for, read by block or alone (-1: none yet). */
  private recent = -1;

  constructor(
    /**
     * Reads `length` bytes at `offset` (fewer at the end of the file) into `into` when given (a
     * block's memory, BLOCK_BYTES long), else into memory of their own, which starts at a 4-byte
     * boundary (`Buffer.allocUnsafeSlow`, not the shared pool); returns the bytes read.
     */
    private readonly load: (offset: number, length: number, into?: Buffer) => Buffer,
    private readonly kept: number,
  ) {}

  /**
   * Bytes `offset` to `offset + length` of a file that now holds `fileBytes`: a view of their
   * block (it stays valid after the block leaves), or, when they cross a block boundary (or are
   * none), read on their own into memory of their own.
   */
  read(offset: number, length: number, fileBytes: number): Buffer {
    return this.range(offset, length, fileBytes, true) ?? this.load(offset, length);
  }

  /**
   * The same bytes, valid only until the next read of either kind: their block's memory may be
   * read into again after that. For readers that use each record before they ask for the next.
   */
  readInPassing(offset: number, length: number, fileBytes: number): Buffer {
    return this.range(offset, length, fileBytes, false) ?? this.load(offset, length);
  }

  /** The bytes as a view of their block; undefined when no one block holds them. */
  private range(offset: number, length: number, fileBytes: number, lasting: boolean): Buffer | undefined {
    const n = Math.floor(offset / BLOCK_BYTES);
    if (length === 0 || n !== Math.floor((offset + length - 1) / BLOCK_BYTES)) return undefined;
    const start = offset - n * BLOCK_BYTES;
    let block = this.blocks.get(n);
    // A block of a file larger than the blocks kept, carrying on from no recent read: the
    // records are read in another order than they were written (a spool of files taken in name
    // order, read in date order), and a megabyte read for each would be read again for each of
    // its others, which the kept blocks long forgot (254 s of a cold build of 100,000 articles
    // named by slug, 27 s named by date). The range is read alone. A range in the same block as
    // the last, or the one after or before, reads the block; so does any in a file that fits.
    if (!block && this.blocks.size > 0 && fileBytes > this.kept * BLOCK_BYTES && !this.followsOn(n)) {
      this.recent = n;
      return undefined;
    }
    this.recent = n;
    this.blocks.delete(n);
    // A block read before the file grew past the range is read again (into new memory: views
    // of the old bytes may still be in use).
    if (!block || block.bytes.length < start + length) {
      const spare = this.spare;
      this.spare = undefined;
      block = {
        bytes: this.load(n * BLOCK_BYTES, Math.min(BLOCK_BYTES, fileBytes - n * BLOCK_BYTES), spare),
        lent: false,
      };
      if (this.blocks.size >= this.kept) this.leave(this.blocks.keys().next().value as number);
    }
    block.lent ||= lasting;
    this.blocks.set(n, block);
    return block.bytes.subarray(start, start + length);
  }

  /**
   * Whether block `n` carries on from the last read: the same block, the next or the one before
   * (a store saved newest first is read oldest first for the search index). Not whether a block
   * beside it is kept: read out of order, a range finds one kept by chance, a third of the time
   * when 16 of a file's 50 blocks are (summaries of 100,000 articles for the list pages).
   */
  private followsOn(n: number): boolean {
    return Math.abs(n - this.recent) <= 1;
  }

  private leave(n: number): void {
    const block = this.blocks.get(n);
    this.blocks.delete(n);
    if (block && !block.lent && block.bytes.byteOffset === 0 && block.bytes.buffer.byteLength === BLOCK_BYTES) {
      this.spare = Buffer.from(block.bytes.buffer, 0, BLOCK_BYTES);
    }
  }

  /** Bytes of the blocks kept. */
  get heldBytes(): number {
    let bytes = 0;
    for (const block of this.blocks.values()) bytes += block.bytes.length;
    return bytes;
  }

  clear(): void {
    this.blocks.clear();
    this.spare = undefined;
    this.recent = -1;
  }
}
