import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type ArticleSummary, isArticleId } from '../../../lib/content-contract.ts';
import { isObject } from '../../../lib/validate-data.ts';
import { isRead, unreadCounter } from './read-rules.ts';

// What this browser remembers of the reader, in IndexedDB through idb (decision 0020): one
// record per article the reader opened, saved or read part of. Loaded only once the first screen
// is up (get-reading.ts): the home route's script has a budget.

/** One article as the reader left it: enough of its summary to list it without fetching it. */
export interface ReadingRecord {
  id: string;
  title: string;
  /** ISO 8601, the article's date. */
  date: string;
  categories: string[];
  cover?: string;
  coverFallback?: string;
  /** When it was first opened (ms since 1970): from then on it is read. */
  readAt?: number;
  /** When it was saved; absent when it is not. */
  savedAt?: number;
  /** How far down the reader got (0 to 1 of the article), and when: "continue reading". */
  progress?: number;
  progressAt?: number;
}

/**
 * 全部标为已读 on a list (decision 0020): every article of it dated up to `upTo` is read from then
 * on, without a record each (a list can hold 100,000). `cleared` says, per list it changed (a
 * category's name, '' for all articles), how many articles it made read there that were not
 * before: the unread counts subtract it, and undoing the mark gives it back exactly.
 */
export interface ListMark {
  /** When it was made (ms since 1970): its key. */
  at: number;
  /** The category marked, or '' for all articles. */
  list: string;
  /** ISO 8601: the newest article of the list when it was marked. */
  upTo: string;
  cleared: Record<string, number>;
}

/** Everything remembered, as the app reads it. */
export interface ReadingState {
  records: ReadonlyMap<string, ReadingRecord>;
  /** 全部标为已读, oldest first. */
  marks: readonly ListMark[];
  /**
   * False when the browser keeps nothing (private browsing, storage refused or full): this
   * visit still works, and is forgotten.
   */
  remembered: boolean;
  /** Read: opened, or covered by a 全部标为已读 (read-rules.ts). */
  isRead(article: Pick<ReadingRecord, 'id' | 'categories' | 'date'>): boolean;
  /** How many of a list's `count` articles are unread (`list` a category's name, '' for all; read-rules.ts). */
  unread(count: number, list?: string): number;
}

/** The state of these records and marks, with its two questions (on it: the home route asks them without loading their code). */
export function stateOf(
  records: ReadonlyMap<string, ReadingRecord>,
  marks: readonly ListMark[],
  remembered: boolean,
): ReadingState {
  const state: ReadingState = {
    records,
    marks,
    remembered,
    isRead: (article) => isRead(state, article),
    unread: (count, list) => unread(count, list),
  };
  const unread = unreadCounter(state);
  return state;
}

interface ReadingSchema extends DBSchema {
  articles: { key: string; value: ReadingRecord };
  marks: { key: number; value: ListMark };
}

const DB_NAME = 'news-reader';
const STORE = 'articles';
const MARKS = 'marks';

/** Where records live: IndexedDB, or this page's memory when IndexedDB cannot be had. */
interface Backend {
  all(): Promise<ReadingRecord[]>;
  put(records: readonly ReadingRecord[]): Promise<void>;
  marks(): Promise<ListMark[]>;
  /** Puts `put` and deletes the marks made at `remove`. */
  changeMarks(put: readonly ListMark[], remove: readonly number[]): Promise<void>;
  clear(): Promise<void>;
}

function memoryBackend(): Backend {
  const records = new Map<string, ReadingRecord>();
  const marks = new Map<number, ListMark>();
  return {
    all: async () => [...records.values()],
    put: async (list) => void list.forEach((record) => records.set(record.id, record)),
    marks: async () => [...marks.values()].sort((a, b) => a.at - b.at),
    changeMarks: async (put, remove) => {
      put.forEach((mark) => marks.set(mark.at, mark));
      remove.forEach((at) => marks.delete(at));
    },
    clear: async () => {
      records.clear();
      marks.clear();
    },
  };
}

function databaseBackend(db: IDBPDatabase<ReadingSchema>): Backend {
  return {
    all: () => db.getAll(STORE),
    put: async (list) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([...list.map((record) => tx.store.put(record)), tx.done]);
    },
    marks: () => db.getAll(MARKS),
    changeMarks: async (put, remove) => {
      const tx = db.transaction(MARKS, 'readwrite');
      await Promise.all([
        ...put.map((mark) => tx.store.put(mark)),
        ...remove.map((at) => tx.store.delete(at)),
        tx.done,
      ]);
    },
    clear: async () => {
      const tx = db.transaction([STORE, MARKS], 'readwrite');
      await Promise.all([tx.objectStore(STORE).clear(), tx.objectStore(MARKS).clear(), tx.done]);
    },
  };
}

interface Opened {
  /** The browser's IndexedDB it was opened in (a test gives each case its own). */
  factory: IDBFactory | undefined;
  store: Promise<{ backend: Backend; remembered: boolean }>;
}
let opened: Opened | undefined;

function open(): Promise<{ backend: Backend; remembered: boolean }> {
  try {
    return openDB<ReadingSchema>(DB_NAME, 2, {
      upgrade: (db, version) => {
        if (version < 1) db.createObjectStore(STORE, { keyPath: 'id' });
        if (version < 2) db.createObjectStore(MARKS, { keyPath: 'at' });
      },
    }).then(
      (db) => ({ backend: databaseBackend(db), remembered: true }),
      () => ({ backend: memoryBackend(), remembered: false }),
    );
  } catch {
    // No IndexedDB at all (an old or locked-down browser): `indexedDB` itself throws or is missing.
    return Promise.resolve({ backend: memoryBackend(), remembered: false });
  }
}

/** The browser's IndexedDB; undefined where there is none, or where touching it throws (some privacy modes). */
function indexedDbFactory(): IDBFactory | undefined {
  try {
    return 'indexedDB' in globalThis ? globalThis.indexedDB : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the database once; without one (or when a write fails), memory, and `remembered` false. */
function backend(): Promise<{ backend: Backend; remembered: boolean }> {
  const factory = indexedDbFactory();
  if (!opened || opened.factory !== factory) opened = { factory, store: open() };
  return opened.store;
}

/** The remembered state, read from storage. */
export async function readState(): Promise<ReadingState> {
  const { backend: store, remembered } = await backend();
  const [records, marks] = await Promise.all([store.all(), store.marks()]);
  return stateOf(new Map(records.map((record) => [record.id, record])), marks, remembered);
}

/**
 * Writes records and returns the state after it. A write the browser refuses (a full quota)
 * moves this visit to memory, with what it had: the reader is told it is not remembered.
 */
export async function writeRecords(
  state: ReadingState,
  records: readonly ReadingRecord[],
  marks: { put?: readonly ListMark[]; remove?: readonly number[] } = {},
): Promise<ReadingState> {
  const next = new Map(state.records);
  for (const record of records) next.set(record.id, record);
  const removed = new Set(marks.remove);
  const put = new Map((marks.put ?? []).map((mark) => [mark.at, mark]));
  const nextMarks = [...state.marks.filter((mark) => !removed.has(mark.at) && !put.has(mark.at)), ...put.values()].sort(
    (a, b) => a.at - b.at,
  );
  const current = await backend();
  try {
    if (records.length > 0) await current.backend.put(records);
    if (put.size > 0 || removed.size > 0) await current.backend.changeMarks([...put.values()], [...removed]);
    return stateOf(next, nextMarks, current.remembered);
  } catch {
    const memory = memoryBackend();
    await memory.put([...next.values()]);
    await memory.changeMarks(nextMarks, []);
    opened = {
      factory: indexedDbFactory(),
      store: Promise.resolve({ backend: memory, remembered: false }),
    };
    return stateOf(next, nextMarks, false);
  }
}

/** Forgets everything. */
export async function clearState(): Promise<ReadingState> {
  const current = await backend();
  await current.backend.clear();
  return stateOf(new Map(), [], current.remembered);
}

/** A record for an article, from what the app has of it (a summary, or the article itself). */
export function recordOf(
  article: Pick<ArticleSummary, 'id' | 'title' | 'date' | 'categories' | 'cover' | 'coverFallback'>,
  before: ReadingRecord | undefined,
): ReadingRecord {
  const record: ReadingRecord = {
    ...before,
    id: article.id,
    title: article.title,
    date: article.date,
    categories: article.categories,
  };
  if (article.cover) record.cover = article.cover;
  else delete record.cover;
  if (article.coverFallback) record.coverFallback = article.coverFallback;
  else delete record.coverFallback;
  return record;
}

// Export and import: the reader's data as a JSON file they keep.

const FORMAT = 'news-reader-local-data';
const FORMAT_VERSION = 1;

export interface ExportFile {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  exportedAt: string;
  articles: ReadingRecord[];
  /** 全部标为已读 (absent from files of the first builds, which had none). */
  marks?: ListMark[];
}

export function exportState(state: Pick<ReadingState, 'records' | 'marks'>, now = new Date()): ExportFile {
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    exportedAt: now.toISOString(),
    articles: [...state.records.values()],
    marks: [...state.marks],
  };
}

/** A file that is not an export of this app, or that holds something else: nothing is imported. */
export class ImportError extends Error {
  override name = 'ImportError';
}

const MAX_TEXT = 2000;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e14;

/** One record of an imported file, checked field by field; its place in the file is for the message. */
function importedRecord(value: unknown, n: number): ReadingRecord {
  const bad = (field: string) => new ImportError(`第 ${n + 1} 条记录的 ${field} 不对，没有导入任何内容。`);
  if (!isObject(value)) throw bad('格式');
  const { id, title, date, categories } = value;
  if (typeof id !== 'string' || !isArticleId(id)) throw bad('id');
  if (!isText(title)) throw bad('title');
  if (!isText(date) || !Number.isFinite(Date.parse(date))) throw bad('date');
  if (!Array.isArray(categories) || categories.length > 100 || !categories.every(isText)) throw bad('categories');
  const record: ReadingRecord = { id, title, date, categories };
  for (const field of ['cover', 'coverFallback'] as const) {
    const text = value[field];
    if (text === undefined) continue;
    if (!isText(text)) throw bad(field);
    record[field] = text;
  }
  for (const field of ['readAt', 'savedAt', 'progressAt'] as const) {
    const time = value[field];
    if (time === undefined) continue;
    if (!isTime(time)) throw bad(field);
    record[field] = time;
  }
  const { progress } = value;
  if (progress !== undefined) {
    if (typeof progress !== 'number' || !(progress >= 0 && progress <= 1)) throw bad('progress');
    record.progress = progress;
  }
  return record;
}

/** One mark of an imported file, checked field by field. */
function importedMark(value: unknown, n: number): ListMark {
  const bad = (field: string) => new ImportError(`第 ${n + 1} 个“全部标为已读”的 ${field} 不对，没有导入任何内容。`);
  if (!isObject(value)) throw bad('格式');
  const { at, list, upTo, cleared } = value;
  if (!isTime(at)) throw bad('at');
  if (!isText(list)) throw bad('list');
  if (!isText(upTo) || !Number.isFinite(Date.parse(upTo))) throw bad('upTo');
  if (!isObject(cleared)) throw bad('cleared');
  const entries = Object.entries(cleared);
  if (entries.length > 10_000) throw bad('cleared');
  for (const [name, count] of entries)
    if (!isText(name) || !Number.isSafeInteger(count) || (count as number) < 0) throw bad('cleared');
  // fromEntries: a category named __proto__ is a key like any other.
  return { at, list, upTo, cleared: Object.fromEntries(entries) as Record<string, number> };
}

/** What an export file holds. */
export interface Imported {
  records: ReadingRecord[];
  marks: ListMark[];
}

/** Reads an export file's text; refuses the whole file, with the reason, at the first thing wrong. */
export function parseExport(text: string): Imported {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportError('这不是一个 JSON 文件，没有导入任何内容。');
  }
  const file = isObject(value) ? value : {};
  if (file.format !== FORMAT) throw new ImportError('这不是本站导出的阅读记录文件，没有导入任何内容。');
  if (file.version !== FORMAT_VERSION)
    throw new ImportError(`不支持这个版本的阅读记录文件（第 ${String(file.version)} 版），没有导入任何内容。`);
  if (!Array.isArray(file.articles) || file.articles.length > 1_000_000)
    throw new ImportError('文件里没有阅读记录列表，没有导入任何内容。');
  if (file.marks !== undefined && (!Array.isArray(file.marks) || file.marks.length > 100_000))
    throw new ImportError('文件里的“全部标为已读”记录不对，没有导入任何内容。');
  return { records: file.articles.map(importedRecord), marks: (file.marks ?? []).map(importedMark) };
}

const later = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
const earlier = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/**
 * One article's record from what is here and what a file brings: nothing is lost. Read if either
 * read it (the first time), saved if either saved it (the last time), the progress of whichever
 * moved last; the summary (title, date, categories, cover) as the file has it, a cover it lacks
 * kept from here.
 */
export function mergeRecord(here: ReadingRecord | undefined, imported: ReadingRecord): ReadingRecord {
  if (!here) return imported;
  const newer = (imported.progressAt ?? 0) > (here.progressAt ?? 0) ? imported : here;
  const merged: ReadingRecord = { ...here, ...imported };
  const set = <K extends 'readAt' | 'savedAt' | 'progress' | 'progressAt'>(field: K, value: ReadingRecord[K]) => {
    if (value === undefined) delete merged[field];
    else merged[field] = value;
  };
  set('readAt', earlier(here.readAt, imported.readAt));
  set('savedAt', later(here.savedAt, imported.savedAt));
  set('progress', newer.progress);
  set('progressAt', newer.progressAt);
  return merged;
}
