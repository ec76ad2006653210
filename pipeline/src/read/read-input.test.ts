import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPreviousBuild } from '../cache/previous-build.ts';
import { planParsing } from '../parse/plan-parsing.ts';
import { checkOptions } from '../pipeline-options.ts';
import { runPipeline } from '../run-pipeline.ts';
import { readInput, sourceOf } from './read-input.ts';

let root: string;
let inDir: string;

function write(relative: string): void {
  fs.mkdirSync(path.dirname(path.join(inDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(inDir, relative), '---\ntitle: 标题\n---\n正文');
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-input-'));
  inDir = path.join(root, 'content');
  fs.mkdirSync(inDir);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

afterEach(() => vi.restoreAllMocks());

function read(cacheDir?: string) {
  const settings = checkOptions({ inDir, outDir: path.join(root, 'out'), ...(cacheDir && { cacheDir }) });
  const previous = openPreviousBuild(settings);
  const input = readInput(settings, previous);
  return { input, plan: planParsing(input, previous, settings) };
}

describe('readInput', () => {
  it('keeps the path of a file reached through a link, and of no other file, and gives every path', () => {
    write('2024/a.md');
    write('real/b.md');
    fs.symlinkSync(path.join(inDir, 'real/b.md'), path.join(inDir, 'alias.md'));
    const { input } = read();
    const real = fs.realpathSync(inDir);
    expect([...input.files].map(({ relative, link }) => [relative, link])).toEqual([
      ['2024/a.md', undefined],
      ['alias.md', path.join(real, 'real/b.md')],
      ['real/b.md', undefined],
    ]);
    expect([...input.files].map((file) => sourceOf(input, file))).toEqual([
      path.join(real, '2024/a.md'),
      path.join(real, 'real/b.md'),
      path.join(real, 'real/b.md'),
    ]);
  });

  it('plans a task for each file, reading it from its path, and hands the tasks over once', () => {
    write('2024/a.md');
    write('real/b.md');
    fs.symlinkSync(path.join(inDir, 'real/b.md'), path.join(inDir, 'alias.md'));
    const { input, plan } = read();
    const real = fs.realpathSync(inDir);
    expect(plan.tasks.map(({ index, file }) => [index, file])).toEqual([
      [0, path.join(real, '2024/a.md')],
      [1, path.join(real, 'real/b.md')],
      [2, path.join(real, 'real/b.md')],
    ]);
    const tasks = plan.takeTasks();
    expect(tasks.map((task) => input.files.relativeAt(task.index))).toEqual(['2024/a.md', 'alias.md', 'real/b.md']);
    // The plan keeps none of them (a run holds its plan to the end), and still knows how many.
    expect(plan.tasks).toEqual([]);
    expect(plan.takeTasks()).toEqual([]);
    expect(plan.count).toBe(3);
  });

  it('finds each file in the cache once, and plans from its row even past a file it could not stat', async () => {
    for (const name of ['a', 'b', 'c', 'd']) write(`2024/${name}.md`);
    const cacheDir = path.join(root, 'cache');
    await runPipeline({ inDir, outDir: path.join(root, 'out'), cacheDir });
    write('2024/b.md'); // changed, with a new time
    fs.utimesSync(path.join(inDir, '2024/b.md'), new Date('2030-01-01'), new Date('2030-01-01'));
    // `c.md` vanishes between the listing and its stat.
    const statSync = fs.statSync.bind(fs);
    vi.spyOn(fs, 'statSync').mockImplementation(((file: fs.PathLike, options?: fs.StatSyncOptions) => {
      if (String(file).endsWith('c.md')) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      return statSync(file, options);
    }) as typeof fs.statSync);

    const { input, plan } = read(cacheDir);
    expect([...input.files].map((file) => file.relative)).toEqual(['2024/a.md', '2024/b.md', '2024/d.md']);
    expect(input.problems).toEqual([{ file: '2024/c.md', level: 'error', message: 'unreadable (ENOENT)' }]);
    const table = openPreviousBuild(checkOptions({ inDir, outDir: path.join(root, 'out'), cacheDir })).cache?.table;
    // Each file's row at its place among the files, not among those listed.
    expect(Array.from(input.cacheRows ?? [])).toEqual([...input.files].map((file) => table?.rowOf(file.relative)));
    expect(new Set(input.cacheRows).size).toBe(3);
    // Only the changed file is parsed; the others are reused at their places.
    expect(plan.tasks.map((task) => input.files.relativeAt(task.index))).toEqual(['2024/b.md']);
    expect(Array.from(plan.reused)).toEqual([1, 0, 1]);
    expect(plan.reusedCount).toBe(2);
  });
});
