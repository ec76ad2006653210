import { describe, expect, it } from 'vitest';
import {
  idsOldestFirst,
  groupEndAfter,
  groupEndBefore,
  groupParts,
  layOutStretch,
  layoutRules,
  listParts,
  type StretchLayout,
  tabled,
  untabled,
} from './list-layout.ts';

const idsOf = idsOldestFirst;
const from = (list: readonly string[], start: number) => idsOf(list.slice(start));

/** A seeded list of distinct ids, oldest first. */
function randomIds(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, (_, n) => `${n.toString(36)}-${next().toString(36)}`);
}

/** Every file a layout makes, name and what it holds, from article `offset` on. */
function filesOf(layout: StretchLayout, ids: readonly string[], offset: number): Map<string, string> {
  const files = new Map<string, string>();
  for (const chunk of layout.chunks)
    files.set(chunk.name, ids.slice(offset + chunk.start, offset + chunk.start + chunk.count).join(','));
  for (const group of layout.groups) files.set(group.name, JSON.stringify(groupParts(layout, group)));
  return files;
}

describe('layOutStretch', () => {
  it('cuts a list into chunks and groups within their bounds, the head naming the whole list', () => {
    for (const pageSize of [1, 2, 5, 20]) {
      const rules = layoutRules(pageSize);
      const ids = randomIds(6000, pageSize);
      const layout = layOutStretch(idsOf(ids), rules);
      let next = 0;
      for (const chunk of layout.chunks) {
        expect(chunk.start).toBe(next);
        expect(chunk.count).toBeGreaterThan(0);
        expect(chunk.count).toBeLessThanOrEqual(rules.chunkMax);
        expect(chunk.name).toMatch(/^c[0-9a-f]{20}$/);
        next += chunk.count;
      }
      expect(next).toBe(ids.length);
      for (const group of layout.groups) expect(group.chunks).toBeLessThanOrEqual(rules.groupMax);
      const parts = listParts(layout);
      expect(parts.reduce((sum, [, count]) => sum + count, 0)).toBe(ids.length);
      expect(new Set(parts.map(([name]) => name)).size).toBe(parts.length);
      // About a page a chunk, and many chunks a group.
      const mean = ids.length / layout.chunks.length;
      expect(mean).toBeGreaterThanOrEqual(pageSize / 3);
      expect(mean).toBeLessThanOrEqual(pageSize);
      // The head names the newest run's chunks besides its groups: the older ones in runs of
      // about 16, which follow one another from the last group's end.
      expect(layout.chunks.length - layout.loose).toBeGreaterThan(0);
      expect(layout.chunks.length - layout.loose).toBeLessThan(layout.chunks.length / 2);
      let runFirst = layout.loose;
      for (const run of layout.runs) {
        expect(run.first).toBe(runFirst);
        expect(run.chunks).toBeLessThanOrEqual(rules.groupMax);
        expect(run.name).toMatch(/^r[0-9a-f]{20}$/);
        runFirst += run.chunks;
      }
      expect(layout.newest).toBe(runFirst);
      if (layout.chunks.length - layout.loose > 64) expect(layout.runs.length).toBeGreaterThan(0);
      if (pageSize <= 5) expect(layout.groups.length).toBeGreaterThan(1);
    }
  });

  it('names a table of the groups first in the head, then the newest chunks, and reads them back', () => {
    const rules = layoutRules(2);
    const ids = randomIds(8000, 11);
    const parts = listParts(layOutStretch(idsOf(ids), rules));
    const { head, table } = tabled(parts);
    expect(table?.name).toMatch(/^t[0-9a-f]{20}$/);
    expect(table?.groups.every(([name]) => name.startsWith('g'))).toBe(true);
    expect(head[0]).toEqual([table?.name, table?.count]);
    // Then the runs of the newest stretch, then its newest chunks.
    expect(head.map(([name]) => name[0]).join('')).toMatch(/^tr+c+$/);
    expect(head.reduce((sum, [, count]) => sum + count, 0)).toBe(ids.length);
    const groupsOf = ([name]: [string, number]) => (name === table?.name ? (table?.groups ?? []) : []);
    expect(untabled(head, groupsOf)).toEqual(parts);
    // A new newest article changes no group: the same table. A list too short for a group has none.
    const grown = tabled(listParts(layOutStretch(idsOf([...ids, 'newest']), rules)));
    expect(grown.table?.name).toBe(table?.name);
    const short = tabled(listParts(layOutStretch(idsOf(ids.slice(0, 3)), rules)));
    expect(short.table).toBeUndefined();
    expect(untabled(short.head, groupsOf)).toEqual(short.head);
    // Another group: another table.
    const older = tabled(listParts(layOutStretch(idsOf(ids.slice(1)), rules)));
    expect(older.table?.name).not.toBe(table?.name);
  });

  it('lays out a stretch after a natural group end as the whole list has it there', () => {
    const rules = layoutRules(2);
    const ids = randomIds(8000, 7);
    const whole = filesOf(layOutStretch(idsOf(ids), rules), ids, 0);
    for (const before of [1, 500, 3000, 7999]) {
      const end = groupEndBefore(idsOf(ids), before, rules);
      expect(end).toBeLessThan(before);
      const stretch = filesOf(layOutStretch(from(ids, end + 1), rules), ids, end + 1);
      for (const [name, held] of stretch) expect(whole.get(name), `after ${end}`).toBe(held);
    }
  });

  it('reads each hash once below a change, however far back it looks for a group end', () => {
    const rules = layoutRules(2);
    const ids = randomIds(8000, 7);
    for (const before of [500, 3000, 7999]) {
      const reads = new Map<number, number>();
      const counted = idsOf(ids);
      const end = groupEndBefore(
        { ...counted, hashAt: (index) => (reads.set(index, (reads.get(index) ?? 0) + 1), counted.hashAt(index)) },
        before,
        rules,
      );
      expect(end).toBe(groupEndBefore(idsOf(ids), before, rules));
      expect(Math.max(...reads.values())).toBe(1);
      // Down to where it looked last: a look twice as far back as the one before it.
      expect(Math.min(...reads.keys())).toBeLessThanOrEqual(Math.max(0, end - rules.chunkWindow - rules.groupWindow));
    }
  });

  it('finds above a change the first group end it cannot move: the list from there is cut as it was', () => {
    const rules = layoutRules(2);
    const ids = randomIds(8000, 11);
    const parts = (list: string[]) => listParts(layOutStretch(idsOf(list), rules));
    const before = parts(ids);
    for (const at of [0, 700, 3000, 6500]) {
      // The article at `at` deleted: the list after is the one before less it.
      const deleted = ids.filter((_, n) => n !== at);
      const after = parts(deleted);
      const end = groupEndAfter(idsOf(deleted), at - 1, rules);
      expect(end, `above ${at}`).toBeGreaterThan(at + rules.chunkWindow + rules.groupWindow - 1);
      /** The parts from the article `from` on (a part starts there). */
      const partsFrom = (list: readonly (readonly [string, number])[], from: number) => {
        let count = 0;
        const k = list.findIndex(([, held]) => (count += held) > from);
        expect(list.slice(0, k).reduce((sum, [, held]) => sum + held, 0)).toBe(from);
        return list.slice(k);
      };
      expect(partsFrom(after, end + 1), `above ${at}`).toEqual(partsFrom(before, end + 2));
    }
    // None past the newest natural group end.
    expect(groupEndAfter(idsOf(ids), ids.length - 10, rules)).toBe(-1);
  });

  it('changes the parts around an article added or deleted anywhere, and no others', () => {
    const rules = layoutRules(20);
    const ids = randomIds(20000, 3);
    const names = (list: string[]) => new Set(layOutStretch(idsOf(list), rules).chunks.map(({ name }) => name));
    const before = names(ids);
    for (const at of [0, 10, 9000, 19990]) {
      const deleted = names(ids.filter((_, n) => n !== at));
      const added = names([...ids.slice(0, at), 'arrived', ...ids.slice(at)]);
      for (const after of [deleted, added]) {
        const gone = [...before].filter((name) => !after.has(name)).length;
        const come = [...after].filter((name) => !before.has(name)).length;
        expect(gone, `at ${at}`).toBeLessThanOrEqual(3);
        expect(come, `at ${at}`).toBeLessThanOrEqual(3);
        expect(gone + come).toBeGreaterThan(0);
      }
    }
  });
});
