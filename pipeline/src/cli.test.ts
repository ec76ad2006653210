import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outputLines } from './testing/output-lines.ts';

let root: string | undefined;
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

const article = (title: string, date: string) =>
  `---\ntitle: ${title}\ndate: ${date}\ncategories: [城市]\n---\n\n<p>${title}的正文。</p>\n`;

describe('npm run content -- --watch', () => {
  it('publishes each saved change as edits, lists the input when a folder goes, and stops on Ctrl-C', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-watch-'));
    const inDir = path.join(root, 'content');
    const outDir = path.join(root, 'data');
    fs.mkdirSync(inDir);
    fs.writeFileSync(path.join(inDir, 'one.md'), article('第一篇', '2024-03-01 08:00'));
    fs.writeFileSync(path.join(inDir, 'two.md'), article('第二篇', '2024-03-02 08:00'));
    child = spawn(
      process.execPath,
      ['pipeline/bin/content.mjs', '--in', inDir, '--out', outDir, '--cache', path.join(root, 'cache'), '--watch'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    const line = outputLines(child);
    const next = async (pattern: RegExp) => (await line(pattern)).text;

    expect(await next(/^built /)).toMatch(/^built 2 articles/);
    expect(await next(/^watching /)).toMatch(/\(1 folder\)/);

    fs.writeFileSync(path.join(inDir, 'one.md'), article('第一篇（更新）', '2024-03-01 08:00'));
    expect(await next(/one\.md/)).toMatch(/^\d\d:\d\d:\d\d one\.md$/);
    expect(await next(/^built /)).toMatch(/^built 2 articles, .*1 parsed.*edits in place/);
    const one = JSON.parse(fs.readFileSync(path.join(outDir, 'articles', 'one.json'), 'utf8')) as { title: string };
    expect(one.title).toBe('第一篇（更新）');

    fs.mkdirSync(path.join(inDir, 'later'));
    fs.writeFileSync(path.join(inDir, 'later', 'three.md'), article('第三篇', '2024-03-03 08:00'));
    await next(/ later\/three\.md$/);
    expect(await next(/^built /)).toMatch(/^built 3 articles, .*1 parsed.*edits in place/);
    expect(fs.existsSync(path.join(outDir, 'articles', 'three.json'))).toBe(true);

    fs.rmSync(path.join(inDir, 'later'), { recursive: true });
    await next(/a folder changed: the input is listed again/);
    expect(await next(/^built /)).toMatch(/^built 2 articles/);
    expect(fs.existsSync(path.join(outDir, 'articles', 'three.json'))).toBe(false);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    child = undefined;
  }, 60_000);

  it('says so and stops when the input folder itself goes', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-watch-'));
    const inDir = path.join(root, 'content');
    fs.mkdirSync(inDir);
    fs.writeFileSync(path.join(inDir, 'one.md'), article('第一篇', '2024-03-01 08:00'));
    child = spawn(
      process.execPath,
      ['pipeline/bin/content.mjs', '--in', inDir, '--out', path.join(root, 'data'), '--no-cache', '--watch'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    await outputLines(child)(/^watching .*\(1 folder\)/);
    fs.rmSync(inDir, { recursive: true });
    expect(await exited).toBe(1);
    expect(errors).toContain(`${inDir} is gone: nothing left to watch`);
    child = undefined;
  }, 60_000);
});
