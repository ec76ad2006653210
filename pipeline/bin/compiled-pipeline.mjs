import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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
  'write-worker': 'pipeline/src/output/write-worker.mjs',
  'run-pipeline': 'pipeline/src/run-pipeline.ts',
  // Its own entry, so that a command can start a parse worker before loading the rest.
  'parse-pool': 'pipeline/src/parse/parse-pool.ts',
};
/** Everything the entries import from this repository, and the lock file for the packages. */
const SOURCES = ['pipeline/src', 'src/lib'];
const CACHE = path.join(ROOT, 'node_modules/.cache/news-reader/pipeline');

/**
 * A key for the version of the sources under `root`: each file's name, size and modification
 * time, not its bytes. An edit changes the time, and every command starts here: reading and
 * hashing the 0.8 MB of sources and the lock file took 30–38 ms a run, stat'ing them takes 2.
 * A file touched without a change compiles once more (0.3 s), which costs nothing but that.
 */
export function sourceKey(root = ROOT) {
  const hash = createHash('sha1');
  const add = (file) => {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    hash.update(stat ? `${file}\0${stat.size}\0${stat.mtimeMs}\0` : `${file}\0-\0`);
  };
  for (const folder of SOURCES) {
    const names = fs
      .readdirSync(path.join(root, folder), { recursive: true })
      .filter((name) => /\.(ts|mjs)$/.test(name) && !/\.test\.ts$/.test(name))
      .sort();
    for (const name of names) add(`${folder}/${name}`);
  }
  // This file too (it names the entries compiled), and the lock file for the packages.
  add(path.relative(ROOT, fileURLToPath(import.meta.url)));
  add('package-lock.json');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Imports an entry of the compiled pipeline (`cli.mjs`, `run-pipeline.mjs`), a parse worker
 * starting first: the worker's own start (a tenth of a second, loading the parser) then runs
 * beside the loading of the entry's modules instead of after it, and a run that parses one
 * file waits that much less for it (the run takes the worker over; decision 0008). The thread
 * starts before the compiled pipeline is even found (bootParser): Node's start of a thread
 * then runs beside the hashing of the sources and the loading of the pool.
 */
export async function importCompiled(entry) {
  const booted = bootParser();
  const dir = await compiledPipeline();
  const { adoptParser } = await import(pathToFileURL(path.join(dir, 'parse-pool.mjs')).href);
  adoptParser(booted);
  return import(pathToFileURL(path.join(dir, entry)).href);
}

/**
 * The heap of the parse worker started before the pipeline is loaded: WORKER_MEMORY_MB of
 * pipeline/src/read/input-limits.ts (which this file cannot import before it compiles it), so
 * that a run takes the worker as one of its own (compiled-pipeline.test.ts checks they agree).
 */
export const PARSER_MEMORY_MB = 1024;

/** What that worker runs until it knows where the parser is: it imports the first URL it is sent. */
export const PARSER_LOADER = `require('node:worker_threads').parentPort.once('message', (url) => import(url));`;

/** A parse worker started before the pipeline is found, for parse-pool's adoptParser. */
function bootParser() {
  const workerData = { epoch: Date.now(), progress: new SharedArrayBuffer(8) };
  const worker = new Worker(PARSER_LOADER, {
    eval: true,
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: PARSER_MEMORY_MB },
  });
  // Never what keeps the command alive: a command that fails before adopting it still ends.
  worker.unref();
  return { worker, workerData, memoryMb: PARSER_MEMORY_MB };
}

/** The folder holding cli.mjs, parse-worker.mjs and run-pipeline.mjs for the current sources. */
export async function compiledPipeline() {
  const dir = path.join(CACHE, sourceKey());
  if (fs.existsSync(path.join(dir, 'cli.mjs'))) return dir;
  // In a process of its own: the bundler's threads and the 200 MB it leaves allocated would stay
  // the run's: a cold build at a million that compiled first peaked 1,473 MiB (1,282–1,313 MiB
  // when it did not).
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), dir], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (status, signal) => resolve(status ?? signal));
  });
  if (code !== 0) throw new Error(`compiling the pipeline failed (${code})`);
  return dir;
}

/** Compiles the sources into `dir` (a folder not yet there) and, in the cache, removes the earlier compilations. */
async function compileInto(dir) {
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
  // Earlier compilations are of no further use (in the cache; a folder elsewhere is left alone).
  if (path.dirname(dir) !== CACHE) return;
  for (const name of fs.readdirSync(CACHE)) {
    if (name !== path.basename(dir) && !name.endsWith('.tmp')) {
      fs.rmSync(path.join(CACHE, name), { recursive: true, force: true });
    }
  }
}

// Run as a script, by compiledPipeline: compile into the folder named.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node compiled-pipeline.mjs FOLDER (compiles the pipeline into FOLDER)');
  await compileInto(path.resolve(dir));
}
