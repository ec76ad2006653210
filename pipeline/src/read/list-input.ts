import fs from 'node:fs';
import path from 'node:path';
import { isArticleFile } from './article-files.ts';

/** An article file found in the input folder. */
export interface InputFile {
  /** Its path under the input folder, `/`-separated: how messages and the cache name it. */
  relative: string;
  /**
   * The file to read when it is not the input folder's real path joined with `relative`: the
   * target of a symbolic link, or a file in a folder reached through one (listedSource). Not
   * kept for every file: a million paths held through the listing were most of its garbage.
   */
  link?: string;
}

/** The real path of the input folder with a separator after it: `relative` goes after it. */
export const rootPrefix = (root: string): string => (root.endsWith(path.sep) ? root : `${root}${path.sep}`);

/** `relative` (`/`-separated, normalized by the listing) as this platform writes paths. */
export const nativePath =
  path.sep === '/' ? (relative: string) => relative : (relative: string) => relative.replaceAll('/', path.sep);

/** The file to read of a listed file: its link, or its path under `root` (the input folder's real path). */
export const listedSource = (root: string, file: InputFile): string =>
  file.link ?? rootPrefix(root) + nativePath(file.relative);

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
 * A name read from a folder (no separator in it) under the folder's real path: joined as it is,
 * without path.join's normalizing, whose strings were most of a million files' garbage.
 */
const joinName = (real: string, name: string) => (real.endsWith(path.sep) ? real + name : real + path.sep + name);

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
  // Folders still to read: their real path, how the input names them ('' for the root), and
  // whether the path is the root's joined with that name (no link on the way): its files then
  // need no path of their own (InputFile.link).
  const folders: { real: string; relative: string; plain: boolean }[] = [{ real: root, relative: '', plain: true }];

  while (folders.length > 0) {
    const { real, relative, plain } = folders.pop() as { real: string; relative: string; plain: boolean };
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
      // Joined as an array, which V8 makes one flat string: a concatenation is a pair of strings
      // until compared, then a pair and its flat copy (32 bytes a file more, held to the end).
      const child = relative ? [relative, name].join('/') : name;
      // Not joined with `real` for a file of a plain folder: its path is the root's and `child`.
      if (entry.isFile()) {
        if (isArticleFile(name))
          files.push(plain ? { relative: child } : { relative: child, link: joinName(real, name) });
        continue;
      }
      if (entry.isDirectory()) {
        const folder = joinName(real, name);
        // Reached again through a link to a folder above it: already read.
        if (entered.has(folder)) continue;
        entered.add(folder);
        folders.push({ real: folder, relative: child, plain });
        continue;
      }
      if (entry.isSymbolicLink()) {
        followLink(joinName(real, name), child);
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
        folders.push({ real: target, relative, plain: false });
      }
      return;
    }
    if (!isArticleFile(relative)) return;
    if (!stat.isFile())
      problems.push({ file: relative, message: 'skipped: links to something that is not a regular file' });
    else files.push({ relative, link: target });
  }
}
