import { describe, expect, it } from 'vitest';
import { BLOCK_BYTES, FileBlocks } from './file-blocks.ts';

/** A "file" of `blocks` megabytes whose every 4-byte word is its own offset; counts the memory each read makes. */
function fakeFile(blocks: number) {
  const size = blocks * BLOCK_BYTES;
  const made = { fresh: 0, into: 0, bytes: 0 };
  const load = (offset: number, length: number, into?: Buffer) => {
    if (into) made.into++;
    else made.fresh++;
    made.bytes += length;
    const bytes = into ?? Buffer.allocUnsafeSlow(length);
    const read = Math.min(length, size - offset);
    for (let at = 0; at < read; at += 4) bytes.writeUInt32LE(offset + at, at);
    return bytes.subarray(0, read);
  };
  return { size, made, load };
}

const wordAt = (bytes: Uint8Array, at = 0) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readUInt32LE(at);

describe('FileBlocks', () => {
  it('reads each range a pass asks for in passing, reusing the memory of blocks that leave', () => {
    const file = fakeFile(40);
    const blocks = new FileBlocks(file.load, 4);
    // Three passes over every block, records of 64 bytes, a few per block.
    for (let pass = 0; pass < 3; pass++) {
      for (let offset = 0; offset < file.size; offset += BLOCK_BYTES / 4 + 64) {
        const record = blocks.readInPassing(offset, 64, file.size);
        expect(wordAt(record)).toBe(offset);
        expect(wordAt(record, 60)).toBe(offset + 60);
      }
    }
    // 120 blocks read; new memory only until the first blocks left (4 kept, then one spare), and
    // for the first record of the second and third passes, read alone: block 0 follows no kept
    // block, so a pass that starts again reads its block from its second record on.
    expect(file.made.fresh).toBe(5 + 2);
    expect(file.made.into).toBe(115);
    expect(blocks.heldBytes).toBe(4 * BLOCK_BYTES);
  });

  it('reads records asked for out of their order alone, and by blocks again once a stream of reads follows on', () => {
    const file = fakeFile(64);
    const blocks = new FileBlocks(file.load, 4);
    const reads = () => file.made.fresh + file.made.into;
    // A record in each block, in a shuffled order (a spool written in name order, read in date
    // order): after the first, each is read alone, 64 bytes, not a megabyte each.
    const shuffled = Array.from({ length: 64 }, (_, n) => (n * 37) % 64);
    for (const n of shuffled) {
      const offset = n * BLOCK_BYTES + 512;
      expect(wordAt(blocks.readInPassing(offset, 64, file.size), 60)).toBe(offset + 60);
    }
    expect(reads()).toBe(64);
    // Blocks read whole: the first only; the rest alone.
    expect(blocks.heldBytes).toBe(BLOCK_BYTES);
    expect(file.made.bytes).toBe(BLOCK_BYTES + 63 * 64);
    // Then in order from block 10: the second read in the same block reads it, and the blocks
    // after it follow on, one read a block.
    const before = reads();
    for (let offset = 10 * BLOCK_BYTES; offset < 20 * BLOCK_BYTES; offset += BLOCK_BYTES / 8) {
      expect(wordAt(blocks.read(offset, 16, file.size))).toBe(offset);
    }
    expect(reads() - before).toBe(1 + 10);
    // And backwards, as a store saved newest first is read oldest first: one read a block.
    const backwards = reads();
    for (let offset = 40 * BLOCK_BYTES - 64; offset > 30 * BLOCK_BYTES; offset -= BLOCK_BYTES / 8) {
      expect(wordAt(blocks.readInPassing(offset, 16, file.size))).toBe(offset);
    }
    expect(reads() - backwards).toBe(1 + 10);
    // A lasting view of a range read alone stays valid.
    const alone = blocks.read(40 * BLOCK_BYTES + 8, 8, file.size);
    blocks.readInPassing(50 * BLOCK_BYTES, 8, file.size);
    expect(wordAt(alone)).toBe(40 * BLOCK_BYTES + 8);
  });

  it('reads blocks whole in any order when the file fits in the blocks kept', () => {
    const file = fakeFile(8);
    const blocks = new FileBlocks(file.load, 8);
    for (const n of [0, 5, 2, 7, 3, 6, 1, 4, 6, 0, 3]) blocks.readInPassing(n * BLOCK_BYTES + 64, 16, file.size);
    expect(file.made.bytes).toBe(8 * BLOCK_BYTES); // each block once
  });

  it('never reads into the memory of a block that lent a lasting view', () => {
    const file = fakeFile(40);
    const blocks = new FileBlocks(file.load, 4);
    const kept = new Map<number, Uint8Array>();
    for (let offset = 0; offset < file.size; offset += BLOCK_BYTES / 2) {
      // Every other block lends a lasting view as well as passing ones.
      if (offset % (4 * BLOCK_BYTES) === 0) kept.set(offset, blocks.read(offset + 128, 16, file.size));
      expect(wordAt(blocks.readInPassing(offset + 256, 16, file.size))).toBe(offset + 256);
    }
    for (const [offset, view] of kept) expect(wordAt(view)).toBe(offset + 128);
    // Passing reads of a block after its lasting one: still lent.
    expect(file.made.into).toBeGreaterThan(0);
    expect(file.made.fresh).toBeGreaterThanOrEqual(kept.size + 4);
  });

  it('keeps a passing view valid until the next read, and reads a range across blocks on its own', () => {
    const file = fakeFile(3);
    const blocks = new FileBlocks(file.load, 1);
    const first = blocks.readInPassing(16, 8, file.size);
    expect(wordAt(first)).toBe(16);
    // One block kept: the next read's block leaves the first one's memory spare, read into after.
    const second = blocks.readInPassing(BLOCK_BYTES + 16, 8, file.size);
    expect(wordAt(second)).toBe(BLOCK_BYTES + 16);
    const third = blocks.readInPassing(2 * BLOCK_BYTES + 16, 8, file.size);
    expect(wordAt(third)).toBe(2 * BLOCK_BYTES + 16);
    expect(wordAt(first)).toBe(2 * BLOCK_BYTES + 16); // the first block's memory, read into
    expect(file.made.into).toBe(1);
    const across = blocks.readInPassing(BLOCK_BYTES - 4, 8, file.size);
    expect([wordAt(across), wordAt(across, 4)]).toEqual([BLOCK_BYTES - 4, BLOCK_BYTES]);
  });
});
