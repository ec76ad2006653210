import { FileBlocks } from './file-blocks.ts';
import { KeptFile } from './kept-file.ts';

/** Past this many ranges of a file, or this share of its bytes, a reader reads it by blocks. */
const RANGES_BEFORE_BLOCKS = 1024;
const SHARE_BEFORE_BLOCKS = 1 / 16;
/**
 * Blocks kept: a run that reads much holds 16 MB, not the file. A pass in order needs the block it
 * is in; ranges out of order are read alone (file-blocks.ts), and a file this size or smaller (the
 * term dictionary and its index at a million articles) is kept whole once read.
 */
const BLOCKS_KEPT = 16;

/**
 * The valid part of a store file, read a range at a time: a publish reads the few records it
 * needs (the terms of an edited article, the summaries of the list files it writes), not the
 * 60 and 130 MB files of 100,000 articles. A run that needs many ranges (a full build of the
 * search index, a compaction) reads the file a megabyte at a time, keeping the last 16: at a
 * million articles the term and summary stores are 1.3 and 0.6 GB, which a whole run used to
 * hold at once.
 */
export class RangeReader {
  private readonly blocks = new FileBlocks((offset, length, into) => this.fileRange(offset, length, into), BLOCKS_KEPT);
  private byBlocks = false;
  private ranges = 0;
  private bytesRead = 0;

  private constructor(
    private readonly file: string,
    /** The valid bytes: ranges past them are refused. */
    readonly size: number,
    /** The file, open (none for an empty reader). */
    private readonly kept?: KeptFile,
    private readonly rangesBeforeBlocks = RANGES_BEFORE_BLOCKS,
  ) {}

  /**
   * The reader of `file`'s first `size` bytes, read by blocks past `rangesBeforeBlocks` ranges
   * (or a sixteenth of its bytes); undefined when the file is missing or shorter.
   */
  static open(file: string, size: number, rangesBeforeBlocks?: number): RangeReader | undefined {
    let kept: KeptFile;
    try {
      kept = new KeptFile(file);
    } catch {
      return undefined;
    }
    // The size checked is that of the file read after, even if another is renamed over its name.
    if (kept.size() >= size) return new RangeReader(file, size, kept, rangesBeforeBlocks);
    kept.close();
    return undefined;
  }

  /** Bytes of the blocks kept. */
  get heldBytes(): number {
    return this.blocks.heldBytes;
  }

  /**
   * Lets the blocks kept go (16 MB once a stage has read much): for a stage done with its reading,
   * so that what it read is not held through the stages after it. A later read reads again.
   */
  releaseBlocks(): void {
    this.blocks.clear();
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
    return this.range(offset, length, true);
  }

  /** The same bytes, valid until the next read of either kind (FileBlocks.readInPassing). */
  readInPassing(offset: number, length: number): Buffer {
    return this.range(offset, length, false);
  }

  private range(offset: number, length: number, lasting: boolean): Buffer {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new Error(`a range past the valid ${this.size} bytes of ${this.file}`);
    }
    if (length === 0) return Buffer.alloc(0);
    this.ranges++;
    this.bytesRead += length;
    if (this.ranges > this.rangesBeforeBlocks || this.bytesRead > this.size * SHARE_BEFORE_BLOCKS) this.byBlocks = true;
    // Before it reads by blocks, every range is read on its own (as one across blocks is after).
    if (!this.byBlocks) return this.fileRange(offset, length);
    return lasting ? this.blocks.read(offset, length, this.size) : this.blocks.readInPassing(offset, length, this.size);
  }

  private fileRange(offset: number, length: number, into?: Buffer): Buffer {
    if (!this.kept) throw new Error(`a range past the valid ${this.size} bytes of ${this.file}`);
    return this.kept.read(offset, length, into);
  }
}
