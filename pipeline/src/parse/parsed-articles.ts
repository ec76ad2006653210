import type { CacheEntry, ListedArticle } from '../cache/build-cache.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';
import type { TermSpool } from '../search/term-spool.ts';
import type { ParsePlan } from './plan-parsing.ts';
import type { ParseRun } from './parse-pool.ts';
import type { RecordSpool } from './record-spool.ts';

/** Every input file's cache entry after parsing, and what this run parsed anew. */
export class ParsedArticles {
  /** By file (`relative`): from the cache or from this run's parse. */
  readonly entries: Map<string, CacheEntry>;
  /** Each article parsed this run, by id: its task index in the run's spools. */
  readonly records = new Map<string, number>();
  /** Files whose cache entries this run changes: the cache log gets just these. */
  readonly changed = new Set<string>();
  /** The parsed articles' search terms, once the workers have handed the last of them over. */
  private counted: TermSpool | undefined;

  /** `reused`, the plan's files' entries, becomes `entries`. */
  constructor(
    reused: Map<string, CacheEntry>,
    private readonly spools: { records: RecordSpool; summaries: RecordSpool },
  ) {
    this.entries = reused;
  }

  /** The JSON (without neighbours, in UTF-8) of an article parsed this run. */
  record(id: string): Uint8Array | undefined {
    const index = this.records.get(id);
    return index === undefined ? undefined : this.spools.records.get(index);
  }

  /** The JSON (UTF-8) of the summary of an article parsed this run. */
  summaryBytes(id: string): Uint8Array | undefined {
    const index = this.records.get(id);
    return index === undefined ? undefined : this.spools.summaries.get(index);
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

  /** Hands over the search terms the workers counted (parse-pool.ts). */
  termsCounted(spool: TermSpool): void {
    this.counted = spool;
  }

  /** The search terms of an article parsed this run (numbered in the run's dictionary). */
  terms(id: string): NumberedTerms | undefined {
    const index = this.records.get(id);
    if (index === undefined) return undefined;
    if (!this.counted) throw new Error('the search terms are asked for before the workers handed them over');
    return this.counted.get(index);
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
  run: Pick<ParseRun, 'takeOutcomes' | 'records' | 'summaries'>,
  previous: PreviousBuild,
): ParsedArticles {
  // A whole run: every entry is made once here (a run of edits never gets this far).
  const entries = plan.reused.size > 0 ? previous.cache?.entries : undefined;
  const reused = new Map<string, CacheEntry>();
  for (const relative of plan.reused) {
    const entry = entries?.[relative];
    if (!entry) throw new Error(`no cache entry for ${relative}, which the plan reuses`);
    reused.set(relative, entry);
  }
  const parsed = new ParsedArticles(reused, run);
  const shared = sharedLists();
  for (const outcome of run.takeOutcomes()) {
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
      const { title, date, categories, tags } = result.listed;
      const listed = { id, title, date, categories: shared(categories), tags: shared(tags) };
      const entry: CacheEntry = { ...base, listed, warnings: result.warnings };
      if (result.draft) entry.draft = true;
      if (result.assets.length > 0) entry.assets = result.assets;
      parsed.entries.set(relative, entry);
    } else {
      parsed.entries.set(relative, { ...base, warnings: [], error: outcome.result.error });
    }
  }
  return parsed;
}

/** Past this many distinct lists or names, new ones are not remembered: sharing would cost more than it saves. */
const SHARED_LIMIT = 50_000;

/**
 * Gives equal lists of names (categories, tags) one array, and equal names one string: each
 * came from its worker as copies of its own, and a million articles share a few thousand.
 */
function sharedLists(): (names: string[]) => string[] {
  const lists = new Map<string, string[]>();
  const names = new Map<string, string>();
  const one = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    if (names.size < SHARED_LIMIT) names.set(name, name);
    return name;
  };
  return (list) => {
    if (list.length === 0) return list;
    const key = list.join('\n');
    const known = lists.get(key);
    if (known) return known;
    const fresh = list.map(one);
    if (lists.size < SHARED_LIMIT) lists.set(key, fresh);
    return fresh;
  };
}
