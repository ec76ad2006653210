import { describe, expect, it } from 'vitest';
import { sharedNames } from './shared-names.ts';

describe('sharedNames', () => {
  it('gives equal lists one array and equal names one string, and every empty list one array', () => {
    const shared = sharedNames();
    const first = shared(['财经', '头条']);
    const again = shared(['财经', '头条']);
    expect(again).toBe(first);
    expect(again).toEqual(['财经', '头条']);
    expect(shared(['头条', '财经'])).not.toBe(first);
    expect(shared([])).toBe(shared([]));
    expect(shared([])).toEqual([]);
  });
});
