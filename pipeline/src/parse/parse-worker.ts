import { parentPort, workerData } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.ts';
import { docTerms, termArena, type TermsInput } from '../search/search-doc-terms.ts';
import { type NumberedTerms, TermDictionary } from '../search/term-dictionary.ts';
import type { WorkerData, WorkerReply, WorkerRequest } from './parse-pool.ts';

const { epoch, progress: progressBuffer } = workerData as WorkerData;
/** [the task being parsed, plus one (0: none); when it started, in ms after `epoch`]: the pool's watchdog reads it. */
const progress = new Int32Array(progressBuffer);

/** This worker's own term numbers for the current run; the terms reply carries the terms it added. */
let dictionary = new TermDictionary();
/** Parsed articles whose terms are counted when asked, by task index. */
const pending = new Map<number, TermsInput>();
/**
 * Past this many, pending articles have their terms counted and handed over at once: the count
 * waits for the main thread's writing only while that holds memory in proportion to the
 * batch, not the run.
 */
const PENDING_LIMIT = 512;
/** Terms of this worker's dictionary the main thread knows: those before this number. */
let termsHandedOver = 0;

/**
 * Counts the pending articles' terms and hands them over, with the terms new to this worker's
 * dictionary since the last time: nothing of the run's terms stays here (a million articles'
 * terms are gigabytes), and the main thread spools them as they come (term-spool.ts).
 */
function handOverTerms(last: boolean): void {
  const terms: [number, NumberedTerms][] = [];
  for (const [index, input] of pending) terms.push([index, docTerms(input, dictionary, termArena)]);
  pending.clear();
  const newTerms = dictionary.termsFrom(termsHandedOver);
  termsHandedOver = dictionary.size;
  reply({ type: 'terms', terms, newTerms, last }, termArena.handOver());
}

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'reset') {
    dictionary = new TermDictionary();
    pending.clear();
    termsHandedOver = 0;
    return;
  }
  if (message.type === 'parse') {
    // Counted here, or on the main thread (the request says: parse-pool.ts).
    const toCount: [number, TermsInput][] = [];
    const outcomes = message.tasks.map((task: ParseTask, i) => {
      Atomics.store(progress, 1, Date.now() - epoch);
      Atomics.store(progress, 0, task.index + 1);
      return runParseTask(task, message.files?.[i], (input) => {
        if (message.countTermsHere) pending.set(task.index, input);
        else toCount.push([task.index, input]);
      });
    });
    Atomics.store(progress, 0, 0);
    const texts = outcomes.flatMap((outcome) =>
      outcome.unchanged || !outcome.result.ok ? [] : [outcome.result.json, outcome.result.summary],
    );
    reply(
      { type: 'parsed', outcomes, toCount },
      texts.map((bytes) => bytes.buffer as ArrayBuffer),
    );
    if (pending.size >= PENDING_LIMIT) handOverTerms(false);
    return;
  }
  handOverTerms(true);
});
