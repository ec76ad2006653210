import { describe, expect, it } from 'vitest';
import { SliceColumn } from './slice-column.ts';

describe('slice column', () => {
  it('keeps each record’s start and length, and compares one with a slice without making it', () => {
    const column = new SliceColumn(3);
    column.set(0, 0, 40);
    column.set(1, 40, 0);
    column.set(2, 2 ** 40, 7); // past 32 bits: a term store of terabytes still fits
    expect([...column]).toEqual([
      [0, 40],
      [40, 0],
      [2 ** 40, 7],
    ]);
    expect(column.isAt(1, [40, 0])).toBe(true);
    expect(column.isAt(1, [40, 1])).toBe(false);
    expect(column.isAt(1, undefined)).toBe(false);
  });

  it('refuses a record it does not have', () => {
    const column = new SliceColumn(2);
    expect(() => column.at(2)).toThrow(RangeError);
    expect(() => column.set(-1, 0, 1)).toThrow(RangeError);
    expect(() => column.isAt(0.5, [0, 0])).toThrow(RangeError);
  });
});
