import fs from 'node:fs';
import type { CacheEntry } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { ParseTask } from '../parse/parse-task.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { idForName } from './article-id.ts';
import { listChanged } from './list-changed.ts';

/** A file named with `--changed` that is parsed: one the previous build published, or a new one. */
export interface NamedFile {
  relative: string;
  id: string;
  /** Its entry in the previous build's cache; none for a new file. */
  cached?: CacheEntry;
  stat: { mtimeMs: number; size: number };
}

export interface EditPlan {
  /** The named files to parse, each with its task at the same place. */
  files: NamedFile[];
  tasks: ParseTask[];
  /** Named files that are gone: articles the previous build published. */
  deleted: { relative: string; cached: CacheEntry }[];
}

/** Past this many named files the whole run is as quick, and simpler to trust. */
export const EDIT_LIMIT = 64;

/** Whether the previous build published the file's article as a plain one: no draft, failure or asset folder. */
const plainArticle = (cached: CacheEntry) =>
  cached.listed !== undefined &&
  cached.error === undefined &&
  !cached.draft &&
  !cached.assets &&
  cached.terms !== undefined &&
  cached.listed.summary !== undefined &&
  cached.neighbours !== undefined;

/**
 * The files of a run that may publish only what they change (publish-edits.ts): every file
 * named with `--changed` is a plain article the previous build published (edited or gone), or a
 * new article file whose name is a free id. The run writes no entry pages, and no article has a
 * post asset folder. Undefined otherwise (a name to report, a draft, a failed file, a cache without
 * its stores): the whole run decides.
 * Only the named files are looked at.
 */
export function planEdits(settings: BuildSettings, previous: PreviousBuild): EditPlan | undefined {
  const { changed, inDir, followSymlinks } = settings;
  const cache = previous.cache;
  if (!changed || !cache || !previous.storedTerms || !previous.summariesLoaded) return undefined;
  // A whole run looks at every post asset folder's files (stage-assets.ts), named or not.
  if (cache.postAssets) return undefined;
  if (settings.pagesDir !== undefined || settings.searchTerms === false || settings.faults) return undefined;
  const named = listChanged(inDir, changed, { followSymlinks });
  if (named.problems.length > 0 || named.files.length + named.gone.length > EDIT_LIMIT) return undefined;
  const deleted: EditPlan['deleted'] = [];
  for (const relative of named.gone) {
    const cached = cache.entries[relative];
    if (!cached) continue; // never published: nothing to take away
    if (!plainArticle(cached)) return undefined;
    deleted.push({ relative, cached });
  }
  const root = fs.realpathSync(inDir);
  const files: NamedFile[] = [];
  const tasks: ParseTask[] = [];
  let takenIds: Set<string> | undefined;
  for (const { relative, source } of named.files) {
    const cached = cache.entries[relative];
    if (cached && !plainArticle(cached)) return undefined;
    let id = cached?.id;
    if (id === undefined) {
      // A new file takes its name as its id when no other file has that id (in any case).
      const stem = relative.slice(relative.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
      takenIds ??= new Set(Array.from(cache.files.keys(), (known) => known.toLowerCase()));
      if (idForName(stem) !== stem || takenIds.has(stem.toLowerCase())) return undefined;
      takenIds.add(stem.toLowerCase());
      id = stem;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(source);
    } catch {
      return undefined; // gone since it was listed: the whole run reports it
    }
    // As the cache knows it: not read again, as a whole run would not.
    if (cached && stat.mtimeMs === cached.mtimeMs && stat.size === cached.size) continue;
    const task: ParseTask = {
      index: files.length,
      file: source,
      relative,
      root,
      id,
      mtimeMs: stat.mtimeMs,
      timeZone: settings.timeZone,
    };
    if (cached) task.cachedHash = cached.hash;
    tasks.push(task);
    const file: NamedFile = { relative, id, stat: { mtimeMs: stat.mtimeMs, size: stat.size } };
    if (cached) file.cached = cached;
    files.push(file);
  }
  // Nothing named changed: the run still publishes (a new manifest and build id), writing nothing else.
  return { files, tasks, deleted };
}
