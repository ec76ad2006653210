import type { SearchNumbering } from '../../../src/lib/content-contract.ts';

/*
 * Search documents numbered by day (decision 0006): an article's number is its day, counted
 * from the oldest article's, times 2^dayBits, plus its rank among that day's articles (the
 * oldest 0). A change moves only the rest of its day, where numbers counted from the oldest
 * moved every newer article. dayBits is the fewest that hold the busiest day; a cold build and
 * a run of edits choose the same, from each day's count kept by class (DayClasses).
 */

/** A day holds at most 2^14 articles; busier, the documents are numbered densely. */
export const MAX_DAY_BITS = 14;
/** Numbers stay below 2^31 (varints and bit operations). */
const NUMBER_LIMIT = 2 ** 31;

/**
 * How many days need each class of room: `classes[c]` days have more than 2^(c-1) and at most
 * 2^c articles (class 0: one). The busiest class is the numbering's dayBits: a run of edits
 * moves a day between classes without counting every day again.
 */
export type DayClasses = number[];

/** The class of a day of `count` articles: the fewest bits that number them. */
export const dayClass = (count: number): number => (count <= 1 ? 0 : 32 - Math.clz32(count - 1));

/** The day of a date of another form: the day before 0000-01-01. */
const BEFORE_YEAR_0 = -719_529;

/**
 * The day of an ISO 8601 date as the contract writes it (`YYYY-MM-DDT…Z`), as days since 1970
 * (UTC), counted from the date's digits: days rise with the dates' order as strings, which is
 * the articles' order (Date.UTC would read years below 100 as 1900 and on). A date of another
 * form (a year past 9999, `+010000-…`, sorts before every four-digit year) is one day before
 * the year 0: such an order's numbers would be sparse, so it is numbered densely.
 */
export function dayOf(date: string): number {
  // Digit by digit: a million dates are read in a whole run (a regular expression took 0.18 s).
  let year = 0;
  let month = 0;
  let day = 0;
  for (let at = 0; at < 10; at++) {
    const code = date.charCodeAt(at);
    if (at === 4 || at === 7) {
      if (code !== 45) return BEFORE_YEAR_0; // '-'
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return BEFORE_YEAR_0;
    if (at < 4) year = year * 10 + digit;
    else if (at < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  return civilDays(year, month, day);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the days-from-civil count). */
function civilDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The numbering of an order of `articles` from `firstDay` to `lastDay` with these classes of
 * days; undefined (dense: numbered by place from the oldest) when there are none, a day is too
 * busy, or the numbers would be sparse (more than four a document, past 4,096): an archive of an
 * article a week keeps dense numbers and docs files without gaps.
 */
export function chooseNumbering(order: {
  articles: number;
  firstDay: number;
  lastDay: number;
  classes: readonly number[];
}): Omit<SearchNumbering, 'end'> | undefined {
  const { articles, firstDay, lastDay, classes } = order;
  if (articles === 0 || lastDay < firstDay) return undefined;
  let dayBits = -1;
  classes.forEach((days, c) => {
    if (days > 0) dayBits = c;
  });
  if (dayBits < 0 || dayBits > MAX_DAY_BITS) return undefined;
  const room = (lastDay - firstDay + 1) * 2 ** dayBits;
  if (room > 4 * articles + 4096 || room >= NUMBER_LIMIT) return undefined;
  return { firstDay, dayBits };
}

/** The number of the article of rank `rank` in day `day`. */
export const numberOf = (numbering: Pick<SearchNumbering, 'firstDay' | 'dayBits'>, day: number, rank: number): number =>
  (day - numbering.firstDay) * 2 ** numbering.dayBits + rank;

/** An order's documents, oldest first, as numbering needs them: their days. */
export interface DaysOldestFirst {
  readonly length: number;
  dayAt(n: number): number;
}

/**
 * Every document's number (by place from the oldest) and the order's classes of days: one pass
 * over the days, read once each. Numbers are below 2^31: typed arrays of 4 bytes a document
 * (at a million articles, the cold build's peak is near).
 */
export function numberDocuments(days: DaysOldestFirst): {
  numbering: SearchNumbering | undefined;
  classes: DayClasses;
  numbers: Uint32Array;
} {
  const { length } = days;
  const numbers = new Uint32Array(length);
  const day = Int32Array.from({ length }, (_, n) => days.dayAt(n));
  const classes: DayClasses = [];
  let run = 0;
  for (let n = 0; n < length; n++) {
    if (n > 0 && day[n] !== day[n - 1]) {
      addClass(classes, run, 1);
      run = 0;
    }
    numbers[n] = run++; // its rank in its day, until numbered below
  }
  addClass(classes, run, 1);
  const chosen =
    length > 0
      ? chooseNumbering({ articles: length, firstDay: day[0] as number, lastDay: day[length - 1] as number, classes })
      : undefined;
  numberRanks(chosen, day, numbers);
  // Its end is one past the newest's number: a newer article comes after every number, as it
  // did numbered densely, and is appended to the index.
  const numbering = chosen && { ...chosen, end: (numbers[length - 1] as number) + 1 };
  return { numbering, classes, numbers };
}

/** Turns each document's rank in its day (`numbers`, by place from the oldest) into its number under `numbering`. */
function numberRanks(numbering: Omit<SearchNumbering, 'end'> | undefined, day: Int32Array, numbers: Uint32Array): void {
  for (let n = 0; n < numbers.length; n++)
    numbers[n] = numbering ? numberOf(numbering, day[n] as number, numbers[n] as number) : n;
}

/**
 * The documents' numbers under a numbering chosen before (a run of edits keeps the published
 * one), from their days (by place from the oldest).
 */
export function numberUnder(numbering: Omit<SearchNumbering, 'end'> | undefined, day: Int32Array): Uint32Array {
  const numbers = new Uint32Array(day.length);
  for (let n = 1; n < day.length; n++) if (day[n] === day[n - 1]) numbers[n] = (numbers[n - 1] as number) + 1;
  numberRanks(numbering, day, numbers);
  return numbers;
}

/** Counts `days` more (or fewer) days of `count` articles in `classes`. */
export function addClass(classes: DayClasses, count: number, days: number): void {
  if (count === 0) return;
  const c = dayClass(count);
  while (classes.length <= c) classes.push(0);
  classes[c] = (classes[c] as number) + days;
  while (classes.length > 0 && classes.at(-1) === 0) classes.pop();
}
