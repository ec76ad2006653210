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
  it('reads the ranges asked for, each at a 4-byte boundary, before and after it reads by blocks', () => {
    const file = path.join(dir, 'store');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, n) => n % 251));
    fs.writeFileSync(file, Buffer.concat([bytes, Buffer.from('a tail a dead run left')]));
    const reader = RangeReader.open(file, bytes.length);
    if (!reader) throw new Error('not opened');
    // Many small reads: past a thousand ranges, the reader reads a block and slices it.
    for (let n = 0; n < 1500; n++) {
      const offset = (n * 8) % 4000;
      const range = reader.read(offset, 12);
      expect(range).toEqual(bytes.subarray(offset, offset + 12));
      expect(range.byteOffset % 4).toBe(0);
    }
    expect(reader.heldBytes).toBe(4096);
    expect(() => reader.read(4090, 12)).toThrow(/past the valid 4096 bytes/);
    expect(reader.read(4000, 0)).toHaveLength(0);
  });

  it('reads by blocks across their boundaries, and keeps 16 MB of them however much it reads', () => {
    const file = path.join(dir, 'store');
    const megabyte = 1 << 20;
    // 80 MB, sparse but for a mark in every megabyte and one across each boundary.
    const two = (n: number) => String(n).padStart(2, '0');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 80 * megabyte);
    for (let n = 0; n < 80; n++) {
      fs.writeSync(fd, Buffer.from(`mk${two(n)}`), 0, 4, n * megabyte + 8);
      if (n > 0) fs.writeSync(fd, Buffer.from(`ed${two(n)}ed${two(n)}`), 0, 8, n * megabyte - 4);
    }
    fs.closeSync(fd);
    const reader = RangeReader.open(file, 80 * megabyte);
    if (!reader) throw new Error('not opened');
    for (let n = 0; n < 1100; n++) reader.read(64 + 4 * n, 4); // past a thousand ranges
    for (let n = 0; n < 80; n++) {
      // across the boundary before block n (read on its own), then in block n
      if (n > 0) expect(reader.read(n * megabyte - 4, 8).toString()).toBe(`ed${two(n)}ed${two(n)}`);
      const mark = reader.read(n * megabyte + 8, 4);
      expect(mark.toString()).toBe(`mk${two(n)}`);
      expect(mark.byteOffset % 4).toBe(0);
    }
    expect(reader.heldBytes).toBe(16 * megabyte);
    // A stage done with its reading lets them go; a later read reads its block again.
    reader.releaseBlocks();
    expect(reader.heldBytes).toBe(0);
    expect(reader.read(3 * megabyte + 8, 4).toString()).toBe('mk03');
    expect(reader.heldBytes).toBe(megabyte);
  });

  it('opens nothing for a missing file or one shorter than its valid bytes', () => {
    const file = path.join(dir, 'store');
    expect(RangeReader.open(file, 1)).toBeUndefined();
    fs.writeFileSync(file, 'short');
    expect(RangeReader.open(file, 6)).toBeUndefined();
    expect(RangeReader.open(file, 5)?.read(1, 3).toString()).toBe('hor');
  });
});
