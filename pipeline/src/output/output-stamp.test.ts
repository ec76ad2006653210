import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputStamp } from './output-stamp.ts';

let out: string;
const write = (file: string) => {
  fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  fs.writeFileSync(path.join(out, file), '{}');
};

beforeEach(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'output-stamp-'));
  for (const file of [
    'manifest.json',
    'articles/a.json',
    'articles/b.json',
    'lists/all/head.json',
    'lists/all/1.json',
    'search/abc/docs/0.json',
    'search/abc/terms/0.bin',
    'assets/a/photo.jpg',
  ])
    write(file);
});
afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

describe('outputStamp', () => {
  it('stays the same while nothing is added, removed or renamed, a file rewritten in place included', () => {
    // As a cache keeps it (once the file system's clock has passed the folders), then as a run compares.
    const stamp = outputStamp(out, { settled: true });
    expect(stamp).toBeDefined();
    expect(outputStamp(out)).toBe(stamp);
    fs.writeFileSync(path.join(out, 'articles/a.json'), '{"changed":true}');
    expect(outputStamp(out)).toBe(stamp);
  });

  it.each([
    ['a file added among the articles', () => write('articles/stray.json')],
    ['a list file removed', () => fs.rmSync(path.join(out, 'lists/all/1.json'))],
    ['a folder added inside a docs folder', () => fs.mkdirSync(path.join(out, 'search/abc/docs/more'))],
    ['a file renamed', () => fs.renameSync(path.join(out, 'articles/b.json'), path.join(out, 'articles/c.json'))],
    ['a file added deep in the assets', () => write('assets/a/b/c.jpg')],
    ['the manifest replaced', () => fs.renameSync(path.join(out, 'articles/a.json'), path.join(out, 'manifest.json'))],
    ['a list folder removed', () => fs.rmSync(path.join(out, 'lists/all'), { recursive: true })],
  ])('changes with %s', (_what, change) => {
    const stamp = outputStamp(out, { settled: true });
    change();
    expect(outputStamp(out)).not.toBe(stamp);
  });

  it('is undefined for a folder that is not there', () => {
    expect(outputStamp(path.join(out, 'none'))).toBeUndefined();
  });
});
