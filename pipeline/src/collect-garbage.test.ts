import { describe, expect, it } from 'vitest';
import { COLLECTING_RUN_FILES, collectGarbage, collectNow } from './collect-garbage.ts';

/** Makes 400,000 objects and strings (about 30 MB) and lets go of them: the heap's size while they lived. */
function heapWithGarbage(): number {
  const garbage = Array.from({ length: 400_000 }, (_, n) => ({ n, text: `article ${n}` }));
  expect(garbage).toHaveLength(400_000);
  return process.memoryUsage().heapUsed;
}

describe('collectGarbage', () => {
  it('frees what nothing holds any longer, in a big run', () => {
    const held = heapWithGarbage();
    collectGarbage(COLLECTING_RUN_FILES);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15_000_000);
  });

  it('frees it at once when asked, whatever the run was (a watching process between runs)', () => {
    const held = heapWithGarbage();
    collectNow();
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15_000_000);
  });
});
