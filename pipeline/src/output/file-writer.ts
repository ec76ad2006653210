import { Worker } from 'node:worker_threads';

// Beside this module in the compiled pipeline (an entry of its own there) as in the sources; a
// name the bundler leaves alone, as it leaves the parse worker's.
const WORKER = ['.', 'write-worker.mjs'].join('/');

/** Files a batch holds before it is sent to the thread. */
const BATCH_FILES = 256;
/** Bytes queued and not yet written past which `write` waits: a million articles' neighbours are 200 MB. */
const WINDOW_BYTES = 32 * 1024 * 1024;

/**
 * Threads writing at once. One was the last to finish at a million articles: 1,000,000 files at
 * 0.1 ms of system calls each, one after another, took longer than the thread pool had (400 →
 * 435 s); two share the two cores with this thread, which builds the index meanwhile.
 */
const WRITER_THREADS = 2;

/** A record of the run's spool file (record-spool.ts): where it is. */
export interface SpooledRecord {
  offset: number;
  length: number;
}

interface Batch {
  files: string[];
  tails: string[];
  from: number[];
  lengths: number[];
  spooled: number[];
  parts: Uint8Array[];
  memoryBytes: number;
  bytes: number;
}

interface Failure {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

type Reply = { bytes: number; failure?: Failure } | { ended: true };

const newBatch = (): Batch => ({
  files: [],
  tails: [],
  from: [],
  lengths: [],
  spooled: [],
  parts: [],
  memoryBytes: 0,
  bytes: 0,
});

/**
 * Writes files on threads of their own (WRITER_THREADS), each writing its batches one file after
 * another, from what this thread queues: a file's bytes, or a record of the run's spool (read
 * there) whose closing brace gives way to a tail (an article's neighbours). A whole run used to
 * write each article through `fs.promises.writeFile` from this thread: 50 µs of this thread's
 * time a file for the promise, the file handle and the thread pool's request (a second of
 * 20,000 seed-shaped articles), and the writes stood still whenever this thread built the search
 * index. Queuing one costs a few µs; the system calls run beside this thread's work. A thread
 * takes a few tens of ms to start, so a run of edits, writing a handful of files, keeps the
 * thread pool (decision 0023).
 */
export class FileWriter {
  private readonly threads: Worker[];
  /**
   * Shared with the threads: slot 0 is set by the thread whose write fails, and every thread
   * stops before its next file; slot 1 counts the files begun, for NEWS_PIPELINE_FULL_AT.
   */
  private readonly stop = new Int32Array(new SharedArrayBuffer(8));
  private batch = newBatch();
  private sent = 0;
  /** Bytes sent and not yet answered for. */
  private queued = 0;
  private failure: Error | undefined;
  private resume: (() => void) | undefined;
  private readonly ended: Promise<void>;

  /** `spoolFile`: the run's record spool's file, when records are read from it. */
  constructor(spoolFile?: string, threads = WRITER_THREADS) {
    this.threads = Array.from(
      { length: threads },
      () => new Worker(new URL(WORKER, import.meta.url), { workerData: { spoolFile, stop: this.stop } }),
    );
    this.ended = Promise.all(this.threads.map((thread) => this.watch(thread))).then(() => undefined);
  }

  /** Resolves once `thread` has written everything and closed what it opened, or has died. */
  private watch(thread: Worker): Promise<void> {
    return new Promise<void>((resolve) => {
      let done = false;
      thread.on('message', (reply: Reply) => {
        if ('ended' in reply) {
          done = true;
          return resolve();
        }
        this.queued -= reply.bytes;
        if (reply.failure && !this.failure)
          this.failure = Object.assign(new Error(reply.failure.message), reply.failure);
        this.wake();
      });
      thread.once('error', (error) => {
        this.failure ??= error;
        Atomics.store(this.stop, 0, 1);
        this.wake();
        resolve();
      });
      thread.once('exit', () => {
        if (!done) {
          this.failure ??= new Error('a thread writing the output ended before it was done');
          Atomics.store(this.stop, 0, 1);
        }
        this.wake();
        resolve();
      });
    });
  }

  /**
   * Queues `file`: `record`'s bytes, its last byte given way to `tail` when there is one.
   * Returns nothing, at once, unless much is queued: then a promise that resolves once the
   * thread has caught up (a loop that queues thousands runs through without yielding, so the
   * thread has them before this one turns to other work). Once a write has failed, a rejected
   * promise: nothing queued after a failure is written.
   */
  write(file: string, record: Uint8Array | SpooledRecord, tail = ''): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    const { batch } = this;
    batch.files.push(file);
    batch.tails.push(tail);
    // Names and tails are cloned as UTF-16; records in memory are copied into the batch.
    let bytes = 2 * (file.length + tail.length) + 16;
    if (record instanceof Uint8Array) {
      batch.from.push(batch.memoryBytes);
      batch.lengths.push(record.length);
      batch.spooled.push(0);
      batch.parts.push(record);
      batch.memoryBytes += record.length;
      bytes += record.length;
    } else {
      batch.from.push(record.offset);
      batch.lengths.push(record.length);
      batch.spooled.push(1);
    }
    batch.bytes += bytes;
    if (batch.files.length >= BATCH_FILES || batch.bytes >= WINDOW_BYTES / 4) this.send();
    return this.queued > WINDOW_BYTES ? this.caughtUp() : undefined;
  }

  /** Writes what is queued and ends the thread; rejects with the first failure, once nothing is being written. */
  async close(): Promise<void> {
    if (!this.failure) this.send();
    for (const thread of this.threads) thread.postMessage({ end: true });
    await this.ended;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
    if (this.failure) throw this.failure;
  }

  private send(): void {
    const { batch } = this;
    if (batch.files.length === 0) return;
    // One buffer of its own for the records in memory, moved to the thread, not cloned (never a
    // slice of Node's shared pool, which moving would take from every other buffer on it).
    const memory = new Uint8Array(new ArrayBuffer(batch.memoryBytes));
    let at = 0;
    for (const part of batch.parts) {
      memory.set(part, at);
      at += part.length;
    }
    const message = {
      files: batch.files,
      tails: batch.tails,
      from: Float64Array.from(batch.from),
      lengths: Float64Array.from(batch.lengths),
      spooled: Uint8Array.from(batch.spooled),
      memory: memory.buffer,
      bytes: batch.bytes,
    };
    // Batches take turns among the threads: on two cores the file system's work runs on both.
    const thread = this.threads[this.sent++ % this.threads.length] as Worker;
    thread.postMessage(message, [memory.buffer, message.from.buffer, message.lengths.buffer, message.spooled.buffer]);
    this.queued += batch.bytes;
    this.batch = newBatch();
  }

  private async caughtUp(): Promise<void> {
    while (this.queued > WINDOW_BYTES && !this.failure) {
      await new Promise<void>((resolve) => (this.resume = resolve));
    }
    if (this.failure) throw this.failure;
  }

  private wake(): void {
    const resume = this.resume;
    this.resume = undefined;
    resume?.();
  }
}
