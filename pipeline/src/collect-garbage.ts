import v8 from 'node:v8';
import vm from 'node:vm';

/** A run of this many files or more collects its garbage between stages (decision 0016). */
export const COLLECTING_RUN_FILES = 50_000;

let collect: (() => void) | undefined;

/**
 * A full garbage collection, in a run of `files` files past COLLECTING_RUN_FILES; nothing in a
 * smaller one. Between two major collections V8 lets the heap grow by up to twice what was live
 * while a program allocates fast, and a stage of a big run allocates fast: at a million articles,
 * 375 MB of garbage lay on 750 MB of live entries as the workers ended, and the run's peak was
 * that garbage. Three collections did not change that build's time (504 and 505 s).
 */
export function collectGarbage(files: number): void {
  if (files < COLLECTING_RUN_FILES) return;
  if (!collect) {
    // `gc` is given to contexts made after the flag is set (Node has no other way in at run time).
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
