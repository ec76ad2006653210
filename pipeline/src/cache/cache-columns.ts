import type { PostAsset } from '../body/post-assets.ts';
import type { CacheEntry, ListedArticle } from './build-cache.ts';

/**
 * The snapshot's entries as columns: one JSON array per field, in the order of the files.
 * Parsing 100,000 entries written as objects (eight objects and arrays each) took 0.55–0.9 s of
 * every incremental run; the same entries as columns parse in 0.2 s and are half the bytes.
 * What most entries lack (warnings, an error, a draft flag, post assets) is kept apart, by
 * position, in `rare`.
 */
export interface EntryColumns {
  relative: string[];
  id: string[];
  mtimeMs: number[];
  size: number[];
  hash: string[];
  /** '' for a file that built no article (its `rare` has the error). */
  title: string[];
  date: string[];
  /** Positions in `names`: each distinct list of categories or tags is written once. */
  categories: number[];
  tags: number[];
  names: string[][];
  /** Offset and length pairs; -1 for none. */
  summary: number[];
  terms: number[];
  /** Newer and older neighbour pairs; null for none. */
  neighbours: (string | null)[];
  rare: Record<string, RareFields>;
}

/** Fields few entries have, or an article whose id is not its file's (never, but kept if so). */
interface RareFields {
  warnings?: readonly string[];
  error?: string;
  draft?: true;
  assets?: PostAsset[];
  listedId?: string;
  unlisted?: true;
}

const COLUMN_NAMES = [
  'relative',
  'id',
  'mtimeMs',
  'size',
  'hash',
  'title',
  'date',
  'categories',
  'tags',
  'summary',
  'terms',
  'neighbours',
] as const;

/**
 * Writes `entries` as the JSON of an EntryColumns object, a column at a time through `write`
 * (never the whole text at once: at a million articles it is hundreds of megabytes).
 */
export function writeEntryColumns(entries: Readonly<Record<string, CacheEntry>>, write: (text: string) => void): void {
  const relatives = Object.keys(entries);
  const at = (n: number) => entries[relatives[n] as string] as CacheEntry;
  const lists = new Map<string, number>();
  const names: string[][] = [];
  const listIndex = (list: string[] | undefined): number => {
    if (!list || list.length === 0) return -1;
    const key = JSON.stringify(list);
    let index = lists.get(key);
    if (index === undefined) {
      index = names.length;
      lists.set(key, index);
      names.push(list);
    }
    return index;
  };
  const column = (name: string, values: (n: number) => string) => {
    write(`${name === 'relative' ? '' : ','}${JSON.stringify(name)}:[`);
    for (let n = 0; n < relatives.length; n++) write(`${n === 0 ? '' : ','}${values(n)}`);
    write(']');
  };
  const pair = (slice: readonly [number, number] | undefined) => (slice ? `${slice[0]},${slice[1]}` : '-1,-1');
  const values: Record<(typeof COLUMN_NAMES)[number], (n: number) => string> = {
    relative: (n) => JSON.stringify(relatives[n]),
    id: (n) => JSON.stringify(at(n).id),
    mtimeMs: (n) => JSON.stringify(at(n).mtimeMs),
    size: (n) => JSON.stringify(at(n).size),
    hash: (n) => JSON.stringify(at(n).hash),
    title: (n) => JSON.stringify(at(n).listed?.title ?? ''),
    date: (n) => JSON.stringify(at(n).listed?.date ?? ''),
    categories: (n) => String(listIndex(at(n).listed?.categories)),
    tags: (n) => String(listIndex(at(n).listed?.tags)),
    summary: (n) => pair(at(n).listed?.summary),
    terms: (n) => pair(at(n).terms),
    neighbours: (n) => {
      const neighbours = at(n).neighbours;
      return neighbours ? `${JSON.stringify(neighbours[0])},${JSON.stringify(neighbours[1])}` : 'null,null';
    },
  };
  write('{');
  for (const name of COLUMN_NAMES) column(name, values[name]);
  write(`,"names":${JSON.stringify(names)},"rare":{`);
  let first = true;
  for (let n = 0; n < relatives.length; n++) {
    const rare = rareFields(at(n));
    if (!rare) continue;
    write(`${first ? '' : ','}"${n}":${JSON.stringify(rare)}`);
    first = false;
  }
  write('}}');
}

function rareFields(entry: CacheEntry): RareFields | undefined {
  const rare: RareFields = {};
  if (entry.warnings.length > 0) rare.warnings = entry.warnings;
  if (entry.error !== undefined) rare.error = entry.error;
  if (entry.draft) rare.draft = true;
  if (entry.assets) rare.assets = entry.assets;
  if (!entry.listed) rare.unlisted = true;
  else if (entry.listed.id !== entry.id) rare.listedId = entry.listed.id;
  return Object.keys(rare).length > 0 ? rare : undefined;
}

/** One empty list for the hundred thousand entries without warnings. */
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/** Thrown on columns that do not hold what they should: the cache is then no cache. */
class DamagedColumns extends Error {}

const strings = (value: unknown, length?: number): string[] => {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) throw new DamagedColumns();
  return value as string[];
};

function text(value: unknown): string {
  if (typeof value !== 'string') throw new DamagedColumns();
  return value;
}

function num(value: unknown): number {
  if (typeof value !== 'number') throw new DamagedColumns();
  return value;
}

function optionalPair(values: unknown[], n: number): [number, number] | undefined {
  const offset = num(values[2 * n]);
  const length = num(values[2 * n + 1]);
  return offset < 0 ? undefined : [offset, length];
}

/**
 * The entries the columns hold, by file, and each file's id; undefined when the columns are
 * damaged (a cold build follows).
 */
export function readEntryColumns(
  value: unknown,
):
  | { entries: Record<string, CacheEntry>; ids: Map<string, string>; files: Map<string, string>; postAssets: boolean }
  | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const columns = value as Partial<Record<keyof EntryColumns, unknown>>;
  try {
    const relative = strings(columns.relative);
    const count = relative.length;
    const [id, mtimeMs, size, hash, title, date, categories, tags] = (
      ['id', 'mtimeMs', 'size', 'hash', 'title', 'date', 'categories', 'tags'] as const
    ).map((name) => strings(columns[name], count)) as unknown[][] as [
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
      unknown[],
    ];
    const summary = strings(columns.summary, 2 * count) as unknown[];
    const terms = strings(columns.terms, 2 * count) as unknown[];
    const neighbours = strings(columns.neighbours, 2 * count) as unknown[];
    const names = strings(columns.names).map((list) => strings(list).map(text));
    const rare = columns.rare;
    if (typeof rare !== 'object' || rare === null) throw new DamagedColumns();
    const rareAt = rare as Record<string, RareFields | undefined>;
    const listAt = (index: unknown): string[] => {
      if (num(index) < 0) return [];
      const list = names[index as number];
      if (!list) throw new DamagedColumns();
      return list;
    };
    const entries: Record<string, CacheEntry> = {};
    const ids = new Map<string, string>();
    const files = new Map<string, string>();
    let postAssets = false;
    for (let n = 0; n < count; n++) {
      const file = text(relative[n]);
      const entry: CacheEntry = {
        id: text(id[n]),
        mtimeMs: num(mtimeMs[n]),
        size: num(size[n]),
        hash: text(hash[n]),
        warnings: NO_WARNINGS,
      };
      const extra = rareAt[n];
      if (!extra?.unlisted) {
        const listed: ListedArticle = {
          id: extra?.listedId ?? entry.id,
          title: text(title[n]),
          date: text(date[n]),
          categories: listAt(categories[n]),
          tags: listAt(tags[n]),
        };
        const slice = optionalPair(summary, n);
        if (slice) listed.summary = slice;
        entry.listed = listed;
      }
      const newer = neighbours[2 * n];
      if (newer !== null) entry.neighbours = [text(newer), text(neighbours[2 * n + 1])];
      const slice = optionalPair(terms, n);
      if (slice) entry.terms = slice;
      if (extra) {
        if (extra.warnings) entry.warnings = extra.warnings;
        if (extra.error !== undefined) entry.error = extra.error;
        if (extra.draft) entry.draft = true;
        if (extra.assets) {
          entry.assets = extra.assets;
          postAssets = true;
        }
      }
      entries[file] = entry;
      ids.set(file, entry.id);
      files.set(entry.id, file);
    }
    return { entries, ids, files, postAssets };
  } catch (error) {
    if (error instanceof DamagedColumns) return undefined;
    throw error;
  }
}
