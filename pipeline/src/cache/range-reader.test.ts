import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RangeReader } from './range-reader.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ranges-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('RangeReader', () => {
  it('reads the ranges asked for, each at a 4-byte boundary, before and after it reads the file whole', () => {
    const file = path.join(dir, 'store');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, n) => n % 251));
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from('a tail a dead run left')]));
    const reader = RangeReader.open(file, bytes.length);
    if (!reader) throw new Error('not opened');
    // Many small reads: past a thousand ranges, the reader reads the file once and slices it.
    for (let n = 0; n < 1500; n++) {
      const offset = (n * 8) % 4000;
      const range = reader.read(offset, 12);
      expect(range).toEqual(bytes.subarray(offset, offset + 12));
      expect(range.byteOffset % 4).toBe(0);
    }
    expect(() => reader.read(4090, 12)).toThrow(/past the valid 4096 bytes/);
    expect(reader.all()).toEqual(bytes);
  });

  it('opens nothing for a missing file or one shorter than its valid bytes', () => {
    const file = path.join(dir, 'store');
    expect(RangeReader.open(file, 1)).toBeUndefined();
    fs.writeFileSync(file, 'short');
    expect(RangeReader.open(file, 6)).toBeUndefined();
    expect(RangeReader.open(file, 5)?.read(1, 3).toString()).toBe('hor');
  });
});
