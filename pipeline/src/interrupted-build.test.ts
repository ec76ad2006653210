import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.ts';
import { runPipeline } from './run-pipeline.ts';

// A real process, killed with SIGKILL at the worst moment: while it writes the staging folder.
// It kills itself at a fixed point (fault-point.ts), so the test never races the disk.

let root: string | undefined;

afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function runKilled(args: string[], dieAt: string): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, ['pipeline/bin/content.mjs', ...args], {
    stdio: 'ignore',
    env: { ...process.env, NEWS_PIPELINE_DIE_AT: dieAt },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

function snapshot(outDir: string): string {
  return fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8').replace(/"generatedAt":"[^"]+"/, '');
}

describe('a build killed mid-run', () => {
  it('leaves the previous output whole, and the next run cleans up after it', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'killed-'));
    const inDir = path.join(root, 'content');
    const outDir = path.join(root, 'site', 'data');
    generateCorpus(inDir, 300);
    await runPipeline({ inDir, outDir });
    const before = fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
    const articlesBefore = fs.readdirSync(path.join(outDir, 'articles')).length;
    // Change the corpus so that a finished run would change the output.
    for (const name of fs.readdirSync(path.join(inDir, '000')).sort().slice(0, 100)) {
      fs.rmSync(path.join(inDir, '000', name));
    }

    // Killed after it staged 120 files: while it wrote the articles, the index and the lists, and
    // before it had written every article (how many were on disk by then is the thread pool's race).
    const signal = await runKilled(['--in', inDir, '--out', outDir, '--no-cache'], 'stage:120');
    expect(signal).toBe('SIGKILL');
    const parent = path.dirname(outDir);
    const staging = fs.readdirSync(parent).find((name) => name.includes('.staging-'));
    expect(staging, 'the dead run left its staging folder').toBeDefined();
    const staged = fs.readdirSync(path.join(parent, staging ?? '', 'articles')).length;
    expect(staged).toBeLessThan(200);

    // The published output is exactly as it was; the dead run's staging folder and lock are left over.
    expect(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(outDir, 'articles'))).toHaveLength(articlesBefore);

    const report = await runPipeline({ inDir, outDir });
    expect(report.written).toBe(true);
    expect(report.built).toBe(200);
    expect(fs.readdirSync(parent).filter((name) => !name.includes('.trash-'))).toEqual(['data']);
    expect(snapshot(outDir)).not.toBe(before.replace(/"generatedAt":"[^"]+"/, ''));
  }, 120_000); // a guard against a hang, not a speed limit
});
