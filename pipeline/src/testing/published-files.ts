import fs from 'node:fs';
import path from 'node:path';

/**
 * Every file of a built output with its text, for comparing two builds; the run's
 * `.build-id` is left out. `normalize` drops what may differ between them (undefined
 * leaves the file out).
 */
export function publishedFiles(
  folder: string,
  normalize: (file: string, text: string) => string | undefined,
): Record<string, string> {
  const files: Record<string, string> = {};
  const names = fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== '.build-id')
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
  for (const file of names) {
    const text = normalize(file, fs.readFileSync(path.join(folder, file), 'utf8'));
    if (text !== undefined) files[file] = text;
  }
  return files;
}
