import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootStatHelper, startStats, statFiles } from './stat-files.ts';

let dir: string;
let files: { path: string; size: number; mtimeMs: number }[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stat-files-'));
  files = Array.from({ length: 7 }, (_, n) => {
    const file = path.join(dir, `f${n}.md`);
    fs.writeFileSync(file, 'x'.repeat(n * 10 + 1));
    return { path: file, size: n * 10 + 1, mtimeMs: fs.statSync(file).mtimeMs };
  });
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `count` paths: the files over and over, and a missing one at every 997th place. */
function pathsOf(count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    n % 997 === 5 ? path.join(dir, `gone-${n}.md`) : (files[n % files.length]?.path ?? ''),
  );
}

function expectStats(paths: string[], stats: ReturnType<typeof statFiles>): void {
  const missing = paths.flatMap((file, n) => (file.includes('gone-') ? [n] : []));
  expect([...stats.errors.keys()].sort((a, b) => a - b)).toEqual(missing);
  expect(new Set(stats.errors.values())).toEqual(new Set(['ENOENT']));
  paths.forEach((file, n) => {
    if (stats.errors.has(n)) return;
    const known = files[n % files.length];
    if (stats.size[n] !== known?.size || stats.mtimeMs[n] !== known?.mtimeMs) {
      throw new Error(`file ${n} (${file}) has ${stats.size[n]} bytes at ${stats.mtimeMs[n]}`);
    }
  });
}

describe('statFiles', () => {
  it('gives each file its time and size at its place, and the code of each it could not stat', () => {
    const paths = pathsOf(2_000);
    expectStats(paths, statFiles(paths));
  });

  it('stats many files with a helper thread, and the same answers come out', () => {
    const paths = pathsOf(60_000);
    expectStats(paths, statFiles(paths, { sharedFrom: 1, awaitHelper: true }));
  });

  it('stats names under a folder, and absolute ones as they are, on this thread and the helper alike', () => {
    // Every third path as it is, the rest by their name in `dir`: resolved from the working
    // folder instead, they would all be missing.
    const paths = pathsOf(30_000);
    const names = paths.map((file, n) => (n % 3 === 0 ? file : path.basename(file)));
    const under = `${dir}${path.sep}`;
    expectStats(paths, statFiles(names, { under }));
    expectStats(paths, statFiles(names, { under, sharedFrom: 1, awaitHelper: true }));
  });

  it('stats the batches of a helper that died itself', () => {
    // A helper that starts, claims the first three batches and ends without stating a file.
    const dies = `
      const { parentPort } = require('node:worker_threads');
      parentPort.once('message', ({ state, batch }) => {
        Atomics.add(state, 0, batch * 3);
        Atomics.store(state, 2, 1);
        Atomics.notify(state, 2);
      });
    `;
    const paths = pathsOf(5_000);
    expectStats(paths, statFiles(paths, { sharedFrom: 1, stalledMs: 100, helperSource: dies, awaitHelper: true }));
  });

  it('stats with a helper started before the paths were known, and this thread may work meanwhile', () => {
    const helper = bootStatHelper(60_000, { sharedFrom: 1 });
    expect(helper).toBeDefined();
    const paths = pathsOf(60_000);
    const pending = startStats(paths, { sharedFrom: 1, booted: helper, awaitHelper: true });
    expectStats(paths, pending.finish());
  });

  it('starts no helper for few files, and ends one started when too few files came', async () => {
    expect(bootStatHelper(19_999)).toBeUndefined();
    const helper = bootStatHelper(20_000);
    if (!helper) throw new Error('no helper started');
    const exited = new Promise<number>((resolve) => helper.once('exit', resolve));
    const paths = pathsOf(100);
    expectStats(paths, startStats(paths, { booted: helper }).finish());
    // Ended (waiting for paths, it would not end by itself).
    await expect(exited).resolves.toEqual(expect.any(Number));
  });
});
