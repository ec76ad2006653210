import { ContentError } from './content-error.ts';
import { MAX_DATE_LENGTH } from './input-limits.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** `Apr`, `April`, `Sept.`: the month's number, or undefined. */
function monthNamed(name: string): number | undefined {
  const word = name.toLowerCase().replace(/\.$/, '');
  const month = MONTHS[word.slice(0, 3)];
  if (month === undefined) return undefined;
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ][month - 1] as string;
  return word.length === 3 || (word === 'sept' && month === 9) || full === word ? month : undefined;
}

// Sat, 26 Mar 2022 11:26:00 GMT  (RFC 1123; the weekday is optional)
const RFC1123 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?$/;
// 2022-03-26, 2022-03-26T11:26, 2022-03-26 11:26:00, 2022/3/6 9:05, 2022.03.26, …11:26:00.123+08:00
const ISO_OR_HEXO =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i;
// 2022年3月26日, 2022年3月26日 11:26, 2022年3月26日11时26分
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:时点](\d{1,2})分?(?:[:：]?(\d{1,2})秒?)?)?$/;
// Moment-style dates, as Hexo reads them: Apr 24 2014, April 24, 2014 9:05 pm, Thu, Apr 24 2014
const NAME_FIRST =
  /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;
// 24 Apr 2014, 24 April 2014 21:05
const DAY_FIRST =
  /^(\d{1,2})\s+([A-Za-z]{3,9}\.?),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, or undefined when the text names no offset. */
  offset: number | undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The canonical IANA names, read when a name is first checked. */
let canonicalZones: ReadonlySet<string> | undefined;

/**
 * Throws a RangeError when the name is not an IANA time zone. A canonical name (`Asia/Shanghai`)
 * is found in the list of them; any other (`UTC`, an alias, another case) is tried by making its
 * formatter. The first formatter costs 20 ms of loading ICU's zone data, and the command's
 * options are checked on its way to the first file it parses (the workers make their own).
 */
export function assertTimeZone(timeZone: string): void {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (!canonicalZones.has(timeZone)) formatterFor(timeZone);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in milliseconds, at the given instant. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function parseFields(text: string): Fields | undefined {
  const rfc = RFC1123.exec(text);
  if (rfc) {
    const month = MONTHS[(rfc[2] ?? '').toLowerCase()];
    if (!month) return undefined;
    const zone = rfc[7];
    return {
      year: Number(rfc[3]),
      month,
      day: Number(rfc[1]),
      hour: Number(rfc[4]),
      minute: Number(rfc[5]),
      second: Number(rfc[6] ?? 0),
      millisecond: 0,
      offset: zone === undefined ? undefined : parseOffset(zone),
    };
  }
  const iso = ISO_OR_HEXO.exec(text);
  if (iso) {
    return {
      year: Number(iso[1]),
      month: Number(iso[3]),
      day: Number(iso[4]),
      hour: Number(iso[5] ?? 0),
      minute: Number(iso[6] ?? 0),
      second: Number(iso[7] ?? 0),
      millisecond: Number((iso[8] ?? '0').padEnd(3, '0').slice(0, 3)),
      offset: iso[9] === undefined ? undefined : parseOffset(iso[9]),
    };
  }
  const chinese = CHINESE.exec(text);
  if (chinese) {
    return {
      year: Number(chinese[1]),
      month: Number(chinese[2]),
      day: Number(chinese[3]),
      hour: Number(chinese[4] ?? 0),
      minute: Number(chinese[5] ?? 0),
      second: Number(chinese[6] ?? 0),
      millisecond: 0,
      offset: undefined,
    };
  }
  const named = NAME_FIRST.exec(text);
  const dayFirst = named ? undefined : DAY_FIRST.exec(text);
  if (named || dayFirst) {
    const [monthName, day] = named ? [named[1], named[2]] : [dayFirst?.[2], dayFirst?.[1]];
    const match = (named ?? dayFirst) as RegExpExecArray;
    const month = monthNamed(monthName ?? '');
    if (!month) return undefined;
    let hour = Number(match[4] ?? 0);
    const meridiem = match[7]?.toLowerCase();
    if (meridiem && (hour < 1 || hour > 12)) return undefined;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    return {
      year: Number(match[3]),
      month,
      day: Number(day),
      hour,
      minute: Number(match[5] ?? 0),
      second: Number(match[6] ?? 0),
      millisecond: 0,
      offset: named?.[8] === undefined ? undefined : parseOffset(named[8]),
    };
  }
  return undefined;
}

/**
 * A number where a date belongs: 20220326 (YYYYMMDD), Unix seconds, or milliseconds. Hexo
 * takes every number as milliseconds, which makes 20220326 a moment of 1 January 1970.
 */
function numberDate(value: number, timeZone: string): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (Number.isInteger(value) && value >= 19000101 && value <= 29991231) {
    const text = String(value);
    return tryParse(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`, timeZone);
  }
  if (value >= 1e9 && value < 1e11) return new Date(value * 1000).toISOString();
  if (value >= 1e12 && value < 1e14) return new Date(value).toISOString();
  return undefined;
}

function tryParse(text: string, timeZone: string): string | undefined {
  try {
    return parseDate(text, timeZone);
  } catch {
    return undefined;
  }
}

function parseOffset(zone: string): number {
  if (/^(GMT|UTC|UT|Z)$/i.test(zone)) return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  return sign * (hours * 60 + minutes);
}

function isValidCalendarDate(f: Fields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return f.day <= daysInMonth && f.hour < 24 && f.minute < 60 && f.second < 60 && f.year >= 1000;
}

/**
 * Reads the date formats found in Hexo front matter and returns ISO 8601 in UTC: ISO 8601,
 * RFC 1123, Hexo's `YYYY-MM-DD HH:mm:ss` with single digits and `/` or `.`, Chinese
 * `2014年4月24日`, moment-style `Apr 24 2014` and `24 April 2014 9:05 pm`, and numbers.
 * A date without an offset is a wall-clock time in `timeZone`.
 */
export function parseDate(value: unknown, timeZone: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (typeof value === 'number') {
    const date = numberDate(value, timeZone);
    if (date) return date;
  }
  if (typeof value !== 'string') throw new ContentError(`unparseable date: ${JSON.stringify(value)}`);
  if (value.length > MAX_DATE_LENGTH) throw new ContentError(`unparseable date: ${value.length} characters long`);
  const text = value.trim();
  const fields = parseFields(text);
  if (!fields || !isValidCalendarDate(fields)) throw new ContentError(`unparseable date: "${text.slice(0, 60)}"`);

  const wallClock = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  );
  if (fields.offset !== undefined) return new Date(wallClock - fields.offset * 60_000).toISOString();
  return inZone(wallClock, timeZone);
}

/** The instant a wall-clock time (given as if it were UTC) names in `timeZone`. */
function inZone(wallClock: number, timeZone: string): string {
  // Two passes settle the offset across a daylight-saving change.
  let instant = wallClock - zoneOffset(wallClock, timeZone);
  instant = wallClock - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}

/** `2019-10-14-hexo-4-released` → that day at midnight in `timeZone`; undefined for other names. */
export function dateFromFileName(stem: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_ ]|$)/.exec(stem);
  return match ? tryParse(`${match[1]}-${match[2]}-${match[3]}`, timeZone) : undefined;
}
