import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  commitPatch,
  createStaging,
  listPublished,
  type OutputPatch,
  recoverOutput,
  stalePaths,
  writeJournal,
} from './output-dir.ts';
import { PathSet } from './path-set.ts';
import { putFiles } from '../testing/put-files.ts';

let root: string;
let out: string;

const text = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
/** Beside the output, less what is still being deleted in the background. */
const settled = () => fs.readdirSync(root).filter((name) => !name.includes('.trash-'));

/** Runs commitPatch with renameSync dying on its `fatal`-th call, as a process killed there would. */
function commitKilledAtRename(staging: string, patch: OutputPatch, fatal: number): void {
  const rename = fs.renameSync;
  let moves = 0;
  fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    if (++moves === fatal) throw new Error('killed');
    rename(from, to);
  }) as typeof fs.renameSync;
  try {
    expect(() => commitPatch(staging, out, patch)).toThrow('killed');
  } finally {
    fs.renameSync = rename;
  }
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'output-dir-'));
  out = path.join(root, 'data');
  putFiles(out, {
    'manifest.json': 'old manifest',
    'articles/a.json': 'a1',
    'articles/b.json': 'b1',
    'lists/all/1.json': 'all1',
    'lists/gone/1.json': 'gone1',
    'search/old/terms/0.bin': 'old index',
  });
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('stalePaths', () => {
  it('names folders that go whole once, and single files inside kept folders', () => {
    const expected = new Set(['manifest.json', 'articles/a.json', 'lists/all/1.json', 'search/new']);
    expect(stalePaths(listPublished(out), expected).sort()).toEqual(['articles/b.json', 'lists/gone', 'search/old']);
  });

  it('keeps what is under an expected folder as it is', () => {
    const expected = new Set(['manifest.json', 'articles/a.json', 'articles/b.json', 'lists/all/1.json']);
    expected.add('lists/gone/1.json').add('search/old');
    expect(stalePaths(listPublished(out), expected)).toEqual([]);
  });
});

/** stalePaths as a set of every named path would say it. */
function staleByNamedSet(published: string[], next: string[]): string[] {
  const named = new Set(next);
  const folders = new Set(
    next.flatMap((file) =>
      file
        .split('/')
        .slice(0, -1)
        .map((_, n, parts) => parts.slice(0, n + 1).join('/')),
    ),
  );
  return published.filter((file) => {
    if (named.has(file) || folders.has(file)) return false;
    const parent = file.split('/').slice(0, -1).join('/');
    return parent === '' || folders.has(parent);
  });
}

describe('stalePaths on generated outputs', () => {
  it('says what a set of every named path says', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let trial = 0; trial < 300; trial++) {
      const files = Array.from(
        { length: 1 + random(40) },
        () => Array.from({ length: 1 + random(3) }, () => 'abc'[random(3)]).join('/') + `${random(4)}.json`,
      );
      const published = new PathSet();
      for (const file of files)
        for (let at = file.indexOf('/'); at > 0; at = file.indexOf('/', at + 1)) published.add(file.slice(0, at));
      for (const file of files) published.add(file);
      const all = [...published];
      const next = all.filter(() => random(3) === 0).concat(['new/x.json']);
      expect(stalePaths(published, next), `trial ${trial}`).toEqual(staleByNamedSet(all, next));
    }
  });
});

describe('writeJournal', () => {
  it('writes what JSON.stringify writes, a piece at a time, for paths of every kind', () => {
    const file = path.join(root, 'journal');
    const odd = ['a "quoted" name.json', 'back\\slash', '港口/新闻.json', 'tab\there', '\u2028'];
    for (const count of [0, 1, 4095, 4096, 4097, 9000]) {
      const writes = Array.from({ length: count }, (_, n) => odd[n % odd.length] + String(n));
      const record = { staging: '.out.staging-"x"', writes, deletes: writes.slice(0, 5000) };
      writeJournal(file, record);
      expect(fs.readFileSync(file, 'utf8'), `${count} paths`).toBe(JSON.stringify(record));
    }
  });

  it('writes paths it is given as a set, in their order, as it writes a list of them', () => {
    const file = path.join(root, 'journal');
    for (const count of [0, 1, 4096, 4097]) {
      const paths = Array.from({ length: count }, (_, n) => `articles/${n % 7}/港${n}.json`);
      writeJournal(file, { staging: 's', writes: new PathSet(paths), deletes: [] });
      expect(fs.readFileSync(file, 'utf8'), `${count} paths`).toBe(
        JSON.stringify({ staging: 's', writes: paths, deletes: [] }),
      );
    }
  });
});

describe('commitPatch', () => {
  it('moves the changed files in, removes the stale ones, and leaves nothing beside the output', async () => {
    const staging = createStaging(out);
    putFiles(staging, {
      'articles/a.json': 'a2',
      'search/new/terms/0.bin': 'new index',
      'manifest.json': 'new manifest',
    });
    commitPatch(staging, out, {
      writes: ['articles/a.json', 'search/new', 'manifest.json'],
      deletes: ['articles/b.json', 'lists/gone', 'search/old'],
    });
    expect(text('articles/a.json')).toBe('a2');
    expect(text('manifest.json')).toBe('new manifest');
    expect(text('search/new/terms/0.bin')).toBe('new index');
    expect(text('lists/all/1.json')).toBe('all1');
    expect([...listPublished(out)].sort()).toEqual(
      [
        'articles',
        'articles/a.json',
        'lists',
        'lists/all',
        'lists/all/1.json',
        'manifest.json',
        'search',
        'search/new',
        'search/new/terms',
        'search/new/terms/0.bin',
      ].sort(),
    );
    // The stale files went to a trash folder that a background process deletes.
    await vi.waitFor(() => expect(fs.readdirSync(root)).toEqual(['data']), { timeout: 30_000 }); // a hang guard
  });

  it('removes the folders its deletes left empty, as a whole run would not make them', () => {
    putFiles(out, { 'tags/a1/head.json': 'tag', 'tags/a1/1.json': 'tag', 'lists/c_x/head.json': 'c' });
    const staging = createStaging(out);
    putFiles(staging, { 'manifest.json': 'new manifest' });
    // The last tag's list goes whole, a category's files one by one.
    commitPatch(staging, out, { writes: ['manifest.json'], deletes: ['tags/a1', 'lists/c_x/head.json'] });
    const published = [...listPublished(out)];
    expect(published.filter((file) => file.startsWith('tags') || file.startsWith('lists/c_x'))).toEqual([]);
    // Folders that still hold something stay.
    expect(published).toEqual(expect.arrayContaining(['lists', 'lists/all', 'articles']));
  });

  it('is finished by the next run when the process dies halfway through the moves', () => {
    const staging = createStaging(out);
    putFiles(staging, { 'articles/a.json': 'a2', 'articles/c.json': 'c1', 'manifest.json': 'new manifest' });
    const patch = { writes: ['articles/a.json', 'articles/c.json', 'manifest.json'], deletes: ['articles/b.json'] };
    // The journal's own rename is the first; die after it and one move.
    commitKilledAtRename(staging, patch, 3);
    expect(text('articles/a.json')).toBe('a2');
    expect(text('manifest.json')).toBe('old manifest');

    recoverOutput(out);
    expect(text('articles/c.json')).toBe('c1');
    expect(text('manifest.json')).toBe('new manifest');
    expect(fs.existsSync(path.join(out, 'articles/b.json'))).toBe(false);
    expect(settled()).toEqual(['data']);
  });

  it('moves a new content-named folder in whole, and keeps one that is published already', () => {
    const staging = createStaging(out);
    putFiles(staging, {
      'search/old/terms/0.bin': 'staged copy',
      'search/new/terms/0.bin': 'new index',
      'manifest.json': 'new manifest',
    });
    commitPatch(staging, out, { writes: ['search/old', 'search/new', 'manifest.json'], deletes: [] });
    // Named by its content: the published folder of that name has that content already.
    expect(text('search/old/terms/0.bin')).toBe('old index');
    expect(text('search/new/terms/0.bin')).toBe('new index');
    expect(text('manifest.json')).toBe('new manifest');
    expect(settled()).toEqual(['data']);
  });

  it('drops a journal that was never completely written, and its staging folder', () => {
    const staging = createStaging(out);
    putFiles(staging, { 'manifest.json': 'new manifest' });
    fs.writeFileSync(path.join(root, '.data.journal.tmp'), '{"staging":');
    recoverOutput(out);
    expect(text('manifest.json')).toBe('old manifest');
    expect(fs.readdirSync(root)).toEqual(['data']);
  });
});
