import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseNumbering, dayClass, dayOf, numberDocuments } from './doc-numbering.ts';
import { OrderNumbers } from './order-numbers.ts';
import { numberWindow } from './window-numbers.ts';

const DAY_MS = 86_400_000;
const isoDate = fc
  .integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

/** An order as numbering reads it: dates newest first, ids by place. */
const orderOf = (datesNewestFirst: readonly string[]) => ({
  length: datesNewestFirst.length,
  dateAt: (place: number) => datesNewestFirst[place] ?? '',
  idAt: (place: number) => `a${place}`,
});

/** Dates of `days` days from 2024-03-01, `perDay[d]` articles on day d, newest first. */
const datesOf = (perDay: readonly number[]): string[] =>
  perDay
    .flatMap((count, d) =>
      Array.from({ length: count }, (_, n) => new Date(Date.UTC(2024, 2, 1) + d * DAY_MS + n * 60_000).toISOString()),
    )
    .reverse();

/** What a whole run numbers for articles dated `dates` (newest first). */
const wholeRun = (dates: readonly string[]) =>
  numberDocuments({ length: dates.length, dayAt: (n) => dayOf(dates[dates.length - 1 - n] ?? '') });

describe('dayOf', () => {
  it('counts the days of a contract date as Date does, for every four-digit year', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        expect(dayOf(date)).toBe(Math.floor(Date.parse(date) / DAY_MS));
      }),
      { numRuns: 2000 },
    );
  });

  it('rises with the dates as strings, and puts a date of another form before every year', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        if (a < b) expect(dayOf(a)).toBeLessThanOrEqual(dayOf(b));
      }),
    );
    expect(dayOf('+010000-01-01T00:00:00.000Z')).toBeLessThan(dayOf('0000-01-01T00:00:00.000Z'));
    expect(dayOf('0050-06-01T00:00:00.000Z')).toBeLessThan(dayOf('1950-06-01T00:00:00.000Z'));
  });
});

describe('numberDocuments', () => {
  it("numbers each article by its day and its rank in the day, with room for the busiest day's", () => {
    // Three on the first day, none on the second, five on the third: eight numbers a day.
    const dates = datesOf([3, 0, 5]);
    const last = dates.length - 1;
    const { numbering, classes, numbers } = wholeRun(dates);
    expect(numbering).toEqual({ firstDay: dayOf(dates[last] ?? ''), dayBits: 3, end: 2 * 8 + 5 });
    expect(Array.from(numbers)).toEqual([0, 1, 2, 16, 17, 18, 19, 20]);
    expect(classes).toEqual([0, 0, 1, 1]); // a day of 3 (class 2), one of 5 (class 3)
  });

  it('numbers densely when the numbers would be sparse or a day too busy', () => {
    expect(chooseNumbering({ articles: 10, firstDay: 0, lastDay: 5000, classes: [10] })).toBeUndefined();
    expect(chooseNumbering({ articles: 10, firstDay: 0, lastDay: 9, classes: [10] })).toEqual({
      firstDay: 0,
      dayBits: 0,
    });
    const busy: number[] = [];
    busy[15] = 1;
    expect(chooseNumbering({ articles: 40_000, firstDay: 0, lastDay: 0, classes: busy })).toBeUndefined();
    expect(dayClass(1)).toBe(0);
    expect(dayClass(2)).toBe(1);
    expect(dayClass(3)).toBe(2);
    expect(dayClass(64)).toBe(6);
    expect(dayClass(65)).toBe(7);
  });
});

describe('OrderNumbers', () => {
  it('gives the numbers a whole run gives, near the top or not, and each number its place', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 20 }),
        fc.nat({ max: 30 }),
        (perDay, near) => {
          const dates = datesOf(perDay);
          const last = dates.length - 1;
          const whole = wholeRun(dates);
          const numbers = new OrderNumbers(orderOf(dates), whole.numbering, near);
          expect(numbers.numbering).toEqual(whole.numbering);
          for (let place = 0; place < dates.length; place++) {
            const number = whole.numbers[last - place] as number;
            expect(numbers.numberAt(place)).toBe(number);
            expect(numbers.placeOf(number)).toBe(place);
          }
          const ids = numbers.ids();
          let documents = 0;
          for (let number = 0; number < ids.length; number++) if (ids.at(number) !== undefined) documents++;
          expect(documents).toBe(dates.length);
        },
      ),
    );
  });
});

describe('numberWindow', () => {
  it('chooses the numbering a whole run of the new order chooses, and the numbers the window had and has', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 12 }),
        fc.nat({ max: 20 }),
        fc.nat({ max: 20 }),
        fc.array(fc.nat({ max: 11 }), { maxLength: 8 }),
        (perDay, drop, start, arrivingDays) => {
          const before = datesOf(perDay);
          const depth = Math.min(drop, before.length);
          // The window starts where a day starts (at the newest or below), as publish-edits
          // starts it: no day of the window has articles above it.
          let from = Math.min(start, depth);
          while (from > 0 && dayOf(before[from - 1] ?? '') === dayOf(before[from] ?? '')) from--;
          const above = before.slice(0, from);
          const ceiling = from > 0 ? dayOf(above.at(-1) ?? '') : Infinity;
          // Some of the window's articles stay, and articles arrive on the days `arrivingDays`:
          // not older than what stays below, and on a day older than every article above.
          const below = before.slice(depth);
          const floor = below[0] ?? '';
          const arriving = arrivingDays
            .map((d, n) => new Date(Date.UTC(2024, 2, 1) + d * DAY_MS + 30_000 + n * 1000).toISOString())
            .filter((date) => date >= floor && dayOf(date) < ceiling);
          const window = [...before.slice(from, depth).filter((_, n) => n % 2 === 0), ...arriving].sort().reverse();
          const now = [...above, ...window, ...below];
          const published = wholeRun(before);
          const numbers = numberWindow(
            { docs: before.length, ...(published.numbering && { numbering: published.numbering }) },
            published.classes,
            orderOf(now),
            before.slice(from, depth),
            { from, top: window.length },
          );
          const whole = wholeRun(now);
          expect(numbers.classes).toEqual(whole.classes);
          expect(numbers.order.numbering).toEqual(whole.numbering);
          expect(numbers.before).toEqual(
            Array.from({ length: depth - from }, (_, n) => published.numbers[before.length - 1 - from - n]),
          );
          expect(numbers.now).toEqual(
            Array.from({ length: window.length }, (_, n) => whole.numbers[now.length - 1 - from - n]),
          );
          // Every place's number, near the window or not, and each number's place.
          now.forEach((_, place) => {
            const number = whole.numbers[now.length - 1 - place] as number;
            expect(numbers.order.numberAt(place)).toBe(number);
            expect(numbers.order.placeOf(number)).toBe(place);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
