/** Bytes a block holds: a file read by blocks is read a megabyte at a time. */
export const BLOCK_BYTES = 1 << 20;

/**
 * A file read back a block at a time, the last `kept` blocks kept (the most recently used last):
 * records read in about the order they were written cost one read a block, and a run that reads
 * a file of gigabytes holds `kept` megabytes of it. Blocks start at multiples of a megabyte, so a
 * record at a 4-byte boundary in the file is viewed at one in memory.
 */
export class FileBlocks {
  private readonly blocks = new Map<number, Buffer>();

  constructor(
    /**
     * Reads `length` bytes at `offset` (fewer at the end of the file) into memory of their own,
     * which starts at a 4-byte boundary (`Buffer.allocUnsafeSlow`, not the shared pool).
     */
    private readonly load: (offset: number, length: number) => Buffer,
    private readonly kept: number,
  ) {}

  /**
   * Bytes `offset` to `offset + length` of a file that now holds `fileBytes`: a view of their
   * block (it stays valid after the block leaves), or, when they cross a block boundary (or are
   * none), read on their own into memory of their own.
   */
  read(offset: number, length: number, fileBytes: number): Buffer {
    return this.range(offset, length, fileBytes) ?? this.load(offset, length);
  }

  /** The bytes as a view of their block; undefined when no one block holds them. */
  private range(offset: number, length: number, fileBytes: number): Buffer | undefined {
    const n = Math.floor(offset / BLOCK_BYTES);
    if (length === 0 || n !== Math.floor((offset + length - 1) / BLOCK_BYTES)) return undefined;
    const start = offset - n * BLOCK_BYTES;
    let block = this.blocks.get(n);
    this.blocks.delete(n);
    // A block read before the file grew past the range is read again.
    if (!block || block.length < start + length) {
      block = this.load(n * BLOCK_BYTES, Math.min(BLOCK_BYTES, fileBytes - n * BLOCK_BYTES));
      if (this.blocks.size >= this.kept) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    this.blocks.set(n, block);
    return block.subarray(start, start + length);
  }

  /** Bytes of the blocks kept. */
  get heldBytes(): number {
    let bytes = 0;
    for (const block of this.blocks.values()) bytes += block.length;
    return bytes;
  }

  clear(): void {
    this.blocks.clear();
  }
}
