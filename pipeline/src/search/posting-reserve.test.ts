import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReserves, removeOtherReserves, reserveFile, writeReserves } from './posting-reserve.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('posting reserves', () => {
  it('reads back what was written, chunk by chunk, and copies unchanged chunks from the last file', () => {
    const base = path.join(dir, 'pipeline-x');
    const first = reserveFile(base, 'search/aaa');
    writeReserves(
      first,
      3,
      new Map([
        [0, new Map([['港口', { docs: [9, 4], weights: [3, 3] }]])],
        [2, new Map([['班列', { docs: [1], weights: [2] }]])],
      ]),
    );
    const read = openReserves(first, 3);
    expect(read.bucket(0).get('港口')).toEqual({ docs: [9, 4], weights: [3, 3] });
    expect(read.bucket(1).size).toBe(0);
    const second = reserveFile(base, 'search/bbb');
    writeReserves(second, 3, new Map([[0, new Map()]]), read);
    const next = openReserves(second, 3);
    expect(next.bucket(0).size).toBe(0);
    expect(next.bucket(2).get('班列')).toEqual({ docs: [1], weights: [2] });
    removeOtherReserves(base, 'search/bbb');
    expect(fs.readdirSync(dir)).toEqual([path.basename(second)]);
  });

  it("treats a missing, damaged or other index's file as no reserves, which is always right", () => {
    const file = reserveFile(path.join(dir, 'pipeline-x'), 'search/aaa');
    expect(openReserves(file, 2).bucket(0).size).toBe(0);
    writeReserves(file, 2, new Map([[1, new Map([['港口', { docs: [3], weights: [1] }]])]]));
    expect(openReserves(file, 3).bucket(1).size).toBe(0); // written for 2 chunks, read for 3
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, -2));
    expect(openReserves(file, 2).bucket(1).size).toBe(0);
  });
});
