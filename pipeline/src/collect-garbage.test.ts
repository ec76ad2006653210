import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COLLECTING_RUN_FILES, collectGarbage, collectNow, GarbageLimit } from './collect-garbage.ts';

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

describe('GarbageLimit', () => {
  const LIMIT = 8 * 1024 * 1024;

  it('collects once a big run has left its limit of garbage, and not before', () => {
    collectNow();
    const limit = new GarbageLimit(COLLECTING_RUN_FILES, LIMIT);
    limit.check(); // nothing made yet
    expect(limit.collections).toBe(0);
    const held = heapWithGarbage(); // about 30 MB, over the limit
    limit.check();
    expect(limit.collections).toBe(1);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15_000_000);
    limit.check(); // nothing new since
    expect(limit.collections).toBe(1);
  });

  it('leaves a small run to the collector', () => {
    collectNow();
    const limit = new GarbageLimit(COLLECTING_RUN_FILES - 1, LIMIT);
    heapWithGarbage();
    limit.check();
    expect(limit.collections).toBe(0);
  });
});

describe('stopPretenuring', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The module fresh (its switch is the process's, once), with V8's flags watched and not changed. */
  async function fresh() {
    vi.resetModules();
    const flags = vi.spyOn(v8, 'setFlagsFromString').mockImplementation(() => undefined);
    const module = await import('./collect-garbage.ts');
    return { ...module, flags };
  }

  it('turns pretenuring off once, for the first big run', async () => {
    const { stopPretenuring, COLLECTING_RUN_FILES: big, flags } = await fresh();
    stopPretenuring(big);
    stopPretenuring(big * 2);
    expect(flags.mock.calls).toEqual([['--no-allocation-site-pretenuring']]);
  });

  it('leaves a small run as it is', async () => {
    const { stopPretenuring, COLLECTING_RUN_FILES: big, flags } = await fresh();
    stopPretenuring(big - 1);
    stopPretenuring(0);
    expect(flags).not.toHaveBeenCalled();
  });
});
