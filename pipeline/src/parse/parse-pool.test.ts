import { describe, expect, it } from 'vitest';
import { parserCount } from './parse-pool.ts';

describe('parserCount', () => {
  it('keeps runs of up to 5,000 files to one worker on two cores, where a second one warming up costs more than it saves', () => {
    expect(parserCount(1, 2)).toBe(1);
    expect(parserCount(2_000, 2)).toBe(1);
    expect(parserCount(5_000, 2)).toBe(1);
    expect(parserCount(5_001, 2)).toBe(2);
    expect(parserCount(1_000_000, 2)).toBe(2);
    expect(parserCount(2_000, 1)).toBe(1);
  });

  it('gives more cores a worker each from 400 files a worker, up to eight', () => {
    expect(parserCount(400, 4)).toBe(1);
    expect(parserCount(401, 4)).toBe(2);
    expect(parserCount(2_000, 4)).toBe(4);
    expect(parserCount(1_000_000, 16)).toBe(8);
    expect(parserCount(0, 16)).toBe(1);
  });
});
