import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../src/run-pipeline.ts';
import { publishedFiles } from '../src/testing/published-files.ts';
import { compiledPipeline } from './compiled-pipeline.mjs';

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
    expect(changed.stdout).toMatch(/\(0 parsed, \d+ from cache\)/);
    const missing = content('--changed', path.join(root, 'no-such-list.txt'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--changed: cannot read');
  });
});
