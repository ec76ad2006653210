import fs from 'node:fs';
import { readAt } from '../output/read-text.ts';

/** The files open now: closed when the run ends (closeKeptFiles). */
const open = new Set<KeptFile>();

/**
 * A cache file read a range at a time through one descriptor, kept open until the run ends
 * (`closeKeptFiles`): a run of edits reads thousands of small ranges of the snapshot and the
 * stores, and opening and closing the file for each cost more than the reads. It reads the file
 * it opened, even after a new one is renamed over the name (as a new snapshot is); once closed,
 * it opens the name again when asked.
 */
export class KeptFile {
  private fd: number | undefined;

  /** Opens `file` now (throws when it cannot be opened). */
  constructor(readonly file: string) {
    this.opened();
  }

  /** The size of the file it reads (not of whatever has its name now). */
  size(): number {
    return this.stat().size;
  }

  /** The file it reads as `stat` sees it (its inode, size and time of last change), not whatever has its name now. */
  stat(): fs.Stats {
    return fs.fstatSync(this.fd ?? this.opened());
  }

  /** `length` bytes from `offset`, in a buffer of their own or the start of `into` (readRange). */
  read(offset: number, length: number, into?: Buffer): Buffer {
    return readAt(this.fd ?? this.opened(), this.file, offset, length, into);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    open.delete(this);
  }

  private opened(): number {
    const fd = fs.openSync(this.file, 'r');
    this.fd = fd;
    open.add(this);
    return fd;
  }
}

/** Closes every kept file: a run's end (a watching process makes many runs). */
export function closeKeptFiles(): void {
  for (const file of open) file.close();
}
