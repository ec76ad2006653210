import fs from 'node:fs';
import type { EntryTable } from '../cache/entry-table.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { Problem } from '../report.ts';
import { assignIds, isOwnName } from './article-id.ts';
import { InputFileList } from './input-file-list.ts';
import { listChanged } from './list-changed.ts';
import {
  type InputFile as ListedFile,
  type InputListing,
  listedSource,
  listInput,
  nativePath,
  rootPrefix,
} from './list-input.ts';
import { bootStatHelper, startStats, statFiles } from './stat-files.ts';

/** An article file found in the input, with its id and its state on disk. */
export interface InputFile {
  /** `/`-separated under the input folder: the file's name in messages and in the cache. */
  relative: string;
  /**
   * Its path when that is not the input folder's (`root`) joined with `relative`: a file reached
   * through a link. Read it with sourceOf. Not kept for every file: a million paths are 90 MB.
   */
  link?: string;
  id: string;
  /** What decides whether it is read again: as on disk, or as the cache knows it (`--changed`). */
  mtimeMs: number;
  size: number;
}

export interface InputFiles {
  /** The input folder's real path: post asset folders are looked up under it. */
  root: string;
  files: InputFileList;
  /** Article files found, readable or not. */
  found: number;
  /** What listing and identifying the files found wrong. */
  problems: Problem[];
  /** Files the listing could not read: each counts as skipped. */
  unreadable: number;
  /**
   * Each file's row in the previous build's snapshot (-1: none), at its place in `files`, when
   * identifying the files looked them up: planning the parse reads its stamp there without
   * looking the file up again (0.6 s at a million files).
   */
  cacheRows?: Int32Array;
}

/**
 * Lists the input's article files and gives each its id (kept from the previous build where
 * there was one). Synchronous on purpose: 20,000 promise round trips cost more than the stat
 * calls. With `--changed` and a cache of the published output, only the named files are
 * looked at: the others are as the cache knows them, so no folder is read and nothing is
 * stat'ed but what changed (at 100,000 articles, the sweep took 0.7 s of an incremental run).
 */
export function readInput(settings: BuildSettings, previous: PreviousBuild): InputFiles {
  const { inDir, followSymlinks, changed } = settings;
  const root = fs.realpathSync(inDir);
  // With --changed, the files the cache knows are taken as it knows them, read from its rows.
  const known = changed && previous.cache?.table;
  // Without --changed every file is stat'ed, by this thread and a helper when there are many:
  // the helper starts now, beside the listing, when the previous build had many.
  const booted = known ? undefined : bootStatHelper(previous.cache?.table.size ?? 0);
  let listing: InputListing & { fresh?: Set<string> };
  try {
    listing = known ? changedListing(root, changed, known, followSymlinks) : listInput(inDir, { followSymlinks });
  } catch (error) {
    void booted?.terminate();
    throw error;
  }
  const problems: Problem[] = listing.problems.map(({ file, message }) => ({
    file,
    // A passed-over folder may hold articles, but it is not a file that was skipped.
    level: message.startsWith('folder skipped') ? 'warning' : 'error',
    message,
  }));
  const unreadable = problems.filter((problem) => problem.level === 'error').length;
  // The helper stats them while this thread finds each file in the cache (1.7 s of a run at a
  // million files).
  const prefix = rootPrefix(root);
  // Each file by its path under the root (nearly all) or its link: no whole path a file.
  const statName = (file: ListedFile) => file.link ?? nativePath(file.relative);
  const sweep = known ? undefined : startStats(listing.files.map(statName), { booted, under: prefix });
  const { ids, warnings, rows } = identify(listing.files, previous);
  // With --changed, each file as the cache knows it (none for a named file), read once.
  const stamps =
    known &&
    listing.files.map(({ relative }, place) =>
      listing.fresh?.has(relative) ? undefined : known.stamp(relative, rows?.[place]),
    );
  // The files the cache does not know as they are, stat'ed together (two threads when many).
  const stats = sweep
    ? sweep.finish()
    : statFiles(
        listing.files.flatMap((file, place) => (stamps?.[place] ? [] : [statName(file)])),
        { under: prefix },
      );
  const files = new InputFileList(listing.files.length);
  const cacheRows = rows && new Int32Array(listing.files.length);
  let statted = 0;
  listing.files.forEach(({ relative, link: linked }, place) => {
    const warning = warnings?.get(place);
    if (warning) problems.push({ file: relative, level: 'warning', message: warning });
    const cached = stamps?.[place];
    const id = ids[place] as string;
    if (cacheRows) cacheRows[files.length] = rows[place] as number;
    if (cached) {
      files.add(relative, linked, id, cached.mtimeMs, cached.size);
      return;
    }
    const n = statted++;
    const code = stats.errors.get(n);
    if (code !== undefined) problems.push({ file: relative, level: 'error', message: `unreadable (${code})` });
    else files.add(relative, linked, id, stats.mtimeMs[n] as number, stats.size[n] as number);
  });
  const input: InputFiles = { root, files, found: listing.files.length, problems, unreadable };
  if (cacheRows) input.cacheRows = cacheRows.subarray(0, files.length);
  return input;
}

/** The path of an input file. */
export const sourceOf = (input: Pick<InputFiles, 'root'>, file: Pick<InputFile, 'relative' | 'link'>): string =>
  listedSource(input.root, file);

/** Files new to the cache past which every id is assigned again (assignIds) rather than theirs alone. */
const NEW_FILES_ALONE = 1000;

/** Each listed file's id, at its place in the listing, and what was said of the ids. */
interface Identified {
  ids: string[];
  /** By place: a file published under an id that is not its name, and why. */
  warnings?: Map<number, string>;
  /** Each file's row in the previous build's snapshot (-1: none), when it was looked up. */
  rows?: Int32Array;
}

/**
 * Each file's id. When every file the cache knows kept its own name as its id (as in nearly
 * every archive) and the new files' ids clash with none, each known file's id is read from the
 * cache and only the new files are given ids: at a million files, assigning every id again
 * took 4.5 s of a run. Otherwise every file goes through assignIds.
 */
function identify(files: readonly ListedFile[], previous: PreviousBuild): Identified {
  const table = previous.cache?.table;
  if (!table?.ownNames) return everyId(files, previous);
  // In the listing's order, as assignIds gives them; a new file's place waits for its id.
  const ids: string[] = [];
  const fresh: ListedFile[] = [];
  const freshPlaces: number[] = [];
  // Each file's row, kept for planning the parse (InputFiles.cacheRows).
  const rows = new Int32Array(files.length);
  table.readForLookups();
  // The listing's order is the snapshot's but for what changed: the row after the last file
  // found is tried first.
  let near = 0;
  for (let place = 0; place < files.length; place++) {
    const { relative } = files[place] as ListedFile;
    const row = table.rowOf(relative, near);
    if (row >= 0) near = row + 1;
    rows[place] = row;
    const id = table.idOf(relative, row);
    if (id === undefined) {
      fresh.push(files[place] as ListedFile);
      freshPlaces.push(place);
    } else if (!isOwnName(relative, id)) return everyId(files, previous);
    ids.push(id ?? '');
  }
  if (fresh.length > NEW_FILES_ALONE) return everyId(files, previous);
  // The known files keep their ids first (assignIds gives them theirs before any new file), and
  // the new ones then go in the same order among the same rivals: each gets the id (and the
  // warning) it gets among the new ones alone, unless that id is one a known file has (or a
  // deleted file had: then every id is assigned again, to be sure).
  const assigned = assignIds(fresh);
  const lowers = new Set(assigned.map((file) => file.id.toLowerCase()));
  if (table.hasIdLikeAny(lowers)) return everyId(files, previous);
  const warnings = new Map<number, string>();
  assigned.forEach(({ id, warning }, n) => {
    const place = freshPlaces[n] as number;
    ids[place] = id;
    if (warning) warnings.set(place, warning);
  });
  return { ids, warnings, rows };
}

/** Every file's id assigned again (assignIds), in the listing's order. */
function everyId(files: readonly ListedFile[], previous: PreviousBuild): Identified {
  const warnings = new Map<number, string>();
  const ids = assignIds(files, previous.ids).map(({ id, warning }, place) => {
    if (warning) warnings.set(place, warning);
    return id;
  });
  return { ids, warnings };
}

/** The cache's files with the named ones added, changed or gone; `fresh` are the named ones. */
function changedListing(
  root: string,
  changed: readonly string[],
  known: EntryTable,
  followSymlinks: boolean | undefined,
): InputListing & { fresh: Set<string> } {
  const named = listChanged(root, changed, { followSymlinks });
  const fresh = new Set(named.files.map((file) => file.relative));
  const gone = new Set([...named.gone, ...named.problems.map((problem) => problem.file)]);
  // A known file is read from its path under the root: the listing keeps no path of its own.
  const files: ListedFile[] = [];
  for (const relative of known.files()) {
    if (!fresh.has(relative) && !gone.has(relative)) files.push({ relative });
  }
  files.push(...named.files);
  // In the order a full listing gives (the cache's, after its log, may not be): ids and
  // reports never depend on how the files were found.
  files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { files, problems: named.problems, fresh };
}
