import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { runPipeline } from './run-pipeline.ts';

// A real process, killed with SIGKILL at the worst moment: while it writes the staging folder.

let root: string;
let inDir: string;
let outDir: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'killed-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'site', 'data');
  generateCorpus(inDir, 3000);
  await runPipeline({ inDir, outDir });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function snapshot(): string {
  return fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8').replace(/"generatedAt":"[^"]+"/, '');
}

describe('a build killed mid-run', () => {
  it('leaves the previous output whole, and the next run cleans up after it', async () => {
    const before = fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
    const articlesBefore = fs.readdirSync(path.join(outDir, 'articles')).length;
    // Change the corpus so that a finished run would change the output.
    fs.rmSync(path.join(inDir, '000'), { recursive: true });

    const child = spawn(process.execPath, ['pipeline/bin/content.mjs', '--in', inDir, '--out', outDir, '--no-cache'], {
      stdio: 'ignore',
    });
    const parent = path.dirname(outDir);
    const killed = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        const staging = fs.readdirSync(parent).find((name) => name.includes('.staging-'));
        if (staging && fs.existsSync(path.join(parent, staging, 'articles'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(true);
        }
      }, 2);
      child.on('exit', () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    await new Promise((resolve) =>
      child.exitCode === null && child.signalCode === null ? child.on('exit', resolve) : resolve(null),
    );
    expect(killed).toBe(true);

    // The published output is exactly as it was; the dead run's staging folder and lock are left over.
    expect(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(outDir, 'articles'))).toHaveLength(articlesBefore);

    const report = await runPipeline({ inDir, outDir });
    expect(report.written).toBe(true);
    expect(report.built).toBe(2000);
    expect(fs.readdirSync(parent).filter((name) => !name.includes('.trash-'))).toEqual(['data']);
    expect(snapshot()).not.toBe(before.replace(/"generatedAt":"[^"]+"/, ''));
  }, 120_000); // a guard against a hang, not a speed limit
});
