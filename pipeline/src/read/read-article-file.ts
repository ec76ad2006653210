import fs from 'node:fs';
import { ContentError } from './content-error.ts';
import { MAX_FILE_BYTES } from './input-limits.ts';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The bytes of one article file, never more than MAX_FILE_BYTES, and only from a regular
 * file: opened without blocking (a FIFO would wait forever) and without following a link
 * that appeared after the input was listed, then checked with fstat before any read.
 */
export function readArticleFile(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ContentError(code === 'ELOOP' ? 'skipped: it became a link while the build ran' : `unreadable (${code})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new ContentError('skipped: not a regular file');
    if (stat.size > MAX_FILE_BYTES) {
      throw new ContentError(
        `too large: ${megabytes(stat.size)} (an article file may have ${megabytes(MAX_FILE_BYTES)})`,
      );
    }
    // Read to the end, but never past the limit: the file may grow while it is read. Memory of
    // its own, not a slice of Node's shared pool: the main thread sends these bytes to a parse
    // worker (parse-pool.ts), and a view into the pool would take the pool's 8 KB along.
    let buffer = Buffer.allocUnsafeSlow(Math.min(stat.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) throw new ContentError(`too large: over ${megabytes(MAX_FILE_BYTES)}`);
        const bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A file's bytes, or what is wrong with it. */
export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * readArticleFile, with what is wrong as a value: the main thread reads files for the parse
 * workers (parse-pool.ts), and no file may throw there. An error of the disk itself is the
 * file's too: that file is skipped with it, as one a worker read would have been.
 */
export function tryReadArticleFile(file: string): FileRead {
  try {
    return { ok: true, bytes: readArticleFile(file) };
  } catch (error) {
    if (error instanceof ContentError) return { ok: false, error: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `unreadable (${code ?? (error instanceof Error ? error.message : String(error))})` };
  }
}
