import { type CacheEntry, type ListedArticle, withFileState } from '../cache/build-cache.ts';
import { FileEntries } from '../cache/file-entries.ts';
import { KeyedRows } from '../cache/keyed-rows.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';
import type { TermSpool } from '../search/term-spool.ts';
import type { ParseOutcome } from './parse-task.ts';
import type { ParsePlan } from './plan-parsing.ts';
import type { ParseRun } from './parse-pool.ts';
import type { RecordSpool } from './record-spool.ts';

/** Every input file's cache entry after parsing, and what this run parsed anew. */
export class ParsedArticles {
  /** By file (`relative`): from the cache or from this run's parse. */
  readonly entries: FileEntries;
  /**
   * Each article parsed this run, by id: its task index in the run's spools, which is its
   * file's place in the input.
   */
  readonly records: KeyedRows;
  /** Files whose cache entries this run changes: the cache log gets just these. */
  readonly changed: Set<string>;
  /**
   * `files` are the input's; `counted` holds the parsed articles' search terms; `logged`:
   * whether there is a cache whose log gets the changes.
   */
  constructor(
    files: InputFiles['files'],
    private readonly spools: { records: RecordSpool; summaries: RecordSpool },
    private readonly counted: TermSpool,
    /** Whether there is a cache whose log gets the changed entries as they are (else a snapshot is written). */
    readonly logged: boolean,
  ) {
    this.entries = new FileEntries(files.relatives);
    this.records = new KeyedRows((index) => files.idAt(index), files.length);
    this.changed = logged ? new Set() : new UnloggedChanges();
  }

  /** The JSON (without neighbours, in UTF-8) of an article parsed this run. */
  record(id: string): Uint8Array | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.spools.records.get(index);
  }

  /** Where an article parsed this run has its JSON, for the thread that writes it (file-writer.ts). */
  recordLocation(id: string): ReturnType<RecordSpool['locate']> | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.spools.records.locate(index);
  }

  /** The file holding the parsed articles' JSON that is not kept in memory, when there is one. */
  get recordFile(): string | undefined {
    return this.spools.records.file;
  }

  /**
   * The parsed articles' terms and summaries, spooled in the order their files were listed, are
   * written again in the articles' order (`newestFirst`, their ids) when that is far from it
   * (RecordSpool.putInOrder): the terms oldest first, as the search index's passes read them,
   * the summaries newest first, as the list pages do.
   */
  spoolInOrder(newestFirst: readonly string[]): void {
    const indexes = new Int32Array(newestFirst.length);
    let count = 0;
    for (const id of newestFirst) {
      const index = this.records.rowOf(id);
      if (index >= 0) indexes[count++] = index;
    }
    const parsed = indexes.subarray(0, count);
    this.spools.summaries.putInOrder(parsed);
    this.counted.putInOrder(parsed.slice().reverse());
  }

  /** The parsed articles' JSON is written: its spool goes (64 MB of it is in memory). */
  recordsWritten(): void {
    this.spools.records.close();
  }

  /**
   * The parsed articles' terms or summaries are stored in the cache: their spool goes (its
   * blocks read back and what it kept in memory, 25 MB each at a million articles).
   */
  storedInCache(what: 'terms' | 'summaries'): void {
    if (what === 'terms') this.counted.close();
    else this.spools.summaries.close();
  }

  /**
   * The JSON (UTF-8) of the summary of an article parsed this run: valid until the next summary
   * is read (RecordSpool.getInPassing), as every reader turns it into text or copies it first.
   */
  summaryBytes(id: string): Uint8Array | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.spools.summaries.getInPassing(index);
  }

  /**
   * The JSON text of a built article's summary: this run's parse, or the previous build's
   * from the summary store.
   */
  summaryJson(id: string, listed: ListedArticle, previous: PreviousBuild): string {
    const fresh = this.summaryBytes(id);
    if (fresh !== undefined) return Buffer.from(fresh.buffer, fresh.byteOffset, fresh.length).toString('utf8');
    if (!listed.summary || !previous.summaries) throw new Error(`no stored summary for article ${id}`);
    return previous.summaries.get(listed.summary);
  }

  /** The search terms of an article parsed this run (numbered in the run's dictionary). */
  terms(id: string): NumberedTerms | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.counted.get(index);
  }

  /** How many search terms an article parsed this run has, without reading them. */
  termCount(id: string): number | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.counted.countOf(index);
  }

  /** The same terms, valid until the next read of any article's terms (TermSpool.getInPassing). */
  termsInPassing(id: string): NumberedTerms | undefined {
    const index = this.records.rowOf(id);
    return index < 0 ? undefined : this.counted.getInPassing(index);
  }

  /** The entry of a file of the input: every one has an entry once outcomes are collected. */
  entry(relative: string): CacheEntry {
    const entry = this.entries.get(relative);
    if (!entry) throw new Error(`no cache entry for ${relative}`);
    return entry;
  }
}

/**
 * The changes of a run without a cache to append them to: every file changes, and a whole
 * snapshot is written, so nothing reads them. Not kept (a cold build's million names).
 */
class UnloggedChanges extends Set<string> {
  override add(): this {
    return this;
  }
}

/** The warnings of the many entries without any: one array, not a million empty ones. */
const NO_WARNINGS: readonly string[] = Object.freeze([]);

/**
 * What a whole run keeps of each parse outcome the moment it arrives (parseAll's `keep`): the
 * file's cache entry, made there and then, so that the outcomes and the entries made of them
 * are never held at once. Which tasks were parsed anew is a byte each.
 */
export class OutcomeEntries {
  /** 1 at the task index of each article parsed anew: its JSON, summary and terms are spooled. */
  private readonly fresh: Uint8Array;
  /** What went wrong in `keep`, which must not throw (it runs on a worker's message): thrown when collected. */
  private fault: string | undefined;

  constructor(
    private readonly input: InputFiles,
    private readonly previous: PreviousBuild,
  ) {
    this.fresh = new Uint8Array(input.files.length);
  }

  /** Whether the task at `index` parsed its article anew (not unchanged, not failed). */
  parsedAnew(index: number): boolean {
    return this.fresh[index] === 1;
  }

  /** Throws what `keep` could not. */
  checked(): void {
    if (this.fault !== undefined) throw new Error(this.fault);
  }

  readonly keep = (outcome: ParseOutcome): CacheEntry | undefined => {
    try {
      return this.entryOf(outcome);
    } catch (error) {
      // Reading the cached entry (a damaged snapshot) fails the run when the outcomes are collected.
      this.fault ??= error instanceof Error ? error.message : String(error);
      return undefined;
    }
  };

  private entryOf(outcome: ParseOutcome): CacheEntry | undefined {
    const { files } = this.input;
    const place = outcome.index;
    const relative = files.relativeAt(place);
    const id = files.idAt(place);
    if (relative === undefined || id === undefined) {
      this.fault ??= `a parse outcome for file ${place}, which the input does not have`;
      return undefined;
    }
    const mtimeMs = files.mtimeAt(place);
    const size = files.sizeAt(place);
    this.fresh[outcome.index] = 0;
    const cached = this.previous.cache?.table.readRowEntry(relative, this.input.cacheRows?.[outcome.index], id);
    // Entries are written out field by field, not spread (withFileState says why).
    if (outcome.unchanged) {
      if (cached) return withFileState(cached, { id, mtimeMs, size, hash: outcome.hash });
      this.fault ??= `${relative} was reported unchanged, but the cache does not know it`;
      return undefined;
    }
    if (!outcome.result.ok) {
      const { error } = outcome.result;
      return { id, mtimeMs, size, hash: outcome.hash, warnings: NO_WARNINGS, error };
    }
    const { result } = outcome;
    this.fresh[outcome.index] = 1;
    const { title, date, categories, tags } = result.listed;
    // The fields set later (summary, neighbours, terms) are in the literals, left undefined:
    // a field added to an object later goes to an array of its own, 40 bytes an object.
    const entry: CacheEntry = {
      id,
      mtimeMs,
      size,
      hash: outcome.hash,
      listed: { id, title, date, categories, tags, summary: undefined },
      warnings: result.warnings.length > 0 ? result.warnings : NO_WARNINGS,
      neighbours: undefined,
      terms: undefined,
    };
    if (result.draft) entry.draft = true;
    if (result.assets.length > 0) entry.assets = result.assets;
    return entry;
  }
}

/**
 * Merges the entries kept of the parse outcomes (OutcomeEntries) with those reused from the
 * cache; `terms` are the parsed articles' search terms, all handed over (ParseRun.collectTerms).
 */
export function collectOutcomes(
  input: InputFiles,
  plan: ParsePlan,
  run: Pick<ParseRun<CacheEntry | undefined>, 'takeOutcomes' | 'records' | 'summaries'>,
  kept: OutcomeEntries,
  terms: TermSpool,
  previous: PreviousBuild,
): ParsedArticles {
  kept.checked();
  // A whole run: every entry is made once here, from the row the listing found (a run of edits
  // never gets this far), and held by the run alone.
  const table = previous.cache?.table;
  const parsed = new ParsedArticles(input.files, run, terms, previous.cache !== undefined);
  for (let place = 0; place < plan.reused.length; place++) {
    if (plan.reused[place] !== 1) continue;
    const relative = input.files.relativeAt(place) ?? '';
    const entry = table?.readRowEntry(relative, input.cacheRows?.[place], input.files.idAt(place) ?? '');
    if (!entry) throw new Error(`no cache entry for ${relative}, which the plan reuses`);
    parsed.entries.setAt(place, entry);
  }
  for (const [index, entry] of run.takeOutcomes()) {
    const relative = input.files.relativeAt(index);
    if (relative === undefined || !entry)
      throw new Error(`a parse outcome for file ${index}, which the input does not have`);
    parsed.changed.add(relative);
    // Its id is its file's (OutcomeEntries): the records are found by the input's ids.
    if (kept.parsedAnew(index)) parsed.records.set(index);
    parsed.entries.setAt(index, entry);
  }
  return parsed;
}
