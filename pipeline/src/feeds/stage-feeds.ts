import fs from 'node:fs';
import path from 'node:path';
import { ALL_SLUG, type Article, type CategoryEntry, dataPaths } from '../../../src/lib/content-contract.ts';
import { isObject, parseArticle } from '../../../src/lib/validate-data.ts';
import { categoryListFiles } from '../output/assemble-output.ts';
import { readListStretch } from '../output/read-list-files.ts';
import { readText } from '../output/read-text.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import { FEED_LENGTH, FEEDS_FOLDER } from './feed-urls.ts';

/** Raised when what a feed says changes for every article alike (its markup, not its data). */
const FEEDS_VERSION = 1;

/**
 * In the feeds folder: the site, and the articles of each feed as they were written, so that a
 * run writes again only the feeds whose articles changed (decision 0019).
 */
const RECORD_FILE = `${FEEDS_FOLDER}/.feeds.json`;

interface FeedsRecord {
  version: number;
  site: string;
  /** By list slug: the list's name and the ids of its feed's articles, newest first. */
  feeds: Record<string, { name: string; ids: string[] }>;
}

const isList = (value: unknown): value is { name: string; ids: string[] } =>
  isObject(value) &&
  typeof value.name === 'string' &&
  Array.isArray(value.ids) &&
  value.ids.every((id) => typeof id === 'string');

/** The record as the last run wrote it; undefined for none, or one that is not a record. */
function readRecord(file: string): FeedsRecord | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!isObject(value) || typeof value.version !== 'number' || typeof value.site !== 'string') return undefined;
    const feeds: FeedsRecord['feeds'] = {};
    if (!isObject(value.feeds)) return undefined;
    for (const [slug, list] of Object.entries(value.feeds)) {
      if (!isList(list)) return undefined;
      feeds[slug] = list;
    }
    return { version: value.version, site: value.site, feeds };
  } catch {
    return undefined;
  }
}

export interface FeedsWork {
  /** Lists with feeds (all articles and each category). */
  lists: number;
  /** Lists whose feeds this run wrote; the others' are as published. */
  written: number;
}

export interface StagedFeeds {
  /** Undefined when there are no feeds (no site address). */
  work?: FeedsWork;
  /** Feed files (and the record) the next output has, written this run or not. */
  kept: string[];
  /** Published feed files (or folders) the next output no longer has. */
  removes: string[];
}

/** The feed files of a list. */
const feedFiles = (slug: string) => [dataPaths.feedAtom(slug), dataPaths.feedJson(slug)];

/**
 * Writes the feeds of the next output (Atom and JSON Feed, decision 0019): of all articles and of
 * each category, its newest FEED_LENGTH articles, read from the next output's lists and article
 * files (this run's staged ones, else the published ones), so that a whole run and a run of
 * edits stage them alike, last before the manifest. A list's feeds are written again only when
 * its articles, their files or the site changed. Without a site address there are none: the
 * published ones go.
 */
export async function stageFeeds(
  output: StagedOutput,
  outDir: string,
  site: URL | undefined,
  categories: readonly Pick<CategoryEntry, 'name' | 'slug'>[],
): Promise<StagedFeeds> {
  const published = (file: string) => path.join(outDir, file);
  const staged = (file: string) => path.join(output.dir, file);
  // A file of the next output: staged this run, else as published.
  const current = (file: string) => (fs.existsSync(staged(file)) ? staged(file) : published(file));
  const record = readRecord(published(RECORD_FILE));
  const before = record?.version === FEEDS_VERSION && record.site === site?.href ? record.feeds : {};
  const lists = [{ name: '', slug: ALL_SLUG }, ...categories];
  if (!site) return { kept: [], removes: fs.existsSync(published(FEEDS_FOLDER)) ? [FEEDS_FOLDER] : [] };
  // The feeds of a category that is gone.
  const removes = Object.keys(record?.feeds ?? {})
    .filter((slug) => !lists.some((list) => list.slug === slug))
    .map((slug) => path.dirname(dataPaths.feedAtom(slug)));

  const next: FeedsRecord = { version: FEEDS_VERSION, site: site.href, feeds: {} };
  const kept = [RECORD_FILE];
  let written = 0;
  for (const { name, slug } of lists) {
    const ids = newestIds(current, slug);
    next.feeds[slug] = { name, ids };
    kept.push(...feedFiles(slug));
    const was = before[slug];
    const same =
      was !== undefined &&
      was.name === name &&
      was.ids.length === ids.length &&
      was.ids.every((id, n) => id === ids[n]) &&
      // An article whose file this run wrote may say something new.
      !ids.some((id) => fs.existsSync(staged(dataPaths.article(id)))) &&
      feedFiles(slug).every((file) => fs.existsSync(published(file)));
    if (same) continue;
    const articles = ids.map((id) => readArticle(current(dataPaths.article(id))));
    // The writer (the feed library, an HTML parser) loads when a feed is made: a run's start
    // stays light (compiled-pipeline.test.ts), and most runs make none.
    const { writeFeeds } = await import('./write-feeds.ts');
    const feeds = writeFeeds({ slug, name, articles }, site);
    const files = [
      { file: dataPaths.feedAtom(slug), text: feeds.atom },
      { file: dataPaths.feedJson(slug), text: feeds.json },
    ];
    // An article written again for its neighbours' sake leaves its feeds as they were: a feed
    // reader's conditional request then still finds them unchanged.
    if (files.every(({ file, text }) => readText(published(file)) === text)) continue;
    for (const { file, text } of files) fs.writeFileSync(output.file(file), text);
    written++;
  }
  const text = JSON.stringify(next);
  if (readText(published(RECORD_FILE)) !== text) fs.writeFileSync(output.file(RECORD_FILE), text);
  return { work: { lists: lists.length, written }, kept, removes };
}

/** The ids of a list's newest FEED_LENGTH articles, read from its head and parts (decision 0025). */
function newestIds(current: (file: string) => string, slug: string): string[] {
  const headFile = current(dataPaths.listHead(slug));
  if (!fs.existsSync(headFile)) return [];
  const list = { ...categoryListFiles(slug), read: (file: string) => readJson(current(file)) };
  return readListStretch(list, 0, FEED_LENGTH).items.map(({ id }) => id);
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const readArticle = (file: string): Article => parseArticle(readJson(file));
