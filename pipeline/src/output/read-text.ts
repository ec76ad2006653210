import fs from 'node:fs';
import path from 'node:path';

/** A file's text, or undefined when it cannot be read (most often: it is not there). */
export function readText(file: string): string | undefined {
  return readBytes(file)?.toString('utf8');
}

/** A file's bytes, or undefined when it cannot be read (most often: it is not there). */
export function readBytes(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** `length` bytes of `file` from `offset`, in a buffer of their own or the start of `into`. */
export function readRange(file: string, offset: number, length: number, into?: Buffer): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    return readAt(fd, file, offset, length, into);
  } finally {
    fs.closeSync(fd);
  }
}

/** `length` bytes from `offset` of the file open as `fd` (named `file`), as `readRange` reads them. */
export function readAt(fd: number, file: string, offset: number, length: number, into?: Buffer): Buffer {
  if (into && into.length < length) throw new Error(`a read of ${length} bytes into a buffer of ${into.length}`);
  const buffer = into ? into.subarray(0, length) : Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const read = fs.readSync(fd, buffer, done, length - done, offset + done);
    if (read === 0) throw new Error(`${file} ended before byte ${offset + length}`);
    done += read;
  }
  return buffer;
}

/**
 * Replaces `file` whole: written beside its final name and renamed into place, so that a run that
 * dies leaves the file as it was, never half written.
 */
export function replaceFile(file: string, bytes: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, file);
}
