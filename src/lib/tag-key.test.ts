import { describe, expect, it } from 'vitest';
import { dataPaths, tagKey } from './content-contract.ts';

describe('tagKey', () => {
  it('is 16 hex digits, the same for the same name (NFC), different for others', () => {
    expect(tagKey('港口')).toMatch(/^[0-9a-f]{16}$/);
    expect(tagKey('港口')).toBe(tagKey('港口'));
    expect(tagKey('e\u0301')).toBe(tagKey('\u00e9'));
    expect(tagKey('Foo')).not.toBe(tagKey('foo'));
    expect(dataPaths.tagPart('港口', 'c0123')).toBe(`tags/${tagKey('港口')}/c0123.json`);
    expect(dataPaths.tagHead('港口')).toBe(`tags/${tagKey('港口')}/head.json`);
  });

  it('spreads 100,000 names without a clash', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 100_000; i++) keys.add(tagKey(`标签${i}`));
    expect(keys.size).toBe(100_000);
  });
});
