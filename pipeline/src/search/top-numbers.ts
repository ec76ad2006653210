import type { SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import { addClass, chooseNumbering, type DayClasses, dayOf } from './doc-numbering.ts';
import { type DatedOrder, type DayNumbering, numbersOnTop, OrderNumbers } from './order-numbers.ts';
import { sameNumbering } from './reuse-index.ts';
import { DOCS_PER_FILE } from './search-index.ts';

/**
 * The search documents of a run of edits, which lays the order's top out again (publish-edits.ts):
 * the numbers the previous top's articles had and those the new top's have, and the new
 * order's numbering, chosen as a whole run would choose it from the days' classes kept.
 */
export interface TopNumbers {
  /** The new order by number. */
  order: OrderNumbers;
  /** Whether it is numbered as the published index is: else that index is built whole. */
  same: boolean;
  /** The days' classes of the new order. */
  classes: DayClasses;
  /** The numbers of the previous order's newest articles (`dropped`, newest first) in the published index. */
  before: number[];
  /** The numbers of the new order's newest `top`, newest first. */
  now: number[];
  /** The lowest number either top has: the docs files wholly below it are the published ones. */
  lowest: number;
}

/**
 * Numbers a run of edits' top: `order` is the new order, whose places from `top` on are the
 * previous order's from `dropped.length` on; `dropped` the dates of the previous order's newest.
 */
export function numberTop(
  published: Pick<SearchIndexInfo, 'docs' | 'numbering'>,
  publishedClasses: readonly number[],
  order: DatedOrder,
  dropped: readonly string[],
  top: number,
): TopNumbers {
  const before = numbersOnTop(published.numbering, dropped, order, top);
  const topDates = Array.from({ length: top }, (_, place) => order.dateAt(place));
  // Only the days of the two tops change their counts; the first day below them may go on under them.
  const belowDay = top < order.length ? dayOf(order.dateAt(top)) : Number.NaN;
  let belowCount = 0;
  for (let place = top; place < order.length && dayOf(order.dateAt(place)) === belowDay; place++) belowCount++;
  const counts = (dates: readonly string[]) => {
    const byDay = new Map<number, number>();
    for (const date of dates) {
      const day = dayOf(date);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    return byDay;
  };
  const was = counts(dropped);
  const is = counts(topDates);
  const classes = [...publishedClasses];
  for (const day of new Set([...was.keys(), ...is.keys()])) {
    const under = day === belowDay ? belowCount : 0;
    addClass(classes, (was.get(day) ?? 0) + under, -1);
    addClass(classes, (is.get(day) ?? 0) + under, 1);
  }
  const chosen: DayNumbering | undefined =
    order.length > 0
      ? chooseNumbering({
          articles: order.length,
          firstDay: dayOf(order.dateAt(order.length - 1)),
          lastDay: dayOf(order.dateAt(0)),
          classes,
        })
      : undefined;
  // The top, and the places below it whose numbers share a docs file with its lowest.
  const numbered = new OrderNumbers(order, chosen, top + DOCS_PER_FILE + 1);
  const now = Array.from({ length: top }, (_, place) => numbered.numberAt(place));
  const lowest = Math.min(before.at(-1) ?? Infinity, now.at(-1) ?? Infinity);
  return {
    order: numbered,
    same: sameNumbering(published.numbering, chosen),
    classes,
    before,
    now,
    lowest: Number.isFinite(lowest) ? lowest : numbered.end,
  };
}
