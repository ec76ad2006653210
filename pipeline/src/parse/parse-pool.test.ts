import { describe, expect, it } from 'vitest';
import { parserCount } from './parse-pool.ts';

/** [files, cores, workers] */
type Case = [number, number, number];

const counts = (cases: Case[]) => cases.map(([files, cores]) => parserCount(files, cores));
const expected = (cases: Case[]) => cases.map(([, , workers]) => workers);

describe('parserCount', () => {
  it('keeps runs of up to 5,000 files to one worker on two cores, where a second one warming up costs more than it saves', () => {
    const cases: Case[] = [
      [1, 2, 1],
      [2_000, 2, 1],
      [5_000, 2, 1],
      [5_001, 2, 2],
      [1_000_000, 2, 2],
      [2_000, 1, 1],
    ];
    expect(counts(cases)).toEqual(expected(cases));
  });

  it('gives more cores a worker each from 400 files a worker, up to eight', () => {
    const cases: Case[] = [
      [0, 16, 1],
      [400, 4, 1],
      [401, 4, 2],
      [2_000, 4, 4],
      [1_000_000, 16, 8],
    ];
    expect(counts(cases)).toEqual(expected(cases));
  });
});
