import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestFile, indexHash, partDigest, readDigests, writeDigests } from './index-digests.ts';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'index-digests-'));

describe('index digests', () => {
  const digests = {
    chunks: [partDigest(Buffer.from('chunk 0')), partDigest(Buffer.from('chunk 1'))],
    sizes: [7, 70_000],
    docs: [partDigest(Buffer.from('["a","b"]')), partDigest(Buffer.from('["c"]')), partDigest(Buffer.from('[]'))],
  };

  it('reads back what was written, for the index whose counts they are', () => {
    const file = digestFile(path.join(folder(), 'pipeline-x'), 'search/0123456789ab');
    expect(path.basename(file)).toBe('pipeline-x-digests-0123456789ab');
    writeDigests(file, digests);
    expect(readDigests(file, 2, 3)).toEqual(digests);
  });

  it('knows none for another index, a damaged file or none at all: the files are hashed instead', () => {
    const file = path.join(folder(), 'digests');
    expect(readDigests(file, 2, 3)).toBeUndefined();
    expect(readDigests(undefined, 2, 3)).toBeUndefined();
    writeDigests(file, digests);
    expect(readDigests(file, 3, 3)).toBeUndefined();
    expect(readDigests(file, 2, 2)).toBeUndefined();
    fs.truncateSync(file, fs.statSync(file).size - 1);
    expect(readDigests(file, 2, 3)).toBeUndefined();
  });

  it('names an index by every digest, in place', () => {
    const hash = indexHash(digests);
    expect(hash).toMatch(/^[0-9a-f]{12}$/);
    const swapped = { ...digests, chunks: [...digests.chunks].reverse() };
    expect(indexHash(swapped)).not.toBe(hash);
    // A chunk moved into the docs files is another index.
    const moved = { chunks: digests.chunks.slice(0, 1), docs: [...digests.chunks.slice(1), ...digests.docs] };
    expect(indexHash(moved)).not.toBe(hash);
  });
});
