import fs from 'node:fs';

/** A file's text, or undefined when it cannot be read (most often: it is not there). */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
