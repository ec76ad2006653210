import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiHash, hashBytes, sameAscii } from './byte-hash.ts';

describe('asciiHash', () => {
  it("is the hash of an ASCII string's bytes, and -1 for any string that is not ASCII", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })),
        (text) => {
          const bytes = Buffer.from(text, 'utf8');
          const ascii = bytes.length === text.length && bytes.every((byte) => byte < 0x80);
          expect(asciiHash(text)).toBe(ascii ? hashBytes(bytes, 0, bytes.length) : -1);
        },
      ),
      { numRuns: 2_000 },
    );
    expect(asciiHash('')).toBe(hashBytes(Buffer.alloc(0), 0, 0));
    expect(asciiHash('2026/报道-1.md')).toBe(-1);
  });
});

describe('sameAscii', () => {
  it('compares a string with the bytes from a place, as many as the string has', () => {
    const bytes = Buffer.from('xx2026/report-1.mdyy');
    expect(sameAscii(bytes, 2, '2026/report-1.md')).toBe(true);
    expect(sameAscii(bytes, 2, '2026/report-1.mx')).toBe(false);
    expect(sameAscii(bytes, 3, '2026/report-1.md')).toBe(false);
    expect(sameAscii(bytes, 2, '')).toBe(true);
  });
});
