import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

// Hard-links `from + name` to `to + name` for each name, one after another on this thread, and
// answers with the places of those that failed (a file system without hard links, a file gone).
// Plain JavaScript with no imports of ours: the same file serves the compiled pipeline and the
// TypeScript one (tests), which would otherwise need a loader in the worker.
const { from, to, names } = workerData;
const failed = [];
names.forEach((name, n) => {
  try {
    fs.linkSync(from + name, to + name);
  } catch {
    failed.push(n);
  }
});
parentPort.postMessage(failed);
