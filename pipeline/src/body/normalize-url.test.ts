import { describe, expect, it } from 'vitest';
import { largestSrcsetCandidate, normalizeUrl } from './normalize-url.ts';

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

describe('largestSrcsetCandidate', () => {
  it('picks the widest or densest candidate', () => {
    expect(largestSrcsetCandidate('a.jpg 400w, b.jpg 1200w, c.jpg 800w')).toBe('b.jpg');
    expect(largestSrcsetCandidate('a.jpg, b.jpg 2x')).toBe('b.jpg');
    expect(largestSrcsetCandidate('')).toBeUndefined();
  });
});
