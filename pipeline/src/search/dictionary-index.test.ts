import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DictionaryIndexState, dueIndex, IndexedTerms, writeDictionaryIndex } from './dictionary-index.ts';
import { TermStore } from './search-term-cache.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dictionary-index-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TERMS = ['港', '码头', 'harbour', '🚢', 'é', '东港区', ...Array.from({ length: 3000 }, (_, n) => `词${n}`)];

/** A dictionary file of `terms` and its index. */
function written(terms: string[]) {
  const dictionary = path.join(dir, 'x.dict');
  const index = `${dictionary}.index`;
  const lines = Buffer.from(`${terms.join('\n')}\n`, 'utf8');
  fs.writeFileSync(dictionary, lines);
  const state = writeDictionaryIndex(index, lines);
  return { dictionary, index, state, bytes: lines.length };
}

describe('dictionary index', () => {
  it('finds every term it covers by its bytes, and each term by its number', () => {
    const { dictionary, index, state, bytes } = written(TERMS);
    expect(state).toMatchObject({ terms: TERMS.length, bytes });
    const indexed = IndexedTerms.open(dictionary, index, state, bytes);
    expect(indexed?.count).toBe(TERMS.length);
    for (const [id, term] of TERMS.entries()) {
      expect(indexed?.find(Buffer.from(term, 'utf8'))).toBe(id);
      expect(indexed?.term(id)).toBe(term);
    }
    for (const absent of ['码', '港口', 'harbou', '词3000', ''])
      expect(indexed?.find(Buffer.from(absent, 'utf8'))).toBe(-1);
  });

  it('is used only as the state names it, whole, over bytes the dictionary still has', () => {
    const { dictionary, index, state, bytes } = written(TERMS);
    const open = (named: DictionaryIndexState, valid = bytes) => IndexedTerms.open(dictionary, index, named, valid);
    expect(open(state)).toBeDefined();
    expect(open({ ...state, stamp: state.stamp + 1 })).toBeUndefined(); // another run's index
    expect(open({ ...state, terms: state.terms - 1 })).toBeUndefined();
    expect(open(state, bytes - 1)).toBeUndefined(); // the dictionary was cut back since
    const whole = fs.readFileSync(index);
    const damaged = (change: (copy: Buffer) => void) => {
      const copy = Buffer.from(whole);
      change(copy);
      fs.writeFileSync(index, copy);
      return open(state);
    };
    // The second term's line ending before the first's.
    expect(damaged((copy) => copy.writeUInt32LE(0, 16 + 4))).toBeUndefined();
    // A term in two slots of the table.
    const table = 16 + TERMS.length * 4;
    const first = (copy: Buffer) => {
      for (let at = table; ; at += 4) if (copy.readInt32LE(at) !== 0) return at;
    };
    const empty = (copy: Buffer) => {
      for (let at = table; ; at += 4) if (copy.readInt32LE(at) === 0) return at;
    };
    expect(damaged((copy) => copy.writeInt32LE(copy.readInt32LE(first(copy)), empty(copy)))).toBeUndefined();
    expect(damaged((copy) => copy.writeInt32LE(-3, first(copy)))).toBeUndefined();
    fs.writeFileSync(index, whole.subarray(0, whole.length - 4));
    expect(open(state)).toBeUndefined();
    fs.rmSync(index);
    expect(open(state)).toBeUndefined();
  });

  it('is written again once the terms appended after it outgrow it', () => {
    expect(dueIndex(undefined, 1)).toBe(true);
    expect(dueIndex(undefined, 0)).toBe(false);
    const index = { terms: 1_000_000, bytes: 0, stamp: 1 };
    expect(dueIndex(index, 1_100_000)).toBe(false);
    expect(dueIndex(index, 1_130_000)).toBe(true);
    expect(dueIndex({ ...index, terms: 10 }, 60_000)).toBe(false);
    expect(dueIndex({ ...index, terms: 10 }, 70_000)).toBe(true);
  });

  it('lets a term store number terms the same through its index, the terms after it and without it', () => {
    const base = path.join(dir, 'pipeline-x');
    const first = TermStore.open(base, undefined).store;
    const ids = (store: TermStore, terms: string[]) => terms.map((term) => store.dictionary.intern(term));
    const doc = (store: TermStore, terms: string[]) => ({
      terms: { ids: Uint32Array.from(ids(store, terms)), weights: new Uint8Array(terms.length).fill(1) },
    });
    const saved = first.save([doc(first, TERMS)]);
    expect(saved.state.index).toMatchObject({ terms: TERMS.length });
    const dictionaryFile = `${base}-${saved.state.generation}.dict`;
    expect(fs.existsSync(`${dictionaryFile}.index`)).toBe(true);

    // Reopened through the index, a new term is appended after it; the index is kept.
    const second = TermStore.open(base, saved.state).store;
    expect(ids(second, TERMS)).toEqual(TERMS.map((_, n) => n));
    const again = second.save([doc(second, ['新词', '港'])]);
    expect(again.state.index).toEqual(saved.state.index);
    const third = TermStore.open(base, again.state).store;
    expect(ids(third, ['新词', '港', '词2999'])).toEqual([TERMS.length, 0, TERMS.length - 1]);
    expect(third.dictionary.term(TERMS.length)).toBe('新词');

    // An index the state does not name is not used: the terms are read whole, the same numbers
    // found, and the next save writes an index the state names.
    fs.writeFileSync(`${dictionaryFile}.index`, 'not an index');
    const fourth = TermStore.open(base, again.state);
    expect(fourth.loaded).toBe(true);
    expect(ids(fourth.store, ['新词', '港', '词2999'])).toEqual([TERMS.length, 0, TERMS.length - 1]);
    const rewritten = fourth.store.save([doc(fourth.store, ['港'])]);
    expect(rewritten.state.index?.terms).toBe(TERMS.length + 1);
    expect(rewritten.state.index?.stamp).not.toBe(saved.state.index?.stamp);
    expect(ids(TermStore.open(base, rewritten.state).store, ['新词', '东港区'])).toEqual([TERMS.length, 5]);
  });
});
