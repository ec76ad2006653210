import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ParseOutcome, type ParseTask, runParseTask } from './parse-task.ts';
import type { TermDictionary } from './term-dictionary.ts';

const CHUNK = 64;
// Below this many files, starting workers costs more than it saves.
const PARALLEL_THRESHOLD = 400;

/**
 * Parses the tasks on every core; `onProgress` gets the number done so far.
 * Search terms come back numbered in `dictionary`.
 */
export async function parseAll(
  tasks: ParseTask[],
  dictionary: TermDictionary,
  onProgress: (done: number) => void,
): Promise<ParseOutcome[]> {
  const workerCount = Math.min(os.availableParallelism(), 8, Math.ceil(tasks.length / PARALLEL_THRESHOLD));
  if (workerCount <= 1) {
    const outcomes: ParseOutcome[] = [];
    for (const task of tasks) {
      outcomes.push(runParseTask(task, dictionary));
      if (outcomes.length % CHUNK === 0) onProgress(outcomes.length);
    }
    onProgress(outcomes.length);
    return outcomes;
  }

  const outcomes: ParseOutcome[] = [];
  let next = 0;
  const workers = Array.from(
    { length: workerCount },
    () => new Worker(new URL('./parse-worker-entry.mjs', import.meta.url)),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            // Two chunks in flight: the worker starts the next while the main thread reads its last reply.
            let inFlight = 0;
            const feed = () => {
              if (next >= tasks.length) {
                if (inFlight === 0) resolve();
                return;
              }
              const chunk = tasks.slice(next, next + CHUNK);
              next += chunk.length;
              inFlight++;
              worker.postMessage(chunk);
            };
            // This worker's term numbers, in the shared dictionary.
            const translation: number[] = [];
            worker.on('message', ({ outcomes: done, newTerms }: { outcomes: ParseOutcome[]; newTerms: string[] }) => {
              for (const term of newTerms) translation.push(dictionary.intern(term));
              for (const outcome of done) {
                if (outcome.unchanged || !outcome.result.ok) continue;
                const { ids } = outcome.result.terms;
                for (let i = 0; i < ids.length; i++) ids[i] = translation[ids[i] as number] as number;
              }
              outcomes.push(...done);
              onProgress(outcomes.length);
              inFlight--;
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a parse worker exited with code ${code}`));
            });
            feed();
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes.sort((a, b) => a.index - b.index);
}
