import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SummaryStore } from './summary-store.ts';

let dir: string;
let base: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summaries-'));
  base = path.join(dir, 'pipeline-x');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const json = (n: number) => JSON.stringify({ id: `a${n}`, title: `第${n}篇：港口夜色`, excerpt: '摘要'.repeat(n) });

describe('SummaryStore', () => {
  it('keeps what it stored across runs, appending only the new summaries', () => {
    const first = SummaryStore.open(base, undefined);
    expect(first.loaded).toBe(false);
    const saved = first.store.save([{ text: Buffer.from(json(1)) }, { text: Buffer.from(json(2)) }]);
    const again = SummaryStore.open(base, saved.state);
    expect(again.loaded).toBe(true);
    expect([...saved.slices].map((slice) => again.store.get(slice))).toEqual([json(1), json(2)]);

    const [one, two] = [saved.slices.at(0), saved.slices.at(1)];
    const next = again.store.save([{ stored: two }, { text: Buffer.from(json(3)) }, { stored: one }]);
    expect(next.state.generation).toBe(saved.state.generation);
    expect(next.slices.at(0)).toEqual(two);
    const third = SummaryStore.open(base, next.state).store;
    expect([...next.slices].map((slice) => third.get(slice))).toEqual([json(2), json(3), json(1)]);
  });

  it('replaces a few summaries by appending theirs, until dead texts call for a rewrite', () => {
    const { store } = SummaryStore.open(base, undefined);
    // Twenty summaries of 100 kB: 2 MB, past the megabyte a store may waste.
    const long = (n: number) => `${json(n)}${' '.repeat(100_000)}`;
    const saved = store.save(Array.from({ length: 20 }, (_, n) => ({ text: Buffer.from(long(n)) })));
    expect(saved.state.live).toBe(saved.state.bytes);
    const replaced = SummaryStore.open(base, saved.state).store.replace([Buffer.from(json(99))], [saved.slices.at(3)]);
    expect(replaced?.state.generation).toBe(saved.state.generation);
    expect(replaced?.state.live).toBe(saved.state.bytes - Buffer.byteLength(long(3)) + Buffer.byteLength(json(99)));
    const after = SummaryStore.open(base, replaced?.state).store;
    expect(after.get(replaced?.slices[0] as [number, number])).toBe(json(99));
    expect(after.get(saved.slices.at(4))).toBe(long(4));

    const { live: _live, ...unknown } = saved.state;
    expect(SummaryStore.open(base, unknown).store.replace([Buffer.from(json(1))], [])).toBeUndefined();
    const rest = [...saved.slices].filter((_, n) => n !== 3);
    expect(
      after.replace(
        rest.map((_, n) => Buffer.from(json(n))),
        rest,
      ),
    ).toBeUndefined();
  });

  it('cuts off what a run that died after appending left, and refuses a store shorter than its state', () => {
    const { store } = SummaryStore.open(base, undefined);
    const saved = store.save([{ text: Buffer.from(json(1)) }]);
    fs.appendFileSync(`${base}-${saved.state.generation}.summaries`, 'half a summ');
    const reopened = SummaryStore.open(base, saved.state).store;
    const next = reopened.save([{ stored: saved.slices.at(0) }, { text: Buffer.from(json(2)) }]);
    const read = SummaryStore.open(base, next.state).store;
    expect([...next.slices].map((slice) => read.get(slice))).toEqual([json(1), json(2)]);

    fs.truncateSync(`${base}-${next.state.generation}.summaries`, 5);
    expect(SummaryStore.open(base, next.state).loaded).toBe(false);
  });

  it('writes a fresh generation when dead summaries outweigh live ones, and prunes the old', () => {
    let { store } = SummaryStore.open(base, undefined);
    let saved = store.save([{ text: Buffer.from(json(1)) }]);
    const big = 'x'.repeat(300_000);
    for (let round = 0; round < 8; round++) {
      store = SummaryStore.open(base, saved.state).store;
      saved = store.save([{ stored: saved.slices.at(0) }, { text: Buffer.from(JSON.stringify({ big, round })) }]);
    }
    expect(saved.state.generation).toBeGreaterThan(1);
    store.prune(saved.state);
    expect(fs.readdirSync(dir)).toEqual([`pipeline-x-${saved.state.generation}.summaries`]);
    expect(SummaryStore.open(base, saved.state).store.get(saved.slices.at(0))).toBe(json(1));
  });
});
