import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listChanged } from './list-changed.ts';

let root: string;
let inDir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'changed-'));
  inDir = path.join(root, 'content');
  fs.mkdirSync(path.join(inDir, 'sub'), { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('listChanged', () => {
  it('holds named files to the rules of a full listing', () => {
    fs.writeFileSync(path.join(inDir, 'sub', 'a.md'), 'a');
    fs.writeFileSync(path.join(root, 'secret.md'), 'secret');
    fs.mkdirSync(path.join(root, 'elsewhere'));
    fs.writeFileSync(path.join(root, 'elsewhere', 'b.md'), 'b');
    fs.symlinkSync(path.join(root, 'secret.md'), path.join(inDir, 'leak.md'));
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(inDir, 'away'));
    fs.symlinkSync(path.join(inDir, 'sub', 'a.md'), path.join(inDir, 'alias.md'));
    execFileSync('mkfifo', [path.join(inDir, 'pipe.md')]);

    const named = [
      'sub/a.md',
      'leak.md',
      'away/b.md',
      'alias.md',
      'pipe.md',
      'gone.md',
      'sub/../../secret.md',
      'photo.jpg',
    ];
    const listing = listChanged(inDir, named);
    expect(listing.files.map((file) => file.relative)).toEqual(['sub/a.md', 'alias.md']);
    expect(listing.files[1]?.link).toBe(fs.realpathSync(path.join(inDir, 'sub', 'a.md')));
    expect(listing.gone).toEqual(['gone.md']);
    expect(listing.problems.map((problem) => `${problem.file}: ${problem.message}`)).toEqual([
      'leak.md: skipped: a link to outside the input folder (--follow-symlinks allows it)',
      'away/b.md: skipped: a link to outside the input folder (--follow-symlinks allows it)',
      'pipe.md: skipped: not a regular file',
      'sub/../../secret.md: --changed names a path that is not an article of the input folder',
    ]);
    // Allowed to leave the input, the links are read; the FIFO still is not.
    const followed = listChanged(inDir, named, { followSymlinks: true });
    expect(followed.files.map((file) => file.relative)).toEqual(['sub/a.md', 'leak.md', 'away/b.md', 'alias.md']);
  });
});
