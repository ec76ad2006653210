import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ArticleRef, dataPaths, type Manifest } from '../../src/lib/content-contract.ts';
import { SEARCH_VERSION } from '../../src/lib/search-terms.ts';
import { type ArticleEntry, assembleOutput, type Neighbours } from './output/assemble-output.ts';
import { type CacheEntry, type LoadedCache, loadCache, saveCache, termStoreBase } from './cache/build-cache.ts';
import { buildSearchIndex, DOCS_PER_FILE } from './search/search-index.ts';
import { type NumberedTerms, TermDictionary } from './search/term-dictionary.ts';
import { TermStore } from './search/search-term-cache.ts';
import { recoverOutput, withOutputLock } from './output/output-dir.ts';
import { stageListPages } from './output/list-pages.ts';
import { StagedOutput } from './output/staged-output.ts';
import { stageAssets } from './output/stage-assets.ts';
import type { ArticleRecord } from './parse/parse-article-file.ts';
import { mapLimit } from './output/map-limit.ts';
import { parseAll, type ParseRun, prewarmParsers } from './parse/parse-pool.ts';
import { type ParseTask, runParseTask } from './parse/parse-task.ts';
import { assertTimeZone } from './read/parse-date.ts';
import { assignIds } from './read/article-id.ts';
import { listInput } from './read/list-input.ts';
import { checkOutputFolder, OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output/output-folder.ts';
import { PipelineError, type PipelineReport, type Problem } from './report.ts';

export interface PipelineOptions {
  inDir: string;
  outDir: string;
  strict?: boolean;
  timeZone?: string;
  pageSize?: number;
  /** Where the incremental cache lives; undefined turns it off. */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** Build drafts too: posts with `published: false` and files under `_drafts/` (off: left out). */
  drafts?: boolean;
  /** Follow symbolic links that lead outside the input folder (off: they are skipped with a warning). */
  followSymlinks?: boolean;
  /** A file that takes longer to read is skipped (default PARSE_TIME_LIMIT_MS). */
  parseTimeLimitMs?: number;
  /** Heap of each parse worker, in MB (default WORKER_MEMORY_MB). */
  workerMemoryMb?: number;
  /** Crash tests only: files (by path under the input) on which a worker hangs or runs out of memory. */
  faults?: Record<string, 'stall' | 'exhaust-memory'>;
  /** The time the output says it was generated; fixed in tests. */
  now?: () => Date;
  /**
   * False builds an index with no terms (search finds nothing): the benchmark
   * uses it to measure what the search index adds to a build.
   */
  searchTerms?: boolean;
}

export type { PipelineReport, Problem } from './report.ts';
export { PipelineError } from './report.ts';

const BUILD_ID_FILE = '.build-id';
// File-system calls in flight at once: enough to keep libuv's thread pool busy.
const IO_CONCURRENCY = 32;

function readBuildId(outDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(outDir, BUILD_ID_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function sameRef(a: ArticleRef | undefined, b: ArticleRef | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id && a.title === b.title);
}

function sameNeighbours(a: Neighbours | undefined, b: Neighbours): boolean {
  return a !== undefined && sameRef(a.prev, b.prev) && sameRef(a.next, b.next);
}

/** Appends `prev`/`next` to an article's JSON text (an object without them). */
function withNeighbours(json: string, neighbours: Neighbours): string {
  const extra = JSON.stringify(neighbours);
  return extra === '{}' ? json : `${json.slice(0, -1)},${extra.slice(1)}`;
}

function validate(options: PipelineOptions): Required<Pick<PipelineOptions, 'timeZone' | 'pageSize'>> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new PipelineError(`unknown time zone "${timeZone}"`);
  }
  const pageSize = options.pageSize ?? 20;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new PipelineError(`--page-size must be a whole number from 1 to 1000, not ${pageSize}`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(options.inDir);
  } catch {
    throw new PipelineError(`input folder ${options.inDir} does not exist`);
  }
  if (!stat.isDirectory()) throw new PipelineError(`input ${options.inDir} is not a folder`);
  checkOutputFolder(options.inDir, options.outDir);
  return { timeZone, pageSize };
}

/** Turns a folder of article files into the JSON the reader loads. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineReport> {
  const started = performance.now();
  const { timeZone, pageSize } = validate(options);
  const inDir = path.resolve(options.inDir);
  const outDir = path.resolve(options.outDir);

  // One parser starts now, while the input is listed; a big run adds more when it knows its size.
  prewarmParsers(1, options.workerMemoryMb);
  return withOutputLock(outDir, async () => {
    recoverOutput(outDir);
    const listing = listInput(inDir, { followSymlinks: options.followSymlinks });
    const root = fs.realpathSync(inDir);
    const problems: Problem[] = listing.problems.map(({ file, message }) => ({
      file,
      // A passed-over folder may hold articles, but it is not a file that was skipped.
      level: message.startsWith('folder skipped') ? 'warning' : 'error',
      message,
    }));
    const skippedInListing = problems.filter((problem) => problem.level === 'error').length;

    // The cache describes the previous output; without it, every file is parsed again.
    const previousBuild = readBuildId(outDir);
    const cache: LoadedCache | undefined = options.cacheDir ? loadCache(options.cacheDir, inDir, outDir) : undefined;
    const usable = cache && cache.timeZone === timeZone && cache.buildId === previousBuild ? cache : undefined;
    // Every article's search terms by number: without them, an unchanged article is parsed again.
    const terms = options.cacheDir
      ? TermStore.open(termStoreBase(options.cacheDir, inDir, outDir), usable?.termStore)
      : undefined;
    const termCache = terms?.loaded ? terms.store : undefined;
    const dictionary = terms?.store.dictionary ?? new TermDictionary();
    const termsOf = new Map<string, NumberedTerms>();

    const previousIds = new Map<string, string>();
    for (const [relative, entry] of Object.entries(usable?.entries ?? {})) previousIds.set(relative, entry.id);
    const identified = assignIds(listing.files, previousIds);
    const files = identified;
    // Synchronous on purpose: 20,000 promise round trips cost more than the stat calls.
    const kept: { relative: string; source: string; id: string; stat: fs.Stats }[] = [];
    for (const { relative, source, id, warning } of identified) {
      if (warning) problems.push({ file: relative, level: 'warning', message: warning });
      try {
        kept.push({ relative, source, id, stat: fs.statSync(source) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems.push({ file: relative, level: 'error', message: `unreadable (${code})` });
      }
    }

    const sourceOf = new Map(kept.map(({ relative, source }) => [relative, source]));
    const entries = new Map<string, CacheEntry>();
    const records = new Map<string, string>();
    /** Files whose cache entries this run changes: the cache log gets just these. */
    const changed = new Set<string>();
    const tasks: ParseTask[] = [];
    kept.forEach(({ relative, source, id, stat }, index) => {
      const cached = usable?.entries[relative];
      const cachedTerms = cached && termCache && (cached.terms || cached.error !== undefined);
      if (cachedTerms && cached.id === id && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
        entries.set(relative, cached);
        return;
      }
      const task: ParseTask = { index, file: source, relative, root, id, mtimeMs: stat.mtimeMs, timeZone };
      if (options.searchTerms === false) task.indexTerms = false;
      const fault = options.faults?.[relative];
      if (fault) task.fault = fault;
      if (cachedTerms && cached.id === id) task.cachedHash = cached.hash;
      tasks.push(task);
    });

    const parsing = await parseAll(tasks, dictionary, (done) => options.onProgress?.(done, tasks.length), {
      timeLimitMs: options.parseTimeLimitMs,
      memoryMb: options.workerMemoryMb,
    });
    try {
      return await finish(parsing);
    } finally {
      await parsing.close();
    }

    async function finish({ outcomes, collectTerms }: ParseRun): Promise<PipelineReport> {
      for (const outcome of outcomes) {
        const { relative, id, stat } = kept[outcome.index] as (typeof kept)[number];
        changed.add(relative);
        const base = { id, mtimeMs: stat.mtimeMs, size: stat.size, hash: outcome.hash };
        if (outcome.unchanged) {
          entries.set(relative, { ...(usable?.entries[relative] as CacheEntry), ...base });
        } else if (outcome.result.ok) {
          records.set(id, outcome.result.json);
          if (outcome.result.terms) termsOf.set(id, outcome.result.terms);
          const entry: CacheEntry = { ...base, summary: outcome.result.summary, warnings: outcome.result.warnings };
          if (outcome.result.draft) entry.draft = true;
          if (outcome.result.assets.length > 0) entry.assets = outcome.result.assets;
          entries.set(relative, entry);
        } else {
          entries.set(relative, { ...base, warnings: [], error: outcome.result.error });
        }
      }

      const articles: ArticleEntry[] = [];
      const fileOf = new Map<string, string>();
      let drafts = 0;
      for (const { relative, id } of kept) {
        const entry = entries.get(relative) as CacheEntry;
        // Drafts are left out, as Hexo leaves them out, unless asked for: not problems of the files.
        if (entry.draft && !options.drafts) {
          drafts++;
          continue;
        }
        for (const warning of entry.warnings) problems.push({ file: relative, level: 'warning', message: warning });
        if (entry.error !== undefined) problems.push({ file: relative, level: 'error', message: entry.error });
        else if (entry.summary) {
          articles.push(entry.summary);
          fileOf.set(entry.summary.id, relative);
          if (!termsOf.has(id) && termCache && entry.terms) termsOf.set(id, termCache.slice(entry.terms));
        }
      }
      const generatedAt = (options.now?.() ?? new Date()).toISOString();
      const assembled = assembleOutput(articles, pageSize, generatedAt);
      const orderedIds = assembled.order.map(({ id }) => id);
      for (const clash of assembled.clashes) {
        problems.push({
          file: fileOf.get(clash.firstArticle) as string,
          level: 'warning',
          message: `category "${clash.name}" is listed under "${clash.slug}": "${clash.other}" has the same slug`,
        });
      }
      problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

      const skipped = files.length - articles.length - drafts + skippedInListing;
      const report = (written: boolean): PipelineReport => ({
        built: articles.length,
        skipped,
        drafts,
        problems,
        parsed: tasks.length,
        files: files.length + skippedInListing,
        written,
        durationMs: performance.now() - started,
      });
      if (options.strict && problems.length > 0) return report(false);

      // The workers count the parsed articles' terms while this thread writes the articles.
      const termsCounted = collectTerms();
      // Into an existing output, what is staged is moved in file by file; with a cache that
      // describes it, only what changed is staged.
      const output = new StagedOutput(outDir);
      let listSignatures: Record<string, string> = {};
      let articlesWritten: Promise<unknown> | undefined;
      try {
        articlesWritten = mapLimit(assembled.order, IO_CONCURRENCY, async ({ id, neighbours }) => {
          const relative = fileOf.get(id) as string;
          const entry = entries.get(relative) as CacheEntry;
          const file = dataPaths.article(id);
          const record = records.get(id);
          const unchangedNeighbours = sameNeighbours(entry.neighbours, neighbours);
          if (!unchangedNeighbours) {
            entry.neighbours = neighbours;
            changed.add(relative);
          }
          if (record) return fs.promises.writeFile(output.file(file), withNeighbours(record, neighbours));
          if (unchangedNeighbours && output.isPublished(file)) return; // published as it is
          // Unchanged file: reuse the previous output's JSON, patched if its neighbours moved.
          const target = output.file(file);
          const previous = path.join(outDir, file);
          try {
            if (unchangedNeighbours) return await fs.promises.link(previous, target);
            const {
              prev: _prev,
              next: _next,
              ...article
            } = JSON.parse(await fs.promises.readFile(previous, 'utf8')) as ArticleRecord & Neighbours;
            return await fs.promises.writeFile(target, JSON.stringify({ ...article, ...neighbours }));
          } catch {
            // The previous output lost this file (edited by hand?): parse the source again.
            const again = runParseTask(
              {
                index: 0,
                file: sourceOf.get(relative) as string,
                relative,
                root,
                id,
                mtimeMs: entry.mtimeMs,
                timeZone,
              },
              new TermDictionary(), // its terms are known already
            );
            if (again.unchanged || !again.result.ok) throw new Error(`${relative} changed during the build`);
            return fs.promises.writeFile(target, withNeighbours(again.result.json, neighbours));
          }
        });
        // Keyed by task index, which is the file's place in `kept`.
        for (const [index, numbered] of await termsCounted) termsOf.set(kept[index]?.id as string, numbered);
        const orderedTerms = orderedIds.map((id) => termsOf.get(id) as NumberedTerms);
        const index = buildSearchIndex(dictionary, orderedIds, orderedTerms);
        const indexPath = `search/${index.hash}`;
        await articlesWritten;
        // Files of post asset folders: copied in when new or changed.
        const owners = orderedIds.flatMap((id) => {
          const relative = fileOf.get(id) as string;
          const entry = entries.get(relative) as CacheEntry;
          return entry.assets ? [{ relative, assets: entry.assets, published: usable?.entries[relative]?.assets }] : [];
        });
        const assets = stageAssets(output, owners, (file, message) =>
          problems.push({ file, level: 'warning', message }),
        );
        for (const relative of assets.changed) changed.add(relative);
        const hashOf = (id: string) => (entries.get(fileOf.get(id) as string) as CacheEntry).hash;
        listSignatures = stageListPages(output, assembled.lists, usable?.lists, hashOf);
        // The index lives in a folder named by its content: an unchanged index is not written again.
        if (!output.isPublished(indexPath)) {
          await mapLimit([...index.buckets.entries()], IO_CONCURRENCY, ([bucket, chunk]) =>
            fs.promises.writeFile(output.inside(dataPaths.searchTerms(indexPath, bucket)), chunk),
          );
          index.docFiles.forEach((ids, n) =>
            fs.writeFileSync(output.inside(dataPaths.searchDocs(indexPath, n)), JSON.stringify(ids)),
          );
          output.folder(indexPath);
        }
        const manifest: Manifest = {
          ...assembled.manifest,
          search: {
            version: SEARCH_VERSION,
            path: indexPath,
            buckets: index.buckets.length,
            docsPerFile: DOCS_PER_FILE,
            docs: orderedIds.length,
          },
        };
        // Written last: a reader that sees this manifest finds everything it names.
        fs.writeFileSync(output.file(dataPaths.manifest()), JSON.stringify(manifest));
        const buildId = randomUUID();
        fs.writeFileSync(output.file(BUILD_ID_FILE), buildId);
        if (!output.isPublished(OUTPUT_MARKER)) fs.writeFileSync(output.file(OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
        output.commit([
          ...orderedIds.map((id) => dataPaths.article(id)),
          ...assembled.lists.keys(),
          indexPath,
          OUTPUT_MARKER,
          ...assets.expected,
        ]);
        if (options.cacheDir) saveCaches(options.cacheDir, buildId);
      } catch (error) {
        // Writes still in flight finish first: then the staging folder goes whole.
        await articlesWritten?.catch(() => undefined);
        output.discard();
        throw error;
      }
      return report(true);

      function saveCaches(cacheDir: string, buildId: string): void {
        const store = terms?.store as TermStore;
        fs.mkdirSync(cacheDir, { recursive: true });
        const { state, slices } = store.save(
          orderedIds.map((id) => {
            const entry = entries.get(fileOf.get(id) as string) as CacheEntry;
            return { terms: termsOf.get(id) as NumberedTerms, stored: records.has(id) ? undefined : entry.terms };
          }),
        );
        orderedIds.forEach((id, n) => {
          const relative = fileOf.get(id) as string;
          const entry = entries.get(relative) as CacheEntry;
          const slice = slices[n];
          if (entry.terms?.[0] === slice?.[0] && entry.terms?.[1] === slice?.[1]) return;
          entry.terms = slice;
          changed.add(relative);
        });
        const fresh: Record<string, CacheEntry> = {};
        for (const { relative } of kept) fresh[relative] = entries.get(relative) as CacheEntry;
        const next = { timeZone, buildId, entries: fresh, lists: listSignatures, termStore: state };
        saveCache(cacheDir, inDir, outDir, next, usable && { previous: usable, changed });
        store.prune(state);
      }
    }
  });
}
