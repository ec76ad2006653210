import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listPublished } from './output-dir.ts';
import { StagedOutput } from './staged-output.ts';
import { putFiles } from '../testing/put-files.ts';

let root: string;
let out: string;

const text = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
const published = () =>
  [...listPublished(out)].filter((file) => !fs.statSync(path.join(out, file)).isDirectory()).sort();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'staged-output-'));
  out = path.join(root, 'data');
  putFiles(out, {
    'manifest.json': 'old manifest',
    'articles/a.json': 'a1',
    'articles/b.json': 'b1',
    'articles/c.json': 'c1',
    'lists/all/1.json': 'all1',
    'search/old/terms/0.bin': 'old index',
  });
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('StagedOutput', () => {
  it('moves in what it staged, keeps what the next output names besides, and removes the rest', () => {
    const output = new StagedOutput(out);
    expect(output.inPlace).toBe(true);
    fs.writeFileSync(output.file('articles/a.json'), 'a2');
    fs.writeFileSync(output.file('articles/d.json'), 'd1');
    // Staged twice (written again): moved in once, with what was written last.
    fs.writeFileSync(output.file('articles/d.json'), 'd2');
    fs.writeFileSync(output.file('manifest.json'), 'new manifest');
    output.commit(['articles/a.json', 'articles/b.json', 'articles/d.json', 'lists/all/1.json', 'search/old']);
    expect(published()).toEqual([
      'articles/a.json',
      'articles/b.json',
      'articles/d.json',
      'lists/all/1.json',
      'manifest.json',
      'search/old/terms/0.bin',
    ]);
    expect([text('articles/a.json'), text('articles/b.json'), text('articles/d.json')]).toEqual(['a2', 'b1', 'd2']);
    expect(text('manifest.json')).toBe('new manifest');
    expect(fs.readdirSync(root).filter((name) => !name.includes('.trash-'))).toEqual(['data']);
  });

  it('removes a published folder that the next output no longer names, whole', () => {
    const output = new StagedOutput(out);
    fs.writeFileSync(output.file('manifest.json'), 'new manifest');
    output.commit(['articles/a.json', 'articles/b.json', 'articles/c.json', 'lists/all/1.json']);
    expect(published()).not.toContain('search/old/terms/0.bin');
    expect(fs.existsSync(path.join(out, 'search'))).toBe(false);
  });
});
