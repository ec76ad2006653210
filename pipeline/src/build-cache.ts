import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ArticleSummary } from '../../src/lib/content-contract.ts';
import type { Neighbours } from './assemble-output.ts';

/** Bump when parsing changes, so that every file is read again. */
const CACHE_VERSION = 2;

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
  /** This article's slice [offset, count] of the term cache. */
  terms?: [number, number];
}

export interface BuildCache {
  timeZone: string;
  /** The output this cache describes (its `.build-id`): a cache for another output is useless. */
  buildId: string;
  entries: Record<string, CacheEntry>;
  /** Signature of each list page written, by path. */
  lists?: Record<string, string>;
  /** The binary file with every article's search terms (search-term-cache.ts), beside this one. */
  termsFile?: string;
}

function cacheKey(inDir: string, outDir: string): string {
  return createHash('sha1').update(`${inDir}\0${outDir}`).digest('hex').slice(0, 16);
}

function cacheFile(cacheDir: string, inDir: string, outDir: string): string {
  return path.join(cacheDir, `pipeline-${cacheKey(inDir, outDir)}.json`);
}

/**
 * The term cache of one build. Named by build so that the JSON cache and the
 * terms it points into are replaced together: a crash between the two writes
 * leaves the old pair intact.
 */
export function termsFileName(inDir: string, outDir: string, buildId: string): string {
  return `pipeline-${cacheKey(inDir, outDir)}-terms-${buildId}.bin`;
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
