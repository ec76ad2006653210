import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.ts';
import { termArena } from './search-doc-terms.ts';
import { TermDictionary } from './term-dictionary.ts';

/** This worker's own term numbers; each reply carries the terms it added. */
const dictionary = new TermDictionary();

parentPort?.on('message', (tasks: ParseTask[]) => {
  const known = dictionary.size;
  const outcomes = tasks.map((task) => runParseTask(task, dictionary));
  parentPort?.postMessage({ outcomes, newTerms: dictionary.terms.slice(known) }, termArena.handOver());
});
