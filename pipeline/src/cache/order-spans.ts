import type { ListName } from './cache-columns.ts';
import type { ArticleLists } from './entry-table.ts';
import { PlaceList } from './place-list.ts';

/** Whether an article with these lists is in `list`. */
export const holds = (lists: ArticleLists, list: ListName): boolean => lists[list.field].includes(list.name);

/**
 * A stretch of an order's places, from `start` up to `end`, that finds which of its articles
 * each list holds its own way. An order is made of such stretches: the saved order of the
 * files log lines laid out and the snapshot's rows between them, a run of edits' order of the
 * previous one above and below the places it laid out again. Places are the order's.
 */
export interface OrderSpan {
  readonly start: number;
  readonly end: number;
  /** The places from `from` up to `to` (both within the span), ascending, of the articles in each of `lists`. */
  placesIn(lists: readonly ListName[], from: number, to: number): Int32Array[];
  /** How many articles from `from` up to `to` (both within the span) each of `lists` holds. */
  countIn(lists: readonly ListName[], from: number, to: number): number[];
}

/** The spans that overlap the places from `from` up to `to`, each with the part of them it holds. */
function* overlapping(spans: readonly OrderSpan[], from: number, to: number): Generator<[OrderSpan, number, number]> {
  for (const span of spans) {
    const first = Math.max(from, span.start);
    const last = Math.min(to, span.end);
    if (first < last) yield [span, first, last];
  }
}

/** The spans' places from `from` up to `to` of the articles in each of `lists`, ascending. */
export function spannedPlaces(
  spans: readonly OrderSpan[],
  lists: readonly ListName[],
  from: number,
  to: number,
): Int32Array[] {
  const parts: Int32Array[][] = [];
  for (const [span, first, last] of overlapping(spans, from, to)) parts.push(span.placesIn(lists, first, last));
  // One span (a snapshot with no log over it): its places as they are, not copied (at a million
  // articles a category holds hundreds of thousands).
  if (parts.length === 1) return parts[0] as Int32Array[];
  return lists.map((_, k) => {
    const found = new PlaceList();
    for (const part of parts) for (const place of part[k] ?? []) found.push(place);
    return found.places;
  });
}

/** How many articles of the spans from `from` up to `to` each of `lists` holds. */
export function spannedCounts(
  spans: readonly OrderSpan[],
  lists: readonly ListName[],
  from: number,
  to: number,
): number[] {
  const counts = lists.map(() => 0);
  for (const [span, first, last] of overlapping(spans, from, to))
    span.countIn(lists, first, last).forEach((count, k) => (counts[k] = (counts[k] as number) + count));
  return counts;
}

/** A span whose articles' lists are read one place at a time (entries laid out, files logged). */
export function listedSpan(start: number, end: number, listsAt: (place: number) => ArticleLists): OrderSpan {
  const scan = (lists: readonly ListName[], from: number, to: number, found: (k: number, place: number) => void) => {
    for (let place = from; place < to; place++) {
      const its = listsAt(place);
      for (const [k, list] of lists.entries()) if (holds(its, list)) found(k, place);
    }
  };
  return {
    start,
    end,
    placesIn: (lists, from, to) => {
      const found = lists.map(() => new PlaceList());
      scan(lists, from, to, (k, place) => found[k]?.push(place));
      return found.map((list) => list.places);
    },
    countIn: (lists, from, to) => {
      const counts = lists.map(() => 0);
      scan(lists, from, to, (k) => (counts[k] = (counts[k] as number) + 1));
      return counts;
    },
  };
}

/** Where a shifted span reads its articles: another order's places, or a snapshot's rows. */
export interface LowerLayer {
  placesIn(lists: readonly ListName[], from: number, to: number): Int32Array[];
  countIn(lists: readonly ListName[], from: number, to: number): number[];
  listsAt(place: number): ArticleLists;
}

/**
 * A span that is a stretch of a lower layer, each place `shift` past the lower one, read in one
 * pass over the layer; where `overridden` (ascending, the lower layer's places) has a place, the
 * article there now (`overrideAt`) says which lists hold it, not the layer.
 */
export function shiftedSpan(
  start: number,
  end: number,
  shift: number,
  lower: LowerLayer,
  overridden: readonly number[],
  overrideAt: (place: number) => ArticleLists,
): OrderSpan {
  /** The overridden places from `from` up to `to` (the lower layer's). */
  const overriddenIn = (from: number, to: number) => overridden.filter((place) => place >= from && place < to);
  return {
    start,
    end,
    placesIn: (lists, from, to) => {
      const overrides = overriddenIn(from - shift, to - shift);
      return lower.placesIn(lists, from - shift, to - shift).map((places, k) => {
        if (overrides.length === 0) return shift === 0 ? places : places.map((place) => place + shift);
        const list = lists[k] as ListName;
        const into = new PlaceList();
        const decide = (place: number) => {
          if (holds(overrideAt(place), list)) into.push(place + shift);
        };
        let next = 0;
        for (let n = 0; n < places.length; n++) {
          const place = places[n] as number;
          while (next < overrides.length && (overrides[next] as number) < place) decide(overrides[next++] as number);
          // Read within bounds only: a read past an array's end takes V8's slow path, every place.
          if (next < overrides.length && overrides[next] === place) {
            next++;
            decide(place);
          } else into.push(place + shift);
        }
        while (next < overrides.length) decide(overrides[next++] as number);
        return into.places;
      });
    },
    countIn: (lists, from, to) => {
      const counts = lower.countIn(lists, from - shift, to - shift);
      // An overridden place counts as the article there now says, not as the layer's.
      for (const place of overriddenIn(from - shift, to - shift)) {
        const now = overrideAt(place);
        const was = lower.listsAt(place);
        for (const [k, list] of lists.entries())
          counts[k] = (counts[k] as number) + (holds(now, list) ? 1 : 0) - (holds(was, list) ? 1 : 0);
      }
      return counts;
    },
  };
}
