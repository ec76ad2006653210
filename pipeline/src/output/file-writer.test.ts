import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSpool } from '../parse/record-spool.ts';
import { FileWriter } from './file-writer.ts';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'file-writer-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const encode = (text: string) => new TextEncoder().encode(text);
const article = (n: number) => encode(JSON.stringify({ id: `a${n}`, title: `第${n}篇：港口夜色`, n }));
const tailOf = (n: number) => (n % 3 === 0 ? '' : `,"prev":{"id":"a${n - 1}","title":"上一篇"}}`);
const expected = (n: number) => {
  const json = JSON.stringify({ id: `a${n}`, title: `第${n}篇：港口夜色`, n });
  return tailOf(n) ? json.slice(0, -1) + tailOf(n) : json;
};

describe('FileWriter', () => {
  it('writes records in memory and in the spool file, each with its tail in place of its closing brace', async () => {
    // The first records stay in memory, the rest go to the spool's file: both kinds, in batches.
    const spool = new RecordSpool({ capacity: 700, inMemoryBytes: 4_000 });
    for (let n = 0; n < 700; n++) spool.put(n, article(n));
    expect(spool.file).toBeDefined();
    const writer = new FileWriter(spool.file);
    for (let n = 0; n < 700; n++) await writer.write(path.join(root, `${n}.json`), spool.locate(n), tailOf(n));
    await writer.write(path.join(root, 'plain.txt'), encode('原样写入'));
    await writer.close();
    spool.close();
    for (let n = 0; n < 700; n++) expect(fs.readFileSync(path.join(root, `${n}.json`), 'utf8')).toBe(expected(n));
    expect(fs.readFileSync(path.join(root, 'plain.txt'), 'utf8')).toBe('原样写入');
  });

  it('waits while much is queued, and writes it all', async () => {
    const writer = new FileWriter();
    const big = new Uint8Array(3 << 20).fill(0x61);
    const waits: boolean[] = [];
    for (let n = 0; n < 20; n++) {
      let settled = false;
      const written = Promise.resolve(writer.write(path.join(root, `big-${n}.bin`), big)).then(() => (settled = true));
      await Promise.resolve();
      waits.push(!settled);
      await written;
    }
    await writer.close();
    // 60 MB queued faster than a disk takes it: some writes had to wait for the thread.
    expect(waits.some(Boolean)).toBe(true);
    for (let n = 0; n < 20; n++) expect(fs.statSync(path.join(root, `big-${n}.bin`)).size).toBe(3 << 20);
  });

  it.each([1, 2])(
    'with %i thread(s), stops at the first file it cannot write, and says which and why once nothing is in flight',
    async (threads) => {
      const writer = new FileWriter(undefined, threads);
      const gone = path.join(root, 'gone', 'b.json');
      const name = (n: number) => path.join(root, `after-${String(n).padStart(3, '0')}.json`);
      await writer.write(path.join(root, 'a.json'), encode('{"a":1}'));
      await writer.write(gone, encode('{"b":2}'));
      for (let n = 0; n < 600; n++) await Promise.resolve(writer.write(name(n), encode('{}'))).catch(() => {});
      const failure = await writer.close().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: 'ENOENT', path: gone });
      expect(fs.readFileSync(path.join(root, 'a.json'), 'utf8')).toBe('{"a":1}');
      // Nothing after the failure on its thread was written: the rest of its batch (the first
      // 256 files) and every batch after on that thread. Another thread stops once it is told.
      const after = fs.readdirSync(root).filter((file) => file.startsWith('after-'));
      expect(after.filter((file) => file < path.basename(name(254)))).toEqual([]);
      if (threads === 1) expect(after).toEqual([]);
      await expect(Promise.resolve(writer.write(path.join(root, 'late.json'), encode('{}')))).rejects.toMatchObject({
        code: 'ENOENT',
      });
    },
  );
});
