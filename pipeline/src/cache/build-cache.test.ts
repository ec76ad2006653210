import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BuildCache, type CacheEntry, cacheKey, LOG_MOST_BYTES, loadCache, saveCache } from './build-cache.ts';
import { ColumnRows, SectionReader } from './cache-columns.ts';
import { stampOf } from './entry-table.ts';
import { ListSignatures } from './list-signatures.ts';

let dir: string;
const IN = '/content';
const OUT = '/site/data';

const entry = (id: string, size = 10): CacheEntry => ({ id, mtimeMs: 1, size, hash: `h-${id}-${size}`, warnings: [] });

function cacheOf(
  buildId: string,
  ids: string[],
  lists: Record<string, string> = {},
): BuildCache & { entries: Record<string, CacheEntry>; lists: ListSignatures } {
  return {
    timeZone: 'Asia/Shanghai',
    buildId,
    entries: Object.fromEntries(ids.map((id) => [`${id}.md`, entry(id)])),
    lists: ListSignatures.of(Object.entries(lists)),
  };
}

const load = () => loadCache(dir, IN, OUT);
const signaturesOf = (lists: ListSignatures) => Object.fromEntries(lists.entries());
const files = () => fs.readdirSync(dir).sort();
const logOf = () => path.join(dir, files().find((name) => name.endsWith('.log')) ?? 'none');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-cache-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('build cache', () => {
  it('saves entries held in a map as it saves them in a record, and logs the files a map no longer has', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
    const record = cacheOf('record', ids);
    saveCache(dir, IN, OUT, { ...record, entries: new Map(Object.entries(record.entries)) });
    const first = load();
    expect(first?.entries).toEqual(record.entries);

    const next = new Map(Object.entries(record.entries));
    next.delete('m3.md');
    next.set('m7.md', entry('m7', 70));
    saveCache(
      dir,
      IN,
      OUT,
      { ...record, buildId: 'map', entries: next },
      { previous: first!, changed: new Set(['m7.md']) },
    );
    const second = load();
    expect(second?.buildId).toBe('map');
    expect(second?.entries['m3.md']).toBeUndefined();
    expect(second?.entries['m7.md']?.size).toBe(70);
    expect(Object.keys(second?.entries ?? {})).toHaveLength(49);
  });

  it('appends what a run changed to a log, and loads the snapshot with the log applied', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `a${i}`);
    saveCache(dir, IN, OUT, cacheOf('one', ids, { 'lists/all/1.json': 's1', 'lists/x/1.json': 'x1' }));
    const first = load();
    expect(first?.buildId).toBe('one');

    const second = cacheOf('two', [...ids.slice(1), 'b'], { 'lists/all/1.json': 's2' });
    second.entries['a5.md'] = entry('a5', 99);
    saveCache(dir, IN, OUT, second, { previous: first!, changed: new Set(['a5.md', 'b.md']) });
    expect(files().some((name) => name.endsWith('.log'))).toBe(true);

    const loaded = load()!;
    const { ids: idOf, files: fileOf, postAssets } = loaded;
    expect(postAssets).toBe(false);
    expect({ ...loaded.entries }).toEqual(second.entries);
    expect(signaturesOf(loaded.lists)).toEqual(signaturesOf(second.lists));
    expect([loaded.buildId, loaded.timeZone]).toEqual([second.buildId, second.timeZone]);
    expect(loaded.entries['a0.md']).toBeUndefined();
    expect(idOf.get('a0.md')).toBeUndefined();
    expect(idOf.get('b.md')).toBe('b');
    expect(idOf.size).toBe(200);
    expect(fileOf.get('a0')).toBeUndefined();
    expect(fileOf.get('a5')).toBe('a5.md');
    expect(fileOf.size).toBe(200);
  });

  it('ignores a line a dead run left half written, and writes a snapshot next time', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `a${i}`);
    saveCache(dir, IN, OUT, cacheOf('one', ids));
    const second = cacheOf('two', ids);
    saveCache(dir, IN, OUT, second, { previous: load()!, changed: new Set() });
    fs.appendFileSync(logOf(), '{"base":"x","buildId":"thr');
    const loaded = load()!;
    expect(loaded.buildId).toBe('two');
    expect(loaded.log.clean).toBe(false);

    saveCache(dir, IN, OUT, cacheOf('three', ids), { previous: loaded, changed: new Set() });
    expect(files().some((name) => name.endsWith('.log'))).toBe(false);
    expect(load()?.buildId).toBe('three');
  });

  it('writes a new snapshot once the log outgrows half of it, and ignores lines for an older one', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a', 'b']));
    // Two entries and 300 new list pages: the line would be more than half the snapshot.
    const pages = Object.fromEntries(Array.from({ length: 300 }, (_, n) => [`lists/all/${n}.json`, `s${n}`]));
    saveCache(dir, IN, OUT, cacheOf('two', ['a', 'b'], pages), { previous: load()!, changed: new Set(['a.md']) });
    expect(files().some((name) => name.endsWith('.log'))).toBe(false);
    expect(load()?.buildId).toBe('two');

    // A line naming another snapshot (left when a save died before removing the old log) is skipped.
    const snapshot = files().find((name) => name.endsWith('.snapshot')) as string;
    fs.writeFileSync(
      path.join(dir, snapshot.replace('.snapshot', '.log')),
      `${JSON.stringify({ base: 'older', timeZone: 'UTC', buildId: 'stale', entries: {}, lists: {} })}\n`,
    );
    expect(load()?.buildId).toBe('two');
  });

  it('writes a new snapshot once the log passes a megabyte, however big the snapshot', () => {
    // A snapshot of about 5 MB, and lines of about 100 KB: the megabyte comes first.
    const ids = Array.from({ length: 2000 }, (_, i) => `稿件-${i}-${'长'.repeat(400)}`);
    saveCache(dir, IN, OUT, cacheOf('zero', ids));
    const log = () => files().find((name) => name.endsWith('.log'));
    const run = (name: string) => {
      const pages = Object.fromEntries(Array.from({ length: 1500 }, (_, n) => [`lists/${name}/${n}.json`, `s${n}`]));
      saveCache(dir, IN, OUT, cacheOf(name, ids, pages), { previous: load()!, changed: new Set() });
    };
    // Lines are logged while the next still fits in a megabyte.
    let bytes = 0;
    let line = 0;
    let lines = 0;
    while (bytes + line <= LOG_MOST_BYTES) {
      run(`run-${lines++}`);
      const name = log();
      expect(name).toBeDefined();
      const now = fs.statSync(path.join(dir, name as string)).size;
      line = Math.max(line, now - bytes);
      bytes = now;
    }
    expect(lines).toBeGreaterThan(5);
    run('the-last-run'); // a name no shorter than the others': its line no shorter
    expect(log()).toBeUndefined();
    expect(load()?.buildId).toBe('the-last-run');
    expect(load()?.lists.get('lists/the-last-run/7.json')).toBe('s7');
  });

  it('writes a snapshot, building no log line, when more entries changed than a line could hold', () => {
    // As when a store is written anew: every entry's slice moves.
    const ids = Array.from({ length: 20_000 }, (_, i) => `稿件-${i}`);
    saveCache(dir, IN, OUT, cacheOf('before', ids));
    const next = cacheOf('after', ids);
    for (const [file, changed] of Object.entries(next.entries)) next.entries[file] = { ...changed, size: 11 };
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      saveCache(dir, IN, OUT, next, { previous: load()!, changed: new Set(Object.keys(next.entries)) });
      const logged = stringify.mock.calls.map(([value]) =>
        typeof value === 'object' && value !== null && 'entries' in value ? Object.keys(value.entries ?? {}).length : 0,
      );
      expect(Math.max(0, ...logged)).toBe(0);
    } finally {
      stringify.mockRestore();
    }
    expect(files().some((name) => name.endsWith('.log'))).toBe(false);
    const loaded = load();
    expect(loaded?.buildId).toBe('after');
    expect(loaded?.table.get('稿件-19999.md')?.size).toBe(11);
  });

  it('writes a snapshot of many entries, a block at a time, that reads back the same', () => {
    // Long Chinese titles: the snapshot's text crosses many of the writer's pieces and blocks.
    const ids = Array.from({ length: 4000 }, (_, i) => `稿件-${i}`);
    const cache = cacheOf('big', ids, { 'lists/all/1.json': 's1', 'lists/港口/2.json': 's2' });
    for (const [n, id] of ids.entries()) {
      const title = `港口夜色第${n}篇“引号”\n与\\反斜杠🚢`.repeat(20);
      (cache.entries[`${id}.md`] as CacheEntry).listed = {
        id,
        title,
        date: '2026-01-01T00:00:00.000Z',
        categories: ['财经'],
        tags: [],
      };
    }
    saveCache(dir, IN, OUT, cache);
    const snapshot = files().find((name) => name.endsWith('.snapshot')) ?? '';
    // Past the writer's 4 MB block: the columns cross blocks.
    expect(fs.statSync(path.join(dir, snapshot)).size).toBeGreaterThan(4 << 20);
    const loaded = load();
    expect(loaded && signaturesOf(loaded.lists)).toEqual(signaturesOf(cache.lists));
    expect(loaded?.table.get('稿件-3999.md')).toEqual(cache.entries['稿件-3999.md']);
    expect(loaded?.entries).toEqual(cache.entries);
  });

  it('keeps every field of an entry through the snapshot, the rare ones too', () => {
    const cache = cacheOf('fields', ['plain', 'full', 'failed', 'draft']);
    const full = cache.entries['full.md'] as CacheEntry;
    full.listed = {
      id: 'full',
      title: '“港口”\n夜色',
      date: '2026-01-02T03:04:05.000Z',
      categories: ['财经', '头条'],
      tags: ['港口'],
      summary: [12, 340],
    };
    full.neighbours = ['', 'plain'];
    full.terms = [5_000_000_000, 17];
    full.warnings = ['caption kept as text'];
    full.assets = [{ source: 'full/a.jpg', target: 'assets/full/a.jpg', size: 3, mtimeMs: 2.5 }];
    const plain = cache.entries['plain.md'] as CacheEntry;
    plain.listed = { id: 'plain', title: '', date: '2026-01-01T00:00:00.000Z', categories: ['财经', '头条'], tags: [] };
    plain.neighbours = ['full', ''];
    Object.assign(cache.entries['failed.md'] as CacheEntry, { error: 'front matter: bad date' });
    const draft = cache.entries['draft.md'] as CacheEntry;
    draft.listed = { id: 'draft-x', title: 't', date: '2026-01-01T00:00:00.000Z', categories: [], tags: [] };
    draft.draft = true;
    saveCache(dir, IN, OUT, cache);
    // What deciding whether to parse a file again reads, from the columns, before any entry is made.
    const fresh = load();
    for (const [relative, expected] of Object.entries(cache.entries))
      expect(fresh?.table.stamp(relative), relative).toEqual(stampOf(expected));
    expect(fresh?.table.stamp('none.md')).toBeUndefined();
    const loaded = load();
    expect(loaded?.entries).toEqual(cache.entries);
    expect(loaded?.postAssets).toBe(true);
    expect(loaded?.ids).toEqual(new Map(['plain', 'full', 'failed', 'draft'].map((id) => [`${id}.md`, id])));
  });

  it('writes a snapshot from a loaded table by copying the rows it did not change, every field the same', () => {
    const ids = Array.from({ length: 300 }, (_, n) => `文章-${n}`);
    const cache = cacheOf('first', ids);
    for (const [n, id] of ids.entries()) {
      const entry = cache.entries[`${id}.md`] as CacheEntry;
      entry.listed = {
        id: n === 7 ? `${id}-listed` : id,
        title: `标题 ${n}`,
        date: '2026-01-02T03:04:05.000Z',
        categories: n % 3 === 0 ? ['财经'] : ['财经', '头条'],
        tags: n % 5 === 0 ? ['港口'] : [],
        ...(n % 2 === 0 && { summary: [n * 100, 40] as [number, number] }),
      };
      if (n % 4 !== 0) entry.neighbours = [n === 0 ? '' : `文章-${n - 1}`, `文章-${n + 1}`];
      if (n % 6 !== 0) entry.terms = [n * 64, 9];
      if (n === 11) entry.warnings = ['caption kept as text'];
      if (n === 12) entry.draft = true;
      if (n === 13) entry.assets = [{ source: 'a/b.jpg', target: 'assets/a/b.jpg', size: 3, mtimeMs: 2 }];
    }
    Object.assign(cache.entries['文章-14.md'] as CacheEntry, { error: 'front matter: bad date' });
    delete (cache.entries['文章-15.md'] as CacheEntry).listed;
    saveCache(dir, IN, OUT, cache);

    // A run changes, adds, deletes and reads (and may change in place) a few entries.
    const loaded = load()!;
    const { table } = loaded;
    table.set('文章-20.md', { ...(cache.entries['文章-20.md'] as CacheEntry), hash: 'changed' });
    table.set('新的.md', entry('新的'));
    table.delete('文章-21.md');
    const made = table.get('文章-22.md') as CacheEntry;
    made.neighbours = ['文章-1', '文章-2'];
    const saved: Record<string, CacheEntry> = cache.entries;
    const expected: Record<string, CacheEntry> = { ...saved, '新的.md': entry('新的') };
    expected['文章-20.md'] = { ...(cache.entries['文章-20.md'] as CacheEntry), hash: 'changed' };
    delete expected['文章-21.md'];
    expected['文章-22.md'] = made;

    const making = vi.spyOn(ColumnRows.prototype, 'entry');
    saveCache(dir, IN, OUT, { ...cache, buildId: 'second', entries: table });
    // Only the rows read as entries were: every other is copied from the old snapshot's columns.
    expect(making.mock.calls.length).toBeLessThanOrEqual(2);
    making.mockRestore();
    expect(files().some((name) => name.endsWith('.log'))).toBe(false);
    const again = load()!;
    expect(again.buildId).toBe('second');
    expect(again.entries).toEqual(expected);
    for (const [relative, wanted] of Object.entries(expected))
      expect(again.table.stamp(relative), relative).toEqual(stampOf(wanted));
    expect(again.postAssets).toBe(true);
  });

  it('treats a snapshot whose columns do not agree as no cache', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a', 'b']));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    const bytes = fs.readFileSync(snapshot);
    const damaged = (change: (header: SnapshotJson) => void) => {
      withHeader(snapshot, bytes, change);
      return load();
    };
    expect(damaged((header) => (header.rows.count = 3))).toBeUndefined();
    expect(damaged((header) => (header.rows.sections['size'] = [0, 8]))).toBeUndefined();
    const ends = (header: SnapshotJson, name: string) => header.rows.sections[name] as [number, number];
    expect(damaged((header) => (header.rows.sections['id.ends'] = ends(header, 'relative.ends')))).toBeUndefined();
    // A row's text ending before the one before it.
    const [offset] = JSON.parse(headerText(bytes)).rows.sections['title.ends'] as [number, number];
    const swapped = Buffer.from(bytes);
    swapped.writeUInt32LE(9, offset);
    fs.writeFileSync(snapshot, swapped);
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, bytes.subarray(0, bytes.length - 1));
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, bytes);
    expect(load()?.entries).toEqual(cacheOf('one', ['a', 'b']).entries);
  });

  it('checks a snapshot whole once: the runs after trust the same file, not one changed since', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a', 'b', 'c']));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    const scans = vi.spyOn(SectionReader.prototype, 'scan');
    try {
      expect(load()?.entries).toEqual(cacheOf('one', ['a', 'b', 'c']).entries);
      expect(scans).toHaveBeenCalled();
      expect(files().some((name) => name.endsWith('.checked'))).toBe(true);
      scans.mockClear();
      expect(load()?.entries).toEqual(cacheOf('one', ['a', 'b', 'c']).entries);
      expect(scans).not.toHaveBeenCalled();
      // A row's text ending before the one before it, written over the checked file: checked again.
      const bytes = fs.readFileSync(snapshot);
      const [offset] = JSON.parse(headerText(bytes)).rows.sections['title.ends'] as [number, number];
      const damaged = Buffer.from(bytes);
      damaged.writeUInt32LE(9, offset);
      fs.writeFileSync(snapshot, damaged);
      // Its time a second on: a file written within the clock's tick of its mark keeps its time.
      const { mtime } = fs.statSync(snapshot);
      fs.utimesSync(snapshot, mtime, new Date(mtime.getTime() + 1000));
      expect(load()).toBeUndefined();
      expect(scans).toHaveBeenCalled();
      // A new snapshot takes the old one's mark away.
      fs.writeFileSync(snapshot, bytes);
      load();
      saveCache(dir, IN, OUT, cacheOf('two', ['a']));
      expect(files().some((name) => name.endsWith('.checked'))).toBe(false);
    } finally {
      scans.mockRestore();
    }
  });

  it('finds each file by the table the snapshot keeps, or without it, and refuses a table that repeats a row', () => {
    const names = Array.from({ length: 300 }, (_, n) => `文章-${n}`);
    saveCache(dir, IN, OUT, cacheOf('one', names));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    const bytes = fs.readFileSync(snapshot);
    const found = () => {
      const table = load()?.table;
      return table !== undefined && names.every((name) => table.get(`${name}.md`)?.id === name);
    };
    expect(found()).toBe(true);
    expect(load()?.table.rowOf('文章-300.md')).toBe(-1);
    withHeader(snapshot, bytes, (header) => delete header.rows.sections['relative.table']);
    expect(found()).toBe(true);
    const [offset, length] = JSON.parse(headerText(bytes)).rows.sections['relative.table'] as [number, number];
    const table = new Int32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length));
    const first = table.findIndex((slot) => slot !== 0);
    const second = table.findIndex((slot, n) => n > first && slot !== 0);
    const repeated = Buffer.from(bytes);
    repeated.writeInt32LE(table[first] as number, offset + 4 * second);
    fs.writeFileSync(snapshot, repeated);
    expect(load()).toBeUndefined();
  });

  it('finds an id in any case by the table of ids the snapshot keeps, or by reading every id without it', () => {
    const names = [...Array.from({ length: 300 }, (_, n) => `Bericht-${n}`), 'İzmir-港口', '文章'];
    saveCache(dir, IN, OUT, cacheOf('one', names));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    const bytes = fs.readFileSync(snapshot);
    const answers = () => {
      const table = load()?.table;
      if (!table) throw new Error('no cache');
      const like = ['bericht-17', 'bericht-300', 'İzmir-港口'.toLowerCase(), '文章', '文'].map((lower) =>
        table.hasIdLike(lower),
      );
      // A file changed or deleted since the snapshot no longer holds the id it had there.
      table.delete('Bericht-17.md');
      table.set('Bericht-18.md', entry('other'));
      const gone = [table.hasIdLike('bericht-17'), table.hasIdLike('bericht-18'), table.hasIdLike('other')];
      return [...like, ...gone];
    };
    const expected = [true, false, true, true, false, false, false, true];
    expect(answers()).toEqual(expected);
    // A snapshot written before it kept the table, or with a damaged one: every id is read.
    withHeader(snapshot, bytes, (header) => delete header.rows.sections['id.lower.table']);
    expect(answers()).toEqual(expected);
    const [offset] = JSON.parse(headerText(bytes)).rows.sections['id.lower.table'] as [number, number];
    const damaged = Buffer.from(bytes);
    damaged.writeInt32LE(-5, offset);
    fs.writeFileSync(snapshot, damaged);
    expect(answers()).toEqual(expected);
  });

  it('reads the list signatures of a snapshot that holds them as JSON, as one written before they were columns', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a'], { 'lists/all/1.json': 's1' }));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    withHeader(snapshot, fs.readFileSync(snapshot), (header) => {
      delete header.listColumns;
      header.lists = { 'lists/all/1.json': 's1', 'lists/港口/1.json': 's2' };
    });
    const loaded = load();
    expect(loaded && signaturesOf(loaded.lists)).toEqual({ 'lists/all/1.json': 's1', 'lists/港口/1.json': 's2' });
  });

  it('treats a cache of another version or a damaged snapshot as no cache', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a']));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.snapshot')) as string);
    withHeader(snapshot, fs.readFileSync(snapshot), (header) => (header.version = 1));
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, '{"version":');
    expect(load()).toBeUndefined();
  });

  it('removes the JSON snapshot an older version left when it writes its own', () => {
    const old = path.join(dir, `pipeline-${cacheKey(IN, OUT)}.json`);
    fs.writeFileSync(old, '{"version":8}');
    saveCache(dir, IN, OUT, cacheOf('one', ['a']));
    expect(fs.existsSync(old)).toBe(false);
    expect(load()?.buildId).toBe('one');
  });
});

interface SnapshotJson {
  version: number;
  listColumns?: unknown;
  lists?: Record<string, string>;
  rows: { count: number; sections: Record<string, [number, number]> };
}

/** The snapshot's header, as the last 16 bytes place it. */
function headerText(bytes: Buffer): string {
  const offset = bytes.readUInt32LE(bytes.length - 8);
  const length = bytes.readUInt32LE(bytes.length - 4);
  return bytes.toString('utf8', offset, offset + length);
}

/** Writes `bytes` back with its header changed. */
function withHeader(file: string, bytes: Buffer, change: (header: SnapshotJson) => void): void {
  const offset = bytes.readUInt32LE(bytes.length - 8);
  const header = JSON.parse(headerText(bytes)) as SnapshotJson;
  change(header);
  const text = Buffer.from(JSON.stringify(header));
  const trailer = Buffer.from(bytes.subarray(bytes.length - 16));
  trailer.writeUInt32LE(text.length, 12);
  fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, offset), text, trailer]));
}
