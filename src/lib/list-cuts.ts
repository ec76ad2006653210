import type { ListGroup, ListPart, ListTable } from './content-contract.ts';
import { check, checkTotal, parts } from './validate-data.ts';

// Reading a list past its head (decision 0025): shared by the app's later pages and the
// pipeline. A module of its own so that the home page, which reads heads only, never loads it.

/** Which of a part's items a page shows: `from`–`to`, counted from the part's newest. */
export interface PartCut {
  name: string;
  count: number;
  from: number;
  to: number;
}

/**
 * The parts (oldest first) that hold the items `from`–`to` counted from the newest of the
 * stretch they make up, newest part first, and which of each part's items those are. A part
 * past the stretch's end is not there: the caller sees fewer items than it asked for.
 */
export function cutParts(parts: readonly ListPart[], from: number, to: number): PartCut[] {
  const cuts: PartCut[] = [];
  let newer = 0; // items in the parts newer than the one looked at
  for (let k = parts.length - 1; k >= 0 && newer < to; k--) {
    const [name, count] = parts[k] as ListPart;
    const first = Math.max(from - newer, 0);
    const last = Math.min(to - newer, count);
    if (first < last) cuts.push({ name, count, from: first, to: last });
    newer += count;
  }
  return cuts;
}

/** The items reader page `page` (1 = newest) shows of a list: `from`–`to` counted from its newest. */
export function pageRange(total: number, pageSize: number, page: number): { from: number; to: number } {
  return { from: Math.min((page - 1) * pageSize, total), to: Math.min(page * pageSize, total) };
}

/** Parts that all are of one kind (`c` chunks, `g` groups). */
const allOf = (kind: string) => (value: unknown) =>
  parts(value) && (value as ListPart[]).every(([name]) => name.startsWith(kind));

/** A group of a list, which names chunks only; `count` is what the part that named it says it holds. */
export function parseListGroup(value: unknown, count: number): ListGroup {
  const group = check<ListGroup>(value, { chunks: allOf('c') }, '文章列表');
  checkTotal(group.chunks, count, 'chunks');
  return group;
}

/** A list's table, which names groups only; `count` is what the head says they hold. */
export function parseListTable(value: unknown, count: number): ListTable {
  const table = check<ListTable>(value, { groups: allOf('g') }, '文章列表');
  checkTotal(table.groups, count, 'groups');
  return table;
}

/** The parts the file of part `name` names: a table's groups, or a group's or a run's chunks. */
export const partsInside = (name: string, value: unknown, count: number): ListPart[] =>
  name.startsWith('t') ? parseListTable(value, count).groups : parseListGroup(value, count).chunks;
