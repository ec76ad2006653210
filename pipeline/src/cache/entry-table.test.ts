import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type BuildCache,
  type CacheEntry,
  loadCache,
  ORDER_CHANGE_LIMIT,
  saveCache,
  withFileState,
} from './build-cache.ts';
import { ListSignatures } from './list-signatures.ts';
import { ColumnRows, type ListName } from './cache-columns.ts';
import { type ArticleOrder, arrayOrder, changedOrder, type OrderChange, orderChange } from './entry-table.ts';
import { SliceColumn } from './slice-column.ts';

let dir: string;
const IN = '/content';
const OUT = '/site/data';

/** Article `n` of a day: a higher `n` is newer. */
const article = (id: string, n: number, categories: string[] = ['财经']): CacheEntry => ({
  id,
  mtimeMs: n,
  size: 10 + n,
  hash: `h-${id}`,
  warnings: [],
  listed: {
    id,
    title: `标题 ${id}`,
    date: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
    categories,
    tags: [],
  },
  terms: [n * 100, 10],
});

const filesOf = (order: Pick<ArticleOrder, 'length' | 'fileAt'>) =>
  Array.from({ length: order.length }, (_, n) => order.fileAt(n));

/** A cache of `count` articles (a0 oldest), a failed file and a draft, with its order saved. */
function cacheOf(count: number, buildId = 'one'): BuildCache & { entries: Record<string, CacheEntry> } {
  const entries: Record<string, CacheEntry> = {};
  // Written in name order, not in the order: the snapshot puts the order first.
  for (let n = 0; n < count; n++) entries[`a${n}.md`] = article(`a${n}`, n);
  entries['bad.md'] = { id: 'bad', mtimeMs: 1, size: 1, hash: 'h-bad', warnings: [], error: 'front matter: bad date' };
  entries['draft.md'] = { ...article('draft', 99), draft: true, warnings: ['caption kept as text'] };
  const files = Array.from({ length: count }, (_, n) => `a${count - 1 - n}.md`);
  return {
    timeZone: 'UTC',
    buildId,
    entries,
    lists: ListSignatures.of([]),
    order: { files: arrayOrder(files, []), drafts: false },
  };
}

const load = () => {
  const loaded = loadCache(dir, IN, OUT);
  if (!loaded) throw new Error('no cache');
  return loaded;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-table-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('entry table', () => {
  it('reads the saved order by place, and entries without making the others', () => {
    saveCache(dir, IN, OUT, cacheOf(300));
    const { table } = load();
    expect(table.size).toBe(302);
    const order = table.order(false);
    expect(order?.length).toBe(300);
    expect(order && [order.fileAt(0), order.idAt(1), order.fileAt(299)]).toEqual(['a299.md', 'a298', 'a0.md']);
    expect(order?.termsAt(2)).toEqual([29_700, 10]);
    expect(order?.listsAt(3).categories).toEqual(['财经']);
    expect(order?.placeOf('a200.md')).toBe(99);
    expect(order?.placeOf('bad.md')).toBe(-1);
    // The same object each time: a change to it is what is saved.
    expect(order?.entryAt(5)).toBe(table.get('a294.md'));
    expect(table.get('a294.md')).toEqual(article('a294', 294));
    // Under another --drafts the draft would be in it: no order.
    expect(table.order(true)).toBeUndefined();
  });

  it('makes a whole run’s reused entries read their neighbours and slices from the row, until set', () => {
    const cache = cacheOf(300);
    const a5 = cache.entries['a5.md'] as CacheEntry;
    a5.neighbours = ['a6', 'a4'];
    if (a5.listed) a5.listed.summary = [5_000, 120];
    saveCache(dir, IN, OUT, cache);
    const { table } = load();
    const id = ['a', '5'].join(''); // a string of the run's own, not the table's
    const entry = table.readRowEntry('a5.md', table.rowOf('a5.md'), id);
    if (!entry) throw new Error('no entry');
    // What readEntry makes, field by field, and as a log line writes it.
    expect(JSON.parse(JSON.stringify(entry))).toEqual(JSON.parse(JSON.stringify(table.readEntry('a5.md'))));
    expect([entry.neighbours, entry.terms, entry.listed?.summary]).toEqual([
      ['a6', 'a4'],
      [500, 10],
      [5_000, 120],
    ]);
    expect(entry.id).toBe(id);
    // Not held: read again when asked (not the same arrays), and not own fields of the object.
    expect(entry.neighbours).not.toBe(entry.neighbours);
    expect(Object.keys(entry)).not.toContain('neighbours');
    // A run that sets them gets what it set, and so does the log line and the copy with a new stamp.
    entry.neighbours = ['a7', 'a4'];
    entry.terms = undefined;
    if (entry.listed) entry.listed.summary = [1, 2];
    const stamped = withFileState(entry, { id, mtimeMs: 7, size: 8, hash: 'h-new' });
    expect([stamped.neighbours, stamped.terms, stamped.listed?.summary, stamped.hash]).toEqual([
      ['a7', 'a4'],
      undefined,
      [1, 2],
      'h-new',
    ]);
    expect(JSON.parse(JSON.stringify(entry))).toMatchObject({ neighbours: ['a7', 'a4'], listed: { summary: [1, 2] } });
    // Files that failed or are drafts keep their rare fields; an unknown file has no entry.
    expect(table.readRowEntry('bad.md', undefined, 'bad')?.error).toBe('front matter: bad date');
    expect(table.readRowEntry('draft.md', undefined, 'draft')).toMatchObject({
      draft: true,
      warnings: ['caption kept as text'],
    });
    expect(table.readRowEntry('gone.md', -1, 'gone')).toBeUndefined();
  });

  it('reads entries and stored terms for a whole run without keeping what it made', () => {
    saveCache(dir, IN, OUT, cacheOf(300));
    const { table } = load();
    // Made from the row each time, equal to what get makes, and not kept by the table.
    const read = table.readEntry('a294.md', table.rowOf('a294.md'));
    expect(read).toEqual(article('a294', 294));
    expect(table.readEntry('a294.md')).not.toBe(read);
    expect(table.readEntry('a294.md')).toEqual(read);
    expect(table.readEntry('gone.md')).toBeUndefined();
    expect(table.readEntry('gone.md', -1)).toBeUndefined();
    expect(table.termsOf('a12.md', 'a12')).toEqual([1_200, 10]);
    expect(table.termsOf('a12.md', 'a13')).toBeUndefined(); // another article's file now
    expect(table.termsOf('bad.md', 'bad')).toBeUndefined();
    expect(table.termsOfIds(new Set(['a3', 'a250', 'bad', 'nobody']))).toEqual(
      new Map([
        ['a3', [300, 10]],
        ['a250', [25_000, 10]],
      ]),
    );
    expect(table.knownRows()).toEqual([]);

    // An entry that is an object (set by a log line or a run, or made by get) is the one read.
    const changed = { ...article('a7', 7), terms: [42, 1] as [number, number] };
    table.set('a7.md', changed);
    table.delete('a8.md');
    const made = table.get('a9.md');
    expect(table.readEntry('a7.md', table.rowOf('a7.md'))).toBe(changed);
    expect(table.readEntry('a9.md')).toBe(made);
    expect(table.readEntry('a8.md', table.rowOf('a8.md'))).toBeUndefined();
    expect(table.termsOf('a7.md', 'a7')).toEqual([42, 1]);
    expect(table.termsOfIds(new Set(['a7', 'a8', 'a9']))).toEqual(
      new Map([
        ['a7', [42, 1]],
        ['a9', [900, 10]],
      ]),
    );
  });

  it('saves what a first run keeps by place (slices, neighbours) as the entries would have it', () => {
    const byPlace = () => {
      const { order, entries } = cacheOf(300);
      const terms = new SliceColumn(300);
      const summaries = new SliceColumn(301); // the draft after the order
      for (let n = 0; n < 300; n++) {
        const entry = entries[order?.files.fileAt(n) ?? ''] as CacheEntry;
        terms.set(n, 7_000 + n, n % 5);
        summaries.set(n, 90_000 + n, 30);
        delete entry.terms;
      }
      if (order) order.byPlace = { terms, summaries, neighbours: true };
      return { order, entries };
    };
    const expected = (file: string, n: number) => ({
      terms: [7_000 + n, n % 5],
      summary: [90_000 + n, 30],
      neighbours: [n > 0 ? `a${300 - n}` : '', n < 299 ? `a${298 - n}` : ''],
      file,
    });
    const saved = (entry: CacheEntry | undefined, file: string) => ({
      terms: entry?.terms,
      summary: entry?.listed?.summary,
      neighbours: entry?.neighbours,
      file,
    });

    const first = { ...cacheOf(300), ...byPlace() };
    saveCache(dir, IN, OUT, first);
    // The entries never got them; the snapshot has them, as if they had.
    expect(first.entries['a10.md']?.terms).toBeUndefined();
    expect(first.entries['a10.md']?.neighbours).toBeUndefined();
    const order = load().table.order(false) as ArticleOrder;
    const all = filesOf(order);
    expect(all.map((file, n) => saved(order.entryAt(n), file))).toEqual(all.map(expected));
    expect(load().table.get('draft.md')?.neighbours).toBeUndefined();

    // An order the snapshot cannot keep (an article of it without an entry): they go on the entries.
    const lost = { ...cacheOf(300), ...byPlace() };
    delete lost.entries['a0.md'];
    lost.entries['a0-renamed.md'] = article('a0', 0);
    saveCache(dir, IN, OUT, lost);
    const loaded = load();
    expect(loaded.table.order(false)).toBeUndefined();
    // (but a1, beside the article without an entry)
    expect(all.slice(0, 298).map((file) => saved(loaded.table.get(file), file))).toEqual(
      all.slice(0, 298).map(expected),
    );
  });

  it('reports only the entries with something to say', () => {
    saveCache(dir, IN, OUT, cacheOf(300));
    const { table } = load();
    expect([...table.notable()].map(([file]) => file).sort()).toEqual(['bad.md', 'draft.md']);
    expect(table.ownNames).toBe(true);
    expect(table.hasIdLike('a17')).toBe(true);
    expect(table.hasIdLike('a300')).toBe(false);
    table.set('x/A300.md', article('A300', 1));
    expect(table.hasIdLike('a300')).toBe(true);
    table.set('y/other.md', article('not-its-name', 1));
    expect(table.ownNames).toBe(false);
  });

  it('replays a log without making the entries its lines replace, and keeps the count and own names', () => {
    saveCache(dir, IN, OUT, cacheOf(300));
    const second = cacheOf(300, 'two');
    second.entries['a5.md'] = { ...article('a5', 5), id: 'renamed' }; // an id that is not its name
    delete second.entries['a6.md'];
    second.entries['n1.md'] = article('n1', 50);
    saveCache(dir, IN, OUT, second, { previous: load(), changed: new Set(['a5.md', 'a6.md', 'n1.md']) });
    expect(fs.readdirSync(dir).some((name) => name.endsWith('.log'))).toBe(true);
    const made = vi.spyOn(ColumnRows.prototype, 'entry');
    const loaded = load();
    expect(made).not.toHaveBeenCalled();
    expect(loaded.table.size).toBe(302);
    expect(loaded.table.ownNames).toBe(false);
    expect(loaded.table.idOf('a5.md')).toBe('renamed');
    expect(loaded.table.get('a6.md')).toBeUndefined();

    const third = cacheOf(300, 'three'); // a5 its own name again, n1 gone, a6 still gone
    delete third.entries['a6.md'];
    saveCache(dir, IN, OUT, third, { previous: loaded, changed: new Set(['a5.md', 'n1.md']) });
    const again = load();
    expect(made).not.toHaveBeenCalled();
    expect(again.table.size).toBe(301);
    expect(again.table.ownNames).toBe(true);
    expect({ ...again.entries }).toEqual(third.entries);
    made.mockRestore();
  });

  it('follows the order through log lines that add and remove the newest articles', () => {
    const first = cacheOf(300);
    saveCache(dir, IN, OUT, first);
    // Run 2: the two newest go and two new ones come first.
    let previous = load();
    const second = cacheOf(300, 'two');
    delete second.entries['a299.md'];
    delete second.entries['a298.md'];
    second.entries['n1.md'] = article('n1', 50);
    second.entries['n2.md'] = article('n2', 51);
    const secondOrder = ['n2.md', 'n1.md', ...filesOf(first.order?.files as ArticleOrder).slice(2)];
    second.order = { files: arrayOrder(secondOrder, []), drafts: false };
    saveCache(dir, IN, OUT, second, { previous, changed: new Set(['a299.md', 'a298.md', 'n1.md', 'n2.md']) });
    expect(fs.readdirSync(dir).some((name) => name.endsWith('.log'))).toBe(true);
    // Run 3: the newest of those goes again, and one more past it.
    previous = load();
    expect(filesOf(previous.table.order(false) as ArticleOrder)).toEqual(secondOrder);
    const third = { ...second, buildId: 'three', entries: { ...second.entries } };
    delete third.entries['n2.md'];
    delete third.entries['n1.md'];
    delete third.entries['a297.md'];
    third.entries['n3.md'] = article('n3', 52);
    const thirdOrder = ['n3.md', ...secondOrder.slice(3)];
    third.order = { files: arrayOrder(thirdOrder, []), drafts: false };
    saveCache(dir, IN, OUT, third, { previous, changed: new Set(['n1.md', 'n2.md', 'n3.md', 'a297.md']) });
    const loaded = load();
    const order = loaded.table.order(false) as ArticleOrder;
    expect(filesOf(order)).toEqual(thirdOrder);
    expect(order.entryAt(0)).toEqual(article('n3', 52));
    expect(order.idAt(1)).toBe('a296');
    expect(order.placeOf('a0.md')).toBe(order.length - 1);
    expect({ ...loaded.entries }).toEqual(third.entries);
  });

  it('follows the order through log lines that change places below the newest, reading the rows between', () => {
    const first = cacheOf(300);
    saveCache(dir, IN, OUT, first);
    const firstFiles = filesOf(first.order?.files as ArticleOrder);
    /** Saves the next run's cache: `files` its order, `change` what it did to the previous one. */
    const next = (buildId: string, files: string[], change: OrderChange, changed: string[]) => {
      const previous = load();
      const cache = { ...first, buildId, entries: { ...first.entries } };
      for (const file of changed) if (!files.includes(file)) delete cache.entries[file];
      for (const file of changed) if (files.includes(file)) cache.entries[file] = article(file.slice(0, -3), 40);
      cache.order = { files: arrayOrder(files, []), drafts: false, change };
      saveCache(dir, IN, OUT, cache, { previous, changed: new Set(changed) });
      first.entries = cache.entries;
    };
    // Run 2: a199 (place 100) goes. Run 3: n1 comes at place 250, n2 at 10. Run 4: a5 and a6 go.
    const second = firstFiles.filter((file) => file !== 'a199.md');
    next('two', second, { from: 100, drop: 101, prepend: [] }, ['a199.md']);
    const third = [...second.slice(0, 10), 'n2.md', ...second.slice(10, 249), 'n1.md', ...second.slice(249)];
    next('three', third, { from: 249, drop: 249, prepend: ['n1.md'] }, ['n1.md']);
    next('three-b', third, { from: 10, drop: 10, prepend: ['n2.md'] }, ['n2.md']);
    const fourth = third.filter((file) => file !== 'a5.md' && file !== 'a6.md');
    const at = third.indexOf('a6.md');
    next('four', fourth, { from: at, drop: at + 2, prepend: [] }, ['a5.md', 'a6.md']);
    const log = fs.readFileSync(
      path.join(dir, fs.readdirSync(dir).find((name) => name.endsWith('.log')) ?? ''),
      'utf8',
    );
    // A version before windows reads such a line's order as unknown, not as a change at the top.
    expect(log).toContain('"order":null,"window":{"from":100,"drop":101,"prepend":[]');
    const loaded = load();
    const order = loaded.table.order(false) as ArticleOrder;
    expect(filesOf(order)).toEqual(fourth);
    fourth.forEach((file, n) => {
      expect(order.placeOf(file)).toBe(n);
      expect(order.idAt(n)).toBe(file.slice(0, -3));
      expect(order.entryAt(n)).toBe(loaded.table.get(file));
    });
    expect(order.placeOf('a199.md')).toBe(-1);
    // Lists read through the pieces: the logged files one by one, the rows between from the columns.
    const lists: ListName[] = [{ field: 'categories', name: '财经' }];
    expect([...(order.placesIn(lists, 5, 260)[0] ?? [])]).toEqual(Array.from({ length: 255 }, (_, n) => 5 + n));
    expect(order.countIn(lists, 9, 252)).toEqual([243]);
  });

  it('writes a snapshot when the order changed deep down, and keeps no order it cannot trust', () => {
    // One more article than a log line may move.
    const count = ORDER_CHANGE_LIMIT + 44;
    saveCache(dir, IN, OUT, cacheOf(count));
    const previous = load();
    const moved = cacheOf(count, 'two');
    // The oldest article becomes the newest: every place changes.
    const files = ['a0.md', ...filesOf(previous.table.order(false) as ArticleOrder).slice(0, -1)];
    moved.order = { files: arrayOrder(files, []), drafts: false };
    saveCache(dir, IN, OUT, moved, { previous, changed: new Set(['a0.md']) });
    expect(fs.readdirSync(dir).some((name) => name.endsWith('.log'))).toBe(false);
    expect(filesOf(load().table.order(false) as ArticleOrder)).toEqual(files);

    // An order that is not the published articles (the failed file in it) is not saved.
    const wrong = cacheOf(3, 'three');
    wrong.order = { files: arrayOrder(['bad.md', 'a2.md', 'a1.md'], []), drafts: false };
    saveCache(dir, IN, OUT, wrong);
    expect(load().table.order(false)).toBeUndefined();
    // Nor one a run saved without knowing it: a log line with an unknown order drops it.
    saveCache(dir, IN, OUT, cacheOf(300, 'four'));
    const { order: _order, ...unknown } = cacheOf(300, 'five');
    saveCache(dir, IN, OUT, unknown, { previous: load(), changed: new Set() });
    expect(load().buildId).toBe('five');
    expect(load().table.order(false)).toBeUndefined();
  });

  it('changes an order without copying it: deleted newest, added first, edited in place', () => {
    const files = ['d.md', 'c.md', 'b.md', 'a.md'];
    const entries = files.map((file, n) => article(file[0] as string, 4 - n));
    const before = arrayOrder(files, entries);
    const edited = { ...article('b', 2), hash: 'edited' };
    const added = [
      { file: 'f.md', entry: article('f', 6) },
      { file: 'e.md', entry: article('e', 5) },
    ];
    const order = changedOrder(before, { from: 0, drop: 1 }, added, new Map([['b.md', edited]]));
    expect(filesOf(order)).toEqual(['f.md', 'e.md', 'c.md', 'b.md', 'a.md']);
    expect(order.entryAt(3)).toBe(edited);
    expect([order.idAt(0), order.idAt(2), order.termsAt(4)]).toEqual(['f', 'c', [100, 10]]);
    expect([order.placeOf('e.md'), order.placeOf('a.md'), order.placeOf('d.md')]).toEqual([1, 4, -1]);
    expect(orderChange(before, order, 10)).toEqual({ drop: 1, prepend: ['f.md', 'e.md'] });
    expect(orderChange(before, order, 1)).toBeUndefined();
    expect(orderChange(before, before, 0)).toEqual({ drop: 0, prepend: [] });
  });

  it('finds the places of the articles in a category or tag in one pass, as listsAt finds them one by one', () => {
    const CATEGORIES = [['财经'], ['体育', '财经'], []];
    const first = cacheOf(40);
    for (let n = 0; n < 40; n++) {
      const entry = article(`a${n}`, n, CATEGORIES[n % 3]);
      if (entry.listed && n % 4 === 0) entry.listed.tags = ['港口'];
      first.entries[`a${n}.md`] = entry;
    }
    saveCache(dir, IN, OUT, first);
    // A log line puts a new article first and drops the newest: the order has a head and a skip.
    const second = { ...first, buildId: 'two', entries: { ...first.entries } };
    delete second.entries['a39.md'];
    second.entries['n1.md'] = article('n1', 50, ['科技']);
    // a30 moved to the top: the log's head holds it and the nine above its old place.
    const firstFiles = filesOf(first.order?.files as ArticleOrder);
    const secondOrder = ['n1.md', 'a30.md', ...firstFiles.slice(1).filter((file) => file !== 'a30.md')];
    second.order = { files: arrayOrder(secondOrder, []), drafts: false };
    saveCache(dir, IN, OUT, second, { previous: load(), changed: new Set(['a39.md', 'n1.md']) });
    const { table } = load();
    // One row's file changed in this run, another's entry made and changed in place.
    table.set('a20.md', article('a20', 20, ['教育']));
    const made = table.get('a12.md');
    if (!made?.listed) throw new Error('no entry for a12.md');
    made.listed = { ...made.listed, categories: ['文化'], tags: [] };
    // And one of the head's, made and changed in place.
    const madeInHead = table.get('a33.md');
    if (!madeInHead?.listed) throw new Error('no entry for a33.md');
    madeInHead.listed = { ...madeInHead.listed, categories: ['体育'], tags: ['港口'] };
    const lists: ListName[] = ['财经', '体育', '科技', '教育', '文化', '军事', '健康'].map((name) => ({
      field: 'categories',
      name,
    }));
    lists.push({ field: 'tags', name: '港口' }, { field: 'tags', name: '财经' });
    const oneByOne = (order: ArticleOrder, from: number, to = Infinity) =>
      lists.map(({ field, name }) =>
        Array.from({ length: order.length }, (_, n) => n).filter(
          (n) => n >= from && n < to && (order.entryAt(n).listed?.[field] ?? []).includes(name),
        ),
      );
    /** Places and counts read in parts of the order, as found one by one. */
    const expectParts = (order: ArticleOrder) => {
      for (const [from, to] of [
        [0, 1],
        [0, 5],
        [1, 7],
        [3, 30],
        [7, order.length],
        [order.length - 2, order.length + 5],
      ] as const)
        expect(order.placesIn(lists, from, to).map((places) => [...places])).toEqual(oneByOne(order, from, to));
      for (const from of [0, 1, 7, order.length - 1])
        expect(order.countIn(lists, from)).toEqual(oneByOne(order, from).map((places) => places.length));
    };
    const order = table.order(false) as ArticleOrder;
    const files = filesOf(order);
    // Each place's entry, the head's found by the rows matched to it, is the file's own.
    files.forEach((file, n) => expect(order.entryAt(n)).toBe(table.get(file)));
    for (const from of [0, 1, 7])
      expect(order.placesIn(lists, from).map((places) => [...places])).toEqual(oneByOne(order, from));
    expect([...(order.placesIn(lists)[3] ?? [])]).toEqual([order.placeOf('a20.md')]);
    expect([...(order.placesIn(lists)[4] ?? [])]).toEqual([order.placeOf('a12.md')]);
    expect(order.placesIn(lists)[7]).not.toContain(order.placeOf('a12.md'));
    expect(order.placesIn(lists)[7]).toContain(order.placeOf('a16.md'));
    expectParts(order);

    // A run of edits deletes the two newest (their entries go, one of them in the order's head)
    // and adds one: the changed order never reads the gone.
    table.delete(files[0] as string);
    table.delete(files[1] as string);
    const added = [{ file: 'z.md', entry: article('z', 60, ['军事']) }];
    const replaced = new Map([
      ['a5.md', article('a5', 5, ['健康'])],
      // Out of the tag 港口 and into 财经.
      ['a8.md', article('a8', 8, ['财经'])],
    ]);
    const changed = changedOrder(order, { from: 0, drop: 2 }, added, replaced);
    for (const from of [0, 1, 7])
      expect(changed.placesIn(lists, from).map((places) => [...places])).toEqual(oneByOne(changed, from));
    expect([...(changed.placesIn(lists)[5] ?? [])]).toEqual([0]);
    expect([...(changed.placesIn(lists)[6] ?? [])]).toEqual([changed.placeOf('a5.md')]);
    expect(changed.placesIn(lists)[0]).toContain(changed.placeOf('a8.md'));
    expect(changed.placesIn(lists)[7]).not.toContain(changed.placeOf('a8.md'));
    expectParts(changed);
    // Entries as objects, a whole run's order.
    const rest = files.slice(2);
    const whole = arrayOrder(
      rest,
      rest.map((file) => table.get(file) as CacheEntry),
    );
    for (const from of [0, 1, 7])
      expect(whole.placesIn(lists, from).map((places) => [...places])).toEqual(oneByOne(whole, from));
    expectParts(whole);
  });
});
