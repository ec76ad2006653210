import type { SearchNumbering } from '../../../src/lib/content-contract.ts';
import { dayOf, numberOf, numberUnder } from './doc-numbering.ts';
import type { IdList } from './search-index.ts';

/** A numbering by day without its end (which follows from the newest article). */
export type DayNumbering = Omit<SearchNumbering, 'end'>;

/** An order of articles, newest first, as numbering reads it. */
export interface DatedOrder {
  readonly length: number;
  dateAt(place: number): string;
  idAt(place: number): string;
}

/**
 * The numbers of articles dated `dates` (newest first) that sit on the order's places from
 * `below` on: each one's rank in its day counts the older articles of that day, among them
 * those below (read until the day changes, at most a day's articles).
 */
export function numbersOnTop(
  numbering: DayNumbering | undefined,
  dates: readonly string[],
  order: Pick<DatedOrder, 'length' | 'dateAt'>,
  below: number,
): number[] {
  const numbers = new Array<number>(dates.length);
  if (!numbering) {
    // Dense: counted from the oldest, the lowest of `dates` is the count below them.
    const under = order.length - below;
    for (let n = 0; n < dates.length; n++) numbers[n] = under + dates.length - 1 - n;
    return numbers;
  }
  let rank = 0;
  let day = Number.NaN;
  for (let n = dates.length - 1; n >= 0; n--) {
    const today = dayOf(dates[n] as string);
    if (n === dates.length - 1) {
      rank = 0;
      for (let place = below; place < order.length && dayOf(order.dateAt(place)) === today; place++) rank++;
    } else rank = today === day ? rank + 1 : 0;
    day = today;
    numbers[n] = numberOf(numbering, today, rank);
  }
  return numbers;
}

/**
 * An order's documents by number: each place's number and each number's place. Known for the
 * `near` places when made (the newest `near`, or those from `near.from` up to `near.to`), and
 * for any other place on its own; for every place only when a number outside those is asked
 * for (a search index built whole, a list counted again).
 */
export class OrderNumbers {
  private readonly near: number[];
  /** The place of `near[0]`. */
  private readonly nearFrom: number;
  private all?: { numbers: Uint32Array; places: Int32Array };

  constructor(
    private readonly order: DatedOrder,
    private readonly byDay: DayNumbering | undefined,
    near: number | { from: number; to: number },
  ) {
    const from = typeof near === 'number' ? 0 : Math.min(near.from, order.length);
    const to = Math.min(typeof near === 'number' ? near : near.to, order.length);
    const dates = Array.from({ length: Math.max(0, to - from) }, (_, n) => order.dateAt(from + n));
    this.near = numbersOnTop(byDay, dates, order, to);
    this.nearFrom = from;
  }

  /** One past the highest number: the newest article's, plus one. */
  get end(): number {
    return this.order.length === 0 ? 0 : this.numberAt(0) + 1;
  }

  /** The numbering, as the index's info names it; undefined when dense. */
  get numbering(): SearchNumbering | undefined {
    return this.byDay && { ...this.byDay, end: this.end };
  }

  numberAt(place: number): number {
    const known = place >= this.nearFrom ? this.near[place - this.nearFrom] : undefined;
    if (known !== undefined) return known;
    if (this.all) return this.all.numbers[place] as number;
    return numbersOnTop(this.byDay, [this.order.dateAt(place)], this.order, place + 1)[0] as number;
  }

  /** The place of the document numbered `number`; -1 for a number no document has. */
  placeOf(number: number): number {
    const lowest = this.near.at(-1);
    const highest = this.near[0];
    if (lowest !== undefined && highest !== undefined && number >= lowest && number <= highest) {
      // Numbers fall with the place: a binary search of the near ones.
      let low = 0;
      let high = this.near.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const at = this.near[middle] as number;
        if (at === number) return this.nearFrom + middle;
        if (at > number) low = middle + 1;
        else high = middle - 1;
      }
      return -1;
    }
    const { places } = this.everyPlace();
    return number >= 0 && number < places.length ? (places[number] as number) : -1;
  }

  /** The ids by number, oldest first, with gaps: the search index's view of the order. */
  ids(): IdList {
    return {
      length: this.end,
      at: (number) => {
        const place = this.placeOf(number);
        return place < 0 ? undefined : this.order.idAt(place);
      },
    };
  }

  /**
   * The order's numbers when they are known already (a whole run numbered every article to
   * choose the numbering: `oldestFirst`, by place from the oldest, is taken over).
   */
  static known(order: DatedOrder, byDay: DayNumbering | undefined, oldestFirst: Uint32Array): OrderNumbers {
    const numbers = new OrderNumbers(order, byDay, 0);
    numbers.all = numbers.byPlace(oldestFirst);
    return numbers;
  }

  private everyPlace(): { numbers: Uint32Array; places: Int32Array } {
    if (this.all) return this.all;
    const { order } = this;
    const last = order.length - 1;
    // Each date read once: the days of a million articles, then their numbers (4 bytes each).
    const days = new Int32Array(order.length);
    for (let n = 0; n < order.length; n++) days[n] = dayOf(order.dateAt(last - n));
    this.all = this.byPlace(numberUnder(this.byDay, days));
    return this.all;
  }

  /** Each place's number and each number's place, from the numbers by place from the oldest (reversed in place). */
  private byPlace(oldestFirst: Uint32Array): { numbers: Uint32Array; places: Int32Array } {
    const numbers = oldestFirst.reverse();
    const newest = numbers[0];
    const places = new Int32Array(newest === undefined ? 0 : newest + 1).fill(-1);
    for (let place = 0; place < numbers.length; place++) places[numbers[place] as number] = place;
    return { numbers, places };
  }
}
