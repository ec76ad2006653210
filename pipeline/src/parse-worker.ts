import { parentPort } from 'node:worker_threads';
import { type ParseTask, runParseTask } from './parse-task.ts';

parentPort?.on('message', (tasks: ParseTask[]) => {
  parentPort?.postMessage(tasks.map(runParseTask));
});
