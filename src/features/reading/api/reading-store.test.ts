import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  clearState,
  exportState,
  ImportError,
  mergeRecord,
  parseExport,
  type ReadingRecord,
  readState,
  recordOf,
  writeRecords,
} from './reading-store.ts';

const summary = (id: string) => ({ id, title: `标题${id}`, date: '2024-05-01T00:00:00.000Z', categories: ['财经'] });
const record = (id: string, fields: Partial<ReadingRecord> = {}): ReadingRecord => ({ ...summary(id), ...fields });

describe('the reading store', () => {
  it('keeps records in IndexedDB: a new page (a fresh open of the same database) reads them back', async () => {
    const factory = globalThis.indexedDB;
    expect(await readState()).toMatchObject({ records: new Map(), marks: [], remembered: true });
    const state = await writeRecords(await readState(), [record('a', { readAt: 5 }), record('b', { savedAt: 7 })]);
    expect([...state.records.keys()]).toEqual(['a', 'b']);
    // Another factory and back to the first: the store opens the database again, as a reload does.
    globalThis.indexedDB = new IDBFactory();
    expect((await readState()).records.size).toBe(0);
    globalThis.indexedDB = factory;
    const reloaded = await readState();
    expect(reloaded.records.get('b')).toEqual(record('b', { savedAt: 7 }));
    expect((await clearState()).records.size).toBe(0);
    expect((await readState()).records.size).toBe(0);
  });

  it('without IndexedDB (private browsing, a locked-down browser) keeps this visit in memory and says so', async () => {
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const state = await readState();
    expect(state.remembered).toBe(false);
    const next = await writeRecords(state, [record('a', { readAt: 1 })]);
    expect(next).toMatchObject({ remembered: false });
    expect((await readState()).records.get('a')).toEqual(record('a', { readAt: 1 }));
  });

  it('a write the browser refuses (a full quota) moves to memory with everything, never failing', async () => {
    const state = await writeRecords(await readState(), [record('a', { readAt: 1 })]);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const next = await writeRecords(state, [record('b', { savedAt: 2 })]);
    put.mockRestore();
    expect(next.remembered).toBe(false);
    expect([...(await readState()).records.keys()].sort()).toEqual(['a', 'b']);
  });

  it('makes a record from a summary, keeping what was remembered and the summary as it is now', () => {
    const before = record('a', { readAt: 3, cover: 'https://img.example.cn/old.jpg' });
    expect(recordOf({ ...summary('a'), title: '新标题' }, before)).toEqual({
      ...summary('a'),
      title: '新标题',
      readAt: 3,
    });
  });
});

describe('export and import', () => {
  it('exports every record, and reads its own export back', () => {
    const records = new Map([['a', record('a', { readAt: 1, progress: 0.5, progressAt: 2 })]]);
    const marks = [{ at: 5, list: '', upTo: '2024-05-01T00:00:00.000Z', cleared: { '': 3, 财经: 1 } }];
    const file = exportState({ records, marks }, new Date('2024-06-01T00:00:00Z'));
    expect(file).toMatchObject({
      format: 'news-reader-local-data',
      version: 1,
      exportedAt: '2024-06-01T00:00:00.000Z',
    });
    expect(parseExport(JSON.stringify(file))).toEqual({ records: [...records.values()], marks });
    // A file of the first builds, without marks.
    expect(parseExport(JSON.stringify({ ...file, marks: undefined })).marks).toEqual([]);
  });

  it('refuses a whole file, saying why, at the first thing wrong', () => {
    const file = (articles: unknown[], extra = {}) =>
      JSON.stringify({ format: 'news-reader-local-data', version: 1, exportedAt: '', articles, ...extra });
    const refused = (text: string) => {
      try {
        parseExport(text);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused('{not json')).toBe('这不是一个 JSON 文件，没有导入任何内容。');
    expect(refused('{"articles":[]}')).toBe('这不是本站导出的阅读记录文件，没有导入任何内容。');
    expect(refused(file([], { version: 9 }))).toBe('不支持这个版本的阅读记录文件（第 9 版），没有导入任何内容。');
    expect(refused(file([record('a'), { ...record('b'), id: '../x' }]))).toBe(
      '第 2 条记录的 id 不对，没有导入任何内容。',
    );
    expect(refused(file([{ ...record('a'), progress: 2 }]))).toBe('第 1 条记录的 progress 不对，没有导入任何内容。');
    expect(refused(file([{ ...record('a'), savedAt: -1 }]))).toBe('第 1 条记录的 savedAt 不对，没有导入任何内容。');
    expect(refused(file([{ ...record('a'), date: 'tomorrow' }]))).toBe('第 1 条记录的 date 不对，没有导入任何内容。');
  });

  it('merges without losing anything: read the first time, saved the last, the newer progress', () => {
    const here = record('a', { readAt: 10, progress: 0.3, progressAt: 50 });
    const there = record('a', { readAt: 5, savedAt: 20, progress: 0.8, progressAt: 40, title: '别处的标题' });
    expect(mergeRecord(here, there)).toEqual({
      ...summary('a'),
      title: '别处的标题',
      readAt: 5,
      savedAt: 20,
      progress: 0.3,
      progressAt: 50,
    });
    expect(mergeRecord(undefined, there)).toBe(there);
    expect(mergeRecord(record('a', { savedAt: 30 }), record('a'))).toEqual(record('a', { savedAt: 30 }));
  });
});
