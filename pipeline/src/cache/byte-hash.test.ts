import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, sameUtf8, utf8Hash } from './byte-hash.ts';

/** Whether a string has a surrogate that is not half of a pair: Buffer.from writes U+FFFD for it. */
const loneSurrogate = (text: string) =>
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

describe('utf8Hash', () => {
  it("is the hash of a string's UTF-8 bytes, and -1 for a string with a lone surrogate", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 80 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
        ),
        (text) => {
          const bytes = Buffer.from(text, 'utf8');
          expect(utf8Hash(text)).toBe(loneSurrogate(text) ? -1 : hashBytes(bytes, 0, bytes.length));
        },
      ),
      { numRuns: 3_000 },
    );
    for (const text of ['\ud801a', 'a\udc00', '\ud801', '\udc00\ud801']) expect(utf8Hash(text), text).toBe(-1);
    for (const text of ['', '2026/报道-1.md', 'é😀.md', 'Ã©'])
      expect(utf8Hash(text), text).toBe(hashBytes(Buffer.from(text), 0, Buffer.byteLength(text)));
  });
});

describe('sameUtf8', () => {
  const texts = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('2026/报道-1.md', '2026/报道-2.md', '😀.md', 'é.md', 'Ã©.md', ''),
  );

  it('says bytes are a text exactly when Buffer.from encodes the text to them (no lone surrogate)', () => {
    fc.assert(
      fc.property(texts, texts, fc.nat(4), (named, other, pad) => {
        const bytes = Buffer.concat([Buffer.alloc(pad, 0x2f), Buffer.from(named, 'utf8'), Buffer.alloc(pad, 0x2f)]);
        const end = pad + Buffer.byteLength(named);
        for (const text of [named, other]) {
          const same = !loneSurrogate(text) && Buffer.from(text, 'utf8').equals(bytes.subarray(pad, end));
          expect(sameUtf8(bytes, pad, end, text)).toBe(same);
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes a name of CJK, accents and astral letters, and not one letter off, shorter or longer', () => {
    const name = '2026/报道-é😀.md';
    const bytes = Buffer.from(name);
    expect(sameUtf8(bytes, 0, bytes.length, name)).toBe(true);
    for (const other of ['2026/报道-e😀.md', '2026/报道-é😀.m', '2026/报道-é😀.mdx', '2026/報道-é😀.md', 'Ã©'])
      expect(sameUtf8(bytes, 0, bytes.length, other), other).toBe(false);
    // A name that runs on into the bytes after `end` is not the one that ends there.
    const two = Buffer.from('ab报c');
    expect(sameUtf8(two, 0, 2, 'ab报')).toBe(false);
    expect(sameUtf8(two, 0, 5, 'ab报')).toBe(true);
  });

  it('never reads a high surrogate and the letter after it as one character', () => {
    // U+D801 then 'a', taken as a pair, would be the code point these four bytes spell.
    const code = 0x10000 + ((0xd801 - 0xd800) << 10) + (0x61 - 0xdc00);
    const bytes = Uint8Array.of(
      0xf0 | (code >> 18),
      0x80 | ((code >> 12) & 0x3f),
      0x80 | ((code >> 6) & 0x3f),
      0x80 | (code & 0x3f),
    );
    expect(sameUtf8(bytes, 0, 4, '\ud801a')).toBe(false);
    // Nor a lone surrogate as the three bytes it would be were it a character (UTF-8 has none).
    expect(sameUtf8(Uint8Array.of(0xed, 0xa0, 0x81), 0, 3, '\ud801')).toBe(false);
  });
});
