import fs from 'node:fs';
import path from 'node:path';

/** Writes each file of `files` (a path relative to `folder`, and its text), making its folders. */
export function putFiles(folder: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
}
