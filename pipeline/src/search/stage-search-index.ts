import fs from 'node:fs';
import path from 'node:path';
import { dataPaths, type SearchIndexInfo, type SearchNumbering } from '../../../src/lib/content-contract.ts';
import { SEARCH_VERSION } from '../../../src/lib/search-terms.ts';
import { linkFiles } from '../output/link-files.ts';
import { mapLimit } from '../output/map-limit.ts';
import { IO_CONCURRENCY } from '../output/stage-articles.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import type { IndexWork } from '../report.ts';
import { appendToIndex, type IndexBase, wellSized } from './append-to-index.ts';
import { reserveFile, writeReserves } from './posting-reserve.ts';
import type { Moves } from './moved-documents.ts';
import { type DocChange, idsKept, patchIndex } from './patch-index.ts';
import { digestFile, writeDigests } from './index-digests.ts';
import {
  buildSearchIndex,
  type DocTerms,
  DOCS_PER_FILE,
  docsFileBytes,
  type IdList,
  POSTING_CAP,
  type SearchIndex,
} from './search-index.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * Builds the search index of the articles (by number, oldest first: decision 0006) and
 * stages it: appended to the published index when the new articles come after all of its
 * (append-to-index.ts), patched when a few were edited or its newest removed (patch-index.ts),
 * otherwise built whole. The index lives in a folder named by its
 * content: an unchanged index is not written again, and a changed one links the files it
 * shares with the published index instead of writing them — after a new newest article,
 * every docs file but the last, and the chunks of terms it does not have.
 */
/** A search index staged: its files are still being written on the thread pool. */
export interface StagedIndex {
  info: SearchIndexInfo;
  work: IndexWork;
  /**
   * Settles when every file is written: awaited before the output is committed or discarded. The
   * caller stages its list pages meanwhile (at a million articles, an article filed 1,000 places
   * down rewrote most chunks of the index, and this thread waited 0.35 s for them idle).
   */
  written: Promise<unknown>;
}

export async function stageSearchIndex(
  output: StagedOutput,
  dictionary: TermDictionary,
  /** The articles' ids by number (oldest first, with gaps under a numbering by day). */
  oldestFirst: IdList,
  /** How many articles, and how they are numbered (none: densely, by place from the oldest). */
  numbered: { articles: number; numbering: SearchNumbering | undefined },
  /** The terms of the article `id`, document `doc` (oldest first): valid until the next call. */
  termsOf: (id: string, doc: number) => NumberedTerms | undefined,
  /** `moves`: the moves among `changes` (movesOf), when the caller found them already. */
  reuse?: { base: IndexBase; changes?: DocChange[]; moves?: Moves },
  /** Where the cache keeps the index's reserves (posting-reserve.ts); none without a cache folder. */
  storeBase?: string,
  /** The published docs files a run of edits started linking before it got here (linkSharedDocs). */
  started?: DocLinks,
): Promise<StagedIndex> {
  // Read when the index asks: the terms of every article are never held at once.
  const termsAt = (from: number): DocTerms => ({
    length: oldestFirst.length - from,
    at: (doc) => {
      const id = oldestFirst.at(from + doc);
      if (id === undefined) return undefined; // no document has this number
      const terms = termsOf(id, from + doc);
      if (!terms) throw new Error(`no search terms for article ${id}`);
      return terms;
    },
  });
  // The docs files below the first document that changes are the published index's: linked on
  // a thread of their own while this thread computes the index (linking 10,000 took 0.2–0.3 s a
  // run of edits at a million articles).
  const early = reuse ? linkedEarly(output, reuse, started) : started && dropLinks(output, started);
  const compute = (): { index: SearchIndex; wellReused: SearchIndex | undefined } => {
    let reused: SearchIndex | undefined;
    if (reuse?.changes)
      reused = patchIndex(
        dictionary,
        oldestFirst,
        () => termsAt(0),
        reuse.base,
        reuse.changes,
        POSTING_CAP,
        reuse.moves,
      );
    else if (reuse) {
      const added = termsAt(reuse.base.docs);
      reused = appendToIndex(
        dictionary,
        oldestFirst,
        reuse.base,
        // Held together: copies (the few newest articles'); undefined for a gap in the numbering.
        Array.from({ length: added.length }, (_, doc) => {
          const terms = added.at(doc);
          return terms && { ids: terms.ids.slice(), weights: terms.weights.slice() };
        }),
      );
    }
    const wellReused = reused && wellSized(reused) ? reused : undefined;
    return { index: wellReused ?? buildSearchIndex(dictionary, oldestFirst, termsAt(0)), wellReused };
  };
  let computed: ReturnType<typeof compute>;
  try {
    computed = compute();
  } catch (error) {
    await early; // its links settle before the caller discards the staging folder
    throw error;
  }
  const { index, wellReused } = computed;
  const work: IndexWork = !wellReused ? 'built' : reuse?.changes ? 'patched' : 'appended';
  const indexPath = `search/${index.hash}`;
  // Before the index is published: a run that dies leaves the published index's reserves as they were.
  if (storeBase) {
    writeReserves(
      reserveFile(storeBase, indexPath),
      index.buckets.length,
      index.reserves,
      wellReused && reuse?.base.reserves,
    );
    writeDigests(digestFile(storeBase, indexPath), index.digests);
  }
  const linked = early && (await early);
  let written: Promise<unknown> = Promise.resolve();
  if (output.isPublished(indexPath)) {
    if (linked) fs.rmSync(output.inside(linked.folder), { recursive: true, force: true });
  } else {
    // The early links become the new index's folder, then the rest is linked or written into it.
    if (linked) fs.renameSync(output.inside(linked.folder), output.inside(indexPath));
    // A file's bytes are made only when it is compared or written: most are linked. A chunk or
    // docs file an index made from the published one left as it was is not held: read if needed.
    const base = wellReused && reuse?.base;
    const baseFile = (what: string, bytes: (() => Uint8Array) | undefined): Buffer => {
      if (!bytes) throw new Error(`the search index's ${what} is the base index's, which is not known`);
      const read = bytes();
      return Buffer.from(read.buffer, read.byteOffset, read.length);
    };
    const files: [string, () => Buffer][] = [
      ...index.buckets.map((chunk, bucket): [string, () => Buffer] => [
        dataPaths.searchTerms(indexPath, bucket),
        () => chunk ?? baseFile(`chunk ${bucket}`, base ? () => base.chunk(bucket) : undefined),
      ]),
      ...index.digests.docs.map((_, n): [string, () => Buffer] => [
        dataPaths.searchDocs(indexPath, n),
        () => {
          const ids = index.docFiles[n - index.docsFrom];
          return n >= index.docsFrom && ids
            ? docsFileBytes(ids)
            : baseFile(`docs file ${n}`, base ? () => base.docsFile(n) : undefined);
        },
      ]),
    ];
    const previous = publishedIndexPath(output);
    const { unchanged } = index;
    const known = (n: number) =>
      unchanged !== undefined &&
      unchanged.from === previous &&
      (n < index.buckets.length ? unchanged.buckets.has(n) : unchanged.docFile(n - index.buckets.length));
    const linkedAlready = (n: number) => {
      const doc = n - index.buckets.length;
      return linked !== undefined && doc >= 0 && doc < linked.files && !linked.failed.has(doc);
    };
    // Known to equal the published index's: linked on a thread of their own, as the early docs
    // files are (at a million articles, the 2,000 chunks a publish leaves cost this thread
    // 40–50 ms linked one by one); one that fails is written.
    const knownEqual = previous ? files.filter((_, n) => !linkedAlready(n) && known(n)) : [];
    const links = linkKnown(output, previous, indexPath, knownEqual);
    // A chunk an index made from the published one changed differs from the published chunk
    // (appending changes a list's df; a patch keeps as the base's a chunk it wrote again as it
    // was): not read back to compare, as every chunk of an index built whole is.
    const knownChanged = (n: number) =>
      unchanged !== undefined && unchanged.from === previous && n < index.buckets.length && !unchanged.buckets.has(n);
    const toWrite = files.flatMap(([file, bytesOf], n): [string, Buffer][] => {
      if (linkedAlready(n) || (previous && known(n))) return [];
      if (knownChanged(n)) return [[file, bytesOf()]];
      return linkedFromPrevious(output, previous, indexPath, file, bytesOf) ? [] : [[file, bytesOf()]];
    });
    const write = ([file, bytes]: [string, Buffer]) => fs.promises.writeFile(output.inside(file), bytes);
    written = Promise.all([
      mapLimit(toWrite, IO_CONCURRENCY, write),
      links.then((failed) => mapLimit(failed, IO_CONCURRENCY, ([file, bytesOf]) => write([file, bytesOf()]))),
    ]);
    // Awaited by the caller, which must not count it unhandled meanwhile (a full disk).
    written.catch(() => undefined);
    output.folder(indexPath);
  }
  const info: SearchIndexInfo = {
    version: SEARCH_VERSION,
    path: indexPath,
    buckets: index.buckets.length,
    docsPerFile: DOCS_PER_FILE,
    docs: numbered.articles,
    ...(numbered.numbering && { numbering: numbered.numbering }),
  };
  return { info, work, written };
}

/** How many docs files the new index shares with `base`: those wholly before the first document a change adds or removes. */
function sharedDocs(reuse: { base: IndexBase; changes?: DocChange[] }): number {
  return Math.floor(idsKept(reuse.base.docs, reuse.changes ?? []) / DOCS_PER_FILE);
}

/** Docs files being linked into a folder of the staging area: the folder, how many, those that failed (they are written). */
export type DocLinks = Promise<{ folder: string; files: number; failed: Set<number> } | undefined> | undefined;

/** Removes the links once they settle: the run does not use them. */
export async function dropLinks(output: StagedOutput, links: DocLinks): Promise<undefined> {
  const linked = await links;
  if (linked) fs.rmSync(output.inside(linked.folder), { recursive: true, force: true });
  return undefined;
}

/**
 * The links a run of edits started (when they are no more than the index shares with its
 * base; otherwise dropped once settled), or those started now.
 */
function linkedEarly(
  output: StagedOutput,
  reuse: { base: IndexBase; changes?: DocChange[] },
  started: DocLinks,
): DocLinks {
  const shared = sharedDocs(reuse);
  if (!started) return linkSharedDocs(output, reuse.base, shared);
  return started.then((linked) => {
    if (!linked || linked.files <= shared) return linked;
    fs.rmSync(output.inside(linked.folder), { recursive: true, force: true });
    return linkSharedDocs(output, reuse.base, shared);
  });
}

/**
 * Starts linking the first `files` docs files of the published index `base` into a folder of
 * the staging area, on a thread of their own (link-files.ts). Undefined when there are none to link.
 */
export function linkSharedDocs(output: StagedOutput, base: { path: string }, files: number): DocLinks {
  if (files === 0 || !output.isPublished(base.path)) return undefined;
  const folder = `search/.linking-${process.pid}-${Date.now().toString(36)}`;
  // Each file's path is the folder's and the contract's name in it: path.join and path.relative
  // for each of 10,000 files cost this thread 0.1 s.
  const published = output.publishedPath(base.path, { inside: base.path }) ?? '';
  const names = Array.from({ length: files }, (_, n) => dataPaths.searchDocs('', n));
  output.inside(folder + (names[0] ?? '')); // makes the folder the links go in
  return linkFiles(published, output.inside(folder), names).then((failed) => ({ folder, files, failed }));
}

/** The folder of the index the published manifest names, when there is one. */
function publishedIndexPath(output: StagedOutput): string | undefined {
  const manifest = output.publishedPath(dataPaths.manifest());
  if (!manifest) return undefined;
  try {
    const { search } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { search?: { path?: unknown } };
    const folder = search?.path;
    return typeof folder === 'string' && /^search\/[0-9a-f]+$/.test(folder) && output.isPublished(folder)
      ? folder
      : undefined;
  } catch {
    return undefined; // no readable manifest: every file is written
  }
}

/**
 * Links `files` of the new index, each known to equal the same file of the published index
 * `previous` (an index appended to or patched from it), on a thread of their own; resolves to
 * those that could not be linked, to be written.
 */
async function linkKnown(
  output: StagedOutput,
  previous: string | undefined,
  indexPath: string,
  files: readonly [string, () => Buffer][],
): Promise<[string, () => Buffer][]> {
  const from = previous && output.publishedPath(previous, { inside: previous });
  if (!from || files.length === 0) return [...files];
  const names = files.map(([file]) => file.slice(indexPath.length));
  // The folders the links go in (`terms/`, `docs/`).
  for (const entry of [files[0], files.at(-1)]) if (entry) output.inside(entry[0]);
  const failed = await linkFiles(from, output.inside(indexPath), names);
  return files.filter((_, n) => failed.has(n));
}

/**
 * Stages `file` of the new index as a hard link to the same file of the published index when
 * their bytes are equal: published files are never changed in place, so sharing one is safe.
 */
function linkedFromPrevious(
  output: StagedOutput,
  previous: string | undefined,
  indexPath: string,
  file: string,
  bytesOf: () => Buffer,
): boolean {
  if (!previous) return false;
  const old = output.publishedPath(path.join(previous, path.relative(indexPath, file)), { inside: previous });
  if (!old) return false;
  try {
    const bytes = bytesOf();
    if (fs.statSync(old).size !== bytes.length || !fs.readFileSync(old).equals(bytes)) return false;
    fs.linkSync(old, output.inside(file));
    return true;
  } catch {
    return false; // a file system without hard links, or the file went: it is written
  }
}
