import { describe, expect, it } from 'vitest';
import type { PreviousBuild } from '../cache/previous-build.ts';
import { InputFileList } from '../read/input-file-list.ts';
import type { InputFiles } from '../read/read-input.ts';
import { TermDictionary } from '../search/term-dictionary.ts';
import { TermSpool } from '../search/term-spool.ts';
import { collectOutcomes, OutcomeEntries } from './parsed-articles.ts';
import type { ParseOutcome } from './parse-task.ts';
import { ParsePlan } from './plan-parsing.ts';
import type { ParseRun } from './parse-pool.ts';
import { RecordSpool } from './record-spool.ts';

const input: InputFiles = {
  root: '/in',
  files: InputFileList.of([
    { relative: 'a/new.md', id: 'new', mtimeMs: 1.5, size: 10 },
    { relative: 'b/broken.md', id: 'broken', mtimeMs: 2.5, size: 20 },
    { relative: 'c/same.md', id: 'same', mtimeMs: 3.5, size: 30 },
  ]),
  found: 3,
  problems: [],
  unreadable: 0,
};

const cold: PreviousBuild = { dictionary: new TermDictionary(), ids: new Map(), summariesLoaded: false };

const parsedOutcome = (index: number): ParseOutcome => ({
  index,
  hash: `hash${index}`,
  unchanged: false,
  result: {
    ok: true,
    listed: { title: '港口', date: '2026-12-01T00:00:00.000Z', categories: ['财经'], tags: [] },
    summary: new Uint8Array(0),
    json: new Uint8Array(0),
    warnings: [],
    draft: false,
    assets: [],
  },
});

/** A parse run that hands over what `keep` made of `outcomes`, as the pool does: by index, in order. */
function runOf(outcomes: ParseOutcome[], keep: OutcomeEntries['keep']) {
  const kept = new Map(outcomes.map((outcome) => [outcome.index, keep(outcome)]));
  const spool = () => new RecordSpool({ capacity: input.files.length });
  const run: Pick<ParseRun<ReturnType<OutcomeEntries['keep']>>, 'takeOutcomes' | 'records' | 'summaries'> = {
    *takeOutcomes() {
      for (const index of [...kept.keys()].sort((a, b) => a - b)) yield [index, kept.get(index)];
    },
    records: spool(),
    summaries: spool(),
  };
  return run;
}

const noTerms = {} as TermSpool; // collectOutcomes only hands it on
/** A plan that reuses no cached entry (a cold build's). */
const nothingReused = () => new ParsePlan(new Uint8Array(input.files.length), []);

describe('collectOutcomes with the entries kept as the outcomes arrived', () => {
  it('makes each file its entry, and knows which articles were parsed anew', () => {
    const entries = new OutcomeEntries(input, cold);
    // Out of order, as two workers hand them over; a failed file among them.
    const outcomes: ParseOutcome[] = [
      parsedOutcome(2),
      { index: 1, hash: 'hash1', unchanged: false, result: { ok: false, error: 'no front matter' } },
      parsedOutcome(0),
    ];
    const run = runOf(outcomes, entries.keep);
    const parsed = collectOutcomes(input, nothingReused(), run, entries, noTerms, cold);

    expect([...parsed.entries.files()]).toEqual(['a/new.md', 'b/broken.md', 'c/same.md']);
    expect(parsed.entry('a/new.md')).toMatchObject({
      id: 'new',
      mtimeMs: 1.5,
      size: 10,
      hash: 'hash0',
      listed: { id: 'new', title: '港口', categories: ['财经'] },
    });
    expect(parsed.entry('b/broken.md')).toMatchObject({ id: 'broken', error: 'no front matter' });
    expect(parsed.entry('b/broken.md').listed).toBeUndefined();
    expect(['new', 'broken', 'same', 'other'].map((id) => parsed.records.rowOf(id))).toEqual([0, -1, 2, -1]);
    expect(parsed.records.size).toBe(2);
    expect(entries.parsedAnew(1)).toBe(false);
  });

  it('lets the terms, then the summaries, go once the cache has stored them', () => {
    const entries = new OutcomeEntries(input, cold);
    const run = runOf([parsedOutcome(0)], entries.keep);
    run.summaries.put(0, new TextEncoder().encode('{"id":"new"}'));
    const terms = new TermSpool(input.files.length);
    terms.put(0, { ids: Uint32Array.of(3, 5), weights: Uint8Array.of(1, 2) });
    const parsed = collectOutcomes(input, nothingReused(), run, entries, terms, cold);
    expect(parsed.terms('new')?.ids).toEqual(Uint32Array.of(3, 5));
    parsed.storedInCache('terms');
    expect(parsed.terms('new')).toBeUndefined();
    expect(parsed.summaryBytes('new')).toEqual(new TextEncoder().encode('{"id":"new"}'));
    parsed.storedInCache('summaries');
    expect(() => parsed.summaryBytes('new')).toThrow('no record 0 in the spool');
  });

  it('a file kept again after its worker was replaced counts once, as its last outcome says', () => {
    const entries = new OutcomeEntries(input, cold);
    entries.keep(parsedOutcome(1));
    const outcomes: ParseOutcome[] = [
      { index: 1, hash: 'hash1', unchanged: false, result: { ok: false, error: 'skipped: it crashed the parser' } },
    ];
    const parsed = collectOutcomes(input, nothingReused(), runOf(outcomes, entries.keep), entries, noTerms, cold);
    expect(parsed.entry('b/broken.md').error).toBe('skipped: it crashed the parser');
    expect(parsed.records.size).toBe(0);
  });

  it('an outcome that cannot be kept fails the collection with the reason, not the worker’s message handler', () => {
    const entries = new OutcomeEntries(input, cold);
    const outcomes: ParseOutcome[] = [{ index: 2, hash: 'hash2', unchanged: true }];
    const run = runOf(outcomes, entries.keep); // keeping it does not throw
    expect(() => collectOutcomes(input, nothingReused(), run, entries, noTerms, cold)).toThrow(
      'c/same.md was reported unchanged, but the cache does not know it',
    );
    // A cached entry that cannot be read (a damaged snapshot) is a fault of the collection too.
    const damaged = {
      ...cold,
      cache: {
        table: {
          readRowEntry: () => {
            throw new Error('snapshot row 2 is damaged');
          },
        },
      },
    } as unknown as PreviousBuild;
    const unreadable = new OutcomeEntries(input, damaged);
    expect(unreadable.keep({ index: 2, hash: 'hash2', unchanged: true })).toBeUndefined();
    expect(() => unreadable.checked()).toThrow('snapshot row 2 is damaged');
    const stray = new OutcomeEntries(input, cold);
    expect(stray.keep(parsedOutcome(7))).toBeUndefined();
    expect(() => stray.checked()).toThrow('a parse outcome for file 7, which the input does not have');
  });
});
