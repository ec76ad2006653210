import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalHttpUrl, largestSrcsetCandidate, normalizeUrl } from './normalize-url.ts';

describe('normalizeUrl', () => {
  it.each([
    ['https://img.example.cn/a.jpg', 'https://img.example.cn/a.jpg'],
    ['HTTP://IMG.example.cn/a b.jpg', 'http://img.example.cn/a%20b.jpg'],
    ['//img.example.cn/a.jpg', 'https://img.example.cn/a.jpg'],
    ['  https://img.example.cn/a.jpg\n', 'https://img.example.cn/a.jpg'],
    ['/sample-photos/port.svg', '/sample-photos/port.svg'],
    ['sample-photos/port.svg?v=2', '/sample-photos/port.svg?v=2'],
  ])('keeps %j as %j', (raw, expected) => {
    expect(normalizeUrl(raw)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    ' \u0001javascript:alert(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.cn/a.jpg',
    'https://',
    '',
    '\\\\evil.example\\a.jpg',
  ])('refuses %j', (raw) => {
    expect(normalizeUrl(raw)).toBeUndefined();
  });

  it('refuses nothing given', () => {
    expect(normalizeUrl(undefined)).toBeUndefined();
    expect(normalizeUrl(null)).toBeUndefined();
  });
});

describe('isCanonicalHttpUrl', () => {
  // The short cut past the URL parser must never say "unchanged" of a URL the parser changes.
  const piece = fc.constantFrom(
    ...['a', 'Z', '0', '9', '-', '_', '.', '..', '/', '//', '?', '#', '%2e', '%', ':', '@', '~', '!', "'", ' '],
    ...['xn--', 'xn--fsq', '0x1f', '123', 'http://', 'https://', 'HTTP://', '\\', '^', '`', '{', '|', '中'],
  );
  const url = fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'HTTPS://', 'ftp://'),
      fc.array(fc.oneof(piece, fc.constantFrom('img', 'example', 'cn', '.')), { maxLength: 6 }),
      fc.array(piece, { maxLength: 12 }),
    )
    .map(([scheme, host, rest]) => `${scheme}${host.join('')}${rest.join('')}`);

  it('says a URL is unchanged only when the parser leaves it so', () => {
    fc.assert(
      fc.property(url, (value) => {
        if (isCanonicalHttpUrl(value)) expect(new URL(value).href).toBe(value);
      }),
      { numRuns: 20000 },
    );
  });

  it('knows the photo addresses of scraped articles, and no other', () => {
    expect(isCanonicalHttpUrl('https://img.example.cn/2024/05/a_b-c.jpg?x=1&y=2')).toBe(true);
    for (const value of [
      'https://img.example.cn/a/../b.jpg',
      'https://img.example.cn/./b.jpg',
      'https://1.2.3.4/a.jpg',
      'https://xn--fsq.example/a.jpg',
      'https://IMG.example.cn/a.jpg',
      'https://img.example.cn:443/a.jpg',
      'https://img.example.cn',
      'https://img.example.cn/a%2e.jpg',
    ])
      expect([value, isCanonicalHttpUrl(value)]).toEqual([value, false]);
  });
});

describe('largestSrcsetCandidate', () => {
  it('picks the widest or densest candidate', () => {
    expect(largestSrcsetCandidate('a.jpg 400w, b.jpg 1200w, c.jpg 800w')).toBe('b.jpg');
    expect(largestSrcsetCandidate('a.jpg, b.jpg 2x')).toBe('b.jpg');
    expect(largestSrcsetCandidate('')).toBeUndefined();
  });
});
