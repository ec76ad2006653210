import type { CacheEntry } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { ParseTask } from './parse-task.ts';

export interface ParsePlan {
  /** Entries of the files that are as the cache knows them (same id, time and size), by file. */
  reused: Map<string, CacheEntry>;
  /** One task for every other file; its index is the file's place in the input's files. */
  tasks: ParseTask[];
}

/** Which files must be parsed: those the previous build does not know as they are now. */
export function planParsing(input: InputFiles, previous: PreviousBuild, settings: BuildSettings): ParsePlan {
  const reused = new Map<string, CacheEntry>();
  const tasks: ParseTask[] = [];
  input.files.forEach(({ relative, source, id, stat }, index) => {
    const cached = previous.cache?.entries[relative];
    // Reusable when its terms and summary are stored (a failed file has neither, and a draft
    // left out has no terms: it is not in the search index).
    const cachedTerms =
      cached &&
      previous.storedTerms &&
      (cached.error !== undefined ||
        ((cached.terms || (cached.draft && !settings.drafts)) &&
          cached.listed?.summary !== undefined &&
          previous.summariesLoaded));
    if (cachedTerms && cached.id === id && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      reused.set(relative, cached);
      return;
    }
    const task: ParseTask = {
      index,
      file: source,
      relative,
      root: input.root,
      id,
      mtimeMs: stat.mtimeMs,
      timeZone: settings.timeZone,
    };
    if (settings.searchTerms === false) task.indexTerms = false;
    const fault = settings.faults?.[relative];
    if (fault) task.fault = fault;
    // Same id: the content hash decides whether it changed at all.
    if (cachedTerms && cached.id === id) task.cachedHash = cached.hash;
    tasks.push(task);
  });
  return { reused, tasks };
}
