import type { SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import { addClass, chooseNumbering, type DayClasses, dayOf } from './doc-numbering.ts';
import { type DatedOrder, type DayNumbering, numbersOnTop, OrderNumbers } from './order-numbers.ts';
import { sameNumbering } from './reuse-index.ts';
import { DOCS_PER_FILE } from './search-index.ts';

/**
 * The search documents of a run of edits, which lays a window of the order out again
 * (publish-edits.ts): the numbers the window's articles had and those they have now, and the
 * new order's numbering, chosen as a whole run would choose it from the days' classes kept.
 */
export interface WindowNumbers {
  /** The new order by number. */
  order: OrderNumbers;
  /** Whether it is numbered as the published index is: else that index is built whole. */
  same: boolean;
  /** The days' classes of the new order. */
  classes: DayClasses;
  /** The window's first place, in both orders. */
  from: number;
  /** The numbers of the previous order's window (`dropped`, newest first) in the published index. */
  before: number[];
  /** The numbers of the new order's window (`top` places from `from`), newest first. */
  now: number[];
  /** The lowest number either window has: the docs files wholly below it are the published ones. */
  lowest: number;
}

/**
 * Numbers a run of edits' window: `order` is the new order, whose places from `from` up to
 * `from + top` were laid out again, and whose places above are the previous order's, those
 * below the previous order's past `dropped` (the dates of the window's articles before). No day
 * of the window has articles above it (publish-edits.ts starts it where its newest day starts,
 * or at the newest).
 */
export function numberWindow(
  published: Pick<SearchIndexInfo, 'docs' | 'numbering'>,
  publishedClasses: readonly number[],
  order: DatedOrder,
  dropped: readonly string[],
  { from, top }: { from: number; top: number },
): WindowNumbers {
  const end = from + top;
  const before = numbersOnTop(published.numbering, dropped, order, end);
  const topDates = Array.from({ length: top }, (_, n) => order.dateAt(from + n));
  // Only the days of the window change their counts; the first day below it may go on under it.
  const belowDay = end < order.length ? dayOf(order.dateAt(end)) : Number.NaN;
  let belowCount = 0;
  for (let place = end; place < order.length && dayOf(order.dateAt(place)) === belowDay; place++) belowCount++;
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
  // The window, and the places above and below it whose numbers share a docs file with its own.
  const near = { from: Math.max(0, from - DOCS_PER_FILE - 1), to: end + DOCS_PER_FILE + 1 };
  const numbered = new OrderNumbers(order, chosen, near);
  const now = Array.from({ length: top }, (_, n) => numbered.numberAt(from + n));
  const lowest = Math.min(before.at(-1) ?? Infinity, now.at(-1) ?? Infinity);
  return {
    order: numbered,
    same: sameNumbering(published.numbering, chosen),
    classes,
    from,
    before,
    now,
    lowest: Number.isFinite(lowest) ? lowest : numbered.end,
  };
}
