import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeKeptFiles, KeptFile } from './kept-file.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-'));
});
afterEach(() => {
  closeKeptFiles();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('KeptFile', () => {
  it('reads ranges of the file it opened, even after a new one is renamed over its name', () => {
    const file = path.join(dir, 'snapshot');
    fs.writeFileSync(file, 'the first snapshot, whole');
    const kept = new KeptFile(file);
    expect(kept.read(4, 5).toString()).toBe('first');
    const next = path.join(dir, 'snapshot.next');
    fs.writeFileSync(next, 'THE SECOND SNAPSHOT, WHOLE');
    fs.renameSync(next, file);
    expect(kept.read(10, 8).toString()).toBe('snapshot');
    expect(kept.size()).toBe('the first snapshot, whole'.length);
    const into = Buffer.alloc(16);
    expect(kept.read(0, 3, into).toString()).toBe('the');
    expect(into.subarray(0, 3).toString()).toBe('the');
    expect(() => kept.read(20, 10)).toThrow(/ended before byte 30/);
    // Once the run's files are closed, it opens the name again: the new file.
    closeKeptFiles();
    expect(kept.read(4, 6).toString()).toBe('SECOND');
  });

  it('throws at once for a file that cannot be opened', () => {
    expect(() => new KeptFile(path.join(dir, 'missing'))).toThrow(/ENOENT/);
  });
});
