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
