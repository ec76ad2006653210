import type { ListName } from '../cache/cache-columns.ts';
import type { ArticleOrder } from '../cache/entry-table.ts';
import { PlaceList } from '../cache/place-list.ts';

/**
 * The places in the order of a list's articles, newest first: as far down as the list files a
 * run of edits writes reach (`slice` and `indexOf` throw past that).
 */
export interface ListPlaces {
  readonly length: number;
  slice(from: number, to?: number): number[];
  /** The index in the list of the article at `place`; -1 when the list does not hold it. */
  indexOf(place: number): number;
  /** How many of its articles are older than (below) the one at `place`, held or not. */
  olderThan(place: number): number;
}

/** A list a run of edits touches: all articles' (no `holds`), or a category's or tag's. */
export interface ChangedList {
  holds?: ListName;
  /** Its articles that came at its newest end (the laid-out top among them). */
  added: number;
}

/** Places of the order read for the lists' newest members at first; doubled until they are found. */
const FIRST_STRETCH = 4096;

/**
 * The places of each list's articles that the files a run of edits writes hold: its head and
 * its chunks past the part that stayed where it was (list files are counted from the oldest,
 * decision 0012), and the chunk of each article edited in place. Each list's size is counted
 * (a pass over the snapshot's list columns); its members are then looked for from the newest
 * until those files have theirs, not through the whole order: at a million articles finding
 * every member of a touched category cost 0.3 s. A rare tag may still be looked for far down.
 */
export function placesOfLists(
  lists: readonly ChangedList[],
  order: ArticleOrder,
  pageSize: number,
  /** The places of the articles edited in place (each list's index of them is asked). */
  edited: readonly number[],
  firstStretch = FIRST_STRETCH,
): ListPlaces[] {
  const named = lists.flatMap(({ holds, added }) => (holds ? [{ holds, added }] : []));
  const totals = named.length > 0 ? order.countIn(named.map(({ holds }) => holds)) : [];
  const found = named.map(() => new PlaceList());
  const deepest = Math.max(-1, ...edited);
  let read = 0;
  /** How many of list `k`'s newest the written files hold, from what was found so far. */
  const wanted = (k: number): number => {
    const total = totals[k] as number;
    const added = named[k]?.added ?? 0;
    // The head, and the chunks from the one the oldest that came is in (when only some went,
    // the newest chunk alone, within the head's reach).
    let want = Math.max(pageSize, total - Math.floor((total - added) / pageSize) * pageSize);
    const places = (found[k] as PlaceList).places;
    for (const place of edited) {
      const index = places.indexOf(place);
      if (index >= 0) want = Math.max(want, total - Math.floor((total - 1 - index) / pageSize) * pageSize);
    }
    return Math.min(want, total);
  };
  for (let stretch = firstStretch; read < order.length; stretch *= 2) {
    const asking = named.flatMap((_, k) =>
      read <= deepest || (found[k] as PlaceList).places.length < wanted(k) ? [k] : [],
    );
    if (asking.length === 0) break;
    const to = Math.min(order.length, read + stretch);
    order
      .placesIn(
        asking.map((k) => (named[k] as { holds: ListName }).holds),
        read,
        to,
      )
      .forEach((places, n) => {
        const into = found[asking[n] as number] as PlaceList;
        for (const place of places) into.push(place);
      });
    read = to;
  }
  let next = 0;
  const every: ListPlaces = {
    length: order.length,
    slice: (from, to = order.length) =>
      Array.from({ length: Math.max(0, Math.min(to, order.length) - from) }, (_, n) => from + n),
    indexOf: (place) => (place >= 0 && place < order.length ? place : -1),
    olderThan: (place) => Math.max(0, order.length - 1 - place),
  };
  return lists.map(({ holds }) => {
    if (!holds) return every;
    const k = next++;
    return newestOf((found[k] as PlaceList).places, totals[k] as number, read);
  });
}

/** A list of `total` whose newest members are `places`, found in the order's first `read` places. */
function newestOf(places: Int32Array, total: number, read: number): ListPlaces {
  const complete = places.length === total;
  return {
    length: total,
    slice: (from, to = total) => {
      if (Math.min(to, total) > places.length && !complete)
        throw new Error(`list members ${from}–${to} asked for, ${places.length} of ${total} found`);
      return Array.from(places.subarray(from, to));
    },
    indexOf: (place) => {
      if (place >= read && !complete) throw new Error(`list member at place ${place} asked for, ${read} places read`);
      return places.indexOf(place);
    },
    olderThan: (place) => {
      if (place >= read && !complete) throw new Error(`list members below place ${place} asked for, ${read} read`);
      // The members found are every one above `read`, newest first (ascending places).
      let low = 0;
      let high = places.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((places[middle] as number) <= place) low = middle + 1;
        else high = middle;
      }
      return total - low;
    },
  };
}
