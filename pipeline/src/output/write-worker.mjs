import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

// Writes the files of each batch the run sends (file-writer.ts), one after another on this
// thread, and answers each batch with its size, and with the first failure: after one here or
// on another writing thread (a shared flag), nothing more is written. A file's bytes are in the
// batch, or a record of the run's spool file, read here; a file with a tail has its last byte
// (an article's closing brace) give way to the tail.
// Plain JavaScript with no imports of ours: the same file serves the compiled pipeline and the
// TypeScript one (tests), which would otherwise need a loader in the worker.
const { spoolFile, stop } = workerData;
// Tests' handle on a full disk here, as fault-point.ts is on a killed run: with
// NEWS_PIPELINE_FULL_AT=N the Nth file the writing threads start, counted together in the shared
// array (slot 1), fails as a full disk fails.
const fullAt = Number(/^(\d+)$/.exec(process.env.NEWS_PIPELINE_FULL_AT ?? '')?.[1] ?? 0);
let spool;
let scratch = Buffer.allocUnsafe(1 << 16);
let failure;

const room = (bytes) => {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(Math.max(bytes, scratch.length * 2));
};

function readSpooled(offset, length) {
  spool ??= fs.openSync(spoolFile, 'r');
  for (let at = 0; at < length;) {
    const read = fs.readSync(spool, scratch, at, length - at, offset + at);
    if (read === 0) throw new Error(`the run's spool ends before a record it holds (at ${offset + at})`);
    at += read;
  }
  return scratch.subarray(0, length);
}

function writeOne(batch, memory, i) {
  if (fullAt > 0 && Atomics.add(stop, 1, 1) + 1 === fullAt) {
    const path = batch.files[i];
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
      path,
    });
  }
  const length = batch.lengths[i];
  const tail = batch.tails[i];
  room(length + Buffer.byteLength(tail));
  const bytes = batch.spooled[i]
    ? readSpooled(batch.from[i], length)
    : memory.subarray(batch.from[i], batch.from[i] + length);
  if (!tail) return fs.writeFileSync(batch.files[i], bytes);
  if (bytes.buffer !== scratch.buffer) bytes.copy(scratch, 0, 0, length - 1);
  const end = length - 1 + scratch.write(tail, length - 1);
  fs.writeFileSync(batch.files[i], scratch.subarray(0, end));
}

parentPort.on('message', (batch) => {
  if (batch.end) {
    if (spool !== undefined) fs.closeSync(spool);
    parentPort.postMessage({ ended: true });
    parentPort.close();
    return;
  }
  if (!failure) {
    const memory = Buffer.from(batch.memory);
    // Another thread's failure stops this one too, before its next file.
    for (let i = 0; i < batch.files.length && !failure && Atomics.load(stop, 0) === 0; i++) {
      try {
        writeOne(batch, memory, i);
      } catch (error) {
        const { message, code, errno, syscall, path } = error;
        failure = { message: String(message), code, errno, syscall, path };
        Atomics.store(stop, 0, 1);
      }
    }
  }
  parentPort.postMessage({ bytes: batch.bytes, failure });
});
