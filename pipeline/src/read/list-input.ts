import fs from 'node:fs';
import path from 'node:path';
import { isArticleFile } from './article-files.ts';

/** An article file found in the input folder. */
export interface InputFile {
  /** Its path under the input folder, `/`-separated: how messages and the cache name it. */
  relative: string;
  /** The file to read: the path itself, or the target of a symbolic link. */
  source: string;
}

/** A folder or link that was passed over, and why: one line each in the run's report. */
export interface ListingProblem {
  file: string;
  message: string;
}

export interface InputListing {
  files: InputFile[];
  problems: ListingProblem[];
}

export interface ListOptions {
  /** Follow symbolic links that lead outside the input folder (off: they are skipped). */
  followSymlinks?: boolean;
}

const describeCode = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return code === 'EACCES' || code === 'EPERM' ? `permission denied (${code})` : code;
};

/** Said of a link that leads outside the input folder. */
export const OUTSIDE_LINK = 'skipped: a link to outside the input folder (--follow-symlinks allows it)';

/** A name the listing passes over without reading it: hidden (`.git`, an editor's `.a.md.swp`) or `node_modules`. */
export const isPassedOver = (name: string) => name.startsWith('.') || name === 'node_modules';

/** Whether `target` (a real path) is `root` or inside it. */
export const isInside = (root: string, target: string) => target === root || target.startsWith(`${root}${path.sep}`);

/**
 * The article files under `inDir`, sorted, without ever stopping on one bad entry:
 * - hidden files and folders (`.git`) and `node_modules` are passed over without being read;
 * - a folder that cannot be read is skipped with a message;
 * - only regular files are articles: a FIFO, a device or a socket is reported and skipped;
 * - a symbolic link is followed when it leads inside the input folder; one that leads outside
 *   (a contributor's `outside.md → ../secret-draft.md`, `zero.md → /dev/zero`) is skipped
 *   unless `followSymlinks`, and a folder is never entered twice (no link loops).
 */
export function listInput(inDir: string, options: ListOptions = {}): InputListing {
  const root = fs.realpathSync(inDir);
  const files: InputFile[] = [];
  const problems: ListingProblem[] = [];
  const entered = new Set<string>([root]);
  // Folders still to read: their real path, and how the input names them ('' for the root).
  const folders: { real: string; relative: string }[] = [{ real: root, relative: '' }];

  while (folders.length > 0) {
    const { real, relative } = folders.pop() as { real: string; relative: string };
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(real, { withFileTypes: true });
    } catch (error) {
      problems.push({ file: relative || '.', message: `folder skipped: ${describeCode(error)}` });
      continue;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (isPassedOver(name)) continue;
      const child = relative ? `${relative}/${name}` : name;
      // A name read from a folder has no separator and `real` is a real path: joined as it is,
      // without path.join's normalizing, whose strings were most of a million files' garbage.
      const full = real.endsWith(path.sep) ? real + name : real + path.sep + name;
      if (entry.isDirectory()) {
        // Reached again through a link to a folder above it: already read.
        if (entered.has(full)) continue;
        entered.add(full);
        folders.push({ real: full, relative: child });
        continue;
      }
      if (entry.isFile()) {
        if (isArticleFile(name)) files.push({ relative: child, source: full });
        continue;
      }
      if (entry.isSymbolicLink()) {
        followLink(full, child);
        continue;
      }
      if (isArticleFile(name)) problems.push({ file: child, message: 'skipped: not a regular file' });
    }
  }
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, problems };

  function followLink(full: string, relative: string): void {
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(full);
      stat = fs.statSync(target);
    } catch (error) {
      if (isArticleFile(relative))
        problems.push({ file: relative, message: `broken link skipped (${describeCode(error)})` });
      return;
    }
    if (!isInside(root, target) && !options.followSymlinks) {
      if (stat.isDirectory() || isArticleFile(relative)) {
        problems.push({
          file: relative,
          message: OUTSIDE_LINK,
        });
      }
      return;
    }
    if (stat.isDirectory()) {
      if (!entered.has(target)) {
        entered.add(target);
        // Its files are named by the link's path, as the input shows them.
        folders.push({ real: target, relative });
      }
      return;
    }
    if (!isArticleFile(relative)) return;
    if (!stat.isFile())
      problems.push({ file: relative, message: 'skipped: links to something that is not a regular file' });
    else files.push({ relative, source: target });
  }
}
