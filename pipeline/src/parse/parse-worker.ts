import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask, type TermsInput } from './parse-task.ts';
import { docTerms, termArena } from '../search/search-doc-terms.ts';
import { TermDictionary } from '../search/term-dictionary.ts';
import type { WorkerReply, WorkerRequest } from './parse-pool.ts';

/** This worker's own term numbers; the terms reply carries the terms it added. */
const dictionary = new TermDictionary();
/** Parsed articles whose terms are counted when asked, by task index. */
const pending = new Map<number, TermsInput>();

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

parentPort?.on('message', (message: WorkerRequest) => {
  if (message.type === 'parse') {
    const outcomes = message.tasks.map((task: ParseTask) =>
      runParseTask(task, dictionary, (input) => pending.set(task.index, input)),
    );
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
