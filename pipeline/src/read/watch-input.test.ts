import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InputWatcher, watchInput } from './watch-input.ts';

let root: string;
let watcher: InputWatcher | undefined;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-input-'));
  fs.mkdirSync(path.join(root, 'sub'));
  fs.writeFileSync(path.join(root, 'a.md'), 'a');
  fs.writeFileSync(path.join(root, 'sub', 'b.md'), 'b');
});

afterEach(() => {
  watcher?.close();
  watcher = undefined;
  fs.rmSync(root, { recursive: true, force: true });
});

const write = (relative: string, text = 'changed') => fs.writeFileSync(path.join(root, relative), text);

describe('watchInput', () => {
  it('names the files written and deleted, in any folder, once the folder is quiet', async () => {
    watcher = watchInput(root, { quietMs: 20 });
    expect(watcher.folders).toBe(2);
    write('sub/b.md');
    write('a.md');
    expect(await watcher.next()).toEqual({ files: ['a.md', 'sub/b.md'], listAll: false });
    fs.rmSync(path.join(root, 'a.md'));
    expect(await watcher.next()).toEqual({ files: ['a.md'], listAll: false });
    // A folder's times changed (`touch sub`): still watched, and nothing to run for it.
    fs.utimesSync(path.join(root, 'sub'), new Date(), new Date('2020-01-01'));
    fs.utimesSync(root, new Date(), new Date('2020-01-01'));
    write('sub/c.md');
    expect(await watcher.next()).toEqual({ files: ['sub/c.md'], listAll: false });
    expect(watcher.folders).toBe(2);
  });

  it('asks for a listing when a folder is put in the place of a watched one, and watches the new one', async () => {
    watcher = watchInput(root, { quietMs: 20 });
    fs.renameSync(path.join(root, 'sub'), path.join(root, 'old'));
    fs.mkdirSync(path.join(root, 'sub'));
    expect(await watcher.next()).toMatchObject({ listAll: true });
    write('sub/d.md');
    expect(await watcher.next()).toEqual({ files: ['sub/d.md'], listAll: false });
  });

  it('passes over what the listing passes over, and the folders it is told to ignore', async () => {
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'cache'));
    watcher = watchInput(root, { quietMs: 20, ignore: [path.join(root, 'cache')] });
    expect(watcher.folders).toBe(2);
    write('.draft.md');
    write('node_modules/x.md');
    write('.git/index');
    write('cache/state.txt');
    write('sub/.b.md.swp');
    // Only this one is the input's: the batch names it alone.
    write('sub/c.md');
    expect(await watcher.next()).toEqual({ files: ['sub/c.md'], listAll: false });
  });

  it('names the files of a folder that comes, watches it from then on, and asks for a listing when it goes', async () => {
    watcher = watchInput(root, { quietMs: 20 });
    fs.mkdirSync(path.join(root, 'new', 'inner'), { recursive: true });
    // Written before the folder's watch starts: found when the new folder is read.
    write('new/d.md');
    write('new/inner/e.md');
    write('new/.d.md.swp');
    expect(await watcher.next()).toEqual({ files: ['new/d.md', 'new/inner/e.md'], listAll: false });
    expect(watcher.folders).toBe(4);
    write('new/inner/f.md');
    expect(await watcher.next()).toEqual({ files: ['new/inner/f.md'], listAll: false });
    fs.rmSync(path.join(root, 'new'), { recursive: true });
    expect(await watcher.next()).toMatchObject({ listAll: true });
    expect(watcher.folders).toBe(2);
    // Made again at the same path: a new folder, watched again.
    fs.mkdirSync(path.join(root, 'new'));
    write('new/g.md');
    expect(await watcher.next()).toEqual({ files: ['new/g.md'], listAll: false });
    fs.rmSync(path.join(root, 'new'), { recursive: true });
    expect(await watcher.next()).toMatchObject({ listAll: true });
    // A folder moved in whole.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-moved-'));
    fs.writeFileSync(path.join(elsewhere, 'f.md'), 'f');
    fs.renameSync(elsewhere, path.join(root, 'moved'));
    expect(await watcher.next()).toEqual({ files: ['moved/f.md'], listAll: false });
  });

  it('gives nothing more once closed, and ends a wait', async () => {
    watcher = watchInput(root, { quietMs: 20 });
    const waiting = watcher.next();
    watcher.close();
    expect(await waiting).toBeUndefined();
    expect(await watcher.next()).toBeUndefined();
  });

  it('watches a folder linked inside the input once, and none outside it unless asked', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-outside-'));
    try {
      fs.symlinkSync(path.join(root, 'sub'), path.join(root, 'again'));
      fs.symlinkSync(outside, path.join(root, 'elsewhere'));
      watcher = watchInput(root, { quietMs: 20 });
      expect(watcher.folders).toBe(2);
      watcher.close();
      watcher = watchInput(root, { quietMs: 20, followSymlinks: true });
      expect(watcher.folders).toBe(3);
      fs.writeFileSync(path.join(outside, 'f.md'), 'f');
      expect(await watcher.next()).toEqual({ files: ['elsewhere/f.md'], listAll: false });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
