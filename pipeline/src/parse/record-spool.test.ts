import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { RecordSpool } from './record-spool.ts';

const spoolFolders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('news-reader-spool-'));

describe('RecordSpool', () => {
  it('gives back every record, keeping the first in memory and the rest in a file it removes', () => {
    const before = spoolFolders();
    const spool = new RecordSpool(10);
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
});
