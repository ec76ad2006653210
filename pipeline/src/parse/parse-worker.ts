import { parentPort, workerData } from 'node:worker_threads';
import { type ParseTask, runParseTask, type TermsInput } from './parse-task.ts';
import { docTerms, termArena } from '../search/search-doc-terms.ts';
import { TermDictionary } from '../search/term-dictionary.ts';
import type { WorkerData, WorkerReply, WorkerRequest } from './parse-pool.ts';

const { epoch, progress: progressBuffer } = workerData as WorkerData;
/** [the task being parsed, plus one (0: none); when it started, in ms after `epoch`]: the pool's watchdog reads it. */
const progress = new Int32Array(progressBuffer);

/** This worker's own term numbers for the current run; the terms reply carries the terms it added. */
let dictionary = new TermDictionary();
/** Parsed articles whose terms are counted when asked, by task index. */
const pending = new Map<number, TermsInput>();

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'reset') {
    dictionary = new TermDictionary();
    pending.clear();
    return;
  }
  if (message.type === 'parse') {
    const outcomes = message.tasks.map((task: ParseTask) => {
      Atomics.store(progress, 1, Date.now() - epoch);
      Atomics.store(progress, 0, task.index + 1);
      return runParseTask(task, dictionary, (input) => pending.set(task.index, input));
    });
    Atomics.store(progress, 0, 0);
    reply({ type: 'parsed', outcomes });
    return;
  }
  const known = dictionary.size;
  const terms: WorkerReply & { type: 'terms' } = { type: 'terms', terms: [], newTerms: [] };
  for (const [index, { article, text }] of pending) terms.terms.push([index, docTerms(article, text, dictionary)]);
  pending.clear();
  terms.newTerms = dictionary.terms.slice(known);
  reply(terms, termArena.handOver());
});
