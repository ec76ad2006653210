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

// Sat, 26 Mar 2022 11:26:00 GMT  (RFC 1123; the weekday is optional)
const RFC1123 =
  /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?$/;
// 2022-03-26, 2022-03-26T11:26, 2022-03-26 11:26:00, 2022/03/26 11:26:00.123+08:00
const ISO_OR_HEXO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i;

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

/** Throws a RangeError when the name is not an IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
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
      month: Number(iso[2]),
      day: Number(iso[3]),
      hour: Number(iso[4] ?? 0),
      minute: Number(iso[5] ?? 0),
      second: Number(iso[6] ?? 0),
      millisecond: Number((iso[7] ?? '0').padEnd(3, '0').slice(0, 3)),
      offset: iso[8] === undefined ? undefined : parseOffset(iso[8]),
    };
  }
  return undefined;
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
 * Reads the date formats found in Hexo front matter and returns ISO 8601 in UTC.
 * A date without an offset is a wall-clock time in `timeZone`.
 */
export function parseDate(value: unknown, timeZone: string): string {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
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

  // Two passes settle the offset across a daylight-saving change.
  let instant = wallClock - zoneOffset(wallClock, timeZone);
  instant = wallClock - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString();
}
