import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adoptParser, keepWhole, parseAll, type WorkerData } from '../src/parse/parse-pool.ts';
import { WORKER_MEMORY_MB } from '../src/read/input-limits.ts';
import { runPipeline } from '../src/run-pipeline.ts';
import { TermDictionary } from '../src/search/term-dictionary.ts';
import { publishedFiles } from '../src/testing/published-files.ts';
import { compiledPipeline, importCompiled, PARSER_LOADER, PARSER_MEMORY_MB, sourceKey } from './compiled-pipeline.mjs';

let root: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'compiled-'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The output's files and their text, less the time it was generated. */
const tree = (folder: string) => publishedFiles(folder, (_file, text) => text.replace(/"generatedAt":"[^"]+"/, ''));

describe('the compiled pipeline (npm run content)', () => {
  it('is compiled once per version of the sources', async () => {
    const dir = await compiledPipeline();
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(['cli.mjs', 'parse-worker.mjs', 'run-pipeline.mjs']));
    expect(await compiledPipeline()).toBe(dir);
  });

  it('compiles in a process of its own, into the folder it is given, leaving folders outside the cache alone', () => {
    const parent = fs.mkdtempSync(path.join(root, 'compile-'));
    fs.mkdirSync(path.join(parent, 'earlier'));
    const script = fileURLToPath(new URL('./compiled-pipeline.mjs', import.meta.url));
    const target = path.join(parent, 'now');
    const compiled = spawnSync(process.execPath, [script, target], { encoding: 'utf8' });
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(fs.readdirSync(target)).toEqual(expect.arrayContaining(['cli.mjs', 'parse-worker.mjs', 'run-pipeline.mjs']));
    expect(fs.readdirSync(parent).sort()).toEqual(['earlier', 'now']);
    // Without a folder it compiles nowhere.
    const bare = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(bare.status).not.toBe(0);
    expect(bare.stderr).toContain('usage: node compiled-pipeline.mjs FOLDER');
  });

  it('keys the compilation by each source’s name, size and time, so that an edit is compiled anew', () => {
    const sources = fs.mkdtempSync(path.join(root, 'sources-'));
    const put = (file: string, text: string, seconds: number) => {
      fs.mkdirSync(path.dirname(path.join(sources, file)), { recursive: true });
      fs.writeFileSync(path.join(sources, file), text);
      fs.utimesSync(path.join(sources, file), seconds, seconds);
    };
    put('pipeline/src/read/a.ts', 'export const a = 1;', 1_000);
    put('src/lib/b.ts', 'export const b = 2;', 1_000);
    put('package-lock.json', '{}', 1_000);
    const first = sourceKey(sources);
    expect(sourceKey(sources)).toBe(first);
    // Tests and other files are not compiled: they change nothing.
    put('pipeline/src/read/a.test.ts', 'test', 2_000);
    put('pipeline/src/notes.md', 'notes', 2_000);
    expect(sourceKey(sources)).toBe(first);
    // An edit of the same length still changes the time.
    put('src/lib/b.ts', 'export const b = 3;', 3_000);
    const edited = sourceKey(sources);
    expect(edited).not.toBe(first);
    put('pipeline/src/read/c.mjs', 'export {};', 3_000);
    const added = sourceKey(sources);
    expect(added).not.toBe(edited);
    fs.rmSync(path.join(sources, 'pipeline/src/read/c.mjs'));
    expect(sourceKey(sources)).toBe(edited);
    put('package-lock.json', '{ }', 4_000);
    expect(sourceKey(sources)).not.toBe(edited);
  });

  it('imports an entry with a parse worker already starting', async () => {
    const entry = await importCompiled('run-pipeline.mjs');
    expect(entry).toHaveProperty('runPipeline', expect.any(Function));
    const pool: unknown = await import(pathToFileURL(path.join(await compiledPipeline(), 'parse-pool.mjs')).href);
    expect(pool).toHaveProperty('prewarmParsers', expect.any(Function));
    expect(pool).toHaveProperty('adoptParser', expect.any(Function));
  });

  it('starts its first parse worker with the heap a run gives its workers, so that a run takes it', () => {
    expect(PARSER_MEMORY_MB).toBe(WORKER_MEMORY_MB);
  });

  it('parses with a worker started before the pool was loaded, timing its files from that worker’s epoch', async () => {
    const input = path.join(root, 'booted');
    fs.mkdirSync(input, { recursive: true });
    // Enough to parse that the pool's watchdog looks at the worker while it parses (every 250 ms).
    const names = Array.from({ length: 24 }, (_, n) => `第${n}篇.md`);
    const body = '<p>港口夜班补记：凌晨的集装箱码头依旧灯火通明，桥吊司机把集装箱放上拖车。</p>\n'.repeat(2000);
    for (const name of names)
      fs.writeFileSync(path.join(input, name), `---\ntitle: ${name}\ndate: 2026-03-01 08:00:00\n---\n\n${body}`);
    const progress = new SharedArrayBuffer(8);
    // Its epoch a minute ahead of the clock: a watchdog that timed it from another epoch would
    // find the file it parses a minute old, past the limit, and skip it.
    const workerData: WorkerData = { epoch: Date.now() + 60_000, progress };
    const memoryMb = 321; // a heap no other worker of the pool has: this one is the run's
    const worker = new Worker(PARSER_LOADER, {
      eval: true,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    adoptParser({ worker, workerData, memoryMb });
    const tasks = names.map((name, index) => ({
      index,
      file: path.join(input, name),
      relative: name,
      root: input,
      id: name.slice(0, -3),
      mtimeMs: 0,
      timeZone: 'Asia/Shanghai',
    }));
    const run = await parseAll(
      tasks,
      new TermDictionary(),
      () => undefined,
      { memoryMb, timeLimitMs: 30_000 },
      keepWhole,
    );
    try {
      const outcomes = [...run.takeOutcomes()].map(([, outcome]) => outcome);
      expect(outcomes.filter((outcome) => !outcome.unchanged && outcome.result.ok)).toHaveLength(names.length);
      // The booted worker parsed them: it wrote the start of its last file, in ms after its
      // own epoch (a minute ahead, so below zero), where the pool reads it.
      expect(Atomics.load(new Int32Array(progress), 1)).toBeLessThan(-50_000);
    } finally {
      await run.close();
    }
  });

  it('leaves the parser to the workers: the main thread starts without loading it', async () => {
    const dir = await compiledPipeline();
    // Every file the main thread's entry loads before it runs: its static imports and re-exports.
    const loaded = new Set<string>();
    const follow = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const [, imported] of text.matchAll(/^(?:import|export)\b[^;]*?from "\.\/([^"]+)";?$/gm))
        if (imported) follow(imported);
      for (const [, imported] of text.matchAll(/^import "\.\/([^"]+)";?$/gm)) if (imported) follow(imported);
    };
    // What a command loads first (importCompiled), then the run.
    follow('parse-pool.mjs');
    follow('run-pipeline.mjs');
    expect(loaded.size).toBeGreaterThan(1);
    const source = [...loaded].map((file) => fs.readFileSync(path.join(dir, file), 'utf8')).join('\n');
    for (const parser of [
      'node_modules/htmlparser2/',
      'node_modules/yaml/',
      'node_modules/marked/',
      'node_modules/zod/',
    ])
      expect(source, `${parser} is loaded by the main thread`).not.toContain(parser);
    // The workers do load it.
    expect(
      fs
        .readdirSync(dir)
        .some((file) => fs.readFileSync(path.join(dir, file), 'utf8').includes('node_modules/htmlparser2/')),
    ).toBe(true);
  });

  it('writes what the TypeScript sources write, from the command line', async () => {
    const compiledOut = path.join(root, 'compiled', 'data');
    const child = spawnSync(
      process.execPath,
      ['pipeline/bin/content.mjs', '--in', 'content', '--out', compiledOut, '--no-cache'],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^built \d+ articles, skipped 0/);

    const sourceOut = path.join(root, 'source', 'data');
    await runPipeline({ inDir: 'content', outDir: sourceOut });
    expect(tree(compiledOut)).toEqual(tree(sourceOut));
  });

  it('reads the --changed list from a file, and says so when it cannot', () => {
    const out = path.join(root, 'changed', 'data');
    const cache = path.join(root, 'changed', 'cache');
    const content = (...more: string[]) =>
      spawnSync(
        process.execPath,
        ['pipeline/bin/content.mjs', '--in', 'content', '--out', out, '--cache', cache, ...more],
        {
          encoding: 'utf8',
        },
      );
    expect(content().status).toBe(0);
    const list = path.join(root, 'changed.txt');
    fs.writeFileSync(list, `${fs.readdirSync('content').find((name) => name.endsWith('.md'))}\n`);
    const changed = content('--changed', list);
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(/\(0 parsed, \d+ from cache; edits in place; search index kept\)/);
    const missing = content('--changed', path.join(root, 'no-such-list.txt'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--changed: cannot read');
  });
});
