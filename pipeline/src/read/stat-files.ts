import fs from 'node:fs';
import path from 'node:path';
import { getSystemErrorName } from 'node:util';
import { Worker } from 'node:worker_threads';

/** Each file's time and size, or why it could not be stat'ed, at the file's place in the list. */
export interface FileStats {
  mtimeMs: Float64Array;
  size: Float64Array;
  /** The error code (`ENOENT`) of each file that could not be stat'ed. */
  errors: Map<number, string>;
}

/** Below this many files one thread stats them all: a helper costs more than it saves. */
const SHARED_FROM = 20_000;
/** Files a thread claims at a time. */
const BATCH = 512;
/** A helper whose batch has not moved for this long is taken for dead: this thread redoes it. */
const STALLED_MS = 20_000;

// The shared state's slots (Int32Array): the next file to claim; files the helper has stat'ed.
const NEXT = 0;
const PROGRESS = 1;
const READY = 2; // 1 once the helper runs
// Who did a batch (`done`, a byte a batch): nobody yet, the helper, this thread.
const HELPER = 1;
const THIS = 2;

/** Stats under way (startStats): `finish` gives them, stat'ing on this thread what is left. */
export interface PendingStats {
  finish(): FileStats;
}

/**
 * Stats `paths` with a second thread beside this one when there are many (a million stat calls
 * take 5–7 s on one core). Synchronous, like the listing it follows: both threads claim batches
 * from one counter and mark each batch done; this one then waits for the helper's batches, and
 * stats them itself should the helper stall or die (a stat of the same file gives the same answer).
 */
export function statFiles(paths: readonly string[], options: StatOptions = {}): FileStats {
  return startStats(paths, options).finish();
}

/**
 * Starts the helper on `paths` (when there are many) and returns at once: this thread can do
 * other work, such as finding the files in the cache, while the helper stats, and `finish` then
 * stats the batches nobody has claimed yet beside it. Until `finish`, nothing is stat'ed here.
 */
export function startStats(names: readonly string[], options: StatOptions = {}): PendingStats {
  const {
    sharedFrom = SHARED_FROM,
    stalledMs = STALLED_MS,
    helperSource = HELPER_SOURCE,
    awaitHelper,
    booted,
    under = '',
  } = options;
  const paths = { names, under };
  const count = names.length;
  const shared = count >= sharedFrom ? sharedArrays(count) : undefined;
  if (!shared) void booted?.terminate();
  const helper = shared && startHelper(paths, shared, booted ?? bootHelper(helperSource));
  if (!shared || !helper) {
    // Few files, or no thread to be had: this one stats them all.
    return {
      finish() {
        const stats = shared ?? { mtimeMs: new Float64Array(count), size: new Float64Array(count), errors: new Map() };
        for (let n = 0; n < count; n++) statOne(paths, n, stats);
        return { mtimeMs: stats.mtimeMs, size: stats.size, errors: stats.errors };
      },
    };
  }
  return {
    finish() {
      const { state, done, errnos } = shared;
      if (awaitHelper) awaitReady(state, stalledMs);
      for (;;) {
        const from = Atomics.add(state, NEXT, BATCH);
        if (from >= count) break;
        statBatch(paths, from, shared);
      }
      waitForHelper(paths, shared, stalledMs);
      void helper.terminate();
      // The helper's errors, in the batches it did (not in those this thread did again).
      for (let n = 0; n < count; n++) {
        const errno = errnos[n] as number;
        if (errno !== 0 && done[Math.floor(n / BATCH)] === HELPER) shared.errors.set(n, errorName(errno));
      }
      const { mtimeMs, size, errors } = shared;
      return { mtimeMs, size, errors };
    },
  };
}

/** What to stat: each name is a path, or one under `under` when it is not absolute. */
interface StatPaths {
  names: readonly string[];
  under: string;
}

/**
 * `under`: put before each name that is not an absolute path (the input folder and a separator),
 * so that the caller need not keep a whole path a file. The rest for tests: when a helper
 * starts, when it counts as stalled, and what it runs.
 */
export interface StatOptions {
  under?: string;
  sharedFrom?: number;
  stalledMs?: number;
  helperSource?: string;
  /** Let the helper start before this thread claims a batch (at most `stalledMs`). */
  awaitHelper?: boolean;
  /** A helper started before the paths were known (bootStatHelper): used, or ended when not needed. */
  booted?: StatHelper;
}

/** A helper thread, started and waiting for paths to stat. */
export type StatHelper = Worker;

/**
 * Starts a helper before the files are listed, when about `expected` files will be stat'ed (the
 * previous build's count): it takes a fifth of a second to start, which it then spends beside
 * the listing rather than after it. Undefined when too few are expected for a helper to pay.
 */
export function bootStatHelper(expected: number, tuning: Pick<StatOptions, 'sharedFrom'> = {}): StatHelper | undefined {
  return expected >= (tuning.sharedFrom ?? SHARED_FROM) ? bootHelper(HELPER_SOURCE) : undefined;
}

function awaitReady(state: Int32Array, stalledMs: number): void {
  const until = performance.now() + stalledMs;
  while (Atomics.load(state, READY) === 0 && performance.now() < until) Atomics.wait(state, READY, 0, 50);
}

type Shared = FileStats & { state: Int32Array; done: Uint8Array; errnos: Int32Array };

function sharedArrays(count: number): Shared {
  return {
    mtimeMs: new Float64Array(new SharedArrayBuffer(8 * count)),
    size: new Float64Array(new SharedArrayBuffer(8 * count)),
    errors: new Map(),
    state: new Int32Array(new SharedArrayBuffer(4 * 3)),
    done: new Uint8Array(new SharedArrayBuffer(Math.ceil(count / BATCH))),
    errnos: new Int32Array(new SharedArrayBuffer(4 * count)),
  };
}

/** Stats the batch from `from` on this thread (marked done by it first: no helper takes it). */
function statBatch(paths: StatPaths, from: number, shared: Shared): void {
  Atomics.store(shared.done, from / BATCH, THIS);
  for (let n = from; n < Math.min(from + BATCH, paths.names.length); n++) statOne(paths, n, shared);
}

function statOne({ names, under }: StatPaths, n: number, stats: FileStats): void {
  const name = names[n] as string;
  try {
    // Just the two numbers: a whole fs.Stats is half a kilobyte, a million times over.
    const { mtimeMs, size } = fs.statSync(under === '' || path.isAbsolute(name) ? name : under + name);
    stats.mtimeMs[n] = mtimeMs;
    stats.size[n] = size;
  } catch (error) {
    stats.errors.set(n, error instanceof Error && 'code' in error ? String(error.code) : 'error');
  }
}

const errorName = (errno: number): string => {
  try {
    return getSystemErrorName(errno);
  } catch {
    return 'error';
  }
};

/**
 * The helper: a thread of its own, sent the names as one string (a million strings cloned one by
 * one cost more than the stat calls it saves), writing into the shared arrays.
 */
const HELPER_SOURCE = `
const fs = require('node:fs');
const path = require('node:path');
const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ joined, under, mtimeMs, size, errnos, state, done, batch }) => {
  const paths = joined.split('\\0');
  Atomics.store(state, ${READY}, 1);
  Atomics.notify(state, ${READY});
  for (;;) {
    const from = Atomics.add(state, ${NEXT}, batch);
    if (from >= paths.length) break;
    for (let n = from; n < Math.min(from + batch, paths.length); n++) {
      try {
        const name = paths[n];
        const stat = fs.statSync(under === '' || path.isAbsolute(name) ? name : under + name);
        mtimeMs[n] = stat.mtimeMs;
        size[n] = stat.size;
      } catch (error) {
        errnos[n] = typeof error.errno === 'number' && error.errno < 0 ? error.errno : -1;
      }
      Atomics.add(state, ${PROGRESS}, 1);
    }
    // Not when this thread took the batch over (it stalled): its answers count then.
    Atomics.compareExchange(done, from / batch, 0, ${HELPER});
    Atomics.notify(state, ${PROGRESS});
  }
});
`;

/** A helper thread running `source`, waiting for its message; undefined when no thread is to be had. */
function bootHelper(source: string): Worker | undefined {
  try {
    const helper = new Worker(source, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    helper.unref();
    // Its death shows as batches not done (waitForHelper); an error event must not end the run.
    helper.on('error', () => undefined);
    return helper;
  } catch {
    return undefined;
  }
}

/** Sends `helper` the paths and the shared arrays; undefined when there is no helper or it is gone. */
function startHelper(
  { names, under }: StatPaths,
  { mtimeMs, size, errnos, state, done }: Shared,
  helper: Worker | undefined,
): Worker | undefined {
  try {
    helper?.postMessage({ joined: names.join('\0'), under, mtimeMs, size, errnos, state, done, batch: BATCH });
    return helper;
  } catch {
    void helper?.terminate();
    return undefined;
  }
}

/**
 * Waits while the helper finishes the batches it claimed. When it stats nothing for `stalledMs`
 * (it died, or hangs on a file), the batches not done are stat'ed here instead.
 */
function waitForHelper(paths: StatPaths, shared: Shared, stalledMs: number): void {
  const { state, done } = shared;
  let progress = Atomics.load(state, PROGRESS);
  let since = performance.now();
  for (let batch = 0; batch < done.length;) {
    if (Atomics.load(done, batch) !== 0) {
      batch++;
      continue;
    }
    const now = Atomics.load(state, PROGRESS);
    if (now !== progress) {
      progress = now;
      since = performance.now();
    } else if (performance.now() - since > stalledMs) {
      for (let rest = batch; rest < done.length; rest++)
        if (Atomics.compareExchange(done, rest, 0, THIS) === 0) statBatch(paths, rest * BATCH, shared);
      return;
    }
    Atomics.wait(state, PROGRESS, now, 50);
  }
}
