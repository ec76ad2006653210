import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BuildCache, type CacheEntry, loadCache, saveCache } from './build-cache.ts';

let dir: string;
const IN = '/content';
const OUT = '/site/data';

const entry = (id: string, size = 10): CacheEntry => ({ id, mtimeMs: 1, size, hash: `h-${id}-${size}`, warnings: [] });

function cacheOf(buildId: string, ids: string[], lists: Record<string, string> = {}): BuildCache {
  return {
    timeZone: 'Asia/Shanghai',
    buildId,
    entries: Object.fromEntries(ids.map((id) => [`${id}.md`, entry(id)])),
    lists,
  };
}

const load = () => loadCache(dir, IN, OUT);
const files = () => fs.readdirSync(dir).sort();
const logOf = () => path.join(dir, files().find((name) => name.endsWith('.log')) ?? 'none');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-cache-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('build cache', () => {
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
    const { log: _log, ids: idOf, files: fileOf, postAssets, ...cache } = loaded;
    expect(postAssets).toBe(false);
    expect(cache).toEqual(second);
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
    // Two entries: any changed entry makes the log more than half the snapshot.
    saveCache(dir, IN, OUT, cacheOf('two', ['a', 'b']), { previous: load()!, changed: new Set(['a.md', 'b.md']) });
    expect(files().some((name) => name.endsWith('.log'))).toBe(false);
    expect(load()?.buildId).toBe('two');

    // A line naming another snapshot (left when a save died before removing the old log) is skipped.
    const snapshot = files().find((name) => name.endsWith('.json')) as string;
    fs.writeFileSync(
      path.join(dir, snapshot.replace('.json', '.log')),
      `${JSON.stringify({ base: 'older', timeZone: 'UTC', buildId: 'stale', entries: {}, lists: {} })}\n`,
    );
    expect(load()?.buildId).toBe('two');
  });

  it('writes a snapshot of many entries, piece by piece, that reads back as the same JSON', () => {
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
    const snapshot = files().find((name) => name.endsWith('.json')) ?? '';
    const bytes = fs.readFileSync(path.join(dir, snapshot));
    expect(bytes.length).toBeGreaterThan(4 << 20);
    // ASCII only, every other character escaped: read back as Latin-1 without decoding UTF-8.
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    const text = bytes.toString('utf8');
    const { version, columns, lists } = JSON.parse(text) as {
      version: number;
      columns: { title: string[] };
      lists: object;
    };
    expect(version).toBeGreaterThan(0);
    expect(lists).toEqual(cache.lists);
    expect(columns.title).toHaveLength(ids.length);
    expect(load()?.entries).toEqual(cache.entries);
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
    const loaded = load();
    expect(loaded?.entries).toEqual(cache.entries);
    expect(loaded?.postAssets).toBe(true);
    expect(loaded?.ids).toEqual(new Map(['plain', 'full', 'failed', 'draft'].map((id) => [`${id}.md`, id])));
  });

  it('treats a snapshot whose columns do not agree as no cache', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a', 'b']));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.json')) as string);
    const text = fs.readFileSync(snapshot, 'utf8');
    fs.writeFileSync(snapshot, text.replace('"size":[10,10]', '"size":[10]'));
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, text.replace('"size":[10,10]', '"size":[10,"10"]'));
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, text);
    expect(load()?.entries).toEqual(cacheOf('one', ['a', 'b']).entries);
  });

  it('treats a cache of another version or a damaged snapshot as no cache', () => {
    saveCache(dir, IN, OUT, cacheOf('one', ['a']));
    const snapshot = path.join(dir, files().find((name) => name.endsWith('.json')) as string);
    fs.writeFileSync(snapshot, fs.readFileSync(snapshot, 'utf8').replace(/"version":\d+/, '"version":1'));
    expect(load()).toBeUndefined();
    fs.writeFileSync(snapshot, '{"version":');
    expect(load()).toBeUndefined();
  });
});
