import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TermStore } from './search-term-cache.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

let dir: string;
let base: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terms-'));
  base = path.join(dir, 'pipeline-x');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function doc(dictionary: TermDictionary, terms: string[]): NumberedTerms {
  return {
    ids: Uint32Array.from(terms.map((term) => dictionary.intern(term))),
    weights: Uint8Array.from(terms.map((_, i) => i + 1)),
  };
}

const read = (store: TermStore, slice: [number, number]) => {
  const { ids, weights } = store.slice(slice);
  return Array.from(ids, (id, i) => `${store.dictionary.term(id)}:${weights[i]}`);
};

describe('TermStore', () => {
  it('keeps articles between builds, appending only the new ones', () => {
    const first = TermStore.open(base, undefined);
    expect(first.loaded).toBe(false);
    const a = doc(first.store.dictionary, ['东港', '码头', 'ai']);
    const b = doc(first.store.dictionary, ['西江']);
    const saved = first.store.save([{ terms: a }, { terms: b }]);

    const second = TermStore.open(base, saved.state);
    expect(second.loaded).toBe(true);
    expect(read(second.store, saved.slices.at(0))).toEqual(['东港:1', '码头:2', 'ai:3']);
    const c = doc(second.store.dictionary, ['南湖', '码头']);
    const again = second.store.save([{ stored: saved.slices.at(0) }, { terms: c }]);
    expect(again.state.generation).toBe(saved.state.generation);
    expect(again.slices.at(0)).toEqual(saved.slices.at(0));

    const third = TermStore.open(base, again.state);
    expect(read(third.store, again.slices.at(1))).toEqual(['南湖:1', '码头:2']);
  });

  it("replaces a few articles' records by appending theirs, until dead records call for a rewrite", () => {
    const { store } = TermStore.open(base, undefined);
    // Fifty records of 5,000 terms: 1.25 MB, past the megabyte a store may waste.
    const long = Array.from({ length: 4998 }, (_, n) => `长${n}`);
    const docs = Array.from({ length: 50 }, (_, n) => doc(store.dictionary, [`词${n}`, '港口', ...long]));
    const saved = store.save(docs.map((terms) => ({ terms })));
    expect(saved.state.live).toBe(saved.state.bytes);
    const reopened = TermStore.open(base, saved.state).store;
    const edited = doc(reopened.dictionary, ['南湖', '港口']);
    const replaced = reopened.replace([edited], [saved.slices.at(7)]);
    // Five bytes a term, padded to four: 5,000 terms freed, 2 (12 bytes) in their place.
    const live = (saved.state.live ?? 0) - 25_000 + 12;
    expect(replaced?.state).toMatchObject({ generation: saved.state.generation, live });
    const after = TermStore.open(base, replaced?.state).store;
    expect(read(after, replaced?.slices[0] as [number, number])).toEqual(['南湖:1', '港口:2']);
    expect(read(after, saved.slices.at(8)).slice(0, 2)).toEqual(['词8:1', '港口:2']);

    // A state from before live bytes were counted, or one whose dead records outweigh live ones: save instead.
    const { live: _live, ...unknown } = saved.state;
    expect(TermStore.open(base, unknown).store.replace([edited], [])).toBeUndefined();
    const rest = [...saved.slices].filter((_, n) => n !== 7);
    const small = rest.map((_, n) => doc(reopened.dictionary, [`短${n}`]));
    expect(TermStore.open(base, replaced?.state).store.replace(small, rest)).toBeUndefined();
  });

  it('cuts off what a run that died after appending left behind', () => {
    const first = TermStore.open(base, undefined);
    const saved = first.store.save([{ terms: doc(first.store.dictionary, ['东港']) }]);
    // A later run appended, then died before saving the JSON cache that would name it.
    fs.appendFileSync(`${base}-${saved.state.generation}.terms`, Buffer.alloc(64, 7));
    fs.appendFileSync(`${base}-${saved.state.generation}.dict`, '半个\n');
    const reopened = TermStore.open(base, saved.state);
    expect(reopened.loaded).toBe(true);
    expect(reopened.store.dictionary.termsFrom(0)).toEqual(['东港']);
    const next = reopened.store.save([
      { stored: saved.slices.at(0) },
      { terms: doc(reopened.store.dictionary, ['西江']) },
    ]);
    const final = TermStore.open(base, next.state);
    expect(read(final.store, next.slices.at(1))).toEqual(['西江:1']);
    expect(fs.statSync(`${base}-${next.state.generation}.terms`).size).toBe(next.state.bytes);
  });

  it('sizes the store from the sizes it is told, reading each article once, and stores what it reads', () => {
    const first = TermStore.open(base, undefined);
    const a = doc(first.store.dictionary, ['东港', '码头', 'ai']);
    const saved = first.store.save([{ terms: a }]);
    const { store } = TermStore.open(base, saved.state);
    const docs = [{ stored: saved.slices.at(0) }, { terms: doc(store.dictionary, ['南湖', '码头']) }];
    const reads: number[] = [];
    const again = store.save({
      length: docs.length,
      at: (n) => {
        reads.push(n);
        return docs[n];
      },
      sizeOf: (n) => (n === 0 ? { count: 3, stored: true } : { count: 2, stored: false }),
    });
    expect(reads).toEqual([0, 1]); // one pass, the writing one
    // Records of 3 and 2 terms are 16 and 12 bytes; the first was stored already.
    expect(again.state.live).toBe(16 + 12);
    expect(again.state.bytes).toBe(16 + 12);
    expect(again.slices.at(0)).toEqual(saved.slices.at(0));
    expect(read(TermStore.open(base, again.state).store, again.slices.at(1))).toEqual(['南湖:1', '码头:2']);
  });

  it('writes a fresh generation when dead records outweigh live ones, and prunes the old', () => {
    let { store } = TermStore.open(base, undefined);
    const shared = Array.from({ length: 100 }, (_, k) => `共${k}`);
    // 3,000 articles of 100 terms: 1.5 MB of records.
    const many = Array.from({ length: 3000 }, (_, n) => ({
      terms: doc(store.dictionary, [`词${n}`, ...shared]),
    }));
    const first = store.save(many);
    // All but one deleted, one added: the records are almost all dead.
    ({ store } = TermStore.open(base, first.state));
    const kept = { stored: first.slices.at(0) };
    const added = { terms: doc(store.dictionary, ['新词']) };
    const second = store.save([kept, added]);
    expect(second.state.generation).toBe(first.state.generation + 1);
    store.prune(second.state);
    expect(fs.existsSync(`${base}-${first.state.generation}.terms`)).toBe(false);
    const reopened = TermStore.open(base, second.state);
    expect(reopened.store.dictionary.termsFrom(0)).toEqual(['词0', ...shared, '新词']);
    expect(read(reopened.store, second.slices.at(1))).toEqual(['新词:1']);
    expect(read(reopened.store, second.slices.at(0)).slice(0, 2)).toEqual(['词0:1', '共0:2']);
  });

  it('starts empty when its files are missing or shorter than the cache says', () => {
    const first = TermStore.open(base, undefined);
    const saved = first.store.save([{ terms: doc(first.store.dictionary, ['东港']) }]);
    fs.truncateSync(`${base}-${saved.state.generation}.dict`, 2);
    expect(TermStore.open(base, saved.state).loaded).toBe(false);
    fs.rmSync(`${base}-${saved.state.generation}.terms`);
    expect(TermStore.open(base, saved.state).loaded).toBe(false);
  });
});
