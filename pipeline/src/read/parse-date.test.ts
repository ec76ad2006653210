import { describe, expect, it } from 'vitest';
import { assertTimeZone, parseDate } from './parse-date.ts';

const SHANGHAI = 'Asia/Shanghai';

describe('parseDate', () => {
  it.each([
    ['Sat, 26 Mar 2022 11:26:00 GMT', '2022-03-26T11:26:00.000Z'],
    ['26 Mar 2022 11:26 +0800', '2022-03-26T03:26:00.000Z'],
    ['2022-03-26T11:26:00Z', '2022-03-26T11:26:00.000Z'],
    ['2022-03-26T11:26:00.5+08:00', '2022-03-26T03:26:00.500Z'],
    ['2022-03-26T11:26:00-0500', '2022-03-26T16:26:00.000Z'],
  ])('reads %s with its own offset', (text, iso) => {
    expect(parseDate(text, SHANGHAI)).toBe(iso);
  });

  it.each([
    ['2022-03-26 11:26:00', '2022-03-26T03:26:00.000Z'],
    ['2022-03-26 11:26', '2022-03-26T03:26:00.000Z'],
    ['2022/3/6 08:05:09', '2022-03-06T00:05:09.000Z'],
    ['2022-03-26T11:26:00', '2022-03-26T03:26:00.000Z'],
    ['2022-03-26', '2022-03-25T16:00:00.000Z'],
    ['Sat, 26 Mar 2022 11:26:00', '2022-03-26T03:26:00.000Z'],
  ])('reads %s, which names no offset, in the configured zone', (text, iso) => {
    expect(parseDate(text, SHANGHAI)).toBe(iso);
  });

  it('follows daylight saving time in the configured zone', () => {
    expect(parseDate('2024-01-15 12:00:00', 'America/New_York')).toBe('2024-01-15T17:00:00.000Z');
    expect(parseDate('2024-07-15 12:00:00', 'America/New_York')).toBe('2024-07-15T16:00:00.000Z');
    expect(parseDate('2024-07-15 12:00:00', 'UTC')).toBe('2024-07-15T12:00:00.000Z');
  });

  it.each([
    'yesterday',
    '2022-02-30',
    '2022-13-01 00:00',
    '2022-03-26 25:00',
    'Sat, 26 Foo 2022 11:26:00 GMT',
    '',
    '12345',
  ])('rejects %j with a message that quotes it', (text) => {
    expect(() => parseDate(text, SHANGHAI)).toThrow(/^unparseable date/);
  });

  it('reads numbers as YYYYMMDD, Unix seconds or milliseconds, and rejects other values', () => {
    expect(parseDate(20220326, SHANGHAI)).toBe('2022-03-25T16:00:00.000Z');
    expect(parseDate(1648283160, SHANGHAI)).toBe('2022-03-26T08:26:00.000Z');
    expect(parseDate(1648283160000, SHANGHAI)).toBe('2022-03-26T08:26:00.000Z');
    expect(() => parseDate(42, SHANGHAI)).toThrow('unparseable date: 42');
    expect(() => parseDate({ a: 1 }, SHANGHAI)).toThrow(/unparseable date/);
  });
});

describe('checking a time zone', () => {
  /** What the check must agree with: whether a formatter can be made for the name. */
  const formats = (timeZone: string) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      return true;
    } catch {
      return false;
    }
  };

  it('takes every name a formatter takes, canonical or not, and no other', () => {
    const names = [
      'Asia/Shanghai',
      'UTC',
      'Asia/Chongqing', // an alias
      'PRC',
      'asia/shanghai', // another case
      'Etc/GMT-8',
      'Mars/Olympus',
      '',
      'Asia/Shanghai ',
      ...Intl.supportedValuesOf('timeZone').slice(0, 50),
    ];
    for (const name of names) {
      const check = () => assertTimeZone(name);
      if (formats(name)) expect(check, name).not.toThrow();
      else expect(check, name).toThrow(RangeError);
    }
  });
});
