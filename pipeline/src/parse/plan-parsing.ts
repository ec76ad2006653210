import type { PreviousBuild } from '../cache/previous-build.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { type InputFiles, sourceOf } from '../read/read-input.ts';
import type { ParseTask } from './parse-task.ts';

/** Which files are parsed and which are as the cache knows them. */
export class ParsePlan {
  /** How many files are parsed. */
  readonly count: number;

  /** How many files are as the cache knows them. */
  readonly reusedCount: number;

  constructor(
    /**
     * 1 at the place in the input's files of each file that is as the cache knows it (same id,
     * time and size): its entry is reused. A byte a file, not a set of a million names.
     */
    readonly reused: Uint8Array,
    /** One task for every other file; its index is the file's place in the input's files. */
    private pending: ParseTask[],
  ) {
    this.count = pending.length;
    this.reusedCount = reused.reduce((sum, flag) => sum + flag, 0);
  }

  /** The tasks, until they are handed to the parser. */
  get tasks(): readonly ParseTask[] {
    return this.pending;
  }

  /**
   * Hands the tasks over: the plan keeps none, so each goes once the parser is done with it
   * (a run holds its plan to the end, and a million tasks are 80 MB).
   */
  takeTasks(): ParseTask[] {
    const tasks = this.pending;
    this.pending = [];
    return tasks;
  }
}

/** Which files must be parsed: those the previous build does not know as they are now. */
export function planParsing(input: InputFiles, previous: PreviousBuild, settings: BuildSettings): ParsePlan {
  const reused = new Uint8Array(input.files.length);
  const tasks: ParseTask[] = [];
  const table = previous.cache?.table;
  const { files } = input;
  files.relatives.forEach((relative, index) => {
    const id = files.idAt(index) ?? '';
    const mtimeMs = files.mtimeAt(index);
    const size = files.sizeAt(index);
    // Its stamp, not its entry: a run that turns out to be of edits makes just the ones it uses.
    const cached = table?.stamp(relative, input.cacheRows?.[index]);
    // Reusable when its terms and summary are stored (a failed file has neither, and a draft
    // left out has no terms: it is not in the search index).
    const cachedTerms =
      cached &&
      previous.storedTerms &&
      (cached.failed ||
        ((cached.terms || (cached.draft && !settings.drafts)) && cached.summary && previous.summariesLoaded));
    if (cachedTerms && cached.id === id && cached.mtimeMs === mtimeMs && cached.size === size) {
      reused[index] = 1;
      return;
    }
    const task: ParseTask = {
      index,
      file: sourceOf(input, { relative, link: files.linkAt(index) }),
      relative,
      root: input.root,
      id,
      mtimeMs,
      timeZone: settings.timeZone,
    };
    if (settings.searchTerms === false) task.indexTerms = false;
    const fault = settings.faults?.[relative];
    if (fault) task.fault = fault;
    // Same id: the content hash decides whether it changed at all.
    const cachedHash = cachedTerms && cached.id === id ? table?.get(relative)?.hash : undefined;
    if (cachedHash !== undefined) task.cachedHash = cachedHash;
    tasks.push(task);
  });
  return new ParsePlan(reused, tasks);
}
