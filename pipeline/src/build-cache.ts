import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleSummary } from '../../src/lib/content-contract.ts';
import type { Neighbours } from './assemble-output.ts';
import type { TermSlice, TermStoreState } from './search-term-cache.ts';

/** Bump when parsing changes, so that every file is read again. */
const CACHE_VERSION = 3;

export interface CacheEntry {
  id: string;
  mtimeMs: number;
  size: number;
  /** SHA-1 of the file's bytes: equal content is never parsed twice. */
  hash: string;
  summary?: ArticleSummary;
  warnings: string[];
  error?: string;
  /** The neighbours written into this article's JSON last time. */
  neighbours?: Neighbours;
  /** Where this article's search terms are in the term store. */
  terms?: TermSlice;
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
}

function cacheKey(inDir: string, outDir: string): string {
  return createHash('sha1').update(`${inDir}\0${outDir}`).digest('hex').slice(0, 16);
}

function cacheFile(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}.json`);
}

/** Where the term store of this input and output lives: files named `<this>-<generation>.*`. */
export function termStoreBase(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}`);
}

export function loadCache(cacheDir: string, inDir: string, outDir: string): BuildCache | undefined {
  try {
    const raw = JSON.parse(fs.readFileSync(cacheFile(cacheDir, inDir, outDir), 'utf8')) as {
      version?: number;
    } & BuildCache;
    return raw.version === CACHE_VERSION && raw.entries && typeof raw.buildId === 'string' ? raw : undefined;
  } catch {
    return undefined; // no cache, or a damaged one: a cold build
  }
}

export function saveCache(cacheDir: string, inDir: string, outDir: string, cache: BuildCache): void {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = cacheFile(cacheDir, inDir, outDir);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify({ version: CACHE_VERSION, ...cache }));
  fs.renameSync(temporary, file);
}
