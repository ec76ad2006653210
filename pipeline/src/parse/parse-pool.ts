import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { PARSE_TIME_LIMIT_MS, WORKER_MEMORY_MB } from '../read/input-limits.ts';
import type { ParseOutcome, ParseTask } from './parse-task.ts';
import { RecordSpool } from './record-spool.ts';
import { sharedNames } from './shared-names.ts';
import { type FileRead, tryReadArticleFile } from '../read/read-article-file.ts';
import { docTerms, ScratchTerms, type TermsInput } from '../search/search-doc-terms.ts';
import type { NumberedTerms, TermDictionary } from '../search/term-dictionary.ts';
import { TermSpool } from '../search/term-spool.ts';

const CHUNK = 64;
/**
 * The bytes of the files in a chunk the main thread reads, and one file more: large files (up
 * to 16 MB each) do not wait in memory 64 to a chunk, as one a worker reads at a time did not.
 */
const CHUNK_BYTES = 4 << 20;
/** A parsed article's JSON or summary in its outcome once the bytes are in the run's spool (record-spool.ts). */
const SPOOLED = new Uint8Array(0);

/**
 * The bytes a spool keeps in memory: `bytes`, or for tests NEWS_PIPELINE_SPOOL_MEMORY, so that a
 * small corpus spools to disk as a large one does.
 */
function spoolMemory(bytes: number): number {
  const told = /^(\d+)$/.exec(process.env.NEWS_PIPELINE_SPOOL_MEMORY ?? '')?.[1];
  return told === undefined ? bytes : Number(told);
}
// Compiled (pipeline/bin), the worker is a file beside this one; run from the TypeScript
// (tests, tsx), an entry registers tsx in the worker first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './parse-worker-entry.mjs' : './parse-worker.mjs';
/**
 * Files per worker on two cores: each worker warms up on its own first thousand articles (V8
 * compiling the parser: alone, about 1 ms an article, 0.4 ms once warm), and there a second
 * worker's compiling competes with the first and with this thread. Cold on seed-shaped
 * articles, one worker against two, alternating: 500 files 1.28–1.38 s against 1.41–1.56 s,
 * 2,000 2.12–2.28 against 2.31–2.47, 5,000 level, 8,000 two ahead (6.1–6.6 against 5.1–5.5);
 * one worker spends a fifth less CPU below that. Since the main thread reads and counts for
 * them (MAIN_THREAD_HELPS_UP_TO), in process: 3,000 2.07–2.72 s against 2.71–2.93, 5,000
 * 3.38–3.60 against 3.65–3.79, 8,000 level (5.04–5.69 against 4.77–6.04), 12,000 6.44–7.18
 * against 7.07–7.36, 20,000 two ahead (10.72–11.69 against 10.55–10.85).
 */
const FILES_PER_WORKER_ON_TWO_CORES = 10_000;
/** With more cores the compiling has cores of its own: not measured there, the earlier figure stays. */
const FILES_PER_WORKER = 400;
/**
 * Up to this many workers, the main thread reads their files and counts the parsed articles'
 * search terms: it would otherwise wait for them, while a worker on each core parses. Seed-shaped
 * articles, cold, alternating on two cores: 2,000 (one worker) 1.82–1.94 → 1.46–1.60 s, 20,000
 * (two) 11.1–11.5 → 9.6–9.9 s. More workers than this would wait for it: a file's reading and its
 * terms cost about a third of its parse.
 */
export const MAIN_THREAD_HELPS_UP_TO = 2;

/**
 * How many workers parse `files` files on `cores` cores: one per core, up to 8, each with at
 * least the files per worker above (below that another worker costs more than it saves).
 */
export function parserCount(files: number, cores = os.availableParallelism()): number {
  const perWorker = cores <= 2 ? FILES_PER_WORKER_ON_TWO_CORES : FILES_PER_WORKER;
  return Math.max(1, Math.min(cores, 8, Math.ceil(files / perWorker)));
}

/**
 * The next chunk of tasks for a worker, off the end of `queue`, with their files when `read`
 * reads them here: up to CHUNK tasks, and no more once their files hold CHUNK_BYTES.
 */
export function takeChunk(
  queue: ParseTask[],
  read?: (file: string) => FileRead,
): { tasks: ParseTask[]; files?: FileRead[] } {
  const tasks: ParseTask[] = [];
  const files: FileRead[] = [];
  let bytes = 0;
  while (tasks.length < CHUNK && queue.length > 0 && bytes < CHUNK_BYTES) {
    const task = queue.pop() as ParseTask;
    tasks.push(task);
    if (!read) continue;
    const file = read(task.file);
    files.push(file);
    if (file.ok) bytes += file.bytes.length;
  }
  return read ? { tasks, files } : { tasks };
}

/** A run that parsed this many files ends its workers rather than keeping them for the next. */
const END_WORKERS_AFTER = 5000;
/** Idle workers are kept this long for the next run in this process (tests, the dev server). */
const IDLE_MS = 10_000;
const WATCH_EVERY_MS = 250;

export type WorkerRequest =
  | {
      type: 'parse';
      tasks: ParseTask[];
      /** The tasks' files, read by the main thread; the worker reads them when not given. */
      files?: FileRead[];
      /** False: what counting each article's terms needs comes back with it (`toCount`). */
      countTermsHere: boolean;
    }
  | { type: 'terms' }
  | { type: 'reset' };
export type WorkerReply =
  /** `toCount`: by task index, what the main thread counts their terms from, when it was asked to. */
  | { type: 'parsed'; outcomes: ParseOutcome[]; toCount: [number, TermsInput][] }
  /**
   * Terms of parsed articles by task index, numbered in the worker's dictionary; `newTerms`:
   * the terms its dictionary gained since its last such reply. `last`: the answer to a request.
   */
  | { type: 'terms'; terms: [number, NumberedTerms][]; newTerms: string[]; last: boolean };
export interface WorkerData {
  epoch: number;
  /** Two Int32s: the task being parsed plus one (0 when none), and when it started (ms after epoch). */
  progress: SharedArrayBuffer;
}

export interface ParseRun<Kept = ParseOutcome> {
  /**
   * What was kept of each outcome (parseAll's `keep`), by task index in task order, handed
   * over once: the run keeps none of them after, so each goes as soon as it is collected. A
   * parsed article's JSON and summary are not in its outcome but in `records` and `summaries`.
   */
  takeOutcomes(): Generator<[index: number, kept: Kept]>;
  /** The JSON of each parsed article, by task index, until `close`. */
  records: RecordSpool;
  /** The JSON of each parsed article's summary, by task index, until `close`. */
  summaries: RecordSpool;
  /**
   * The search terms of the parsed articles, by task index, numbered in the shared dictionary,
   * until `close`. With two workers or fewer this thread counted them as the articles arrived;
   * more workers hand over most as they go, and count the last few hundred each when asked.
   */
  collectTerms(): Promise<TermSpool>;
  /** Gives the workers back; always call it. */
  close(): Promise<void>;
}

/** What a worker holds (parseAll). */
interface Held {
  inFlight: ParseTask[][];
  parsed: Map<number, ParseTask>;
}

export interface ParseLimits {
  /** A file that takes longer is skipped and its worker replaced. */
  timeLimitMs?: number;
  /** Heap of each worker; a file that needs more is skipped and its worker replaced. */
  memoryMb?: number;
  /** How many workers parse (default: parserCount); tests choose with it whether the main thread helps. */
  workers?: number;
}

interface PooledWorker {
  worker: Worker;
  progress: Int32Array;
  memoryMb: number;
  /** Its WorkerData's: the times in `progress` count from it. */
  epoch: number;
}

const idle: PooledWorker[] = [];
let idleTimer: NodeJS.Timeout | undefined;

function startWorker(memoryMb: number): PooledWorker {
  const progress = new SharedArrayBuffer(8);
  const epoch = Date.now();
  const worker = new Worker(new URL(WORKER_ENTRY, import.meta.url), {
    workerData: { epoch, progress } satisfies WorkerData,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  return { worker, progress: new Int32Array(progress), memoryMb, epoch };
}

/**
 * A worker started before this module was loaded, with its WorkerData and heap, running a
 * loader that imports the first thing it is sent (pipeline/bin/compiled-pipeline.mjs): Node's
 * own start of a thread then runs beside the command's finding and loading the pipeline.
 */
export interface BootedParser {
  worker: Worker;
  workerData: WorkerData;
  memoryMb: number;
}

/** Makes a booted worker an idle parser: it loads the parser now, and a run takes it as any. */
export function adoptParser({ worker, workerData, memoryMb }: BootedParser): void {
  // What the pool sends before the parser has loaded waits in the worker's port.
  worker.postMessage(new URL(WORKER_ENTRY, import.meta.url).href);
  worker.unref();
  idle.push({ worker, progress: new Int32Array(workerData.progress), memoryMb, epoch: workerData.epoch });
}

/**
 * Starts workers before a run needs them, so that their start-up (a tenth of a second or
 * more) overlaps the main thread's listing of the input and reading of the cache.
 */
export function prewarmParsers(count: number, memoryMb = WORKER_MEMORY_MB): void {
  clearTimeout(idleTimer);
  for (let have = idle.filter((pooled) => pooled.memoryMb === memoryMb).length; have < count; have++) {
    const pooled = startWorker(memoryMb);
    pooled.worker.unref();
    idle.push(pooled);
  }
}

/** Workers for a run: idle ones from an earlier run in this process first. */
function takeWorkers(count: number, memoryMb: number): PooledWorker[] {
  clearTimeout(idleTimer);
  const taken: PooledWorker[] = [];
  for (let i = idle.length - 1; i >= 0 && taken.length < count; i--) {
    if (idle[i]?.memoryMb === memoryMb) taken.push(...idle.splice(i, 1));
  }
  while (taken.length < count) taken.push(startWorker(memoryMb));
  for (const { worker } of taken) worker.ref();
  return taken;
}

function returnWorkers(workers: PooledWorker[]): void {
  for (const pooled of workers) {
    pooled.worker.removeAllListeners('message');
    pooled.worker.removeAllListeners('error');
    pooled.worker.removeAllListeners('exit');
    pooled.worker.postMessage({ type: 'reset' } satisfies WorkerRequest);
    // An idle worker never keeps the process alive.
    pooled.worker.unref();
    idle.push(pooled);
  }
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    for (const { worker } of idle.splice(0)) void worker.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Keeps each outcome as it is (a run of edits looks at a few). */
export const keepWhole = (outcome: ParseOutcome): ParseOutcome => outcome;

/**
 * Parses the tasks in worker threads, one per core up to what the tasks need; `onProgress`
 * gets the number done so far. A worker that spends longer than the time limit on one file,
 * runs out of its memory or crashes is replaced: that file is skipped with a message and the
 * rest are parsed again elsewhere, so no single file can stall or end a build. `keep` makes
 * what the run holds of each outcome the moment it arrives (once its JSON, summary and terms
 * are spooled): a whole run holds the cache entry it makes of it, not the outcome and then the
 * entry, which at a million articles were 400 MB at once. It must not throw.
 */
export async function parseAll<Kept>(
  tasks: ParseTask[],
  dictionary: TermDictionary,
  onProgress: (done: number) => void,
  limits: ParseLimits,
  keep: (outcome: ParseOutcome) => Kept,
): Promise<ParseRun<Kept>> {
  const timeLimit = limits.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  const memoryMb = limits.memoryMb ?? WORKER_MEMORY_MB;
  const count = limits.workers ?? parserCount(tasks.length);
  const workers = takeWorkers(count, memoryMb);
  const mainHelps = count <= MAIN_THREAD_HELPS_UP_TO;
  const scratch = new ScratchTerms();

  // Closures use the count, not the tasks: the tasks go as soon as they are parsed and their terms in.
  const total = tasks.length;
  const outcomes = new Map<number, Kept>();
  const shared = sharedNames();
  // Task indexes are places in the input's files: the spools are that long.
  const capacity = tasks.reduce((most, task) => Math.max(most, task.index + 1), 0);
  // What the spools keep in memory stays in the process to the end, even once freed (the C
  // library keeps it): a few thousand articles' worth each, the rest read back from the page cache.
  const records = new RecordSpool({ capacity, what: 'parsed article', inMemoryBytes: spoolMemory(16 << 20) });
  const summaries = new RecordSpool({ capacity, what: 'summary of task', inMemoryBytes: spoolMemory(8 << 20) });
  const terms = new TermSpool(capacity, spoolMemory(8 << 20));
  const closeSpools = () => {
    records.close();
    summaries.close();
    terms.close();
  };
  /** Each worker's term numbers in the shared dictionary, by its own number. */
  const translations = new Map<PooledWorker, number[]>();
  /** Called when a worker gives the last of its terms. */
  const lastTerms = new Map<PooledWorker, () => void>();
  /** Tasks waiting for a worker, last first; tasks given back by a worker that was replaced go on top. */
  const queue = tasks.slice().reverse();
  /**
   * What each worker holds: the chunks it is parsing, and the tasks it parsed whose terms are
   * still in it, by index (the rest are let go: a million tasks held to the end were 110 MB).
   */
  const state = new Map<PooledWorker, Held>();
  /** Tasks that were being parsed when a worker died: a second such death skips the file. */
  const suspects = new Map<number, number>();
  let crashesInARow = 0;

  let settle!: (error?: unknown) => void;
  const parsed = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });

  const feed = (pooled: PooledWorker) => {
    const held = state.get(pooled);
    if (!held) return;
    // Two chunks in flight: the worker starts the next while the main thread reads its last reply.
    while (held.inFlight.length < 2 && queue.length > 0) {
      const { tasks: chunk, files } = takeChunk(queue, mainHelps ? tryReadArticleFile : undefined);
      held.inFlight.push(chunk);
      pooled.worker.postMessage({
        type: 'parse',
        tasks: chunk,
        ...(files && { files }),
        countTermsHere: !mainHelps,
      } satisfies WorkerRequest);
    }
    if (outcomes.size === total) settle();
  };

  const skip = (task: ParseTask, error: string) => {
    outcomes.set(task.index, keep({ index: task.index, hash: '', unchanged: false, result: { ok: false, error } }));
  };

  /** Replaces a worker: its file in progress is skipped (or suspected), everything else it held is parsed again. */
  const replace = (pooled: PooledWorker, stuck: ParseTask | undefined, reason: string) => {
    const held = state.get(pooled);
    if (!held) return;
    state.delete(pooled);
    void pooled.worker.terminate();
    const again = [...held.parsed.values(), ...held.inFlight.flat()];
    for (const task of again) outcomes.delete(task.index);
    for (const task of again) {
      if (task === stuck) skip(task, reason);
      else queue.push(task);
    }
    const fresh = startWorker(memoryMb);
    workers[workers.indexOf(pooled)] = fresh;
    listen(fresh);
    feed(fresh);
  };

  const current = (pooled: PooledWorker): ParseTask | undefined => {
    const index = Atomics.load(pooled.progress, 0) - 1;
    if (index < 0) return undefined;
    return state
      .get(pooled)
      ?.inFlight.flat()
      .find((task) => task.index === index);
  };

  /** Spools a worker's terms in the shared numbering. */
  const takeTerms = (pooled: PooledWorker, held: Held, message: WorkerReply & { type: 'terms' }) => {
    let translation = translations.get(pooled);
    if (!translation) translations.set(pooled, (translation = []));
    for (const term of message.newTerms) translation.push(dictionary.intern(term));
    for (const [index, numbered] of message.terms) {
      const { ids } = numbered;
      for (let i = 0; i < ids.length; i++) ids[i] = translation[ids[i] as number] as number;
      terms.put(index, numbered);
      held.parsed.delete(index);
    }
    if (message.last) lastTerms.get(pooled)?.();
  };

  const listen = (pooled: PooledWorker) => {
    state.set(pooled, { inFlight: [], parsed: new Map() });
    pooled.worker.on('message', (message: WorkerReply) => {
      const held = state.get(pooled);
      if (!held) return;
      if (message.type === 'terms') {
        takeTerms(pooled, held, message);
        return;
      }
      crashesInARow = 0;
      // Counted as they arrive: the worker keeps none, and nothing waits for them at the end.
      for (const [index, input] of message.toCount) terms.put(index, docTerms(input, dictionary, scratch));
      const chunk = held.inFlight.shift() ?? [];
      const taskOf = new Map(chunk.map((task) => [task.index, task]));
      for (const outcome of message.outcomes) {
        if (!outcome.unchanged && outcome.result.ok) {
          // Shared as they arrive: until the outcomes are collected, a million copies wait here.
          const { listed } = outcome.result;
          listed.categories = shared(listed.categories);
          listed.tags = shared(listed.tags);
          records.put(outcome.index, outcome.result.json);
          summaries.put(outcome.index, outcome.result.summary);
          outcome.result.json = SPOOLED;
          outcome.result.summary = SPOOLED;
          // A task that asked for no terms has them (none) now, and one this thread counted too;
          // the rest come later, from this worker: should it die first, the task is parsed again.
          if (outcome.result.terms) terms.put(outcome.index, outcome.result.terms);
          else if (!mainHelps) {
            const task = taskOf.get(outcome.index);
            if (task) held.parsed.set(task.index, task);
          }
          delete outcome.result.terms;
        }
        outcomes.set(outcome.index, keep(outcome));
      }
      onProgress(outcomes.size);
      feed(pooled);
    });
    const crashed = (error: Error & { code?: string }) => {
      if (!state.has(pooled)) return; // replaced already
      const task = current(pooled);
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY' && task) {
        replace(pooled, task, `skipped: reading it needs more than ${memoryMb} MB of memory`);
        return;
      }
      // A file that was being read in two crashes is skipped; a worker that keeps crashing
      // without reading anything is a fault of the build, not of a file.
      const times = task ? (suspects.get(task.index) ?? 0) + 1 : 0;
      if (task) suspects.set(task.index, times);
      if (++crashesInARow > 3) settle(error);
      else replace(pooled, times >= 2 ? task : undefined, `skipped: reading it crashed the parser (${error.message})`);
    };
    pooled.worker.on('error', crashed);
    pooled.worker.on('exit', (code) => crashed(new Error(`the worker exited with code ${code}`)));
  };

  for (const pooled of workers) listen(pooled);
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const pooled of [...state.keys()]) {
      const task = current(pooled);
      if (task && now - pooled.epoch - Atomics.load(pooled.progress, 1) > timeLimit) {
        replace(pooled, task, `skipped: reading it took longer than ${seconds(timeLimit)} (the limit for one file)`);
      }
    }
  }, WATCH_EVERY_MS);

  try {
    if (tasks.length === 0) settle();
    for (const pooled of workers) feed(pooled);
    await parsed;
  } catch (error) {
    closeSpools();
    state.clear(); // what the workers do from here on is of no interest
    for (const { worker } of workers) void worker.terminate();
    throw error;
  } finally {
    clearInterval(watchdog);
  }

  const collectTerms = async () => {
    await Promise.all(
      workers.map(
        (pooled) =>
          new Promise<void>((resolve, reject) => {
            lastTerms.set(pooled, resolve);
            pooled.worker.once('error', reject);
            pooled.worker.postMessage({ type: 'terms' } satisfies WorkerRequest);
          }),
      ),
    );
    release();
    return terms;
  };
  let released = false;
  /**
   * Once the last terms are in, this run needs its workers no more. After a big run they end:
   * their heaps hold hundreds of megabytes of garbage that nothing would collect while the main
   * thread writes the output (a third of the peak at a million articles). A small run's wait
   * for the next run in this process (tests, the dev server).
   */
  const release = () => {
    if (released) return;
    released = true;
    state.clear(); // what the workers do from here on is of no interest
    if (total < END_WORKERS_AFTER) {
      returnWorkers(workers);
      return;
    }
    for (const { worker } of workers) {
      worker.removeAllListeners();
      void worker.terminate();
    }
  };
  const close = async () => {
    closeSpools();
    release();
  };
  function* takeOutcomes(): Generator<[number, Kept]> {
    // The indexes sorted as numbers in a typed array: not a million pairs at once.
    const indexes = Float64Array.from(outcomes.keys()).sort();
    try {
      for (const index of indexes) {
        const kept = outcomes.get(index);
        outcomes.delete(index);
        if (kept !== undefined) yield [index, kept];
      }
    } finally {
      // Also when the taker stops early (a run of edits that turns out to need the whole run).
      outcomes.clear();
    }
  }
  return {
    takeOutcomes,
    records,
    summaries,
    collectTerms,
    close,
  };
}
