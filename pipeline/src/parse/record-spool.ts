import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bytes of parsed articles kept in memory; the rest of a run's wait on disk. */
const IN_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * The JSON of the articles a run parsed, by task index, from the moment their worker hands
 * them over until they are written: all of them must wait, since an article's file carries
 * its neighbours, known only when every article is parsed. The first 64 MB stay in memory;
 * past that they wait in a temporary file, so that a cold build of a million articles holds
 * a bounded part of their 4 GB in memory. The file goes with `close`.
 */
export class RecordSpool {
  private readonly memory = new Map<number, Uint8Array>();
  private readonly onDisk = new Map<number, [offset: number, length: number]>();
  private held = 0;
  private folder: string | undefined;
  private fd: number | undefined;
  private written = 0;

  constructor(private readonly inMemoryBytes = IN_MEMORY_BYTES) {}

  put(index: number, bytes: Uint8Array): void {
    if (this.held + bytes.length <= this.inMemoryBytes) {
      this.memory.set(index, bytes);
      this.held += bytes.length;
      return;
    }
    if (this.fd === undefined) {
      this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'news-reader-spool-'));
      this.fd = fs.openSync(path.join(this.folder, 'articles'), 'w+');
    }
    fs.writeSync(this.fd, bytes, 0, bytes.length, this.written);
    this.onDisk.set(index, [this.written, bytes.length]);
    this.written += bytes.length;
  }

  get(index: number): Uint8Array {
    const inMemory = this.memory.get(index);
    if (inMemory) return inMemory;
    const place = this.onDisk.get(index);
    if (!place || this.fd === undefined) throw new Error(`no parsed article ${index} in the spool`);
    const bytes = Buffer.allocUnsafe(place[1]);
    fs.readSync(this.fd, bytes, 0, place[1], place[0]);
    return bytes;
  }

  /** Closes and removes the file; the spool is empty after. */
  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
    this.fd = undefined;
    this.folder = undefined;
    this.memory.clear();
    this.onDisk.clear();
  }
}
