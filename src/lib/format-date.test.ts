import { describe, expect, it } from 'vitest';
import { createDateFormat, formatAbsolute, formatNewsDate } from './format-date.ts';

const shanghai = createDateFormat('Asia/Shanghai');

describe('formatAbsolute', () => {
  it('writes the date the Chinese way, in the given zone', () => {
    expect(formatAbsolute('2022-03-26T11:26:00Z', shanghai)).toBe('2022年3月26日 19:26');
    expect(formatAbsolute('2022-03-26T16:05:00Z', shanghai)).toBe('2022年3月27日 00:05');
  });
});

describe('formatNewsDate', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each([
    ['2024-05-01T11:59:30Z', '刚刚'],
    ['2024-05-01T11:35:00Z', '25分钟前'],
    ['2024-05-01T09:00:00Z', '3小时前'],
  ])('reads %s as %s', (iso, text) => {
    expect(formatNewsDate(iso, now)).toBe(text);
  });
  it('writes older and future dates in full', () => {
    expect(formatNewsDate('2024-04-28T09:00:00Z', now)).toMatch(/^2024年4月28日 \d{2}:\d{2}$/);
    expect(formatNewsDate('2024-05-02T09:00:00Z', now)).toMatch(/^2024年5月2日/);
  });
});
