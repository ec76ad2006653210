import type { CacheEntry, ListedArticle } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import { toSummary } from '../output/assemble-output.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';
import type { ParsePlan } from './plan-parsing.ts';
import type { ParseOutcome } from './parse-task.ts';
import type { RecordSpool } from './record-spool.ts';

/** Every input file's cache entry after parsing, and what this run parsed anew. */
export class ParsedArticles {
  /** By file (`relative`): from the cache or from this run's parse. */
  readonly entries: Map<string, CacheEntry>;
  /** Each article parsed this run, by id: its task index in the run's spool. */
  readonly records = new Map<string, number>();
  /** The JSON of the summary of each article parsed this run, as lists print it, by id. */
  readonly summaries = new Map<string, string>();
  /** Search terms by id, numbered in this run's dictionary. */
  readonly termsOf = new Map<string, NumberedTerms>();
  /** Files whose cache entries this run changes: the cache log gets just these. */
  readonly changed = new Set<string>();

  constructor(
    reused: ReadonlyMap<string, CacheEntry>,
    private readonly spool: RecordSpool,
  ) {
    this.entries = new Map(reused);
  }

  /** The JSON (without neighbours, in UTF-8) of an article parsed this run. */
  record(id: string): Uint8Array | undefined {
    const index = this.records.get(id);
    return index === undefined ? undefined : this.spool.get(index);
  }

  /**
   * The JSON text of a built article's summary: this run's parse, or the previous build's
   * from the summary store.
   */
  summaryJson(id: string, listed: ListedArticle, previous: PreviousBuild): string {
    const fresh = this.summaries.get(id);
    if (fresh !== undefined) return fresh;
    if (!listed.summary || !previous.summaries) throw new Error(`no stored summary for article ${id}`);
    return previous.summaries.get(listed.summary);
  }

  /** The entry of a file of the input: every one has an entry once outcomes are collected. */
  entry(relative: string): CacheEntry {
    const entry = this.entries.get(relative);
    if (!entry) throw new Error(`no cache entry for ${relative}`);
    return entry;
  }
}

/** Merges the parse outcomes with the entries reused from the cache. */
export function collectOutcomes(
  input: InputFiles,
  plan: ParsePlan,
  { outcomes, records }: { outcomes: readonly ParseOutcome[]; records: RecordSpool },
  previous: PreviousBuild,
): ParsedArticles {
  const parsed = new ParsedArticles(plan.reused, records);
  for (const outcome of outcomes) {
    const file = input.files[outcome.index];
    if (!file) throw new Error(`a parse outcome for file ${outcome.index}, which the input does not have`);
    const { relative, id, stat } = file;
    parsed.changed.add(relative);
    const base = { id, mtimeMs: stat.mtimeMs, size: stat.size, hash: outcome.hash };
    const cached = previous.cache?.entries[relative];
    if (outcome.unchanged && cached) {
      parsed.entries.set(relative, { ...cached, ...base });
    } else if (outcome.unchanged) {
      throw new Error(`${relative} was reported unchanged, but the cache does not know it`);
    } else if (outcome.result.ok) {
      const { result } = outcome;
      parsed.records.set(id, outcome.index);
      parsed.summaries.set(id, JSON.stringify(toSummary(result.summary)));
      if (result.terms) parsed.termsOf.set(id, result.terms);
      const { title, date, categories, tags } = result.summary;
      const entry: CacheEntry = { ...base, listed: { id, title, date, categories, tags }, warnings: result.warnings };
      if (result.draft) entry.draft = true;
      if (result.assets.length > 0) entry.assets = result.assets;
      parsed.entries.set(relative, entry);
    } else {
      parsed.entries.set(relative, { ...base, warnings: [], error: outcome.result.error });
    }
  }
  return parsed;
}
