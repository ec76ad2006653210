import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { RecordSpool } from './record-spool.ts';

const spoolFolders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('news-reader-spool-'));

describe('RecordSpool', () => {
  it('gives back every record, keeping the first in memory and the rest in a file it removes', () => {
    const before = spoolFolders();
    const spool = new RecordSpool({ capacity: 30, inMemoryBytes: 10, what: 'parsed article' });
    const records = ['{"a":1}', '{"b":"港口"}', '{"c":3}', '{"d":"夜色"}'].map((text) =>
      new TextEncoder().encode(text),
    );
    records.forEach((bytes, index) => spool.put(index * 7, bytes));
    expect(spoolFolders().length).toBe(before.length + 1);
    records.forEach((bytes, index) =>
      expect(new TextDecoder().decode(spool.get(index * 7))).toBe(new TextDecoder().decode(bytes)),
    );
    expect(() => spool.get(1)).toThrow('no parsed article 1');
    spool.close();
    expect(spoolFolders()).toEqual(before);
  });

  it('writes its records on disk again in the order they will be read, when they are far from it', () => {
    const spool = new RecordSpool({ capacity: 300, inMemoryBytes: 6_000 });
    const recordOf = (index: number) => Buffer.alloc(1_000 + ((index * 7919) % 2_000), index % 251);
    // Put in one order (the files' names), to be read in another (their dates).
    const dateOrder = Array.from({ length: 300 }, (_, n) => (n * 37) % 300);
    for (let index = 0; index < 300; index++) spool.put(index, recordOf(index));
    const where = (index: number) => {
      const place = spool.locate(index);
      return place instanceof Uint8Array ? -1 : place.offset;
    };
    const named = dateOrder.filter((index) => index % 10 !== 0); // some not named: kept after them
    expect(spool.putInOrder(named)).toBe(true);
    const onDisk = named.filter((index) => where(index) >= 0);
    expect(onDisk.length).toBeGreaterThan(250);
    expect(onDisk.map(where)).toEqual([...onDisk.map(where)].sort((a, b) => a - b));
    for (let index = 0; index < 300; index++) {
      expect(Buffer.compare(Buffer.from(spool.get(index)), recordOf(index))).toBe(0);
      if (where(index) >= 0) expect(where(index) % 4).toBe(0);
    }
    // In that order now, and the records put in order to begin with: left as they are.
    expect(spool.putInOrder(named)).toBe(false);
    const inOrder = new RecordSpool({ capacity: 300, inMemoryBytes: 0 });
    for (const index of dateOrder) inOrder.put(index, recordOf(index));
    expect(inOrder.putInOrder(dateOrder)).toBe(false);
    expect(inOrder.putInOrder([...dateOrder].reverse())).toBe(false); // read backwards: blocks too
    expect(new RecordSpool({ capacity: 3 }).putInOrder([2, 1, 0])).toBe(false); // nothing on disk
    spool.close();
    inOrder.close();
  });

  it('reads records back from disk in any order, across blocks, and keeps the last one put', () => {
    const spool = new RecordSpool({ capacity: 400, inMemoryBytes: 0 });
    const recordOf = (index: number, size: number) => Buffer.alloc(size, index % 251);
    // Sizes that leave records across 1 MB block boundaries, and one bigger than a block.
    const sizes = Array.from({ length: 400 }, (_, index) => (index === 7 ? 3 << 20 : 5000 + ((index * 7919) % 30000)));
    sizes.forEach((size, index) => spool.put(index, recordOf(index, size)));
    spool.put(11, recordOf(12, 17)); // put again: the last one counts
    expect(spool.has(399)).toBe(true);
    const order = sizes.map((_, index) => index).sort((a, b) => ((a * 31) % 400) - ((b * 31) % 400));
    for (const index of order) {
      const expected = index === 11 ? recordOf(12, 17) : recordOf(index, sizes[index] as number);
      const bytes = spool.get(index);
      expect(bytes.byteOffset % 4).toBe(0);
      expect(Buffer.compare(Buffer.from(bytes), expected)).toBe(0);
    }
    spool.close();
    expect(spool.has(0)).toBe(false);
  });
});
