import v8 from 'node:v8';
import vm from 'node:vm';

/** A run of this many files or more collects its garbage between stages (decision 0016). */
export const COLLECTING_RUN_FILES = 50_000;

/** Whether a run of `files` files is big enough to manage its garbage (everything in this module). */
const bigRun = (files: number) => files >= COLLECTING_RUN_FILES;

let collect: (() => void) | undefined;

/**
 * A full garbage collection, in a run of `files` files past COLLECTING_RUN_FILES; nothing in a
 * smaller one. Between two major collections V8 lets the heap grow by up to twice what was live
 * while a program allocates fast, and a stage of a big run allocates fast: at a million articles,
 * 375 MB of garbage lay on 750 MB of live entries as the workers ended, and the run's peak was
 * that garbage. Three collections did not change that build's time (504 and 505 s).
 */
export function collectGarbage(files: number): void {
  if (bigRun(files)) collectNow();
}

let pretenuring = true;

/**
 * Turns V8's allocation-site pretenuring off for the rest of the process once a run has
 * COLLECTING_RUN_FILES files or more (decision 0016). V8 notes which places in the code make
 * objects that outlive a young-generation collection, and from then on makes theirs in the old
 * generation, where only a full collection frees them. A big run holds a million entries made at
 * a few such places for a while, and then makes as many short-lived pairs and views at the same
 * places, reading the entries, a pass at a time: a whole run with a warm cache at a million
 * articles piled 240 MB of them on the old generation as it wrote the cache's snapshot (1,917
 * MiB at its peak; 1,600 without pretenuring). A small run is left as it is: the flag is the
 * process's, and there it changes nothing measurable.
 */
export function stopPretenuring(files: number): void {
  if (!pretenuring || !bigRun(files)) return;
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  pretenuring = false;
}

/** Garbage a stage of a big run may leave on the heap before GarbageLimit collects it. */
export const GARBAGE_LIMIT_BYTES = 96 * 1024 * 1024;

const heapUsed = () => v8.getHeapStatistics().used_heap_size;

/**
 * For a stage of a big run that makes much garbage quickly: `check` (every few dozen files)
 * collects once the heap has grown by GARBAGE_LIMIT_BYTES since the last collection. V8 would
 * let it grow by most of what is live, and what is live at a million articles is 700 MB: staging
 * the lists there left 300 MB of printed summaries on a heap of 690 MB live, the cold build's peak
 * of memory (1,429–1,450 MiB, now 1,282–1,313; decision 0016). Nothing in a run below COLLECTING_RUN_FILES.
 */
export class GarbageLimit {
  private readonly active: boolean;
  private since = 0;
  private readonly limit: number;
  /** How many times it collected. */
  collections = 0;

  constructor(files: number, limit = GARBAGE_LIMIT_BYTES) {
    this.active = bigRun(files);
    this.limit = limit;
    if (this.active) this.since = heapUsed();
  }

  check(): void {
    if (!this.active || heapUsed() - this.since < this.limit) return;
    collectNow();
    this.collections++;
    this.since = heapUsed();
  }
}

/**
 * A full garbage collection now, whatever the run's size: for a process that goes on after a run
 * (`--watch`). Nothing allocates while it waits for the next change, so nothing would start a
 * collection, and what the run left would stay its memory: after a whole run at a million with a
 * warm cache, 1.33 GB resident while it waited; collected, 0.42 GB.
 */
export function collectNow(): void {
  if (!collect) {
    // `gc` is given to contexts made after the flag is set (Node has no other way in at run time).
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}
