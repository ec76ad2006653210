import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseOf, chunksOf, expectDocFiles } from '../testing/index-base.ts';
import { appendToIndex } from './append-to-index.ts';
import { type DocChange, patchIndex } from './patch-index.ts';
import type { RankedPostings, Reserves, ReserveSource } from './posting-reserve.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';
import { type NumberedTerms, TermDictionary } from './term-dictionary.ts';
import { termBucket } from '../../../src/lib/search-terms.ts';

function numbered(dictionary: TermDictionary, terms: Record<string, number>): NumberedTerms {
  const entries = Object.entries(terms);
  return {
    ids: Uint32Array.from(entries.map(([term]) => dictionary.intern(term))),
    weights: Uint8Array.from(entries.map(([, weight]) => weight)),
  };
}

/**
 * The documents after a run: `edits` (at a place, new terms), the newest `removed` gone and
 * `added` after them; and the changes that say so, as a run hands them to patchIndex.
 */
function changed(
  dictionary: TermDictionary,
  old: readonly NumberedTerms[],
  {
    edits,
    removed,
    added,
  }: { edits: [number, Record<string, number>][]; removed: number; added: Record<string, number>[] },
): { now: NumberedTerms[]; changes: DocChange[] } {
  const now = old.slice(0, old.length - Math.min(removed, old.length));
  const changes: DocChange[] = [];
  for (const [at, terms] of edits) {
    if (now.length === 0) break;
    const n = at % now.length;
    if (changes.some((change) => change.doc === n)) continue;
    const after = numbered(dictionary, terms);
    changes.push({ doc: n, before: old[n] as NumberedTerms, after });
    now[n] = after;
  }
  for (let n = now.length; n < old.length; n++) changes.push({ doc: n, before: old[n] as NumberedTerms });
  for (const terms of added) {
    const after = numbered(dictionary, terms);
    changes.push({ doc: now.length, after });
    now.push(after);
  }
  return { now, changes };
}

const term = fc.constantFrom('港', '口', '港口', '中欧', 'x', '的', '9.8', '班列', '夜色', 'abc');
const doc = fc.dictionary(term, fc.integer({ min: 0, max: 6 }), { maxKeys: 6 });

describe('patchIndex', () => {
  it('writes, for any edits, removals from the end and additions, the bytes a full build writes', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        // Older documents below them: removals and additions at the end meet at a docs file's edge.
        fc.integer({ min: 0, max: 210 }),
        fc.array(fc.tuple(fc.nat(), doc), { maxLength: 4 }),
        fc.nat({ max: 3 }),
        fc.array(doc, { maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (newest, older, edits, removedCount, added, cap, buckets, digests) => {
          const dictionary = new TermDictionary();
          const before = [...Array.from({ length: older }, (_, n) => ({ [`旧${n % 5}`]: 1 + (n % 3) })), ...newest];
          const old = before.map((terms) => numbered(dictionary, terms));
          const oldIds = old.map((_, n) => `a${n}`);
          const published = buildSearchIndex(dictionary, oldIds, old, cap, buckets);

          const removed = Math.min(removedCount, old.length);
          const { now, changes } = changed(dictionary, old, { edits, removed, added });
          const ids = now.map((_, n) => (n < old.length - removed ? `a${n}` : `b${n}`));

          // With the published index's digests kept or not: its unchanged files are not made again.
          const base = baseOf(published, old.length, { digests });
          const patched = patchIndex(dictionary, ids, () => now, base, changes, cap);
          const full = buildSearchIndex(dictionary, ids, now, cap, buckets);
          expect(patched && chunksOf(patched, base)).toEqual(full.buckets);
          expectDocFiles(patched, full);
          expect(patched?.digests).toEqual(full.digests);
          expect(patched?.hash).toBe(full.hash);
        },
      ),
      // And always: the two newest of 201 go and one comes, so document 199 (in the second docs
      // file) has another id while the shorter of the two indexes ends at the third.
      { numRuns: 500, examples: [[[{ 港: 1 }], 200, [], 2, [{ 口: 1 }], 2, 1, false]] },
    );
  });

  it('writes the bytes a full build writes when the newest documents come back renumbered, as an article moves', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 2, maxLength: 40 }),
        // Older documents below them, so that the change spans docs files (100 documents each).
        fc.integer({ min: 0, max: 260 }),
        fc.integer({ min: 1, max: 160 }),
        fc.nat(),
        fc.option(doc, { nil: undefined }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (newest, older, depth, leaving, arriving, cap, buckets) => {
          const dictionary = new TermDictionary();
          const before = [...Array.from({ length: older }, (_, n) => ({ [`旧${n % 5}`]: 1 + (n % 3) })), ...newest];
          const old = before.map((terms) => numbered(dictionary, terms));
          const published = buildSearchIndex(
            dictionary,
            old.map((_, n) => `a${n}`),
            old,
            cap,
            buckets,
          );
          // The newest `drop` documents go; all but one come back in their order, and one arrives
          // among them: each returning document has a new number.
          const drop = Math.min(depth, old.length);
          const common = old.length - drop;
          const top = old.slice(common).map((terms, n) => ({ id: `a${common + n}`, terms }));
          top.splice(leaving % top.length, 1);
          if (arriving) top.splice(leaving % (top.length + 1), 0, { id: 'new', terms: numbered(dictionary, arriving) });
          const now = [...old.slice(0, common), ...top.map(({ terms }) => terms)];
          const ids = [...old.slice(0, common).map((_, n) => `a${n}`), ...top.map(({ id }) => id)];
          const changes: DocChange[] = [
            ...old.slice(common).map((terms, n) => ({ doc: common + n, before: terms })),
            ...top.map(({ terms }, n) => ({ doc: common + n, after: terms })),
          ];
          const base = baseOf(published, old.length);
          const patched = patchIndex(dictionary, ids, () => now, base, changes, cap);
          const full = buildSearchIndex(dictionary, ids, now, cap, buckets);
          expect(patched && chunksOf(patched, base)).toEqual(full.buckets);
          expectDocFiles(patched, full);
          expect(patched?.hash).toBe(full.hash);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a change the published index does not agree with', () => {
    const dictionary = new TermDictionary();
    const docs = [numbered(dictionary, { 港口: 3 }), numbered(dictionary, { 班列: 2 })];
    const published = buildSearchIndex(dictionary, ['a', 'b'], docs, 10, 1);
    const base = baseOf(published, 2);
    // Said to have had 夜色, which the index never held.
    const wrong = { doc: 1, before: numbered(dictionary, { 夜色: 1 }), after: docs[1] as NumberedTerms };
    expect(patchIndex(dictionary, ['a', 'b'], () => docs, base, [wrong], 10)).toBeUndefined();
    // Said to have had 港口, which the index holds for another document.
    const other = { doc: 1, before: numbered(dictionary, { 港口: 3 }), after: docs[1] as NumberedTerms };
    expect(patchIndex(dictionary, ['a', 'b'], () => docs, base, [other], 10)).toBeUndefined();
  });

  it("keeps each capped list's reserve the best of its cut postings, through any run of changes", () => {
    fc.assert(
      fc.property(
        // Enough articles that a common term has more cut postings than its reserve holds.
        fc.array(doc, { minLength: 20, maxLength: 80 }),
        fc.array(
          fc.record({
            edits: fc.array(fc.tuple(fc.nat(), doc), { maxLength: 2 }),
            removed: fc.nat({ max: 2 }),
            added: fc.array(doc, { maxLength: 2 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (start, steps, cap, buckets) => {
          const index = publishedSteps(start, cap, buckets);
          const { dictionary } = index;
          steps.forEach(({ edits, removed, added }, step) => {
            const { docs, ids } = index.current;
            const { now, changes } = changed(dictionary, docs, { edits, removed, added });
            const nowIds = now.map((_, n) =>
              n < ids.length && n < now.length - added.length ? (ids[n] as string) : `s${step}-${n}`,
            );
            index.step(now, nowIds, changes);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('renumbers the newest documents as articles are filed or deleted below them, their reserves too', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 10, maxLength: 60 }),
        fc.array(fc.record({ depth: fc.integer({ min: 1, max: 12 }), at: fc.nat(), filed: fc.option(doc) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (start, steps, cap, buckets) => {
          const index = publishedSteps(start, cap, buckets);
          const { dictionary } = index;
          steps.forEach(({ depth, at, filed }, step) => {
            const { docs, ids } = index.current;
            // The newest `depth` go and come back renumbered: one filed among them, or one deleted.
            const common = Math.max(0, docs.length - depth);
            const top = docs.slice(common).map((terms, n) => ({ id: ids[common + n] as string, terms }));
            if (filed) top.splice(at % (top.length + 1), 0, { id: `f${step}`, terms: numbered(dictionary, filed) });
            else top.splice(at % top.length, 1);
            const now = [...docs.slice(0, common), ...top.map(({ terms }) => terms)];
            const nowIds = [...ids.slice(0, common), ...top.map(({ id }) => id)];
            index.step(now, nowIds, [
              ...docs.slice(common).map((terms, n) => ({ doc: common + n, before: terms })),
              ...top.map(({ terms }, n) => ({ doc: common + n, after: terms })),
            ]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('patches a list where one article went and another came at one number while others moved', () => {
    const dictionary = new TermDictionary();
    const older = Array.from({ length: 10 }, (_, n) => numbered(dictionary, { 码头: (n % 3) + 1, [`旧${n}`]: 2 }));
    // The newest four, 10 to 13: b and c deleted, x filed where b was, d moved from 13 to 12.
    const [a, b, c, d] = ['甲', '乙', '丙', '丁'].map((name) => numbered(dictionary, { 码头: 2, [name]: 1 })) as [
      NumberedTerms,
      NumberedTerms,
      NumberedTerms,
      NumberedTerms,
    ];
    const x = numbered(dictionary, { 码头: 2, 新: 3 });
    const old = [...older, a, b, c, d];
    const now = [...older, a, x, d];
    const oldIds = old.map((_, n) => `a${n}`);
    const ids = [...oldIds.slice(0, 11), 'x', 'a13'];
    for (const cap of [2, 20]) {
      const published = buildSearchIndex(dictionary, oldIds, old, cap, 1);
      const changes: DocChange[] = [
        ...[a, b, c, d].map((terms, n) => ({ doc: 10 + n, before: terms })),
        ...[a, x, d].map((terms, n) => ({ doc: 10 + n, after: terms })),
      ];
      const base = baseOf(published, old.length, { reserves: carried(published.reserves).source });
      const patched = patchIndex(dictionary, ids, () => now, base, changes, cap);
      // b's posting (11, weight 2) and x's are the same bytes, but not one posting: b's goes
      // before d is renumbered from 13 to 12, x's comes after.
      expect(patched && chunksOf(patched, base)).toEqual(buildSearchIndex(dictionary, ids, now, cap, 1).buckets);
    }
  });

  it("keeps as the base's a chunk it writes again as it was: a capped list that holds none of the moved documents", () => {
    const dictionary = new TermDictionary();
    // 港口 and 班列 in chunks of their own.
    const buckets = 3;
    expect(termBucket('港口', buckets)).not.toBe(termBucket('班列', buckets));
    // 港口 keeps its two best postings (0 and 1); 2 goes, and 3 to 5, cut from 港口's list, move down.
    const written: Record<string, number>[] = [
      { 港口: 6 },
      { 港口: 6 },
      { 班列: 3 },
      { 港口: 1 },
      { 港口: 1 },
      { 港口: 1 },
    ];
    const old = written.map((terms) => numbered(dictionary, terms));
    const now = [old[0], old[1], old[3], old[4], old[5]] as NumberedTerms[];
    const ids = ['a0', 'a1', 'a3', 'a4', 'a5'];
    const published = buildSearchIndex(dictionary, ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'], old, 2, buckets);
    const changes: DocChange[] = [
      ...old.slice(2).map((terms, n) => ({ doc: 2 + n, before: terms })),
      ...now.slice(2).map((terms, n) => ({ doc: 2 + n, after: terms })),
    ];
    const base = baseOf(published, old.length);
    const patched = patchIndex(dictionary, ids, () => now, base, changes, 2);
    // 港口's chunk was decoded and written again, to the same bytes: it stays the base's, to be
    // linked, not written; 班列's changed.
    expect(patched?.buckets[termBucket('港口', buckets)]).toBeUndefined();
    expect(patched?.unchanged?.buckets.has(termBucket('港口', buckets))).toBe(true);
    expect(patched?.buckets[termBucket('班列', buckets)]).toBeDefined();
    expect(patched && chunksOf(patched, base)).toEqual(buildSearchIndex(dictionary, ids, now, 2, buckets).buckets);
  });

  it('patches a numbering that leaves room: a change renumbers only the rest of its day, reserves too', () => {
    const slots = 4; // numbers a day: its documents are day * slots + their rank in the day
    fc.assert(
      fc.property(
        fc.array(fc.array(doc, { maxLength: 3 }), { minLength: 1, maxLength: 30 }),
        fc.array(
          fc.record({
            day: fc.nat(),
            at: fc.nat(),
            what: fc.constantFrom('filed', 'deleted', 'edited', 'moved'),
            terms: doc,
            to: fc.nat(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (start, steps, cap, buckets) => {
          const dictionary = new TermDictionary();
          let days = start.map((day, d) =>
            day.map((terms, n) => ({ id: `a${d}-${n}`, terms: numbered(dictionary, terms) })),
          );
          const first = numberedByDay(days, slots);
          const index = indexSteps(dictionary, first.ids, first.terms, cap, buckets);
          steps.forEach(({ day, at, what, terms, to }, step) => {
            const before = numberedByDay(days, slots);
            days = days.map((documents) => [...documents]);
            const d = day % days.length;
            const documents = days[d] as { id: string; terms: NumberedTerms }[];
            const fresh = { id: `f${step}`, terms: numbered(dictionary, terms) };
            if (what === 'filed' && documents.length < slots) documents.splice(at % (documents.length + 1), 0, fresh);
            else if (documents.length === 0) return;
            else if (what === 'deleted') documents.splice(at % documents.length, 1);
            else if (what === 'edited')
              documents.splice(at % documents.length, 1, { ...fresh, id: documents[at % documents.length]?.id ?? '' });
            else {
              const into = days[to % days.length] as { id: string; terms: NumberedTerms }[];
              if (into.length >= slots) return;
              const [moving] = documents.splice(at % documents.length, 1);
              if (moving) into.splice(to % (into.length + 1), 0, moving);
            }
            const now = numberedByDay(days, slots);
            index.step(now.terms, now.ids, changesBetween(before, now));
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it("takes a deleted newest posting's place from the reserve, without reading every article", () => {
    const dictionary = new TermDictionary();
    // 港口 in every article, weight 1 to 3; the cap keeps the best 4.
    const docs = Array.from({ length: 12 }, (_, n) => numbered(dictionary, { 港口: (n % 3) + 1 }));
    const ids = docs.map((_, n) => `a${n}`);
    const published = buildSearchIndex(dictionary, ids, docs, 4, 1);
    const base = baseOf(published, 12, { reserves: carried(published.reserves).source });
    const now = docs.slice(0, 11);
    const noRecount = () => {
      throw new Error('counted again from every article');
    };
    const patched = patchIndex(
      dictionary,
      ids.slice(0, 11),
      noRecount,
      base,
      [{ doc: 11, before: docs[11] as NumberedTerms }],
      4,
    );
    expect(patched && chunksOf(patched, base)).toEqual(
      buildSearchIndex(dictionary, ids.slice(0, 11), now, 4, 1).buckets,
    );
    // Without a reserve, the same change counts again.
    const bare = { ...base, reserves: undefined };
    expect(() =>
      patchIndex(dictionary, ids.slice(0, 11), noRecount, bare, [{ doc: 11, before: docs[11] as NumberedTerms }], 4),
    ).toThrow('counted again');
  });

  it('leaves out of a run-down reserve a new posting that a cut one it does not know may outrank', () => {
    const dictionary = new TermDictionary();
    // 港口 weighs 3 in the 30 oldest articles: the cap keeps 2, the reserve the next 16, 12 unknown.
    const docs = Array.from({ length: 30 }, () => numbered(dictionary, { 港口: 3 }));
    const ids = docs.map((_, n) => `a${n}`);
    const published = buildSearchIndex(dictionary, ids, docs, 2, 1);
    const full = published.reserves.get(0)?.get('港口');
    expect(full?.docs).toHaveLength(16);
    // Deletions ran the reserve down to its best one: still the best of the cut.
    const rundown = new Map([
      ['港口', { docs: full?.docs.slice(0, 1) ?? [], weights: full?.weights.slice(0, 1) ?? [] }],
    ]);
    const base = baseOf(published, 30, { reserves: { bucket: () => new Map(rundown), raw: () => Buffer.from('{}') } });
    // A new article where it weighs 1: cut, and below the 12 unknown ones of weight 3.
    const added = numbered(dictionary, { 港口: 1 });
    const appended = appendToIndex(dictionary, [...ids, 'new'], base, [added], 2);
    const truth = buildSearchIndex(dictionary, [...ids, 'new'], [...docs, added], 2, 1)
      .reserves.get(0)
      ?.get('港口');
    const reserve = appended.reserves.get(0)?.get('港口');
    expect(reserve?.docs).toEqual(truth?.docs.slice(0, reserve?.docs.length));
    expect(reserve?.docs).not.toContain(30);
  });
});

/**
 * An index built from the documents `start`, then made step by step from the last one (appended when a step
 * only adds, as a run that adds the newest does; else patched), each held to a full build of
 * that step's documents, its reserves the best of each list's cut.
 */
function publishedSteps(start: Record<string, number>[], cap: number, buckets: number) {
  const dictionary = new TermDictionary();
  const docs = start.map((terms) => numbered(dictionary, terms));
  let current = { docs, ids: docs.map((_, n) => `a${n}`) };
  const steps = indexSteps(dictionary, current.ids, docs, cap, buckets);
  return {
    dictionary,
    get current() {
      return current;
    },
    step(now: NumberedTerms[], ids: string[], changes: DocChange[]): void {
      steps.step(now, ids, changes);
      current = { docs: now, ids };
    },
  };
}

/**
 * The same from documents by number, with gaps where no document has a number (undefined): each
 * step appended to when all it adds comes after the last document, else patched.
 */
function indexSteps(
  dictionary: TermDictionary,
  startIds: readonly (string | undefined)[],
  start: readonly (NumberedTerms | undefined)[],
  cap: number,
  buckets: number,
) {
  let docs = start.length;
  let published: SearchIndex = buildSearchIndex(dictionary, startIds, start, cap, buckets);
  let reserves = carried(published.reserves);
  return {
    step(now: readonly (NumberedTerms | undefined)[], ids: readonly (string | undefined)[], changes: DocChange[]) {
      const base = baseOf(published, docs, { reserves: reserves.source });
      const patched = changes.every((change) => !change.before && change.doc >= docs)
        ? appendToIndex(dictionary, ids, base, now.slice(docs), cap)
        : patchIndex(dictionary, ids, () => now, base, changes, cap);
      const full = buildSearchIndex(dictionary, ids, now, cap, buckets);
      expect(patched && chunksOf(patched, base)).toEqual(full.buckets);
      expectDocFiles(patched, full);
      expect(patched?.hash).toBe(full.hash);
      reserves = carried(patched?.reserves ?? new Map(), reserves.source);
      expectReservesBestOfCut(reserves.source, full, buckets);
      docs = ids.length;
      published = full;
    },
  };
}

/** Each reserve is the best few of its list's cut postings: the start of a full build's. */
function expectReservesBestOfCut(reserves: ReserveSource, full: SearchIndex, buckets: number): void {
  for (let bucket = 0; bucket < buckets; bucket++) {
    const truth = full.reserves.get(bucket) ?? new Map<string, RankedPostings>();
    for (const [term, reserve] of reserves.bucket(bucket)) {
      const best = truth.get(term) ?? { docs: [], weights: [] };
      expect(best.docs.slice(0, reserve.docs.length)).toEqual(reserve.docs);
      expect(best.weights.slice(0, reserve.weights.length)).toEqual(reserve.weights);
    }
  }
}

/** Reserves as the next run reads them: those made now, the others as they were (copies: a patch changes them). */
function carried(fresh: ReadonlyMap<number, Reserves>, before?: ReserveSource): { source: ReserveSource } {
  const copy = (reserves: Reserves): Reserves =>
    new Map([...reserves].map(([term, { docs, weights }]) => [term, { docs: [...docs], weights: [...weights] }]));
  const kept = new Map<number, Reserves>();
  return {
    source: {
      bucket: (bucket) => {
        const made = fresh.get(bucket);
        if (made) return copy(made);
        if (!kept.has(bucket)) kept.set(bucket, before?.bucket(bucket) ?? new Map());
        return copy(kept.get(bucket) as Reserves);
      },
      raw: () => Buffer.from('{}'),
    },
  };
}

/** Documents numbered by day, `slots` numbers a day (day * slots + rank in the day): ids and terms by number, with gaps. */
function numberedByDay(days: readonly { id: string; terms: NumberedTerms }[][], slots: number) {
  const ids: (string | undefined)[] = [];
  const terms: (NumberedTerms | undefined)[] = [];
  days.forEach((documents, day) =>
    documents.forEach((document, rank) => {
      ids[day * slots + rank] = document.id;
      terms[day * slots + rank] = document.terms;
    }),
  );
  return { ids, terms };
}

/**
 * The changes from one numbering to the next, as a run of edits finds them: a number whose
 * document is the same, unchanged, is left out; one whose document kept it with new terms is an
 * edit; any other goes from it, or comes to it, or both.
 */
function changesBetween(before: ReturnType<typeof numberedByDay>, now: ReturnType<typeof numberedByDay>): DocChange[] {
  const changes: DocChange[] = [];
  for (let doc = 0; doc < Math.max(before.ids.length, now.ids.length); doc++) {
    const [was, is] = [before.terms[doc], now.terms[doc]];
    if (before.ids[doc] === now.ids[doc] && was === is) continue;
    if (was && is && before.ids[doc] === now.ids[doc]) changes.push({ doc, before: was, after: is });
    else {
      if (was) changes.push({ doc, before: was });
      if (is) changes.push({ doc, after: is });
    }
  }
  return changes;
}
