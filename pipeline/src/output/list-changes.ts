import path from 'node:path';
import type { ListPart } from '../../../src/lib/content-contract.ts';
import { cutParts, parseListGroup, parseListTable } from '../../../src/lib/list-cuts.ts';
import { parseListHead } from '../../../src/lib/validate-data.ts';
import type { ListName } from '../cache/cache-columns.ts';
import type { ArticleOrder } from '../cache/entry-table.ts';
import {
  type ArticleEntry,
  chunkFile,
  headFiles,
  type ListFile,
  type ListFiles,
  type ListItems,
} from './assemble-output.ts';
import {
  firstLook,
  groupEndAfter,
  groupEndBefore,
  groupParts,
  type IdsOldestFirst,
  layOutStretch,
  layoutRules,
  listParts,
  partsTotal,
  untabled,
} from './list-layout.ts';
import type { ListPlaces } from './list-places.ts';

/** A list the changes touch: its files, which articles it holds, and how many left and came at its top. */
export interface TouchedList {
  files: ListFiles;
  /** The category or tag it lists; none for the list of all articles. */
  holds?: ListName;
  added: number;
  removed: number;
  /** Places (in the new order) of articles below the top that joined it, or left it, where they are. */
  joined: number[];
  left: number[];
}

/** What a run of edits writes and takes away of the lists. */
export interface ListChanges {
  pages: Map<string, ListFile>;
  /** Files that go: their signatures are forgotten. */
  stale: string[];
  /** Paths to remove from the output: files, and the folders of emptied lists. */
  removes: string[];
}

/**
 * Members of a list read below the deepest change at first, among which a stretch's start is
 * looked for (`groupEndBefore`'s first look); a list reads on when it is further down.
 */
export const membersBelow = (pageSize: number): number => firstLook(layoutRules(pageSize));

/** The published head and groups of a list: `undefined` for a file that is not there. */
type ReadPublished = (file: string) => unknown;

/**
 * The list files a run of edits writes (decision 0025): for a list whose articles came, went or
 * moved, its head and the parts of the stretch laid out again, from just after the natural group
 * end below the deepest change to the list's newest (the parts whose names it keeps are left as
 * they are); and for an article edited in place, the chunk that holds it, and the head when it is
 * on the newest page. The parts the stretch had and has no more go.
 */
export function listFilesOfChanges(
  lists: readonly TouchedList[],
  members: readonly ListPlaces[],
  order: ArticleOrder,
  /** Places of the articles edited in place (parsed, with an entry before). */
  edited: readonly number[],
  /** The places laid out again, from `from` up to `end`: above and below, every list stayed as it was. */
  window: { from: number; end: number },
  pageSize: number,
  entryAt: (place: number) => ArticleEntry,
  readPublished: ReadPublished,
): ListChanges {
  const changes: ListChanges = { pages: new Map(), stale: [], removes: [] };
  const rules = layoutRules(pageSize);
  for (const [n, list] of lists.entries()) {
    const places = members[n] as ListPlaces;
    const { files } = list;
    const items: ListItems = {
      length: places.length,
      slice: (from, to) => places.slice(from, to).map(entryAt),
    };
    const ids: IdsOldestFirst = {
      length: places.length,
      hashAt: (index) => order.layoutHashAt(places.at(places.length - 1 - index)),
      idAt: (index) => order.idAt(places.at(places.length - 1 - index)),
    };
    const published = readPublished(files.head);
    const head = published === undefined ? [] : parseListHead(published).parts;
    // The table of groups the head names (decision 0026), read: the list's parts as laid out.
    const table = head[0]?.[0].startsWith('t') ? files.part(head[0][0]) : undefined;
    const before = untabled(head, ([name, count]) => parseListTable(readPublished(files.part(name)), count).groups);
    const setHead = (parts: readonly ListPart[]) => {
      const written = headFiles(files, items, pageSize, parts);
      for (const [file, list] of written) if (file !== table) changes.pages.set(file, list);
      // The table named before goes when the groups changed: the new one is named by them.
      if (table && !written.has(table)) {
        changes.stale.push(table);
        changes.removes.push(table);
      }
    };
    if (items.length === 0) {
      // An emptied list goes with its folder, every file of it forgotten.
      changes.stale.push(files.head, ...(table ? [table] : []), ...stretchFiles(files, before, readPublished).files);
      changes.removes.push(path.posix.dirname(files.head));
      continue;
    }
    let parts = before;
    // The articles edited in place that the list holds, counted from its oldest.
    const editedHere = edited.flatMap((place) => {
      const index = places.indexOf(place);
      return index === -1 ? [] : [items.length - 1 - index];
    });
    let stretchStart = items.length;
    let stretchEnd = items.length;
    if (list.added > 0 || list.removed > 0 || list.joined.length > 0 || list.left.length > 0) {
      // The oldest, in the places they had: below the window (when the list changed in it), and
      // below every article that joined or left the list where it is.
      let stayed = list.added > 0 || list.removed > 0 ? places.olderThan(window.end - 1) : items.length;
      for (const place of [...list.joined, ...list.left]) stayed = Math.min(stayed, places.olderThan(place));
      // The head's loose chunks begin just after the newest natural group end: a change among them
      // (a new newest article) lays them out again from there, without looking for one.
      const loose = before.reduce((sum, [name, count]) => sum + (name.startsWith('g') ? count : 0), 0);
      const start = loose <= stayed ? loose : groupEndBefore(ids, stayed, rules) + 1;
      stretchStart = start;
      // The newest article a change reaches (counted from the oldest): above it the list holds
      // what it held, each article `shift` nearer its oldest than before. A window that starts
      // at the newest reaches the newest.
      let changedTop = list.added > 0 || list.removed > 0 ? windowTop(places, window) : -1;
      for (const place of [...list.joined, ...list.left]) changedTop = Math.max(changedTop, places.olderThan(place));
      const shift = partsTotal(before) - items.length;
      // The stretch ends at the first natural group end above the changes that they cannot move:
      // from there on the list is cut as it was, its parts kept. A change deep in a long list
      // lays out the parts around it, not every part above it (500,000 places down at a million
      // articles, those were a third of the run).
      const end = Number.isFinite(changedTop) ? groupEndAfter(ids, changedTop, rules) : -1;
      const kept = partsBefore(before, start, files.head);
      const above = end < 0 ? undefined : partsFrom(kept.after, end + 1 + shift - start);
      stretchEnd = above ? end + 1 : items.length;
      const stretch: IdsOldestFirst = {
        length: stretchEnd - start,
        hashAt: (index) => ids.hashAt(start + index),
        idAt: (index) => ids.idAt(start + index),
      };
      const old = stretchFiles(files, above?.before ?? kept.after, readPublished);
      // The chunks that held only articles below the change are those published: their names are
      // not made again (each reads two ids, far apart in the order for a category's articles, and
      // every article's hash), nor those of the chunks wholly above the changes, which hold the
      // articles they held (20,000 places down at 100,000 articles, making their names again was
      // a tenth of the run).
      const layout = layOutStretch(stretch, rules, (at, count) => {
        const from = start + at;
        const was = from + count <= stayed ? at : from > changedTop ? at + shift : undefined;
        const known = was === undefined ? undefined : old.chunks.get(was);
        return known?.[1] === count ? known[0] : undefined;
      });
      parts = [...kept.before, ...listParts(layout), ...(above?.after ?? [])];
      const now = new Set<string>();
      for (const chunk of layout.chunks) {
        const file = files.part(chunk.name);
        now.add(file);
        const first = start + chunk.start;
        const holdsEdit = editedHere.some((fromOldest) => fromOldest >= first && fromOldest < first + chunk.count);
        if (old.files.has(file) && !holdsEdit) continue;
        changes.pages.set(file, chunkFile(items, { ...chunk, start: first }));
      }
      for (const group of [...layout.groups, ...layout.runs]) {
        const file = files.part(group.name);
        now.add(file);
        if (!old.files.has(file)) changes.pages.set(file, { chunks: groupParts(layout, group) });
      }
      const gone = [...old.files].filter((file) => !now.has(file));
      changes.stale.push(...gone);
      changes.removes.push(...gone);
      setHead(parts);
    }
    // Articles edited in place below any stretch laid out again: their chunks, found from the head.
    for (const fromOldest of editedHere) {
      if (items.length - 1 - fromOldest < pageSize && !changes.pages.has(files.head)) setHead(parts);
      if (fromOldest >= stretchStart && fromOldest < stretchEnd) continue;
      const chunk = chunkHolding(files, parts, items.length, fromOldest, readPublished);
      changes.pages.set(files.part(chunk.name), chunkFile(items, chunk));
    }
  }
  return changes;
}

/** The parts of a head before and from the article `start` (oldest first), which must begin a part. */
function partsBefore(parts: readonly ListPart[], start: number, head: string) {
  const split = partsFrom(parts, start);
  if (!split) throw new Error(`${head}: no part starts at article ${start}, where a natural group end is`);
  return split;
}

/**
 * The parts of `parts` before and from the article `at` (counted from the first part's oldest),
 * or undefined when no part starts there.
 */
function partsFrom(parts: readonly ListPart[], at: number) {
  let count = 0;
  for (const [k, part] of parts.entries()) {
    if (count === at) return { before: parts.slice(0, k), after: parts.slice(k) };
    count += part[1];
  }
  return count === at ? { before: [...parts], after: [] } : undefined;
}

/**
 * The newest member of a list in a window of the order (counted from the list's oldest), or
 * Infinity when the window starts at the newest: the members above it are those above the window.
 */
function windowTop(places: ListPlaces, window: { from: number }): number {
  return window.from > 0 ? places.olderThan(window.from - 1) - 1 : Infinity;
}

/**
 * The files of some parts of a list (each part's, and the chunks of each group), and its chunks
 * by where they start, counted from the first part's oldest article.
 */
function stretchFiles(files: ListFiles, parts: readonly ListPart[], readPublished: ReadPublished) {
  const found = new Set<string>();
  const chunks = new Map<number, ListPart>();
  let start = 0;
  const chunk = (part: ListPart) => {
    found.add(files.part(part[0]));
    chunks.set(start, part);
    start += part[1];
  };
  for (const part of parts) {
    if (part[0].startsWith('c')) {
      chunk(part);
      continue;
    }
    found.add(files.part(part[0]));
    for (const held of parseListGroup(readPublished(files.part(part[0])), part[1]).chunks) chunk(held);
  }
  return { files: found, chunks };
}

/**
 * The chunk of a list of `total` (its parts as the head names them) that holds the article
 * `fromOldest`, and where it starts, found as the reader finds a page's (`cutParts`).
 */
function chunkHolding(
  files: ListFiles,
  parts: readonly ListPart[],
  total: number,
  fromOldest: number,
  readPublished: ReadPublished,
) {
  const newest = total - 1 - fromOldest;
  let [cut] = cutParts(parts, newest, newest + 1);
  if (cut && !cut.name.startsWith('c'))
    [cut] = cutParts(parseListGroup(readPublished(files.part(cut.name)), cut.count).chunks, cut.from, cut.to);
  if (!cut) throw new Error(`${files.head}: no part holds article ${fromOldest}`);
  // `cut.from` counts from the chunk's newest article.
  return { name: cut.name, start: fromOldest - (cut.count - 1 - cut.from), count: cut.count };
}
