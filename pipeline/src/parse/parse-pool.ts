import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ParseOutcome, type ParseTask, runParseTask } from './parse-task.ts';
import type { NumberedTerms, TermDictionary } from '../search/term-dictionary.ts';

const CHUNK = 64;
// Compiled (pipeline/bin), the worker is a file beside this one; run from the TypeScript
// (tests, tsx), an entry registers tsx in the worker first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './parse-worker-entry.mjs' : './parse-worker.mjs';

// Below this many files, starting workers costs more than it saves.
const PARALLEL_THRESHOLD = 400;

export type WorkerRequest = { type: 'parse'; tasks: ParseTask[] } | { type: 'terms' };
export type WorkerReply =
  | { type: 'parsed'; outcomes: ParseOutcome[] }
  | { type: 'terms'; terms: [number, NumberedTerms][]; newTerms: string[] };

export interface ParseRun {
  /** In task order. */
  outcomes: ParseOutcome[];
  /**
   * The search terms of the parsed articles, by task index, numbered in the
   * shared dictionary. Workers count them only when asked, so that the count
   * runs while the main thread writes the articles (the CPU is idle then).
   */
  collectTerms(): Promise<Map<number, NumberedTerms>>;
  /** Stops the workers; always call it. */
  close(): Promise<void>;
}

/**
 * Parses the tasks on every core; `onProgress` gets the number done so far.
 * Search terms are numbered in `dictionary`.
 */
export async function parseAll(
  tasks: ParseTask[],
  dictionary: TermDictionary,
  onProgress: (done: number) => void,
): Promise<ParseRun> {
  const workerCount = Math.min(os.availableParallelism(), 8, Math.ceil(tasks.length / PARALLEL_THRESHOLD));
  if (workerCount <= 1) {
    const outcomes: ParseOutcome[] = [];
    for (const task of tasks) {
      outcomes.push(runParseTask(task, dictionary));
      if (outcomes.length % CHUNK === 0) onProgress(outcomes.length);
    }
    onProgress(outcomes.length);
    return { outcomes, collectTerms: async () => new Map(), close: async () => {} };
  }

  const outcomes: ParseOutcome[] = [];
  let next = 0;
  const workers = Array.from({ length: workerCount }, () => new Worker(new URL(WORKER_ENTRY, import.meta.url)));
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  const send = (worker: Worker, message: WorkerRequest) => worker.postMessage(message);
  // Replies of the terms phase, one per worker.
  const termReplies = workers.map(
    () =>
      ({}) as {
        resolve?: (reply: WorkerReply & { type: 'terms' }) => void;
        reject?: (error: unknown) => void;
      },
  );
  try {
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            // Two chunks in flight: the worker starts the next while the main thread reads its last reply.
            let inFlight = 0;
            let parsing = true;
            const feed = () => {
              if (next >= tasks.length) {
                if (inFlight === 0 && parsing) {
                  parsing = false;
                  resolve();
                }
                return;
              }
              const chunk = tasks.slice(next, next + CHUNK);
              next += chunk.length;
              inFlight++;
              send(worker, { type: 'parse', tasks: chunk });
            };
            worker.on('message', (message: WorkerReply) => {
              if (message.type === 'terms') {
                termReplies[w]?.resolve?.(message);
                return;
              }
              outcomes.push(...message.outcomes);
              onProgress(outcomes.length);
              inFlight--;
              feed();
            });
            const fail = (error: unknown) => {
              reject(error);
              termReplies[w]?.reject?.(error);
            };
            worker.on('error', fail);
            worker.on('exit', (code) => {
              if (code !== 0) fail(new Error(`a parse worker exited with code ${code}`));
            });
            feed();
            feed();
          }),
      ),
    );
  } catch (error) {
    await close();
    throw error;
  }
  outcomes.sort((a, b) => a.index - b.index);

  const collectTerms = async () => {
    const replies = await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<WorkerReply & { type: 'terms' }>((resolve, reject) => {
            termReplies[w] = { resolve, reject };
            send(worker, { type: 'terms' });
          }),
      ),
    );
    const terms = new Map<number, NumberedTerms>();
    for (const reply of replies) {
      // This worker's term numbers, in the shared dictionary.
      const translation = reply.newTerms.map((term) => dictionary.intern(term));
      for (const [index, numbered] of reply.terms) {
        const { ids } = numbered;
        for (let i = 0; i < ids.length; i++) ids[i] = translation[ids[i] as number] as number;
        terms.set(index, numbered);
      }
    }
    return terms;
  };
  return { outcomes, collectTerms, close };
}
