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
  /** The place of the article at `index`, newest first. */
  at(index: number): number;
  /** The index in the list of the article at `place`; -1 when the list does not hold it. */
  indexOf(place: number): number;
  /** How many of its articles are older than (below) the one at `place`, held or not. */
  olderThan(place: number): number;
}

/** A list a run of edits touches: all articles' (no `holds`), or a category's or tag's. */
export interface ChangedList {
  holds?: ListName;
  /** Its articles in the window a run of edits laid out again. */
  added: number;
  /** How many articles it holds, when known: else they are counted (a pass over the order's list columns). */
  total?: number;
}

/** Places of the order read for the lists' newest members at first; doubled until they are found. */
const FIRST_STRETCH = 4096;

/**
 * The places of each list's articles that the files a run of edits writes hold, and those a
 * stretch of the list is laid out again from (decision 0025): its newest, down to where it stayed
 * as it was, `below` more, and down to each article edited in place and `below` more. Each list's size is counted
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
  /** Members wanted below the deepest change: where the stretch laid out again starts is found among them. */
  below: number,
  firstStretch = FIRST_STRETCH,
): ListPlaces[] {
  const named = lists.flatMap(({ holds, added, total }) => (holds ? [{ holds, added, total }] : []));
  const uncounted = named.filter(({ total }) => total === undefined);
  const counted = uncounted.length > 0 ? order.countIn(uncounted.map(({ holds }) => holds)) : [];
  let nextCount = 0;
  const totals = named.map(({ total }) => total ?? (counted[nextCount++] as number));
  const found = named.map(() => new PlaceList());
  /** How far down the order each list's members were looked for. */
  const readOf = named.map(() => 0);
  const deepest = Math.max(-1, ...edited);
  let read = 0;
  /** How many of list `k`'s newest the written files hold, from what was found so far. */
  const wanted = (k: number): number => {
    const total = totals[k] as number;
    const added = named[k]?.added ?? 0;
    // The head, those that came, and those below them a stretch laid out again may start among.
    let want = Math.max(pageSize, added) + below;
    const places = (found[k] as PlaceList).places;
    // Whether or not the list holds it: those at and above its place, and `below` more.
    for (const place of edited) if (place < read) want = Math.max(want, atOrAbove(places, place) + below);
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
        readOf[asking[n] as number] = to;
      });
    read = to;
  }
  let next = 0;
  const every: ListPlaces = {
    length: order.length,
    slice: (from, to = order.length) =>
      Array.from({ length: Math.max(0, Math.min(to, order.length) - from) }, (_, n) => from + n),
    at: (index) => index,
    indexOf: (place) => (place >= 0 && place < order.length ? place : -1),
    olderThan: (place) => Math.max(0, order.length - 1 - place),
  };
  return lists.map(({ holds }) => {
    if (!holds) return every;
    const k = next++;
    const list = found[k] as PlaceList;
    let reached = readOf[k] as number;
    // Rarely, a stretch is laid out from further down than `below` reached: the order is read on.
    const more = () => {
      if (reached >= order.length) throw new Error(`list of ${holds.field} ${holds.name}: fewer members than counted`);
      const to = Math.min(order.length, reached + Math.max(firstStretch, reached));
      for (const place of order.placesIn([holds], reached, to)[0] ?? []) list.push(place);
      reached = to;
    };
    return newestOf(list, totals[k] as number, () => reached, more);
  });
}

/** How many of `places` (ascending) are at most `place`. */
function atOrAbove(places: Int32Array, place: number): number {
  let low = 0;
  let high = places.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((places[middle] as number) <= place) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A list of `total` whose newest members are `list`'s places, found in the order's first `read()`
 * places; `more()` reads on, for members asked for past those.
 */
function newestOf(list: PlaceList, total: number, read: () => number, more: () => void): ListPlaces {
  let places = list.places;
  const reach = (members: number) => {
    while (places.length < Math.min(members, total)) {
      more();
      places = list.places;
    }
    return places;
  };
  const readPast = (place: number) => {
    while (read() <= place && places.length < total) {
      more();
      places = list.places;
    }
    return places;
  };
  return {
    length: total,
    slice: (from, to = total) => Array.from(reach(to).subarray(from, to)),
    at: (index) => {
      if (index < 0 || index >= total) throw new Error(`list member ${index} asked for, of ${total}`);
      return (index < places.length ? places : reach(index + 1))[index] as number;
    },
    indexOf: (place) => readPast(place).indexOf(place),
    // The members found are every one above `read`, newest first (ascending places).
    olderThan: (place) => total - atOrAbove(readPast(place), place),
  };
}
