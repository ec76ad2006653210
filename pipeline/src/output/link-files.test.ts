import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { linkFiles } from './link-files.ts';

it('links each file on a thread of its own and names the places of those it could not', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'link-files-'));
  const from = path.join(root, 'published');
  const to = path.join(root, 'staged');
  fs.mkdirSync(path.join(from, 'docs'), { recursive: true });
  fs.mkdirSync(path.join(to, 'docs'), { recursive: true });
  const names = Array.from({ length: 250 }, (_, n) => `/docs/${n}.json`);
  names.forEach((name, n) => {
    if (n !== 7 && n !== 200) fs.writeFileSync(from + name, `["a${n}"]`);
  });
  const failed = await linkFiles(from, to, names);
  expect([...failed].sort((a, b) => a - b)).toEqual([7, 200]);
  expect(fs.readFileSync(`${to}/docs/3.json`, 'utf8')).toBe('["a3"]');
  // A link, not a copy: the same file under two names.
  expect(fs.statSync(`${to}/docs/3.json`).ino).toBe(fs.statSync(`${from}/docs/3.json`).ino);
  // Into a folder that is not there, every one fails, and the run writes them instead.
  expect((await linkFiles(from, path.join(root, 'gone'), names.slice(0, 3))).size).toBe(3);
});
