import fs from 'node:fs';
import path from 'node:path';
import { isArticleFile } from './article-files.ts';
import {
  type InputFile,
  isInside,
  isPassedOver,
  type ListingProblem,
  type ListOptions,
  OUTSIDE_LINK,
} from './list-input.ts';

export interface ChangedListing {
  /** Named files that are article files now. */
  files: InputFile[];
  /** Named files that are gone. */
  gone: string[];
  problems: ListingProblem[];
  /** Named paths that are not article files (a post asset folder's image, a config file), passed over. */
  others: string[];
}

/**
 * The article files among `relatives` (paths under the input folder, as `--changed` names
 * them: changed, added or deleted), held to the rules a full listing applies (list-input.ts):
 * nothing hidden, nothing outside the folder, links followed only inside it unless
 * `followSymlinks`, only regular files. A name that is not an article file is passed over.
 */
export function listChanged(inDir: string, relatives: readonly string[], options: ListOptions = {}): ChangedListing {
  const root = fs.realpathSync(inDir);
  const files: InputFile[] = [];
  const gone: string[] = [];
  const problems: ListingProblem[] = [];
  const others: string[] = [];
  for (const relative of new Set(relatives.map((name) => name.trim().replaceAll('\\', '/')))) {
    if (relative === '') continue;
    if (!isArticleFile(relative)) {
      others.push(relative);
      continue;
    }
    const segments = relative.split('/');
    if (
      path.isAbsolute(relative) ||
      segments.some((segment) => segment === '' || segment === '..' || isPassedOver(segment))
    ) {
      problems.push({ file: relative, message: '--changed names a path that is not an article of the input folder' });
      continue;
    }
    const full = path.join(root, ...segments);
    let stat: fs.Stats;
    let source = full;
    try {
      stat = fs.lstatSync(full);
      if (stat.isSymbolicLink()) {
        source = fs.realpathSync(full);
        stat = fs.statSync(source);
        if (!isInside(root, source) && !options.followSymlinks) {
          problems.push({ file: relative, message: OUTSIDE_LINK });
          continue;
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') gone.push(relative);
      else problems.push({ file: relative, message: `unreadable (${code ?? 'error'})` });
      continue;
    }
    // A folder's real path must be inside too: `a/b.md` where `a` links elsewhere.
    if (!options.followSymlinks && !isInside(root, fs.realpathSync(path.dirname(source)))) {
      problems.push({ file: relative, message: OUTSIDE_LINK });
      continue;
    }
    if (!stat.isFile()) problems.push({ file: relative, message: 'skipped: not a regular file' });
    else files.push(source === full ? { relative } : { relative, link: source });
  }
  return { files, gone, problems, others };
}
