import fs from 'node:fs';

/** Reads past this many ranges of a file, or this share of its bytes, read it whole instead. */
const RANGES_BEFORE_WHOLE = 1024;
const SHARE_BEFORE_WHOLE = 1 / 16;

/**
 * The valid part of a store file, read a range at a time: a publish reads the few records it
 * needs (the terms of an edited article, the summaries of the list files it writes), not the
 * 60 and 130 MB files of 100,000 articles. A run that needs many ranges (a full build of the
 * search index, a compaction) gets the whole file read once.
 */
export class RangeReader {
  private whole: Buffer | undefined;
  private ranges = 0;
  private bytesRead = 0;

  private constructor(
    private readonly file: string,
    /** The valid bytes: ranges past them are refused. */
    readonly size: number,
    private readonly rangesBeforeWhole = RANGES_BEFORE_WHOLE,
  ) {}

  /**
   * The reader of `file`'s first `size` bytes, read whole past `rangesBeforeWhole` ranges (or a
   * sixteenth of its bytes); undefined when the file is missing or shorter.
   */
  static open(file: string, size: number, rangesBeforeWhole?: number): RangeReader | undefined {
    try {
      return fs.statSync(file).size >= size ? new RangeReader(file, size, rangesBeforeWhole) : undefined;
    } catch {
      return undefined;
    }
  }

  /** An empty reader, of a store that has nothing yet. */
  static empty(): RangeReader {
    const reader = new RangeReader('', 0);
    reader.whole = Buffer.alloc(0);
    return reader;
  }

  /** Bytes `offset` to `offset + length`, in a buffer of their own that starts at a 4-byte boundary. */
  read(offset: number, length: number): Buffer {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new Error(`a range past the valid ${this.size} bytes of ${this.file}`);
    }
    this.ranges++;
    this.bytesRead += length;
    if (!this.whole && (this.ranges > this.rangesBeforeWhole || this.bytesRead > this.size * SHARE_BEFORE_WHOLE)) {
      this.all();
    }
    if (this.whole) return this.whole.subarray(offset, offset + length);
    const bytes = Buffer.alloc(length);
    const fd = fs.openSync(this.file, 'r');
    try {
      let at = 0;
      while (at < length) {
        const got = fs.readSync(fd, bytes, at, length - at, offset + at);
        if (got === 0) throw new Error(`${this.file} ended before its valid ${this.size} bytes`);
        at += got;
      }
    } finally {
      fs.closeSync(fd);
    }
    return bytes;
  }

  /** The whole valid part, read once; it starts at a 4-byte boundary. */
  all(): Buffer {
    if (!this.whole) {
      const bytes = fs.readFileSync(this.file).subarray(0, this.size);
      this.whole = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
    }
    return this.whole;
  }
}
