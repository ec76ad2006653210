import fs from 'node:fs';
import type { CacheEntry } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { ParseTask } from '../parse/parse-task.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { listChanged } from './list-changed.ts';

/** A file named with `--changed` that the previous build published, and is still there. */
export interface EditedFile {
  relative: string;
  /** Its entry in the previous build's cache. */
  cached: CacheEntry;
  stat: { mtimeMs: number; size: number };
}

export interface EditPlan {
  files: EditedFile[];
  /** One task per edited file, by its place in `files`. */
  tasks: ParseTask[];
}

/** Past this many named files the whole run is as quick, and simpler to trust. */
export const EDIT_LIMIT = 64;

/**
 * The files of a run that may only edit articles in place (publish-edits.ts): every file named
 * with `--changed` is one the previous build published and is still an article file, none has
 * a post asset folder, and the run writes no entry pages. Undefined otherwise: a file added or
 * deleted, a name to report, a draft or a failed file, a cache without its stores — the whole
 * run then decides. Only the named files are looked at.
 */
export function planEdits(settings: BuildSettings, previous: PreviousBuild): EditPlan | undefined {
  const { changed, inDir, followSymlinks } = settings;
  const cache = previous.cache;
  if (!changed || !cache || !previous.storedTerms || !previous.summariesLoaded) return undefined;
  if (settings.pagesDir !== undefined || settings.searchTerms === false || settings.faults) return undefined;
  const named = listChanged(inDir, changed, { followSymlinks });
  if (named.gone.length > 0 || named.problems.length > 0 || named.files.length > EDIT_LIMIT) return undefined;
  const root = fs.realpathSync(inDir);
  const files: EditedFile[] = [];
  const tasks: ParseTask[] = [];
  for (const { relative, source } of named.files) {
    const cached = cache.entries[relative];
    const published = cached?.listed && cached.error === undefined && !cached.draft && !cached.assets;
    if (!cached || !published || !cached.terms || !cached.listed?.summary || !cached.neighbours) return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch {
      return undefined; // gone since it was listed: the whole run reports it
    }
    // As the cache knows it: not read again, as a whole run would not.
    if (stat.mtimeMs === cached.mtimeMs && stat.size === cached.size) continue;
    tasks.push({
      index: files.length,
      file: source,
      relative,
      root,
      id: cached.id,
      mtimeMs: stat.mtimeMs,
      timeZone: settings.timeZone,
      cachedHash: cached.hash,
    });
    files.push({ relative, cached, stat: { mtimeMs: stat.mtimeMs, size: stat.size } });
  }
  return files.length > 0 ? { files, tasks } : undefined;
}
