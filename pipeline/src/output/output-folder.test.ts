import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFolder, OUTPUT_MARKER } from './output-folder.ts';

let root: string;
const at = (relative: string) => path.join(root, relative);

function write(relative: string, text = 'x'): void {
  fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
  fs.writeFileSync(at(relative), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'output-folder-'));
  write('site/content/a.md');
  write('site/notes/plan.txt');
  write('site/README.txt');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('checkOutputFolder', () => {
  it('refuses an output that is, holds or sits inside the input', () => {
    expect(() => checkOutputFolder(at('site/content'), at('site'))).toThrow(
      `the output folder ${at('site')} holds the input folder ${at('site/content')}: publishing would replace it`,
    );
    expect(() => checkOutputFolder(at('site/content'), at('site/content'))).toThrow('is the input folder');
    expect(() => checkOutputFolder(at('site/content'), at('site/content/out'))).toThrow('is inside the input folder');
    // Through a link, too.
    fs.symlinkSync(at('site'), at('alias'));
    expect(() => checkOutputFolder(at('site/content'), at('alias'))).toThrow('holds the input folder');
  });

  it('refuses an existing folder with other content, and touches nothing', () => {
    expect(() => checkOutputFolder(at('site/content'), at('site/notes'))).toThrow(
      `${at('site/notes')} holds other files (plan.txt) and is not an output of this pipeline (it has no ${OUTPUT_MARKER}): nothing was changed`,
    );
    write('file-out');
    expect(() => checkOutputFolder(at('site/content'), at('file-out'))).toThrow('is a file, not a folder');
    expect(fs.readFileSync(at('site/notes/plan.txt'), 'utf8')).toBe('x');
  });

  it('accepts a new folder, an empty one, a previous output, and one from before the marker', () => {
    expect(() => checkOutputFolder(at('site/content'), at('out/new/data'))).not.toThrow();
    fs.mkdirSync(at('empty'));
    expect(() => checkOutputFolder(at('site/content'), at('empty'))).not.toThrow();
    write(`ours/${OUTPUT_MARKER}`);
    write('ours/manifest.json', '{}');
    expect(() => checkOutputFolder(at('site/content'), at('ours'))).not.toThrow();
    write('older/.build-id', 'b');
    write('older/manifest.json', '{"version":2}');
    expect(() => checkOutputFolder(at('site/content'), at('older'))).not.toThrow();
  });
});
