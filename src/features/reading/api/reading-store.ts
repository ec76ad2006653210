import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type ArticleSummary, isArticleId } from '../../../lib/content-contract.ts';
import { isObject } from '../../../lib/validate-data.ts';

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

/** Everything remembered, as the app reads it. */
export interface ReadingState {
  records: ReadonlyMap<string, ReadingRecord>;
  /**
   * False when the browser keeps nothing (private browsing, storage refused or full): this
   * visit still works, and is forgotten.
   */
  remembered: boolean;
}

interface ReadingSchema extends DBSchema {
  articles: { key: string; value: ReadingRecord };
}

const DB_NAME = 'news-reader';
const STORE = 'articles';

/** Where records live: IndexedDB, or this page's memory when IndexedDB cannot be had. */
interface Backend {
  all(): Promise<ReadingRecord[]>;
  put(records: readonly ReadingRecord[]): Promise<void>;
  clear(): Promise<void>;
}

function memoryBackend(): Backend {
  const records = new Map<string, ReadingRecord>();
  return {
    all: async () => [...records.values()],
    put: async (list) => void list.forEach((record) => records.set(record.id, record)),
    clear: async () => records.clear(),
  };
}

function databaseBackend(db: IDBPDatabase<ReadingSchema>): Backend {
  return {
    all: () => db.getAll(STORE),
    put: async (list) => {
      const tx = db.transaction(STORE, 'readwrite');
      await Promise.all([...list.map((record) => tx.store.put(record)), tx.done]);
    },
    clear: () => db.clear(STORE),
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
    return openDB<ReadingSchema>(DB_NAME, 1, {
      upgrade: (db) => void db.createObjectStore(STORE, { keyPath: 'id' }),
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
  return { records: new Map((await store.all()).map((record) => [record.id, record])), remembered };
}

/**
 * Writes records and returns the state after it. A write the browser refuses (a full quota)
 * moves this visit to memory, with what it had: the reader is told it is not remembered.
 */
export async function writeRecords(state: ReadingState, records: readonly ReadingRecord[]): Promise<ReadingState> {
  const next = new Map(state.records);
  for (const record of records) next.set(record.id, record);
  const current = await backend();
  try {
    await current.backend.put(records);
    return { records: next, remembered: current.remembered };
  } catch {
    const memory = memoryBackend();
    await memory.put([...next.values()]);
    opened = {
      factory: indexedDbFactory(),
      store: Promise.resolve({ backend: memory, remembered: false }),
    };
    return { records: next, remembered: false };
  }
}

/** Forgets everything. */
export async function clearState(): Promise<ReadingState> {
  const current = await backend();
  await current.backend.clear();
  return { records: new Map(), remembered: current.remembered };
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
}

export function exportState(state: ReadingState, now = new Date()): ExportFile {
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    exportedAt: now.toISOString(),
    articles: [...state.records.values()],
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

/** Reads an export file's text; refuses the whole file, with the reason, at the first thing wrong. */
export function parseExport(text: string): ReadingRecord[] {
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
  return file.articles.map(importedRecord);
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
