import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ParseOutcome, type ParseTask, runParseTask } from './parse-task.ts';

const CHUNK = 64;
// Below this many files, starting workers costs more than it saves.
const PARALLEL_THRESHOLD = 400;

/** Parses the tasks on every core; `onProgress` gets the number done so far. */
export async function parseAll(tasks: ParseTask[], onProgress: (done: number) => void): Promise<ParseOutcome[]> {
  const workerCount = Math.min(os.availableParallelism(), 8, Math.ceil(tasks.length / PARALLEL_THRESHOLD));
  if (workerCount <= 1) {
    const outcomes: ParseOutcome[] = [];
    for (const task of tasks) {
      outcomes.push(runParseTask(task));
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
            const feed = () => {
              if (next >= tasks.length) return resolve();
              const chunk = tasks.slice(next, next + CHUNK);
              next += chunk.length;
              worker.postMessage(chunk);
            };
            worker.on('message', (done: ParseOutcome[]) => {
              outcomes.push(...done);
              onProgress(outcomes.length);
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a parse worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes.sort((a, b) => a.index - b.index);
}
