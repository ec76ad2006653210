import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import type { PostAsset } from '../body/post-assets.ts';
import { BlockWriter } from './block-writer.ts';
import { readEntryColumns, writeEntryColumns } from './cache-columns.ts';
import type { ArticleEntry } from '../output/assemble-output.ts';
import type { TermSlice, TermStoreState } from '../search/search-term-cache.ts';
import type { SummarySlice, SummaryStoreState } from './summary-store.ts';

/** Bump when parsing changes, so that every file is read again. */
const CACHE_VERSION = 8;

/** What placing an article needs, and where its summary's JSON is in the summary store. */
export interface ListedArticle extends ArticleEntry {
  /** Set when the summary is stored: a run that parsed the article sets it when it saves. */
  summary?: SummarySlice;
}

export interface CacheEntry {
  id: string;
  mtimeMs: number;
  size: number;
  /** SHA-1 of the file's bytes: equal content is never parsed twice. */
  hash: string;
  /** A built article (not one whose file failed). */
  listed?: ListedArticle;
  warnings: readonly string[];
  error?: string;
  /**
   * The ids of the neighbours written into this article's JSON last time, newer then older
   * ('' for none). Their titles are there too; a title changes only when its article is parsed.
   */
  neighbours?: [string, string];
  /** Where this article's search terms are in the term store. */
  terms?: TermSlice;
  /** A draft (`published: false` or under `_drafts/`). */
  draft?: boolean;
  /** The files of its post asset folder that the article uses. */
  assets?: PostAsset[];
}

export interface BuildCache {
  timeZone: string;
  /** The output this cache describes (its `.build-id`): a cache for another output is useless. */
  buildId: string;
  entries: Record<string, CacheEntry>;
  /** Signature of each list page written, by path. */
  lists?: Record<string, string>;
  /** The valid part of the term store (search-term-cache.ts) beside this file. */
  termStore?: TermStoreState;
  /** The valid part of the summary store (summary-store.ts) beside this file. */
  summaryStore?: SummaryStoreState;
  /** The published search index and what it was built from (search-input.ts). */
  search?: { signature: string; info: SearchIndexInfo };
}

/**
 * The cache is a snapshot (`pipeline-<key>.json`) and a log beside it
 * (`.log`): each later run appends one line with only the entries and list
 * signatures it changed. Writing the whole 20 MB snapshot cost an incremental
 * run 150 ms; a line costs a few. When the log outgrows half the snapshot, the
 * next save writes a new snapshot instead. The snapshot holds its entries as
 * columns (cache-columns.ts); a log line holds them as objects.
 */
interface Snapshot extends Omit<BuildCache, 'entries'> {
  version: number;
  /** Names this snapshot; a log line for another snapshot is ignored. */
  base: string;
  columns: unknown;
}

interface LogLine {
  base: string;
  timeZone: string;
  buildId: string;
  termStore?: TermStoreState;
  summaryStore?: SummaryStoreState;
  search?: { signature: string; info: SearchIndexInfo };
  entries: Record<string, CacheEntry | null>;
  lists: Record<string, string | null>;
}

/** A loaded cache, with what saving after it needs to know. */
export interface LoadedCache extends BuildCache {
  /** Each file's id, as `entries` has it, and each id's file: made while the entries are read. */
  readonly ids: ReadonlyMap<string, string>;
  readonly files: ReadonlyMap<string, string>;
  /** Whether an entry has (or had, since the snapshot) files of a post asset folder. */
  readonly postAssets: boolean;
  readonly log: { base: string; snapshotBytes: number; logBytes: number; clean: boolean };
}

export function cacheKey(inDir: string, outDir: string): string {
  return createHash('sha1').update(`${inDir}\0${outDir}`).digest('hex').slice(0, 16);
}

function cacheFile(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}.json`);
}

const logFile = (snapshot: string) => snapshot.replace(/\.json$/, '.log');

/** Where the term and summary stores of this input and output live: `<this>-<generation>.*`. */
export function storeBase(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}`);
}

/** A list page's signature, short: the log carries every shifted page after an addition. */
export function listSignature(parts: string): string {
  return createHash('sha1').update(parts).digest('base64url');
}

export function loadCache(cacheDir: string, inDir: string, outDir: string): LoadedCache | undefined {
  const file = cacheFile(cacheDir, inDir, outDir);
  let snapshot: Snapshot;
  let snapshotBytes: number;
  try {
    const bytes = fs.readFileSync(file);
    snapshotBytes = bytes.length;
    // Written in ASCII (asciiJson): read as Latin-1, one byte a character, with no UTF-8 to decode.
    snapshot = JSON.parse(bytes.toString('latin1')) as Snapshot;
  } catch {
    return undefined; // no cache, or a damaged one: a cold build
  }
  if (snapshot.version !== CACHE_VERSION || typeof snapshot.buildId !== 'string') return undefined;
  const { version: _version, base, columns, ...rest } = snapshot;
  const read = readEntryColumns(columns);
  if (!read) return undefined;
  const { entries, ids, files } = read;
  let { postAssets } = read;
  const cache: BuildCache = { ...rest, entries };
  const lists = (cache.lists ??= {});
  let logBytes = 0;
  let clean = true;
  let log = '';
  try {
    log = fs.readFileSync(logFile(file), 'utf8');
  } catch {
    // no log yet
  }
  for (const text of log.split('\n')) {
    if (text === '') continue;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      clean = false; // a run died while appending: what follows is not to be trusted
      break;
    }
    if (line.base !== base) continue; // left from before the snapshot was rewritten
    logBytes += Buffer.byteLength(text) + 1;
    cache.buildId = line.buildId;
    cache.timeZone = line.timeZone;
    if (line.termStore) cache.termStore = line.termStore;
    else delete cache.termStore;
    if (line.summaryStore) cache.summaryStore = line.summaryStore;
    else delete cache.summaryStore;
    if (line.search) cache.search = line.search;
    else delete cache.search;
    for (const [relative, entry] of Object.entries(line.entries)) {
      const before = ids.get(relative);
      if (before !== undefined && files.get(before) === relative) files.delete(before);
      if (entry) {
        if (entry.assets) postAssets = true;
        cache.entries[relative] = entry;
        ids.set(relative, entry.id);
        files.set(entry.id, relative);
      } else {
        delete cache.entries[relative];
        ids.delete(relative);
      }
    }
    for (const [page, signature] of Object.entries(line.lists)) {
      if (signature) lists[page] = signature;
      else delete lists[page];
    }
  }
  return { ...cache, ids, files, postAssets, log: { base, snapshotBytes, logBytes, clean } };
}

/**
 * Saves `cache`. Given the cache this run loaded and the paths whose entries it
 * changed, appends a log line; otherwise writes a snapshot.
 */
export function saveCache(
  cacheDir: string,
  inDir: string,
  outDir: string,
  cache: BuildCache,
  after?: { previous: LoadedCache; changed: ReadonlySet<string> },
): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = cacheFile(cacheDir, inDir, outDir);
  if (after) {
    const { previous, changed } = after;
    const entries: LogLine['entries'] = {};
    for (const relative of changed) entries[relative] = cache.entries[relative] ?? null;
    // Entries changed in place (a run of edits, decision 0017) name their deletions in `changed`.
    if (cache.entries !== previous.entries) {
      for (const relative of Object.keys(previous.entries)) {
        if (!(relative in cache.entries)) entries[relative] = null;
      }
    }
    const lists: LogLine['lists'] = {};
    const before = previous.lists ?? {};
    const now = cache.lists ?? {};
    for (const [page, signature] of Object.entries(now)) if (before[page] !== signature) lists[page] = signature;
    for (const page of Object.keys(before)) if (!(page in now)) lists[page] = null;
    const line: LogLine = { base: previous.log.base, timeZone: cache.timeZone, buildId: cache.buildId, entries, lists };
    if (cache.termStore) line.termStore = cache.termStore;
    if (cache.summaryStore) line.summaryStore = cache.summaryStore;
    if (cache.search) line.search = cache.search;
    const text = `${JSON.stringify(line)}\n`;
    const logBytes = previous.log.logBytes + Buffer.byteLength(text);
    if (previous.log.clean && logBytes * 2 <= previous.log.snapshotBytes) {
      fs.appendFileSync(logFile(file), text);
      return;
    }
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeSnapshot(temporary, { version: CACHE_VERSION, base: randomUUID(), ...cache });
  fs.renameSync(temporary, file);
  // Lines for the old snapshot are ignored by their base; removing them just saves reading them.
  fs.rmSync(logFile(file), { force: true });
}

/**
 * JSON text with every character past ASCII written as its `\u` escape, the same JSON. The
 * snapshot's file is then ASCII: a run reads it as Latin-1 into a string of one byte a
 * character, without decoding UTF-8, and parses that faster (at 100,000 articles, reading and
 * parsing took 0.16–0.23 s, now 0.11–0.20 s). Chinese titles take six bytes a character instead
 * of three: the file grows from 22 to 29 MB.
 */
const asciiJson = (json: string) =>
  json.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Characters of JSON gathered before they are encoded and written. */
const PIECE_CHARS = 1 << 20;

/**
 * Writes the snapshot's JSON a value at a time: at a million articles it is hundreds of
 * megabytes of text, which as one string (two bytes a character, its titles being Chinese) and
 * its copy in UTF-8 took more memory than the rest of the build.
 */
function writeSnapshot(file: string, snapshot: Omit<Snapshot, 'columns'> & Pick<BuildCache, 'entries'>): void {
  const writer = new BlockWriter(file, 0, { fresh: true });
  let pieces: string[] = [];
  let chars = 0;
  const write = (text: string) => {
    pieces.push(text);
    chars += text.length;
    if (chars < PIECE_CHARS) return;
    writer.write(Buffer.from(asciiJson(pieces.join('')), 'latin1'));
    pieces = [];
    chars = 0;
  };
  try {
    const { entries, lists, ...rest } = snapshot;
    write(JSON.stringify(rest).slice(0, -1));
    write(',"lists":{');
    let first = true;
    for (const [page, signature] of Object.entries(lists ?? {})) {
      write(`${first ? '' : ','}${JSON.stringify(page)}:${JSON.stringify(signature)}`);
      first = false;
    }
    write('},"columns":');
    writeEntryColumns(entries, write);
    write('}');
    writer.write(Buffer.from(asciiJson(pieces.join('')), 'latin1'));
  } finally {
    writer.close();
  }
}
