import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheKey } from '../cache/build-cache.ts';
import { missingFromOutput } from '../testing/missing-from-output.ts';
import { publishedFiles } from '../testing/published-files.ts';
import { runPipeline } from '../run-pipeline.ts';

// The publishing journal is safe at every moment, not only at the moments someone thought of:
// a real run is killed (SIGKILL) at each of its renames in turn, and every time the output a
// reader sees names nothing that is missing, and the next run ends where an unbroken one ends.

let root: string | undefined;
afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function article(title: string, date: string, categories: string[]): string {
  return `---\ntitle: ${title}\ndate: ${date}\ncategories: [${categories.join(', ')}]\n---\n<p>${title}的正文，港口与班列。</p>\n`;
}

function content(folder: string, files: Record<string, string>): void {
  fs.rmSync(folder, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
}

const BEFORE = {
  'a.md': article('甲', '2024-04-01 10:00', ['财经', '港口']),
  'b.md': article('乙', '2024-04-02 10:00', ['财经']),
  'c.md': article('丙', '2024-04-03 10:00', ['体育']),
  'd.md': article('丁', '2024-04-04 10:00', ['财经', '体育']),
  'e.md': article('戊', '2024-04-05 10:00', ['港口']),
};
// Edited, deleted, added (the newest), a category gone (港口) and one new (科技).
const AFTER = {
  'a.md': article('甲（更新）', '2024-04-01 10:00', ['财经']),
  'c.md': article('丙', '2024-04-03 10:00', ['体育']),
  'd.md': article('丁', '2024-04-04 10:00', ['财经', '科技']),
  'e.md': article('戊', '2024-04-05 10:00', ['科技']),
  'f.md': article('己', '2024-04-06 10:00', ['财经', '体育']),
};

function runCli(args: string[], dieAt?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const env = { ...process.env };
  if (dieAt) env.NEWS_PIPELINE_DIE_AT = dieAt;
  else delete env.NEWS_PIPELINE_DIE_AT;
  const child = spawn(process.execPath, ['pipeline/bin/content.mjs', ...args], { stdio: 'ignore', env });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

const comparable = (folder: string) =>
  publishedFiles(folder, (file, text) => (file === 'manifest.json' ? text.replace(/"generatedAt":"[^"]+"/, '') : text));

describe('a run killed at any rename', () => {
  it('always leaves an output whose every named file exists, and the next run completes it', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'killed-publish-'));
    const inDir = path.join(root, 'content');
    const site = path.join(root, 'site');
    const outDir = path.join(site, 'data');
    const cacheDir = path.join(root, 'cache');
    const args = ['--in', inDir, '--out', outDir, '--cache', cacheDir, '--page-size', '2'];

    // What an unbroken run makes of AFTER, on top of BEFORE.
    content(inDir, BEFORE);
    expect((await runCli(args)).code).toBe(0);
    const saved = path.join(root, 'saved');
    fs.cpSync(site, path.join(saved, 'site'), { recursive: true });
    fs.cpSync(cacheDir, path.join(saved, 'cache'), { recursive: true });
    content(inDir, AFTER);
    expect((await runCli(args)).code).toBe(0);
    const expected = comparable(outDir);

    // Kill points are tried three at a time, each in a copy of the published state.
    const killAt = async (k: number): Promise<'killed' | 'finished'> => {
      const copy = path.join(root as string, `k${k}`);
      const copyOut = path.join(copy, 'site', 'data');
      fs.cpSync(saved, copy, { recursive: true });
      // The cache is keyed by the input and output folders: rename it for the copy's output.
      const copyCache = path.join(copy, 'cache');
      const [from, to] = [cacheKey(inDir, outDir), cacheKey(inDir, copyOut)];
      for (const name of fs.readdirSync(copyCache)) {
        fs.renameSync(path.join(copyCache, name), path.join(copyCache, name.replace(from, to)));
      }
      const copyArgs = ['--in', inDir, '--out', copyOut, '--cache', path.join(copy, 'cache'), '--page-size', '2'];
      const killed = await runCli(copyArgs, `rename:${k}`);
      if (killed.signal === null) {
        expect(killed.code).toBe(0);
        expect(comparable(copyOut)).toEqual(expected);
        return 'finished'; // the run has fewer renames than k
      }
      expect(killed.signal).toBe('SIGKILL');
      expect(missingFromOutput(copyOut), `killed at rename ${k}`).toEqual([]);
      // The next run, in this process: it finishes the journal, then builds.
      const next = await runPipeline({ inDir, outDir: copyOut, cacheDir: path.join(copy, 'cache'), pageSize: 2 });
      expect(next.written, `the run after rename ${k}`).toBe(true);
      expect(comparable(copyOut), `the run after rename ${k}`).toEqual(expected);
      fs.rmSync(copy, { recursive: true, force: true });
      return 'killed';
    };
    let renames = 0;
    for (let k = 1; renames === k - 1; k += 3) {
      const outcomes = await Promise.all([k, k + 1, k + 2].map(killAt));
      renames += outcomes.filter((outcome) => outcome === 'killed').length;
    }
    // The journal, every changed article, list page, the index folder, the manifest, deletions.
    expect(renames).toBeGreaterThan(15);
  }, 300_000); // a guard against a hang, not a speed limit
});
