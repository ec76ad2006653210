import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The pipeline compiled to plain JavaScript, for `npm run content` and the
 * benchmark. Running the TypeScript through a loader (tsx) cost every run
 * 0.4 s before the first file was read, in the main thread and again in each
 * parse worker: more than the rest of a one-file rebuild. The compiled files
 * are kept in node_modules/.cache under a hash of the sources they come from,
 * so an edited source is compiled again on the next run (about 0.3 s), once.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = {
  cli: 'pipeline/src/cli.ts',
  'parse-worker': 'pipeline/src/parse/parse-worker.ts',
  'link-worker': 'pipeline/src/output/link-worker.mjs',
  'run-pipeline': 'pipeline/src/run-pipeline.ts',
  // Its own entry, so that a command can start a parse worker before loading the rest.
  'parse-pool': 'pipeline/src/parse/parse-pool.ts',
};
/** Everything the entries import from this repository, and the lock file for the packages. */
const SOURCES = ['pipeline/src', 'src/lib'];
const CACHE = path.join(ROOT, 'node_modules/.cache/news-reader/pipeline');

function sourceHash() {
  const hash = createHash('sha1');
  for (const folder of SOURCES) {
    const names = fs
      .readdirSync(path.join(ROOT, folder), { recursive: true })
      .filter((name) => /\.(ts|mjs)$/.test(name) && !/\.test\.ts$/.test(name))
      .sort();
    for (const name of names) hash.update(`${folder}/${name}\0`).update(fs.readFileSync(path.join(ROOT, folder, name)));
  }
  // This file too: it names the entries compiled.
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Imports an entry of the compiled pipeline (`cli.mjs`, `run-pipeline.mjs`), a parse worker
 * starting first: the worker's own start (a tenth of a second, loading the parser) then runs
 * beside the loading of the entry's modules instead of after it, and a run that parses one
 * file waits that much less for it (the run takes the worker over; decision 0008).
 */
export async function importCompiled(entry) {
  const dir = await compiledPipeline();
  const { prewarmParsers } = await import(pathToFileURL(path.join(dir, 'parse-pool.mjs')).href);
  prewarmParsers(1);
  return import(pathToFileURL(path.join(dir, entry)).href);
}

/** The folder holding cli.mjs, parse-worker.mjs and run-pipeline.mjs for the current sources. */
export async function compiledPipeline() {
  const dir = path.join(CACHE, sourceHash());
  if (fs.existsSync(path.join(dir, 'cli.mjs'))) return dir;
  const { build } = await import('rolldown');
  const temporary = `${dir}.${process.pid}.tmp`;
  await build({
    cwd: ROOT,
    input: ENTRIES,
    platform: 'node',
    logLevel: 'warn',
    // No timing notices: on a busy machine they fire for any plugin and mean nothing here.
    checks: { bundlerTimings: false },
    output: { dir: temporary, format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
  });
  try {
    fs.renameSync(temporary, dir);
  } catch (error) {
    fs.rmSync(temporary, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'cli.mjs'))) throw error; // else another run compiled it first
  }
  // Earlier compilations are of no further use.
  for (const name of fs.readdirSync(CACHE)) {
    if (name !== path.basename(dir) && !name.endsWith('.tmp')) {
      fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
    }
  }
  return dir;
}
