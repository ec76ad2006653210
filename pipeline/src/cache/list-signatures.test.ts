import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlockWriter } from './block-writer.ts';
import type { SnapshotData } from './cache-columns.ts';
import { ListSignatures, type SignaturesHeader, writeListSignatures } from './list-signatures.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-signatures-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `signatures` as a snapshot's columns and returns what reads them back. */
function written(signatures: [string, string][]): { header: SignaturesHeader; data: SnapshotData } {
  const file = path.join(dir, 'snapshot');
  const writer = new BlockWriter(file, 0, { fresh: true });
  writer.write(Buffer.from('rows first'));
  const header = writeListSignatures(signatures, writer, 0);
  writer.close();
  const bytes = fs.readFileSync(file);
  return {
    header,
    data: { length: bytes.length, read: (offset, length) => Buffer.from(bytes.subarray(offset, offset + length)) },
  };
}

// Chinese and Latin names, out of order: sorted by their bytes, not as JavaScript compares them.
const pages = Array.from({ length: 3_000 }, (_, n): [string, string] => [
  n % 3 === 0 ? `lists/港口-${n}/1.json` : n % 3 === 1 ? `lists/all/${n}.json` : `lists/\u{1F30A}${n}/head.json`,
  `sig-${n}`,
]).reverse();

describe('list signatures', () => {
  it('reads back every signature from the columns, one by one and past the lookups that read them all', () => {
    const { header, data } = written(pages);
    const read = ListSignatures.read(header, data);
    expect(new Map(read?.entries())).toEqual(new Map(pages));
    for (const [file, signature] of pages.slice(0, 100)) expect(read?.get(file)).toBe(signature);
    expect(read?.get('lists/all/3000.json')).toBeUndefined();
    expect(read?.get('')).toBeUndefined();
    // Past 1,024 lookups the files are found by a table of their bytes' hashes: the same answers.
    for (const [file, signature] of pages) expect(read?.get(file)).toBe(signature);
    expect(read?.get('lists/all/3000.json')).toBeUndefined();
    expect(read?.get('')).toBeUndefined();
    expect(read?.get('lists/all/1.json/')).toBeUndefined();
  });

  it('finds a name with a lone surrogate as its bytes were written, before and past the table', () => {
    const odd = 'lists/\uD800港/1.json';
    const { header, data } = written([...pages, [odd, 'odd']]);
    const read = ListSignatures.read(header, data);
    expect(read?.get(odd)).toBe('odd');
    for (const [file, signature] of pages) expect(read?.get(file)).toBe(signature);
    expect(read?.get(odd)).toBe('odd');
    expect(read?.get('lists/\uDC00港/1.json')).toBe('odd'); // the same bytes once written (U+FFFD)
    expect(read?.get('lists/\uD800/1.json')).toBeUndefined();
  });

  it('keeps a run’s changes over the loaded signatures, and names just the changes', () => {
    const { header, data } = written(pages.slice(0, 10));
    const loaded = ListSignatures.read(header, data) as ListSignatures;
    const [[first, firstSignature], [second], [third, thirdSignature]] = pages as [
      [string, string],
      [string],
      [string, string],
    ];
    const next = loaded.derive();
    next.set(first, 'changed');
    next.set(third, thirdSignature); // the same: no change
    next.delete(second);
    next.set('lists/new/1.json', 'new');
    next.delete('lists/never/1.json');
    expect(next.changesSince(loaded)).toEqual(
      new Map([
        [first, 'changed'],
        [second, null],
        ['lists/new/1.json', 'new'],
      ]),
    );
    expect(next.changesSince(ListSignatures.of([]))).toBeUndefined();
    expect(next.get(first)).toBe('changed');
    expect(next.get(second)).toBeUndefined();
    expect(loaded.get(first)).toBe(firstSignature);
    expect(new Map(next.entries())).toEqual(
      new Map([
        ...pages.slice(0, 10).filter(([file]) => file !== second && file !== first),
        [first, 'changed'],
        ['lists/new/1.json', 'new'],
      ]),
    );
    // Set back as it was: no longer a change.
    next.set(first, firstSignature);
    expect(next.changesSince(loaded)?.has(first)).toBe(false);
  });

  it('takes the changes a log replays as they are, and a run derived from them names its own', () => {
    const { header, data } = written(pages.slice(0, 10));
    const loaded = ListSignatures.read(header, data) as ListSignatures;
    const [[first, firstSignature], [second], [third]] = pages as [[string, string], [string], [string]];
    loaded.replay(first, firstSignature); // as the snapshot has it
    loaded.replay(second, null);
    loaded.replay(third, 'shifted');
    loaded.replay('lists/gone/1.json', null); // never there
    loaded.replay('lists/new/1.json', 'new');
    expect(loaded.get(first)).toBe(firstSignature);
    expect(loaded.get(second)).toBeUndefined();
    expect(loaded.get('lists/gone/1.json')).toBeUndefined();
    expect(new Map(loaded.entries())).toEqual(
      new Map([
        ...pages.slice(0, 10).filter(([file]) => file !== second && file !== third),
        [third, 'shifted'],
        ['lists/new/1.json', 'new'],
      ]),
    );
    const next = loaded.derive();
    next.set(third, 'shifted'); // as the log left it: no change of this run's
    next.set(second, 'back');
    expect(next.changesSince(loaded)).toEqual(new Map([[second, 'back']]));
  });

  it('refuses columns that are not where the header says, and reads ones whose ends disagree as none', () => {
    const { header, data } = written(pages.slice(0, 5));
    const changed = (change: (sections: SignaturesHeader['sections']) => void) => {
      const copy = structuredClone(header);
      change(copy.sections);
      return ListSignatures.read(copy, data);
    };
    expect(changed(() => {})).toBeDefined();
    expect(changed((sections) => delete sections['signatures.ends'])).toBeUndefined();
    // Checked when first read, not on opening (a run of edits reads none): no signature is
    // ever wrong, it only has its file written again.
    const disagreeing = changed((sections) => (sections['files'] = [0, 3]));
    expect(disagreeing?.get(pages[0]?.[0] ?? '')).toBeUndefined();
    expect([...(disagreeing?.entries() ?? [])]).toEqual([]);
    expect(changed(() => {})?.get(pages[0]?.[0] ?? '')).toBe(pages[0]?.[1]);
    expect(changed((sections) => (sections['files.ends'] = [0, 8]))).toBeUndefined();
    expect(changed((sections) => (sections['files'] = [data.length, 10]))).toBeUndefined();
    expect(ListSignatures.read({ ...header, count: -1 }, data)).toBeUndefined();
    expect(ListSignatures.read(null, data)).toBeUndefined();
  });
});
