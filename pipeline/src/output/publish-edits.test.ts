import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ALL_SLUG,
  type Article,
  dataPaths,
  type ListHead,
  type ListTable,
  type Manifest,
} from '../../../src/lib/content-contract.ts';
import { type CacheEntry, loadCache } from '../cache/build-cache.ts';
import { EntryTable } from '../cache/entry-table.ts';
import { runPipeline } from '../run-pipeline.ts';
import { editLimit } from '../read/plan-edits.ts';
import { touchedLists, windowLimit } from './publish-edits.ts';
import { OrderNumbers } from '../search/order-numbers.ts';
import { searchInputSignature } from '../search/search-input.ts';
import { TermStore } from '../search/search-term-cache.ts';
import { publishedFiles } from '../testing/published-files.ts';
import { readListPage } from '../testing/read-list-page.ts';

// The stores' rewrite policy, which a test can force: every store then due a rewrite.
const rewrite = vi.hoisted(() => ({ forced: false }));
vi.mock('../cache/rewrite-policy.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../cache/rewrite-policy.ts')>();
  return {
    dueRewrite: (bytes: number, live: number) => rewrite.forced || actual.dueRewrite(bytes, live),
    liveAfterReplacing: (...args: Parameters<typeof actual.liveAfterReplacing>) =>
      rewrite.forced ? undefined : actual.liveAfterReplacing(...args),
  };
});

// Calls to link the published index's docs files into the staging area.
const linking = vi.hoisted(() => ({ calls: 0 }));
vi.mock('./link-files.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./link-files.ts')>();
  return {
    ...actual,
    linkFiles: (...args: Parameters<typeof actual.linkFiles>) => {
      linking.calls++;
      return actual.linkFiles(...args);
    },
  };
});

// The rules lists are cut by, which a test can say changed; and the group ends found above a
// change, from which a list is kept as it was.
const layout = vi.hoisted(() => ({ changed: false, keptFrom: 0 }));
vi.mock('./list-layout.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./list-layout.ts')>();
  return {
    ...actual,
    get LIST_LAYOUT_VERSION() {
      return actual.LIST_LAYOUT_VERSION + (layout.changed ? 1 : 0);
    },
    groupEndAfter: (...args: Parameters<typeof actual.groupEndAfter>) => {
      const end = actual.groupEndAfter(...args);
      if (end >= 0) layout.keptFrom++;
      return end;
    },
  };
});

let root: string;
let inDir: string;
let outDir: string;
let cacheDir: string;

const NOW = () => new Date('2024-05-01T00:00:00Z');
const run = (extra: Partial<Parameters<typeof runPipeline>[0]> = {}) =>
  runPipeline({ inDir, outDir, cacheDir, pageSize: 4, now: NOW, ...extra });

function article(title: string, date: string, categories: string[], tags: string[] = [], body = '<p>正文。</p>') {
  const tagLines = tags.length > 0 ? `tags: [${tags.join(', ')}]\n` : '';
  return `---\ntitle: ${title}\ndate: ${date}\n${tagLines}categories:\n${categories.map((c) => ` - ${c}`).join('\n')}\n---\n${body}\n`;
}

function write(relative: string, content: string | Buffer): void {
  const file = path.join(inDir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const readManifest = () => JSON.parse(fs.readFileSync(path.join(outDir, dataPaths.manifest()), 'utf8')) as Manifest;

const day = (i: number) => `2024-03-${String((i % 28) + 1).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`;
const categoriesOf = (i: number) => (i % 3 === 0 ? ['要闻', '财经'] : i % 3 === 1 ? ['要闻'] : ['体育']);
const tagsOf = (i: number) => (i % 4 === 0 ? ['港口'] : []);
const post = (i: number, title = `第${i}篇`, body?: string) =>
  article(title, day(i), categoriesOf(i), tagsOf(i), body ?? `<p>第${i}篇的正文，写港口与航运。</p>`);

/** Every published file with its text, the manifest's time left out; the search index compared whole. */
const tree = (folder: string) => publishedFiles(folder, (_file, text) => text.replace(/"generatedAt":"[^"]*"/, ''));

/** Builds the same input cold into another folder and expects the same files, byte for byte. */
async function expectSameAsCold(extra: Partial<Parameters<typeof runPipeline>[0]> = {}): Promise<void> {
  const coldOut = path.join(root, `cold-${Math.random().toString(36).slice(2)}`, 'data');
  const cold = await runPipeline({ inDir, outDir: coldOut, pageSize: 4, now: NOW, ...extra });
  expect(tree(outDir)).toEqual(tree(coldOut));
  expectSignatureOfWholeInput();
  const again = await run({ changed: [], ...extra });
  expect(again.parsed).toBe(0);
  for (const field of ['built', 'skipped', 'drafts', 'problems'] as const) expect(again[field]).toEqual(cold[field]);
}

/**
 * The cache's search-input signature, which a run of edits changes by the documents it touched,
 * is the one hashing every article gives: else the next whole run would rebuild the index.
 */
function expectSignatureOfWholeInput(): void {
  const cache = loadCache(cacheDir, inDir, outDir);
  const order = cache?.table.order(false);
  if (!cache?.search || !order) throw new Error('no search signature or order in the cache');
  // By number, as the index numbers them (by day, decision 0006).
  const numbers = new OrderNumbers(order, cache.search.info.numbering, 0);
  const whole = searchInputSignature(cache.termStore?.generation ?? -1, numbers.ids(), (n) =>
    order.termsAt(numbers.placeOf(n)),
  );
  expect(cache.search.signature).toBe(whole);
}

beforeEach(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-edits-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'out', 'data');
  cacheDir = path.join(root, 'cache');
  for (let i = 1; i <= 40; i++) write(`${i % 2 === 0 ? 'even/' : ''}p${i}.md`, post(i));
  write('draft.md', article('草稿', day(5), ['要闻']).replace('---\n<p', 'published: false\n---\n<p'));
  write('broken.md', '---\ntitle: [unclosed\n---\n<p>坏的。</p>\n');
  write('undated.md', '---\ntitle: 没有日期\ncategories: [体育]\n---\n<p>正文。</p>\n');
  // Its date is its file's: an old one, so that the newest articles are the dated ones.
  fs.utimesSync(path.join(inDir, 'undated.md'), new Date('2020-01-01'), new Date('2020-01-01'));
  await run();
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('edits published in place', () => {
  it('writes the stores anew in a run of edits from the rows, not from every entry made', async () => {
    const generations = () => {
      const cache = loadCache(cacheDir, inDir, outDir);
      return [cache?.termStore?.generation ?? -1, cache?.summaryStore?.generation ?? -1];
    };
    const before = generations();
    rewrite.forced = true;
    const everyEntry = vi.spyOn(EntryTable.prototype, 'all');
    try {
      write('p7.md', post(7, '第7篇改过', '<p>改过的正文，写南湖的渡船。</p>'));
      expect(await run({ changed: ['p7.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
      write('newest.md', article('最新的一篇', '2024-04-30 08:00:00', ['财经'], ['港口']));
      expect(await run({ changed: ['newest.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
      fs.rmSync(path.join(inDir, 'even/p12.md'));
      expect(await run({ changed: ['even/p12.md'] })).toMatchObject({ run: 'edits', parsed: 0 });
      // Each run wrote both stores anew from the rows, where it made every entry (a whole run's
      // memory inside a run of edits, at a million articles).
      expect(generations().map((generation, n) => generation - (before[n] ?? 0))).toEqual([3, 3]);
      expect(everyEntry).not.toHaveBeenCalled();
      await expectSameAsCold();
    } finally {
      rewrite.forced = false;
      everyEntry.mockRestore();
    }
    // The next run of edits appends to the stores written anew, as before.
    write('p9.md', post(9, '第9篇改过'));
    expect(await run({ changed: ['p9.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
    await expectSameAsCold();
  });

  it('writes what a whole run writes when a body changes, and only the files that hold the article', async () => {
    const inode = (file: string) => fs.statSync(path.join(outDir, file)).ino;
    const untouched = ['articles/p20.json', 'articles/p9.json', 'articles/p11.json'].map(inode);
    write('p10.md'.replace(/^/, 'even/'), post(10, '第10篇', '<p>改过的正文，南湖。</p>'));
    const report = await run({ changed: ['even/p10.md'] });
    expect(report).toMatchObject({ run: 'edits', parsed: 1, written: true, searchIndex: 'patched' });
    // The same title: the neighbours' files are not rewritten.
    expect(['articles/p20.json', 'articles/p9.json', 'articles/p11.json'].map(inode)).toEqual(untouched);
    await expectSameAsCold();
  });

  it('shows a new title in the neighbours, the lists and the search, for the newest, the oldest and two side by side', async () => {
    const byDate = [...Array.from({ length: 40 }, (_, n) => n + 1)].sort((a, b) => (day(a) < day(b) ? 1 : -1));
    const [newest, second] = byDate as [number, number];
    const oldest = byDate.at(-1) as number;
    const file = (i: number) => `${i % 2 === 0 ? 'even/' : ''}p${i}.md`;
    for (const i of [newest, second, oldest]) write(file(i), post(i, `新标题${i}`));
    const report = await run({ changed: [file(newest), file(second), file(oldest)] });
    expect(report).toMatchObject({ run: 'edits', parsed: 3 });
    expect(
      readListPage(outDir, { slug: 'all' }, 1)
        .items.slice(0, 2)
        .map((item) => item.title),
    ).toEqual([`新标题${newest}`, `新标题${second}`]);
    expect(JSON.parse(fs.readFileSync(path.join(outDir, `articles/p${second}.json`), 'utf8')) as Article).toMatchObject(
      { prev: { id: `p${newest}`, title: `新标题${newest}` } },
    );
    await expectSameAsCold();
  });

  it('edits a tagged article in place, and a file touched with the same content changes nothing but the time', async () => {
    write('even/p8.md', post(8, '港口第8篇', '<p>港口的新闻。</p>'));
    expect(await run({ changed: ['even/p8.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
    await expectSameAsCold();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(inDir, 'p3.md'), later, later);
    const before = tree(outDir);
    expect(await run({ changed: ['p3.md'] })).toMatchObject({ run: 'edits', parsed: 1, searchIndex: 'kept' });
    expect(tree(outDir)).toEqual(before);
  });

  it('moves an article to a new date or into another category in place, and hands over when a file fails', async () => {
    write('p3.md', article('第3篇', '2024-04-20 10:00:00', categoriesOf(3))); // a new date: it moves up
    expect(await run({ changed: ['p3.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
    await expectSameAsCold();
    write('p5.md', '---\ntitle: [broken\n---\n'); // fails: it leaves the lists
    expect(await run({ changed: ['p5.md'] })).toMatchObject({ run: 'whole' });
    await expectSameAsCold();
    write('p7.md', article('第7篇', day(7), ['文化'])); // another category, a new one
    expect(await run({ changed: ['p7.md'] })).toMatchObject({ run: 'edits' });
    await expectSameAsCold();
    write('new.md', post(41)); // added below the newest
    expect(await run({ changed: ['new.md'] })).toMatchObject({ run: 'edits' });
    await expectSameAsCold();
    // To the oldest, tagged: every document above its old place moves, renumbered in the index.
    write('p3.md', article('第3篇', '2023-01-01 10:00:00', categoriesOf(3), ['港口']));
    expect(await run({ changed: ['p3.md'] })).toMatchObject({ run: 'edits', searchIndex: 'patched' });
    await expectSameAsCold();
  });

  it("changes an old article's categories and tags where it is, without laying out the articles above it", async () => {
    const inode = (file: string) => fs.statSync(path.join(outDir, file)).ino;
    // p4 is among the oldest (4 March): every list's newest files stay as they were, articles too.
    const newest = ['lists/all/head.json', 'articles/p27.json', 'articles/p26.json'];
    const kept = newest.map(inode);
    write('even/p4.md', article('第4篇', day(4), ['体育', '文化'], ['新港']));
    expect(await run({ changed: ['even/p4.md'] })).toMatchObject({ run: 'edits', parsed: 1, searchIndex: 'patched' });
    expect(newest.map(inode)).toEqual(kept);
    await expectSameAsCold();
    // Back to its lists, and two more leave lists at once: one emptied tag, a shorter category.
    write('even/p4.md', post(4));
    write('p9.md', article('第9篇', day(9), ['体育']));
    write('p15.md', article('第15篇', day(15), ['体育', '要闻']));
    const changed = ['even/p4.md', 'p9.md', 'p15.md'];
    expect(await run({ changed })).toMatchObject({ run: 'edits', parsed: 3 });
    await expectSameAsCold();
  });

  it('adds the newest article and deletes it again, rewriting only heads and newest chunks', async () => {
    // The files of the list of all articles but its head, by name, with their inodes.
    const parts = () =>
      new Map(
        fs
          .readdirSync(path.join(outDir, 'lists/all'))
          .filter((name) => name !== 'head.json')
          .map((name) => [name, fs.statSync(path.join(outDir, 'lists/all', name)).ino]),
      );
    const before = parts();
    // A new category and a new tag come with it.
    write('top/news.md', article('最新一篇', '2024-04-30 10:00:00', ['要闻', '文化'], ['港口', '新标签']));
    expect(await run({ changed: ['top/news.md'] })).toMatchObject({ run: 'edits', parsed: 1, searchIndex: 'appended' });
    expect(readListPage(outDir, { slug: 'all' }, 1).items[0]?.title).toBe('最新一篇');
    // Its newest chunk comes under a new name and the one it replaces goes; the others stay as they were.
    const after = parts();
    expect([...after].filter(([name, ino]) => before.get(name) !== ino)).toHaveLength(1);
    expect([...before.keys()].filter((name) => !after.has(name))).toHaveLength(1);
    expect(after.size).toBeGreaterThan(2);
    await expectSameAsCold();

    fs.rmSync(path.join(inDir, 'top/news.md'));
    expect(await run({ changed: ['top/news.md'] })).toMatchObject({ run: 'edits', parsed: 0 });
    expect(fs.existsSync(path.join(outDir, 'articles/news.json'))).toBe(false);
    await expectSameAsCold();
  });

  it("links a category's parts to the whole list's, in a whole run and in a run of edits", async () => {
    // An archive of one source: every dated article also has the source's name as a category.
    const withSource = (i: number) =>
      article(`第${i}篇`, day(i), [...categoriesOf(i), '本站'], tagsOf(i), `<p>第${i}篇的正文，写港口与航运。</p>`);
    for (let i = 1; i <= 40; i++) write(`${i % 2 === 0 ? 'even/' : ''}p${i}.md`, withSource(i));
    await run();
    const slug = readManifest().categories.find((category) => category.name === '本站')?.slug ?? '';
    const inodes = (list: string) =>
      new Map(
        fs
          .readdirSync(path.join(outDir, 'lists', list))
          .filter((name) => name !== 'head.json')
          .map((name) => [name, fs.statSync(path.join(outDir, 'lists', list, name)).ino]),
      );
    // Parts of one name are one file; the undated article, the oldest, has only 体育: the oldest chunk differs.
    const expectShared = () => {
      const all = inodes('all');
      const source = inodes(slug);
      const shared = [...source].filter(([name]) => all.has(name));
      expect(shared.length).toBeGreaterThanOrEqual(Math.max(2, source.size - 2));
      for (const [name, ino] of shared) expect(ino, name).toBe(all.get(name));
    };
    expectShared();
    write('top/news.md', article('最新一篇', '2024-04-30 10:00:00', ['要闻', '本站']));
    expect(await run({ changed: ['top/news.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
    expect(readListPage(outDir, { slug }, 1).items[0]?.title).toBe('最新一篇');
    expectShared();
    await expectSameAsCold();
  });

  it('writes the feeds a whole run writes, as a category comes with the newest article and goes with it', async () => {
    const site = { siteUrl: 'https://news.example.cn/' };
    expect(await run({ ...site, changed: [] })).toMatchObject({ run: 'edits', feeds: { lists: 4, written: 4 } });
    await expectSameAsCold(site);
    write('top/news.md', article('最新一篇', '2024-04-30 10:00:00', ['要闻', '文化'], ['港口']));
    // All articles, 要闻 and 文化; the article it pushes down is written again for its neighbour, its feeds are not.
    expect(await run({ ...site, changed: ['top/news.md'] })).toMatchObject({
      run: 'edits',
      feeds: { lists: 5, written: 3 },
    });
    await expectSameAsCold(site);
    const culture = readManifest().categories.find((category) => category.name === '文化')?.slug ?? '';
    expect(fs.existsSync(path.join(outDir, dataPaths.feedAtom(culture)))).toBe(true);
    fs.rmSync(path.join(inDir, 'top/news.md'));
    expect(await run({ ...site, changed: ['top/news.md'] })).toMatchObject({
      run: 'edits',
      feeds: { lists: 4, written: 2 },
    });
    expect(fs.existsSync(path.join(outDir, path.dirname(dataPaths.feedAtom(culture))))).toBe(false);
    await expectSameAsCold(site);

    // A feed removed by hand is written again by a run of edits found by listing the input.
    fs.rmSync(path.join(outDir, dataPaths.feedAtom(ALL_SLUG)));
    write('p9.md', post(9, '新标题')); // in 要闻 and 财经
    expect(await run(site)).toMatchObject({ run: 'edits', feeds: { lists: 4, written: 3 } });
    await expectSameAsCold(site);
  });

  it('takes the newest away, adds two newer ones and edits an old one in one run', async () => {
    const byDate = Array.from({ length: 40 }, (_, n) => n + 1).sort((a, b) => (day(a) < day(b) ? 1 : -1));
    const newest = byDate[0] as number;
    fs.rmSync(path.join(inDir, `${newest % 2 === 0 ? 'even/' : ''}p${newest}.md`));
    write('a1.md', article('新一', '2024-04-29 10:00:00', ['体育'], ['港口']));
    write('a2.md', article('新二', '2024-04-28 10:00:00', ['要闻']));
    write('p1.md', post(1, '改了标题'));
    const named = [`${newest % 2 === 0 ? 'even/' : ''}p${newest}.md`, 'a1.md', 'a2.md', 'p1.md'];
    expect(await run({ changed: named })).toMatchObject({ run: 'edits', parsed: 3, searchIndex: 'patched' });
    await expectSameAsCold();
  });

  it('deletes and adds older articles in place, and hands over for a new name that is taken', async () => {
    fs.rmSync(path.join(inDir, 'p3.md'));
    expect(await run({ changed: ['p3.md'] })).toMatchObject({ run: 'edits' });
    expect(fs.existsSync(path.join(outDir, 'articles/p3.json'))).toBe(false);
    await expectSameAsCold();
    write('old.md', article('旧闻', '2023-01-01 10:00:00', ['要闻']));
    expect(await run({ changed: ['old.md'] })).toMatchObject({ run: 'edits' });
    await expectSameAsCold();
    write('other/P5.md', article('同名', '2024-04-30 10:00:00', ['要闻'])); // "p5" is taken, in another case
    expect(await run({ changed: ['other/P5.md'] })).toMatchObject({ run: 'whole' });
    await expectSameAsCold();
  });

  it('publishes random moves, deletions and additions anywhere in the order as a cold build does', async () => {
    // A fixed seed: each round is a few files named or found by listing, then compared whole.
    let seed = 20261205;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % below;
    };
    const present = new Map(
      Array.from({ length: 40 }, (_, n) => [`${(n + 1) % 2 === 0 ? 'even/' : ''}p${n + 1}.md`, n + 1]),
    );
    let fresh = 100;
    const kinds = new Set<string>();
    for (let round = 0; round < 14; round++) {
      const named: string[] = [];
      for (let change = random(4); change >= 0; change--) {
        const files = [...present.keys()];
        const file = files[random(files.length)] as string;
        const i = present.get(file) as number;
        const kind = (['date', 'category', 'tag', 'title', 'delete', 'add'] as const)[random(6)] as string;
        if (named.includes(file) && kind !== 'add') continue;
        kinds.add(kind);
        if (kind === 'date') write(file, article(`第${i}篇`, day(random(60)), categoriesOf(i), tagsOf(i)));
        else if (kind === 'category')
          write(file, article(`第${i}篇`, day(i), categoriesOf(i + 1 + random(2)), tagsOf(i)));
        else if (kind === 'tag') write(file, article(`第${i}篇`, day(i), categoriesOf(i), random(2) ? ['新港'] : []));
        else if (kind === 'title') write(file, post(i, `第${i}篇改${round}`));
        else if (kind === 'delete') {
          fs.rmSync(path.join(inDir, file));
          present.delete(file);
        }
        if (kind !== 'add') {
          named.push(file);
          continue;
        }
        const added = `new/n${fresh}.md`;
        write(added, post(fresh % 37, `新${fresh}`).replace(/date: .*/, `date: ${day(random(60))}`));
        present.set(added, fresh++);
        named.push(added);
      }
      const listed = round % 3 === 2; // found by listing the input, not named
      const report = await run(listed ? {} : { changed: named });
      expect({ round, run: report.run }).toEqual({ round, run: 'edits' });
      await expectSameAsCold();
    }
    expect(kinds.size).toBe(6);
  });

  it('files and deletes an article far below the newest, across docs files of the search index, as a cold build does', async () => {
    // 170 older articles, an hour apart in January: with the 40 of March, three docs files of 100.
    const january = (hour: number) =>
      new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (let n = 0; n < 170; n++)
      write(`old/o${n}.md`, article(`旧文${n}`, january(2 * n), categoriesOf(n), tagsOf(n)));
    await run();
    // Filed between the 30th and 31st oldest: the document 31 of about 213, every later one a number on.
    write('old/late.md', article('补发的旧文', january(61), ['要闻'], [], '<p>补发的旧文，写港口。</p>'));
    // The stored terms of the documents above it, the same before and after: each read once.
    const reads = vi.spyOn(TermStore.prototype, 'slice');
    try {
      expect(await run({ changed: ['old/late.md'] })).toMatchObject({ run: 'edits', searchIndex: 'patched' });
      const offsets = reads.mock.calls.map(([[offset]]) => offset);
      expect(offsets.length).toBeGreaterThan(150);
      expect(new Set(offsets).size).toBe(offsets.length);
    } finally {
      reads.mockRestore();
    }
    await expectSameAsCold();
    fs.rmSync(path.join(inDir, 'old/late.md'));
    expect(await run({ changed: ['old/late.md'] })).toMatchObject({ run: 'edits', searchIndex: 'patched' });
    await expectSameAsCold();
  });

  it('lays out again only the days an older change reaches in an archive numbered by day, as a cold build does', async () => {
    // 200 older articles, four a day from 1 January: with the 40 of March (and no undated file
    // of 2020), the search documents are numbered by day (decision 0006). Pages of one article:
    // chunks of one, whose names a run of edits takes over above the window when they moved.
    fs.rmSync(path.join(inDir, 'undated.md'));
    const one = { pageSize: 1 };
    const winter = (n: number) =>
      new Date(Date.UTC(2024, 0, 1) + n * 6 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (let n = 0; n < 200; n++) write(`old/o${n}.md`, article(`旧文${n}`, winter(n), categoriesOf(n), tagsOf(n)));
    await run(one);
    expect(readManifest().search.numbering).toBeDefined();
    let seed = 20261207;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % below;
    };
    const present = new Set(Array.from({ length: 200 }, (_, n) => n));
    const reads = vi.spyOn(TermStore.prototype, 'slice');
    try {
      for (let round = 0; round < 12; round++) {
        // One to three changes among the old articles, far below the newest.
        const named: string[] = [];
        for (let change = random(3); change >= 0; change--) {
          const n = random(200);
          const file = `old/o${n}.md`;
          if (named.includes(file)) continue;
          named.push(file);
          const kind = random(4);
          if (kind === 0 && present.has(n)) {
            fs.rmSync(path.join(inDir, file));
            present.delete(n);
          } else if (kind === 1) {
            // Filed again on another day of the winter.
            write(file, article(`旧文${n}`, winter(random(200)).replace(/:00$/, ':30'), categoriesOf(n), tagsOf(n)));
            present.add(n);
          } else if (kind === 2) {
            write(file, article(`旧文${n}改${round}`, winter(n), categoriesOf(n + 1), tagsOf(n)));
            present.add(n);
          } else {
            write(file, article(`旧文${n}`, winter(n), categoriesOf(n), tagsOf(n)));
            present.add(n);
          }
        }
        reads.mockClear();
        const report = await run(round % 3 === 2 ? one : { ...one, changed: named });
        expect({ round, run: report.run }).toEqual({ round, run: 'edits' });
        // The stored terms of the days the changes reach, not of every article above them (the
        // 40 of March and a hundred or so of the winter).
        if (report.searchIndex === 'patched') expect(reads.mock.calls.length, `round ${round}`).toBeLessThan(40);
        await expectSameAsCold(one);
      }
    } finally {
      reads.mockRestore();
    }
    // Lists kept as they were above a group end over the changes, in some rounds.
    expect(layout.keptFrom).toBeGreaterThan(0);
    // The cache's log names the windows below the newest that its lines laid out again.
    const log = fs.readdirSync(cacheDir).find((name) => name.endsWith('.log'));
    expect(log && fs.readFileSync(path.join(cacheDir, log), 'utf8')).toMatch(/"order":null,"window":\{"from":[1-9]/);
  });

  it('lays out every list again in a whole run when the rules lists are cut by changed', async () => {
    write('p9.md', post(9, '新标题'));
    expect(await run({ changed: ['p9.md'] })).toMatchObject({ run: 'edits' });
    layout.changed = true;
    try {
      write('p9.md', post(9, '又一个标题'));
      expect(await run({ changed: ['p9.md'] })).toMatchObject({ run: 'whole' });
      await expectSameAsCold();
      write('p9.md', post(9));
      expect(await run({ changed: ['p9.md'] })).toMatchObject({ run: 'edits' });
    } finally {
      layout.changed = false;
    }
  });

  it('lays out again only the stretch of a list around a change deep in it, groups and all, as a cold build does', async () => {
    // Pages of one article: chunks of one, groups of about a hundred (decision 0025), so 400
    // articles make lists of several groups, and changes far down reach into closed ones.
    const january = (hour: number) =>
      new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (let n = 0; n < 360; n++)
      write(`old/o${n}.md`, article(`旧文${n}`, january(2 * n), categoriesOf(n), tagsOf(n)));
    const one = { pageSize: 1 };
    await run(one);
    const head = () => JSON.parse(fs.readFileSync(path.join(outDir, dataPaths.listHead(ALL_SLUG)), 'utf8')) as ListHead;
    // The head names a table of several groups (decision 0026).
    const [table] = head().parts;
    expect(table?.[0]).toMatch(/^t/);
    const groups = () =>
      (
        JSON.parse(
          fs.readFileSync(path.join(outDir, dataPaths.listPart(ALL_SLUG, head().parts[0]?.[0] ?? '')), 'utf8'),
        ) as ListTable
      ).groups;
    expect(groups().length).toBeGreaterThan(1);
    const inodes = () =>
      new Map(
        fs
          .readdirSync(path.join(outDir, 'lists', ALL_SLUG))
          .map((name) => [name, fs.statSync(path.join(outDir, 'lists', ALL_SLUG, name)).ino]),
      );
    let seed = 20261207;
    const random = (below: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % below;
    };
    for (let round = 0; round < 8; round++) {
      const n = 20 + random(200); // far below the newest, among the old
      const file = `old/o${n}.md`;
      const kind = round % 4;
      if (kind === 0) fs.rmSync(path.join(inDir, file), { force: true });
      else if (kind === 1) write(file, article(`旧文${n}`, january(2 * n), categoriesOf(n), tagsOf(n)));
      else if (kind === 2) write(file, article(`旧文${n}改`, january(2 * n), categoriesOf(n), tagsOf(n)));
      else write(`old/late${round}.md`, article(`补发${round}`, january(2 * n + 1), ['要闻'], ['港口']));
      const before = inodes();
      const report = await run({ ...one, changed: [kind === 3 ? `old/late${round}.md` : file] });
      expect({ round, run: report.run }).toEqual({ round, run: 'edits' });
      // The head and a few parts around the change: never the list's every newer chunk, which
      // here are up to 340.
      const rewritten = [...inodes()].filter(([name, ino]) => before.get(name) !== ino);
      expect(rewritten.length, `round ${round}`).toBeLessThanOrEqual(8);
      await expectSameAsCold(one);
    }
  });

  it('renumbers the documents above an article filed below the newest in the lists of an older article edited in the same run', async () => {
    // p2 (3 March) keeps most of its terms through its edit. Their lists also hold the articles
    // above the one filed on 25 March, which come back a number on.
    const edited = '<p>第2篇的正文，写港口与航运，又添一句。</p>';
    write('even/p2.md', post(2, '第2篇', edited));
    write('late.md', article('补发', '2024-03-25 12:30:00', ['要闻'], [], '<p>补发的正文，写港口与航运。</p>'));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 2, searchIndex: 'patched' });
    await expectSameAsCold();
    fs.rmSync(path.join(inDir, 'late.md'));
    write('even/p2.md', post(2));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 1, searchIndex: 'patched' });
    await expectSameAsCold();
  });

  it('links no docs files of the search index in a run that changes no document, and links them for an edit', async () => {
    // 170 older articles: with the 40 of March, three docs files of 100.
    for (let n = 0; n < 170; n++) write(`old/o${n}.md`, article(`旧文${n}`, `2024-01-01 ${n % 24}:00:00`, ['要闻']));
    await run();
    linking.calls = 0;
    expect(await run()).toMatchObject({ run: 'edits', parsed: 0, searchIndex: 'kept' });
    expect(await run({ changed: [] })).toMatchObject({ run: 'edits', parsed: 0, searchIndex: 'kept' });
    expect(linking.calls).toBe(0);
    // An edit far below the newest patches the index over the published docs files, linked.
    write('old/o3.md', article('旧文3', '2024-01-01 3:00:00', ['要闻'], [], '<p>改过的旧文，写航运。</p>'));
    expect(await run({ changed: ['old/o3.md'] })).toMatchObject({ run: 'edits', parsed: 1 });
    expect(linking.calls).toBeGreaterThan(0);
    await expectSameAsCold();
  });

  it('links the chunks of the search index that a run leaves as they were', async () => {
    // 170 older articles of 300 words each from 10,000, every word in about five: an index of a
    // few dozen chunks, of which the newest article's few terms touch a handful.
    const words = (n: number) =>
      `<p>${Array.from({ length: 300 }, (_, k) => `v${(n * 7919 + k * 104_729) % 10_000}`).join(' ')}</p>`;
    for (let n = 0; n < 170; n++)
      write(`old/o${n}.md`, article(`旧文${n}`, `2024-01-01 ${n % 24}:00:00`, ['要闻'], [], words(n)));
    write('top.md', article('最新', '2024-04-30 10:00:00', ['要闻']));
    await run();
    const index = () => readManifest().search;
    const chunks = (search: Manifest['search']) =>
      Array.from({ length: search.buckets }, (_, n) => path.join(outDir, dataPaths.searchTerms(search.path, n)));
    const before = chunks(index()).map((file) => ({ bytes: fs.readFileSync(file), ino: fs.statSync(file).ino }));
    expect(before.length).toBeGreaterThan(10);
    fs.rmSync(path.join(inDir, 'top.md'));
    expect(await run({ changed: ['top.md'] })).toMatchObject({ run: 'edits', searchIndex: 'patched' });
    const after = chunks(index());
    expect(after).toHaveLength(before.length);
    const kept = after.filter((file, n) => fs.readFileSync(file).equals(before[n]?.bytes ?? Buffer.alloc(0)));
    expect(kept.length).toBeGreaterThan(before.length / 2);
    for (const file of kept) expect(fs.statSync(file).ino).toBe(before[after.indexOf(file)]?.ino);
    await expectSameAsCold();

    // Filed below the newest, on a day of its own: a patch, which links the chunks it leaves.
    write('top.md', article('最新', '2024-04-30 10:00:00', ['要闻']));
    expect(await run({ changed: ['top.md'] })).toMatchObject({ run: 'edits', searchIndex: 'appended' });
    const published = chunks(index()).map((file) => ({ bytes: fs.readFileSync(file), ino: fs.statSync(file).ino }));
    write('old/late.md', article('补发', '2024-02-01 12:30:00', ['要闻'], [], '<p>补发的旧文，写港口。</p>'));
    expect(await run({ changed: ['old/late.md'] })).toMatchObject({ run: 'edits', searchIndex: 'patched' });
    const filed = chunks(index());
    const same = filed.filter((file, n) => fs.readFileSync(file).equals(published[n]?.bytes ?? Buffer.alloc(0)));
    expect(same.length).toBeGreaterThan(0);
    for (const file of same) expect(fs.statSync(file).ino).toBe(published[filed.indexOf(file)]?.ino);
    await expectSameAsCold();
  });

  it('keeps slugs handed out around a clash as a whole run does, handing over when a category goes', async () => {
    // Two names whose slugs collide (c_55299a56): in name order the later one gets "_2".
    write('clash/b.md', article('乙', '2024-04-10 10:00:00', ['航车汽']));
    write('clash/top.md', article('最新', '2024-04-30 10:00:00', ['育色农口']));
    await run({ changed: ['clash/b.md', 'clash/top.md'] });
    const slugs = () =>
      (JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest).categories;
    expect(slugs().filter((category) => category.slug.startsWith('c_55299a56'))).toHaveLength(2);
    write('clash/b.md', article('乙改', '2024-04-10 10:00:00', ['航车汽']));
    const edit = await run({ changed: ['clash/b.md'] });
    expect(edit.run).toBe('edits');
    expect(edit.problems.some((problem) => problem.message.includes('has the same slug'))).toBe(true);
    await expectSameAsCold();
    // The last of 育色农口 goes: 航车汽 takes back its own slug, as only a whole run works out.
    fs.rmSync(path.join(inDir, 'clash/top.md'));
    expect(await run({ changed: ['clash/top.md'] })).toMatchObject({ run: 'whole' });
    expect(slugs().find((category) => category.name === '航车汽')?.slug).toBe('c_55299a56');
    await expectSameAsCold();
  });

  it('edits beside an article with a post asset folder, and hands over when one of its files changed or it is named', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    write('印花.md', article('资产', day(3), ['要闻'], [], '![](./细节.png)'));
    write('印花/细节.png', png);
    await run();
    // Named articles without one are edited in place, even moved above the one that has one.
    write('p3.md', post(3, '第3篇改'));
    write('even/p30.md', article('第30篇', day(2), categoriesOf(30)));
    expect(await run({ changed: ['p3.md', 'even/p30.md'] })).toMatchObject({ run: 'edits', parsed: 2 });
    expect(fs.readFileSync(path.join(outDir, 'assets/印花/细节.png'))).toHaveLength(png.length);
    await expectSameAsCold();
    // Found by listing, with every asset as it was published: edits too.
    write('p5.md', post(5, '第5篇改'));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 1 });
    await expectSameAsCold();
    // The output's folders changed since (a file come and gone): it is listed, its assets expected.
    fs.writeFileSync(path.join(outDir, 'assets/stray.txt'), 'x');
    fs.rmSync(path.join(outDir, 'assets/stray.txt'));
    write('p5.md', post(5, '第5篇再改'));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 1 });
    // An asset changed, nothing named: the whole run copies it.
    write('印花/细节.png', Buffer.concat([png, png, png]));
    fs.utimesSync(path.join(inDir, '印花/细节.png'), new Date(), new Date(Date.now() + 3000));
    write('p7.md', post(7, '第7篇改'));
    expect(await run()).toMatchObject({ run: 'whole', parsed: 1 });
    expect(fs.readFileSync(path.join(outDir, 'assets/印花/细节.png'))).toHaveLength(png.length * 3);
    // The article itself, named: the whole run.
    write('印花.md', article('资产改', day(3), ['要闻'], [], '![](./细节.png)'));
    expect(await run({ changed: ['印花.md'] })).toMatchObject({ run: 'whole', parsed: 1 });
    await expectSameAsCold();
    write('印花/细节.png', Buffer.concat([png, png]));
    fs.utimesSync(path.join(inDir, '印花/细节.png'), new Date(), new Date(Date.now() + 5000));
    write('p9.md', post(9, '新标题'));
    expect(await run({ changed: ['p9.md', '印花/细节.png'] })).toMatchObject({ run: 'whole', parsed: 1 });
    expect(fs.readFileSync(path.join(outDir, 'assets/印花/细节.png'))).toHaveLength(png.length * 2);
    await expectSameAsCold();
  });

  it('publishes edits found by listing the input, unless the output was changed by hand', async () => {
    write('p9.md', post(9, '新标题'));
    write('top.md', article('最新', '2024-04-30 10:00:00', ['要闻']));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 2 });
    await expectSameAsCold();
    fs.rmSync(path.join(inDir, 'top.md'));
    expect(await run()).toMatchObject({ run: 'edits', parsed: 0 });
    await expectSameAsCold();

    // A stray file, or a file gone from the output: a whole run, which mends it.
    fs.writeFileSync(path.join(outDir, 'articles', 'stray.json'), '{}');
    write('p9.md', post(9, '又一个标题'));
    expect(await run()).toMatchObject({ run: 'whole', parsed: 1 });
    expect(fs.existsSync(path.join(outDir, 'articles', 'stray.json'))).toBe(false);
    await expectSameAsCold();
    fs.rmSync(path.join(outDir, 'articles', 'p11.json'));
    expect(await run()).toMatchObject({ run: 'whole', parsed: 0 });
    await expectSameAsCold();
  });

  it('with --strict and problems in the input, parses the edit and leaves the output as it was', async () => {
    const before = tree(outDir);
    write('p9.md', post(9, '新标题'));
    const report = await run({ changed: ['p9.md'], strict: true });
    expect(report).toMatchObject({ run: 'edits', written: false });
    expect(report.problems.map((problem) => problem.file)).toEqual(['broken.md', 'undated.md']);
    expect(tree(outDir)).toEqual(before);
    expect((await run({ changed: ['p9.md'] })).run).toBe('edits');
    await expectSameAsCold();
    expect((JSON.parse(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest).total).toBe(41);
  });
});

describe('editLimit', () => {
  it('lets a run of edits parse or delete one file in 400, between 64 and 2,048', () => {
    expect(editLimit(40)).toBe(64);
    expect(editLimit(25_600)).toBe(64);
    expect(editLimit(100_000)).toBe(250);
    expect(editLimit(1_000_000)).toBe(2048);
  });

  it('hands a small archive over to the whole run past 64 new or changed files, named or found', async () => {
    const add = (from: number, count: number) =>
      Array.from({ length: count }, (_, n) => {
        write(`new/n${from + n}.md`, post(from + n, `新${from + n}`));
        return `new/n${from + n}.md`;
      });
    expect(await run({ changed: add(100, 64) })).toMatchObject({ run: 'edits', parsed: 64 });
    // The whole run reads the cached entries it reuses from their rows, and the table keeps none
    // (a warm whole run at a million held them twice: 2.25 GB against a cold build's 1.42).
    const everyEntry = vi.spyOn(EntryTable.prototype, 'all');
    expect(await run({ changed: add(200, 65) })).toMatchObject({ run: 'whole', parsed: 65 });
    await expectSameAsCold();
    add(300, 65);
    expect(await run()).toMatchObject({ run: 'whole', parsed: 65 });
    await expectSameAsCold();
    expect(everyEntry).not.toHaveBeenCalled();
    everyEntry.mockRestore();
  });
});

describe('touchedLists', () => {
  it('touches only the lists an article came to, went from or changed in, not those of the articles laid out again as they were', () => {
    const entry = (id: string, categories: string[], tags: string[]): CacheEntry => ({
      id,
      mtimeMs: 0,
      size: 0,
      hash: id,
      warnings: [],
      listed: { id, title: id, date: '2024-03-01T00:00:00.000Z', categories, tags },
    });
    // The top as it was: two articles above one deleted, the newer edited; as it is, the older as it was.
    const newer = entry('a', ['要闻'], ['港口']);
    const older = entry('b', ['体育'], ['球赛']);
    const deleted = entry('c', ['要闻'], ['新港']);
    const slugs = [
      { name: '要闻', slug: 'yao-wen', count: 3, pages: 1 },
      { name: '体育', slug: 'ti-yu', count: 1, pages: 1 },
    ];
    const touched = touchedLists(slugs, [newer, older, deleted], [entry('a', ['要闻'], ['港口']), older], [], []);
    const counts = touched.map(({ holds, added, removed }) => [holds?.name ?? '', added, removed]);
    // 体育 and 球赛 hold only the older article, which stayed: their files are left as they are.
    expect(counts).toEqual([
      ['', 2, 3],
      ['要闻', 1, 2],
      ['港口', 1, 1],
      ['新港', 0, 1],
    ]);
  });
});

describe('windowLimit', () => {
  it('lets a run of edits lay out again a quarter of the order, between what the log takes and 65,536 places', () => {
    expect(windowLimit(0)).toBe(4096);
    expect(windowLimit(16_384)).toBe(4096);
    expect(windowLimit(20_000)).toBe(5000);
    expect(windowLimit(100_000)).toBe(25_000);
    expect(windowLimit(262_144)).toBe(65_536);
    expect(windowLimit(1_000_000)).toBe(65_536);
  });
});
