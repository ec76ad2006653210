import { Worker } from 'node:worker_threads';

// Beside this module in the compiled pipeline (an entry of its own there) as in the sources; a
// name the bundler leaves alone, as it leaves the parse worker's.
const WORKER = ['.', 'link-worker.mjs'].join('/');

/**
 * Hard-links `from + name` to `to + name` for each of `names` on a thread of its own, and
 * resolves to the places of those that failed (every one, when the thread could not run).
 * A publish at a million articles links 10,000 docs files of the search index that stay as they
 * were: started from this thread, even on libuv's pool, each link cost it 20 µs of making the
 * request (0.2 s a run), which a worker doing them one after another does not.
 */
export function linkFiles(from: string, to: string, names: readonly string[]): Promise<Set<number>> {
  const all = () => new Set(names.keys());
  return new Promise<Set<number>>((resolve) => {
    const worker = new Worker(new URL(WORKER, import.meta.url), { workerData: { from, to, names } });
    worker.once('message', (failed: unknown) =>
      resolve(Array.isArray(failed) ? new Set(failed.filter((n): n is number => typeof n === 'number')) : all()),
    );
    worker.once('error', () => resolve(all()));
    worker.once('exit', () => resolve(all())); // after a message, a second resolve does nothing
  });
}
