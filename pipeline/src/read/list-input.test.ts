import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listedSource, listInput } from './list-input.ts';

let root: string;
let inDir: string;

function write(relative: string, text = '---\ntitle: x\n---\n'): void {
  fs.mkdirSync(path.dirname(path.join(inDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(inDir, relative), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'list-input-'));
  inDir = path.join(root, 'content');
  fs.mkdirSync(inDir);
});

afterEach(() => {
  // Unreadable folders made by a test must be readable again to be removed.
  for (const entry of fs.readdirSync(inDir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) fs.chmodSync(path.join(entry.parentPath, entry.name), 0o755);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

const relatives = () => listInput(inDir).files.map((file) => file.relative);

describe('listInput', () => {
  it('lists article files by their /-separated paths, sorted, and passes over hidden folders and node_modules', () => {
    write('b.md');
    write('posts/2024/a.markdown');
    write('posts/notes.json');
    write('.git/objects/x.md');
    write('.hidden.md');
    write('node_modules/pkg/readme.md');
    write('page.HTML');
    expect(relatives()).toEqual(['b.md', 'page.HTML', 'posts/2024/a.markdown']);
  });

  it('skips a folder it cannot read with a message, and lists the rest', () => {
    write('ok.md');
    write('locked/secret.md');
    write('.git/locked/x.md');
    const locked = path.join(fs.realpathSync(inDir), 'locked');
    if (process.getuid?.() === 0) {
      // root reads any folder whatever its mode: the refusal comes from a stand-in.
      const readdir = fs.readdirSync;
      vi.spyOn(fs, 'readdirSync').mockImplementation(((folder: fs.PathLike, options?: unknown) => {
        if (String(folder) === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readdir(folder, options as { withFileTypes: true });
      }) as typeof fs.readdirSync);
    } else {
      fs.chmodSync(locked, 0o000);
      fs.chmodSync(path.join(inDir, '.git/locked'), 0o000);
    }
    expect(listInput(inDir)).toEqual({
      files: [{ relative: 'ok.md' }],
      problems: [{ file: 'locked', message: 'folder skipped: permission denied (EACCES)' }],
    });
  });

  it('follows links inside the input, skips links that lead outside, and reads only regular files', () => {
    write('real/a.md');
    fs.writeFileSync(path.join(root, 'secret-draft.md'), '---\ntitle: 草稿\n---\n');
    fs.symlinkSync(path.join(inDir, 'real/a.md'), path.join(inDir, 'alias.md'));
    fs.symlinkSync('../secret-draft.md', path.join(inDir, 'outside.md'));
    fs.symlinkSync('/dev/zero', path.join(inDir, 'zero.md'));
    fs.symlinkSync(root, path.join(inDir, 'up'));
    fs.symlinkSync('.', path.join(inDir, 'real/loop'));
    fs.symlinkSync(path.join(inDir, 'nowhere.md'), path.join(inDir, 'broken.md'));
    execFileSync('mkfifo', [path.join(inDir, 'pipe.md')]);

    const { files, problems } = listInput(inDir);
    expect(files.map((file) => file.relative)).toEqual(['alias.md', 'real/a.md']);
    expect(files[0]?.link).toBe(path.join(fs.realpathSync(inDir), 'real/a.md'));
    expect(files[1]?.link).toBeUndefined();
    expect(problems).toEqual([
      { file: 'broken.md', message: 'broken link skipped (ENOENT)' },
      { file: 'outside.md', message: 'skipped: a link to outside the input folder (--follow-symlinks allows it)' },
      { file: 'pipe.md', message: 'skipped: not a regular file' },
      { file: 'up', message: 'skipped: a link to outside the input folder (--follow-symlinks allows it)' },
      { file: 'zero.md', message: 'skipped: a link to outside the input folder (--follow-symlinks allows it)' },
    ]);

    // Allowed to leave the input: the draft is read, /dev/zero still is not a regular file,
    // and the link to the folder above is entered once (the input inside it is not read twice).
    const followed = listInput(inDir, { followSymlinks: true });
    expect(followed.files.map((file) => file.relative)).toEqual([
      'alias.md',
      'outside.md',
      'real/a.md',
      'up/secret-draft.md',
    ]);
    expect(followed.problems.map((problem) => problem.file)).toEqual(['broken.md', 'pipe.md', 'zero.md']);
    // A file has a path of its own only when it is not the input's path joined with its name:
    // reached through a link, itself or a folder's (the draft, in the folder above).
    const real = fs.realpathSync(inDir);
    expect(followed.files.map((file) => [file.relative, file.link, listedSource(real, file)])).toEqual([
      ['alias.md', path.join(real, 'real/a.md'), path.join(real, 'real/a.md')],
      [
        'outside.md',
        path.join(fs.realpathSync(root), 'secret-draft.md'),
        path.join(fs.realpathSync(root), 'secret-draft.md'),
      ],
      ['real/a.md', undefined, path.join(real, 'real/a.md')],
      [
        'up/secret-draft.md',
        path.join(fs.realpathSync(root), 'secret-draft.md'),
        path.join(fs.realpathSync(root), 'secret-draft.md'),
      ],
    ]);
  });
});
