import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SLUG, dataPaths, type Manifest } from '../../../src/lib/content-contract.ts';
import { runPipeline } from '../run-pipeline.ts';

// Every feed is read back with a parser of its own (jsdom's XML parser, not the library that
// wrote it) and checked against what RFC 4287 (Atom) and JSON Feed 1 require of a feed and its entries.

const SITE = 'https://news.example.cn/zh/';
let root: string;
let inDir: string;
let outDir: string;

const NOW = () => new Date('2024-05-01T00:00:00Z');
const run = (extra: Partial<Parameters<typeof runPipeline>[0]> = {}) =>
  runPipeline({ inDir, outDir, cacheDir: path.join(root, 'cache'), pageSize: 4, now: NOW, siteUrl: SITE, ...extra });

function write(relative: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(inDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(inDir, relative), content);
}

/** Seed-shaped: two centred photos, each with a caption ending in a photographer's credit. */
const body = (i: number) =>
  `<p>第${i}篇的导语，写港口与航运。</p>\n` +
  `<p style="text-align: center;"><img src="https://img.example.cn/${i}-a.jpg" data-bitmap="https://mirror.example.cn/${i}-a.jpg"></p>\n` +
  `<p style="text-align: center;">第${i}篇的第一张照片。耿玉和摄（影像中国）</p>\n` +
  `<p>第${i}篇的正文，<a href="/article/a${i + 1}">另一篇</a>。</p>\n` +
  `<p style="text-align: center;"><img src="/photos/${i}-b.jpg"></p>\n` +
  `<p style="text-align: center;">第${i}篇的第二张照片。李青摄</p>\n`;

function post(i: number, { title = `第${i}篇`, categories = [i % 2 === 0 ? '财经' : '体育'] } = {}): string {
  const date = new Date(Date.UTC(2024, 2, 1, i)).toISOString();
  return `\n---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ncategories: ${JSON.stringify(categories)}\n---\n${body(i)}`;
}

const readText = (file: string) => fs.readFileSync(path.join(outDir, file), 'utf8');
const manifest = (): Manifest => JSON.parse(readText(dataPaths.manifest())) as Manifest;
const slugs = () => [ALL_SLUG, ...manifest().categories.map((category) => category.slug)];

const isAbsolute = (url: unknown) => typeof url === 'string' && /^https:\/\/news\.example\.cn\/zh\//.test(url);
const isRfc3339 = (date: unknown) =>
  typeof date === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(date);

const ATOM = 'http://www.w3.org/2005/Atom';
const { DOMParser } = new JSDOM('').window;
/** The Atom children of `parent` named `name`. */
const children = (parent: Element, name: string) =>
  [...parent.children].filter((child) => child.namespaceURI === ATOM && child.localName === name);
/** The text of the one child named `name` (the test fails unless there is exactly one). */
function one(parent: Element, name: string): string {
  const found = children(parent, name);
  expect(found, `${parent.localName} has exactly one ${name}`).toHaveLength(1);
  return found[0]?.textContent ?? '';
}

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  content: string;
}

/**
 * An Atom feed read back by jsdom's XML parser (strict XML 1.0: one ill-formed byte is a parser
 * error) and checked against RFC 4287's musts; its entries.
 */
function readAtom(slug: string): AtomEntry[] {
  const document = new DOMParser().parseFromString(readText(dataPaths.feedAtom(slug)), 'application/xml');
  expect(document.getElementsByTagName('parsererror'), slug).toHaveLength(0);
  const feed = document.documentElement;
  expect([feed.namespaceURI, feed.localName]).toEqual([ATOM, 'feed']);
  expect(isAbsolute(one(feed, 'id')), slug).toBe(true);
  expect(one(feed, 'title')).not.toBe('');
  const updated = one(feed, 'updated');
  expect(isRfc3339(updated)).toBe(true);
  const links = children(feed, 'link');
  const self = links.filter((link) => link.getAttribute('rel') === 'self');
  expect(self.map((link) => link.getAttribute('href'))).toEqual([`${SITE}data/${dataPaths.feedAtom(slug)}`]);
  expect(links.filter((link) => link.getAttribute('rel') === 'alternate')).toHaveLength(1);
  const feedAuthors = children(feed, 'author').length;
  const entries = children(feed, 'entry').map((entry): AtomEntry => {
    const id = one(entry, 'id');
    expect(isAbsolute(id)).toBe(true);
    const title = one(entry, 'title');
    expect(title).not.toBe('');
    const updated = one(entry, 'updated');
    expect(isRfc3339(updated)).toBe(true);
    const alternates = children(entry, 'link').filter(
      (link) => (link.getAttribute('rel') ?? 'alternate') === 'alternate',
    );
    expect(alternates.map((link) => link.getAttribute('href'))).toEqual([id]);
    expect(children(entry, 'content').map((content) => content.getAttribute('type'))).toEqual(['html']);
    expect(feedAuthors + children(entry, 'author').length).toBeGreaterThan(0);
    for (const category of children(entry, 'category')) expect(category.getAttribute('term')).not.toBe('');
    return { id, title, updated, content: one(entry, 'content') };
  });
  // The feed's updated is its newest entry's.
  expect(updated).toBe(
    entries
      .map((entry) => entry.updated)
      .sort()
      .at(-1) ?? updated,
  );
  return entries;
}

interface JsonItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
}

/** A JSON Feed read back and checked against version 1's musts; its items. */
function readJsonFeed(slug: string): JsonItem[] {
  const feed = JSON.parse(readText(dataPaths.feedJson(slug))) as Record<string, unknown> & { items: JsonItem[] };
  expect(feed.version).toBe('https://jsonfeed.org/version/1');
  expect(typeof feed.title).toBe('string');
  expect(feed.feed_url).toBe(`${SITE}data/${dataPaths.feedJson(slug)}`);
  expect(isAbsolute(feed.home_page_url)).toBe(true);
  expect(Array.isArray(feed.items)).toBe(true);
  for (const item of feed.items) {
    expect(typeof item.id).toBe('string');
    expect(isAbsolute(item.url)).toBe(true);
    expect(typeof item.content_html).toBe('string');
  }
  return feed.items;
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'feeds-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'out', 'data');
  for (let i = 1; i <= 56; i++) write(`a${i}.md`, post(i));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('feeds', () => {
  it('writes Atom and JSON Feed for all articles and each category: the newest 50, whole, with absolute addresses', async () => {
    const report = await run();
    expect(report.feeds).toEqual({ lists: 3, written: 3 });
    expect(manifest().feeds).toBe(true);
    expect(slugs()).toHaveLength(3);
    for (const slug of slugs()) {
      const atom = readAtom(slug);
      const json = readJsonFeed(slug);
      expect(atom.map((entry) => entry.id)).toEqual(json.map((item) => item.id));
      const dates = json.map((item) => item.date_published);
      expect(dates).toEqual([...dates].sort().reverse());
    }
    const all = readAtom(ALL_SLUG);
    expect(all).toHaveLength(50);
    expect(all[0]?.id).toBe(`${SITE}article/a56`);
    expect(all.at(-1)?.id).toBe(`${SITE}article/a7`);
    expect(readAtom(manifest().categories[0]?.slug ?? '')).toHaveLength(28);
    // Both photos in place, as figures with caption and credit; the link made absolute.
    const content = all[0]?.content ?? '';
    expect(content).toMatch(
      /^<p>第56篇的导语，写港口与航运。<\/p>\s*<figure><img src="https:\/\/img\.example\.cn\/56-a\.jpg" alt="第56篇的第一张照片。" \/><figcaption>第56篇的第一张照片。 <small>耿玉和摄（影像中国）<\/small><\/figcaption><\/figure>/,
    );
    expect(content).toContain('<a href="https://news.example.cn/zh/article/a57">另一篇</a>');
    expect(content).toContain(
      '<figure><img src="https://news.example.cn/zh/photos/56-b.jpg" alt="第56篇的第二张照片。" /><figcaption>第56篇的第二张照片。 <small>李青摄</small></figcaption></figure>',
    );
    expect(content).not.toContain('style=');
  });

  it('keeps a hostile title, body and category well-formed and inert in both formats', async () => {
    const title = '<script>alert(1)</script> ]]> & 标题\u0001';
    write(
      'a99.md',
      post(99, { title, categories: ['<b>栏目</b>'] }).replace(
        '<p>第99篇的导语',
        '<p>第99篇 ]]> <img src=x onerror=alert(1)>的导语',
      ),
    );
    await run();
    const [entry] = readAtom(ALL_SLUG);
    expect(entry?.id).toBe(`${SITE}article/a99`);
    // An HTML title: the reader sees the text, never a script element.
    expect(entry?.title).toBe('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; 标题');
    expect(entry?.content).toContain(']]&gt;');
    expect(entry?.content).not.toMatch(/onerror|<script/i);
    const [item] = readJsonFeed(ALL_SLUG);
    expect(item?.title).toBe('<script>alert(1)</script> ]]> & 标题');
    for (const slug of slugs()) readAtom(slug);
  });

  it('writes again only the feeds whose articles changed, and none without a site address', async () => {
    await run();
    const slugOf = (name: string) => manifest().categories.find((category) => category.name === name)?.slug ?? '';
    // a56 is in 财经; its neighbour a55, in 体育, is written again for the new title beside it.
    const sports = () => fs.statSync(path.join(outDir, dataPaths.feedAtom(slugOf('体育')))).mtimeMs;
    expect((await run()).feeds).toEqual({ lists: 3, written: 0 });
    const before = sports();
    write('a56.md', post(56, { title: '第56篇，改过' }));
    expect(await run()).toMatchObject({ run: 'edits', feeds: { lists: 3, written: 2 } });
    expect(readAtom(slugOf('财经'))[0]?.title).toBe('第56篇，改过');
    expect(sports()).toBe(before);
    // Another site: every feed again.
    expect((await run({ siteUrl: 'https://other.example.cn/' })).feeds).toEqual({ lists: 3, written: 3 });
    const report = await run({ siteUrl: undefined });
    expect(report.feeds).toBeUndefined();
    expect(fs.existsSync(path.join(outDir, 'feeds'))).toBe(false);
    expect(manifest().feeds).toBeUndefined();
  });
});
