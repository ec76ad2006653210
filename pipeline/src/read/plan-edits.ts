import fs from 'node:fs';
import { sameAsPublished } from '../body/post-assets.ts';
import type { CacheEntry } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { EntryTable } from '../cache/entry-table.ts';
import type { ParseTask } from '../parse/parse-task.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { idForName, stemOf } from './article-id.ts';
import type { ParsePlan } from '../parse/plan-parsing.ts';
import { listChanged } from './list-changed.ts';
import { listedSource } from './list-input.ts';
import type { InputFiles } from './read-input.ts';

/** A file named with `--changed` that is parsed: one the previous build published, or a new one. */
export interface NamedFile {
  relative: string;
  id: string;
  /** Its entry in the previous build's cache; none for a new file. */
  cached?: CacheEntry;
  mtimeMs: number;
  size: number;
}

export interface EditPlan {
  /**
   * Set for a run without `--changed`: it also mends an output edited by hand, so the published
   * files are checked against what the cache says was published (output-as-cached.ts).
   */
  checkOutput?: true;
  /** The named files to parse, each with its task at the same place. */
  files: NamedFile[];
  tasks: ParseTask[];
  /** Named files that are gone: articles the previous build published. */
  deleted: { relative: string; cached: CacheEntry }[];
}

/**
 * How many files a run of edits may parse or delete in an archive of `articles` files: past it
 * the whole run is as quick, and simpler to trust. The whole run costs about 60 µs an article
 * (6 s at 100,000, 83–217 s and 2.5 GB at a million); a run of edits about 2–15 ms a file
 * (at a million, 500 files 6.9–12.2 s, 2,000 files 30–33 s and 1.1–1.3 GB with the search index
 * built again from the stored terms; at 100,000, 500 files 4.1–4.3 s). So one file in 400, and
 * between 64 and 2,048.
 */
export const editLimit = (articles: number): number => Math.max(64, Math.min(2048, Math.floor(articles / 400)));

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
 * Whether this run may publish edits at all: a cache with its stores, no entry pages, and no post
 * asset folders unless the run knows which of their files changed (`assetsKnown`): told what
 * changed, or having found them all as they were published (assetsAsPublished).
 */
const editsPossible = (settings: BuildSettings, previous: PreviousBuild, assetsKnown: () => boolean) =>
  previous.cache !== undefined &&
  (!previous.cache.postAssets || assetsKnown()) &&
  previous.storedTerms !== undefined &&
  previous.summariesLoaded &&
  settings.pagesDir === undefined &&
  settings.searchTerms !== false &&
  !settings.faults;

/**
 * The files of a run that may publish only what they change (publish-edits.ts): every file
 * named with `--changed` is a plain article the previous build published (edited or gone), or a
 * new article file whose name is a free id. The run writes no entry pages, and no named article
 * has a post asset folder (other articles may: with them, every named path is an article file).
 * Undefined otherwise (a name to report, a draft, a failed file, a cache without its stores): the
 * whole run decides.
 * Only the named files are looked at.
 */
export function planEdits(settings: BuildSettings, previous: PreviousBuild): EditPlan | undefined {
  const { changed, inDir, followSymlinks } = settings;
  const cache = previous.cache;
  if (!changed || !cache || !editsPossible(settings, previous, () => true)) return undefined;
  const named = listChanged(inDir, changed, { followSymlinks });
  const limit = editLimit(cache.table.size);
  if (named.problems.length > 0 || named.files.length + named.gone.length > limit) return undefined;
  // With post asset folders, a named file that is not an article may be one of theirs: the whole
  // run copies it (stage-assets.ts). No named article may have one (plainArticle, below).
  if (cache.postAssets && named.others.length > 0) return undefined;
  const deleted: EditPlan['deleted'] = [];
  for (const relative of named.gone) {
    const cached = cache.table.get(relative);
    if (!cached) continue; // never published: nothing to take away
    if (!plainArticle(cached)) return undefined;
    deleted.push({ relative, cached });
  }
  const root = fs.realpathSync(inDir);
  const files: NamedFile[] = [];
  const tasks: ParseTask[] = [];
  const newIds = new Set<string>();
  for (const listed of named.files) {
    const { relative } = listed;
    const source = listedSource(root, listed);
    const cached = cache.table.get(relative);
    if (cached && !plainArticle(cached)) return undefined;
    let id = cached?.id;
    if (id === undefined) {
      // A new file takes its name as its id when no other file has that id (in any case).
      const stem = stemOf(relative);
      const lower = stem.toLowerCase();
      if (idForName(stem) !== stem || newIds.has(lower) || cache.table.hasIdLike(lower)) return undefined;
      newIds.add(lower);
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
    const file: NamedFile = { relative, id, mtimeMs: stat.mtimeMs, size: stat.size };
    if (cached) file.cached = cached;
    files.push(file);
  }
  // Nothing named changed: the run still publishes (a new manifest and build id), writing nothing else.
  return { files, tasks, deleted };
}

/**
 * The same plan for a run without `--changed`, from its listing (read-input.ts) and what it
 * found changed (plan-parsing.ts): the new and changed files to parse, and the published
 * articles the input no longer has. Undefined unless each qualifies as for planEdits, every
 * file kept its id and the listing found nothing to report.
 */
export function editsFromListing(
  input: InputFiles,
  plan: ParsePlan,
  previous: PreviousBuild,
  settings: BuildSettings,
): EditPlan | undefined {
  const cache = previous.cache;
  if (!cache || input.problems.length > 0 || input.unreadable > 0) return undefined;
  const limit = editLimit(cache.table.size);
  // The limit first: it is a count, the asset files are stat'ed.
  if (plan.tasks.length > limit) return undefined;
  if (!editsPossible(settings, previous, () => assetsAsPublished(cache.table))) return undefined;
  const files: NamedFile[] = [];
  const tasks: ParseTask[] = [];
  let known = 0;
  for (const task of plan.tasks) {
    const cached = cache.table.get(task.relative);
    const listed = input.files.at(task.index);
    if (!listed) return undefined;
    if (cached) {
      if (!plainArticle(cached) || cached.id !== task.id) return undefined;
      known++;
    } else if (task.id !== stemOf(task.relative) || idForName(task.id) !== task.id) return undefined;
    const file: NamedFile = { relative: task.relative, id: task.id, mtimeMs: listed.mtimeMs, size: listed.size };
    if (cached) file.cached = cached;
    tasks.push({ ...task, index: files.length });
    files.push(file);
  }
  // The files the cache knows that the input no longer has: counted first, looked for only if any.
  const deleted: EditPlan['deleted'] = [];
  if (plan.reusedCount + known < cache.table.size) {
    const present = new Set(input.files.relatives);
    for (const relative of cache.table.files()) {
      if (present.has(relative)) continue;
      const cached = cache.table.get(relative);
      if (!cached || !plainArticle(cached) || deleted.length >= limit) return undefined;
      deleted.push({ relative, cached });
    }
  }
  return { files, tasks, deleted, checkOutput: true };
}

/**
 * Whether every post asset file the previous build published is as it was then (the same size
 * and time, and there): a run not told what changed stats them, as the whole run would
 * (stage-assets.ts), and hands over to it when one changed or went.
 */
function assetsAsPublished(table: EntryTable): boolean {
  for (const asset of table.postAssetFiles()) {
    const stat = fs.statSync(asset.source, { throwIfNoEntry: false });
    if (!stat || !sameAsPublished(asset, stat)) return false;
  }
  return true;
}
