import { createHash } from 'node:crypto';
import type { ListPart } from '../../../src/lib/content-contract.ts';

/**
 * How a list is cut into chunks and groups (decision 0025). Every boundary is a function of the
 * articles just before it, never of a count from either end, so an article added, deleted or
 * moved anywhere changes the parts around it and no others, and a cold build and a run of edits
 * cut the same list the same way.
 *
 * Articles are taken oldest first. One whose id hashes to a "hit" ends a chunk when no other hit
 * came in the `chunkWindow` articles before it (a natural end); the stretch between two natural
 * ends is split into pieces of at most `chunkMax`, evenly, or greedily from the oldest in the
 * newest stretch, which is still growing. Groups are made the same way of chunks: a natural chunk
 * end whose id also hits a second hash ends a group when no other such end came in the
 * `groupWindow` articles before it, and runs of more than `groupMax` chunks are split evenly. The
 * newest stretch, still growing, is no group: the list's head names it (which so says where the
 * newest natural group end is), its older chunks in runs ended by natural chunk ends whose ids
 * hit a third hash, without a window (decision 0026), and a new newest article lays the stretch
 * out again from there without looking for it. A list starts as if just after a natural group
 * end, which is what lets a run of edits lay out a stretch of it alone, from just after one
 * natural group end to the next.
 */
export interface LayoutRules {
  chunkWindow: number;
  /** A hit: the id's first hash is a multiple of this. */
  chunkEvery: number;
  chunkMax: number;
  groupWindow: number;
  groupEvery: number;
  groupMax: number;
  /** A natural chunk end among the loose ones whose third hash is a multiple of this ends a run (no window). */
  runEvery: number;
}

/**
 * Raised whenever the rules below change: a list published under other rules is not laid out
 * again a stretch at a time (a run of edits hands over to the whole run, which lays out all).
 */
export const LIST_LAYOUT_VERSION = 6;

/**
 * Chunks of about two thirds of a page, at most a page: in a simulation of a million articles in
 * pages of 20, a page reads two chunks (at most four) and 33 articles' summaries (at most 55,
 * where chunks of about a page, at most two, had it read 44 and at most 90). Groups of about 130
 * chunks (4 KB), at most 256; the newest stretch, about as many, in runs of about 16 chunks.
 *
 * Every hit restarts a window, so an end needs a window's gap after the hit before it: with hits
 * one in h articles and a window of w, ends come about every h·e^(w/h) articles, fewest for
 * w = h (e·h). Natural chunk ends come about one in 0.9 pages, group hits one in 29, so a window
 * of 32 pages puts a group end about every 88 pages (130 chunks); a window of 64 pages had them
 * every 9,000 articles, the head naming 700 chunks.
 */
export function layoutRules(pageSize: number): LayoutRules {
  const third = Math.max(1, Math.ceil(pageSize / 3));
  return {
    chunkWindow: third,
    chunkEvery: third,
    chunkMax: pageSize,
    groupWindow: 32 * pageSize,
    groupEvery: 32,
    groupMax: 256,
    runEvery: 16,
  };
}

/**
 * The 32-bit hash of an article id that its boundaries are decided by (FNV-1a of its UTF-16
 * units, mixed). The cache keeps it for each article (a column of the snapshot), so that a run
 * of edits lays out a stretch of a list without reading its articles' ids.
 */
export function layoutHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let n = 0; n < id.length; n++) hash = Math.imul(hash ^ id.charCodeAt(n), 0x01000193);
  return mix(hash);
}

/** The second hash a group end is decided by: the first, mixed again. */
const groupHash = (hash: number) => mix((hash ^ 0x5bd1e995) >>> 0);
/** The third, that ends a run of the newest chunks (decision 0026). */
const runHash = (hash: number) => mix((hash ^ 0x27d4eb2f) >>> 0);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The articles of a stretch, oldest first: each one's layoutHash, and its id (asked only of the
 * oldest and newest of each chunk).
 */
export interface IdsOldestFirst {
  readonly length: number;
  hashAt(index: number): number;
  idAt(index: number): string;
}

/** A stretch of an array of ids (oldest first), hashing each as asked. */
export const idsOldestFirst = (ids: readonly string[]): IdsOldestFirst => ({
  length: ids.length,
  hashAt: (index) => layoutHash(ids[index] as string),
  idAt: (index) => ids[index] as string,
});

/**
 * Where each article of `ids` from `from` up to `to` may end a chunk or a group, by its hash and
 * those before it, by index from `from`: 1 a natural chunk end, 2 also a natural group end.
 * `startsAfterGroupEnd`: the hits before `from` are that end's, as if at `from - 1`.
 */
function naturalEnds(ids: IdsOldestFirst, rules: LayoutRules, from: number, to: number, startsAfterGroupEnd: boolean) {
  const kind = new Uint8Array(to - from);
  let lastHit = startsAfterGroupEnd ? from - 1 : -Infinity;
  let lastGroupHit = lastHit;
  for (let i = from; i < to; i++) {
    const hash = ids.hashAt(i);
    if (hash % rules.chunkEvery !== 0) continue;
    const natural = i - lastHit >= rules.chunkWindow;
    lastHit = i;
    if (!natural) continue;
    kind[i - from] = 1;
    if (groupHash(hash) % rules.groupEvery !== 0) continue;
    if (i - lastGroupHit >= rules.groupWindow) kind[i - from] = 2;
    lastGroupHit = i;
  }
  return kind;
}

/**
 * Articles below a change among which its stretch's start is looked for first (`groupEndBefore`),
 * twice as many each time after: twice the windows an end's place depends on.
 */
export const firstLook = (rules: LayoutRules): number => 2 * (rules.chunkWindow + rules.groupWindow);

/** `length` things cut into pieces of at most `max`: evenly, or greedily from the first (`open`). */
function pieces(length: number, max: number, open: boolean): number[] {
  if (length === 0) return [];
  if (open) {
    const sizes = Array.from({ length: Math.ceil(length / max) - 1 }, () => max);
    sizes.push(length - sizes.length * max);
    return sizes;
  }
  const count = Math.ceil(length / max);
  const small = Math.floor(length / count);
  return Array.from({ length: count }, (_, n) => (n < length % count ? small + 1 : small));
}

export interface LaidChunk {
  /** Index of its oldest article in the stretch; it holds `count` from there. */
  start: number;
  count: number;
  name: string;
}

export interface LaidGroup {
  /** Index of its oldest chunk in the stretch's chunks; it holds `chunks` from there. */
  first: number;
  chunks: number;
  name: string;
  /** Articles it holds. */
  count: number;
}

export interface StretchLayout {
  chunks: LaidChunk[];
  /** Closed groups, oldest first; the chunks after the last are the list's newest, named in its head. */
  groups: LaidGroup[];
  /** Index of the first chunk in no group (`chunks.length` when every one is in one). */
  loose: number;
  /** The loose chunks' runs (decision 0026), oldest first, as groups are; the chunks after the last are named in the head. */
  runs: LaidGroup[];
  /** Index of the first chunk in neither a group nor a run. */
  newest: number;
}

const digest = (prefix: string, text: string) => prefix + createHash('sha256').update(text).digest('hex').slice(0, 20);

/**
 * A chunk's name: a digest of its oldest and newest ids and every article's layoutHash, so a
 * chunk that gained, lost or swapped an article has another name (two ids of equal hash swapped
 * between runs would keep it: then the chunk is not written again until its neighbours change).
 */
function chunkName(ids: IdsOldestFirst, start: number, count: number): string {
  const hashes = new Uint32Array(count + 1);
  for (let n = 0; n < count; n++) hashes[n] = ids.hashAt(start + n);
  hashes[count] = count;
  const ends = `${ids.idAt(start)}\n${ids.idAt(start + count - 1)}\n`;
  return `c${createHash('sha256').update(ends).update(new Uint8Array(hashes.buffer)).digest('hex').slice(0, 20)}`;
}

/**
 * The chunks and groups of a stretch of a list (oldest first) that starts just after a natural
 * group end, or at the list's start, and runs to the list's newest article, whose chunks are
 * still growing.
 */
export function layOutStretch(
  ids: IdsOldestFirst,
  rules: LayoutRules,
  /** A chunk's name when it is known to be one already made (of articles that did not change). */
  knownName: (start: number, count: number) => string | undefined = () => undefined,
): StretchLayout {
  const kind = naturalEnds(ids, rules, 0, ids.length, true);
  const chunks: LaidChunk[] = [];
  /** Chunk indices at which a natural group end closes a chunk, and those at which a run may end. */
  const groupEnds: number[] = [];
  const runEnds: number[] = [];
  let runStart = 0;
  for (let i = 0; i <= ids.length; i++) {
    const closes = i < ids.length && kind[i] !== 0;
    if (!closes && i < ids.length) continue;
    const end = closes ? i + 1 : i;
    let start = runStart;
    for (const count of pieces(end - runStart, rules.chunkMax, !closes)) {
      chunks.push({ start, count, name: knownName(start, count) ?? chunkName(ids, start, count) });
      start += count;
    }
    if (closes && kind[i] === 2) groupEnds.push(chunks.length);
    else if (closes && runHash(ids.hashAt(i)) % rules.runEvery === 0) runEnds.push(chunks.length);
    runStart = end;
  }
  let first = 0;
  /** Closes the chunks from `first` to `end` into parts of at most groupMax chunks, named `prefix`…. */
  const close = (prefix: string, end: number, into: LaidGroup[]) => {
    for (const size of pieces(end - first, rules.groupMax, false)) {
      const held = chunks.slice(first, first + size);
      into.push({
        first,
        chunks: size,
        name: digest(prefix, held.map(({ name, count }) => `${name} ${count}`).join('\n')),
        count: held.reduce((sum, { count }) => sum + count, 0),
      });
      first += size;
    }
  };
  const groups: LaidGroup[] = [];
  for (const end of groupEnds) close('g', end, groups);
  // The chunks after the last natural group end are loose: named in the head, in runs but the newest.
  const loose = first;
  const runs: LaidGroup[] = [];
  for (const end of runEnds) if (end > loose) close('r', end, runs);
  return { chunks, groups, loose, runs, newest: first };
}

/** The parts of a layout of a whole list, oldest first: its groups, its runs, then its newest chunks. */
export function listParts(layout: StretchLayout): ListPart[] {
  return [
    ...layout.groups.map(({ name, count }): ListPart => [name, count]),
    ...layout.runs.map(({ name, count }): ListPart => [name, count]),
    ...layout.chunks.slice(layout.newest).map(({ name, count }): ListPart => [name, count]),
  ];
}

/** How many articles some parts of a list hold. */
export const partsTotal = (parts: readonly ListPart[]): number => parts.reduce((sum, [, count]) => sum + count, 0);

/** A list's parts as its head names them (decision 0026), and its table of groups when it has any. */
export interface TabledParts {
  head: ListPart[];
  table?: { name: string; count: number; groups: ListPart[] };
}

/**
 * The head's parts for a list's parts (groups, runs, then chunks): the groups go into a table
 * named by them, which the head names first, then the runs and the newest chunks, so a head
 * names about as many parts however long the list grows, and a new newest article, which
 * changes no group, leaves the table as it is.
 */
export function tabled(parts: readonly ListPart[]): TabledParts {
  const groups = parts.filter(([name]) => name.startsWith('g'));
  const chunks = parts.slice(groups.length);
  if (groups.length === 0) return { head: [...chunks] };
  const name = digest('t', groups.map(([group, count]) => `${group} ${count}`).join('\n'));
  const count = partsTotal(groups);
  return { head: [[name, count], ...chunks], table: { name, count, groups } };
}

/** A list's parts (groups, runs, then chunks) from its head's, the table's groups read (`groupsOf`). */
export function untabled(head: readonly ListPart[], groupsOf: (table: ListPart) => readonly ListPart[]): ListPart[] {
  const [first] = head;
  return first?.[0].startsWith('t') ? [...groupsOf(first), ...head.slice(1)] : [...head];
}

/** A group's or a run's file: its chunks' parts. */
export function groupParts(layout: StretchLayout, group: LaidGroup): ListPart[] {
  return layout.chunks.slice(group.first, group.first + group.chunks).map(({ name, count }) => [name, count]);
}

/**
 * The index of the newest natural group end below `before` (oldest-first indices of a list), or
 * -1 for none: a stretch laid out alone starts after it. Ends are found from ids read back from
 * `before` in doubling stretches: an end counts once every hit its windows look at was read.
 */
export function groupEndBefore(ids: IdsOldestFirst, before: number, rules: LayoutRules): number {
  const reach = rules.chunkWindow + rules.groupWindow;
  // Each look reads twice as far back and keeps the hashes it read: a run of edits reads a
  // list's hashes from the cache's snapshot, and at a million articles a look that took three
  // tries read 9,000 of them for 5,000.
  let read = new Uint32Array(0);
  let readFrom = before;
  const hashes: IdsOldestFirst = {
    length: ids.length,
    hashAt: (index) => (index >= readFrom ? (read[index - readFrom] as number) : ids.hashAt(index)),
    idAt: (index) => ids.idAt(index),
  };
  for (let back = firstLook(rules); ; back *= 2) {
    const from = Math.max(0, before - back);
    const further = new Uint32Array(before - from);
    for (let i = from; i < readFrom; i++) further[i - from] = ids.hashAt(i);
    further.set(read, readFrom - from);
    read = further;
    readFrom = from;
    const kind = naturalEnds(hashes, rules, from, before, from === 0);
    const trusted = from === 0 ? 0 : from + reach;
    for (let i = before - 1; i >= trusted; i--) if (kind[i - from] === 2) return i;
    if (from === 0) return -1;
  }
}

/**
 * The index of the oldest natural group end above `after` (oldest-first indices of a list) whose
 * windows look at no article at or below it, or -1 for none: where a list changed at or below
 * `after` is cut as it was before, the parts from there on the same. Found from ids read on from
 * `after` in doubling stretches.
 */
export function groupEndAfter(ids: IdsOldestFirst, after: number, rules: LayoutRules): number {
  const reach = rules.chunkWindow + rules.groupWindow;
  const from = after + 1;
  for (let ahead = firstLook(rules); ; ahead *= 2) {
    const to = Math.min(ids.length, from + ahead);
    const kind = naturalEnds(ids, rules, from, to, false);
    for (let i = from + reach; i < to; i++) if (kind[i - from] === 2) return i;
    if (to === ids.length) return -1;
  }
}
