import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ALL_SLUG,
  type ArticleRef,
  CONTRACT_VERSION,
  dataPaths,
  type Manifest,
} from '../../../src/lib/content-contract.ts';
import type { CacheEntry, LoadedCache } from '../cache/build-cache.ts';
import type { RunToSave } from '../cache/save-build-cache.ts';
import { BUILD_ID_FILE, type PreviousBuild } from '../cache/previous-build.ts';
import type { ParseRun } from '../parse/parse-pool.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { EditPlan } from '../read/plan-edits.ts';
import type { IndexWork, Problem } from '../report.ts';
import { indexBase, PATCH_LIMIT } from '../search/reuse-index.ts';
import { stageSearchIndex } from '../search/stage-search-index.ts';
import type { TermSpool } from '../search/term-spool.ts';
import {
  type ArticleEntry,
  categoryListFiles,
  type ListFile,
  type ListFiles,
  listFilesHolding,
  type Neighbours,
  tagListFiles,
} from './assemble-output.ts';
import { categorySlug } from './category-slug.ts';
import { stageListPages } from './list-pages.ts';
import { OUTPUT_MARKER } from './output-folder.ts';
import { type ArticleOrder, previousOrder } from './previous-order.ts';
import { withNeighbours, withNewNeighbours } from './stage-articles.ts';
import { StagedOutput } from './staged-output.ts';

/** An article this run parsed again: its place in the order and in the parse run. */
interface Edit {
  relative: string;
  place: number;
  task: number;
  /** Its entry before this run: where its terms were. */
  before: CacheEntry;
}

/** What the edits left in the cache's place, for saving it (save-edits.ts). */
export interface EditedBuild {
  cache: LoadedCache;
  order: ArticleOrder;
  /** The articles whose summaries and terms are new (in the parse run's spools, by task). */
  edits: Edit[];
  /** Files whose cache entries changed. */
  changed: Set<string>;
  problems: Problem[];
  drafts: number;
  /** Article files, built or not. */
  found: number;
  published?: {
    buildId: string;
    search: Manifest['search'];
    searchIndex: IndexWork;
    listSignatures: Record<string, string>;
    terms: TermSpool;
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, n) => x === b[n]);

/**
 * Publishes a run whose parsed files each kept their article's place: the same date,
 * categories and tags, still published, no post assets. Nothing moves, so only these change:
 * the edited articles' JSON, their neighbours' when a title changed, the list files that hold
 * them, the search index (patched) and the manifest. What a whole run would write, without
 * listing, sorting or visiting every article's files: at 100,000 articles, a few tenths of a
 * second instead of two. Undefined, with nothing written, when an edit moves an article (or the
 * previous build cannot be read as this needs): the whole run follows.
 */
export async function publishEdits(
  settings: BuildSettings,
  previous: PreviousBuild,
  plan: EditPlan,
  parsing: ParseRun,
): Promise<EditedBuild | undefined> {
  const cache = previous.cache;
  const stored = previous.storedTerms;
  const summaries = previous.summaries;
  if (!cache || !stored || !summaries) return undefined;

  // Every check first: until the entries are replaced, the whole run can still follow.
  const next = new Map<string, CacheEntry>();
  const edited = new Map<string, number>(); // relative → task
  for (const outcome of parsing.takeOutcomes()) {
    const file = plan.files[outcome.index];
    if (!file) return undefined;
    const { relative, cached, stat } = file;
    const base = { id: cached.id, mtimeMs: stat.mtimeMs, size: stat.size, hash: outcome.hash };
    if (outcome.unchanged) {
      next.set(relative, { ...cached, ...base });
      continue;
    }
    if (!outcome.result.ok || !cached.listed) return undefined;
    const { listed, draft, assets, warnings } = outcome.result;
    const { date, categories, tags } = cached.listed;
    if (listed.date !== date || !sameList(listed.categories, categories) || !sameList(listed.tags, tags))
      return undefined;
    if (draft || assets.length > 0) return undefined;
    const entry: CacheEntry = {
      ...base,
      listed: { id: cached.id, title: listed.title, date, categories, tags },
      warnings,
    };
    if (cached.neighbours) entry.neighbours = cached.neighbours;
    next.set(relative, entry);
    edited.set(relative, outcome.index);
  }
  const order = previousOrder(cache, settings.drafts);
  const manifest = readManifest(settings.outDir);
  if (!order || !manifest || manifest.pageSize !== settings.pageSize || manifest.total !== order.files.length)
    return undefined;
  // The index the cache describes is the one published, of these articles in this order.
  const index = cache.search?.info;
  if (index?.path !== manifest.search.path || index.docs !== order.files.length) return undefined;
  const report = reportProblems(cache, next, settings, order, manifest);
  if (!report) return undefined;

  for (const [relative, entry] of next) cache.entries[relative] = entry;
  const edits: Edit[] = [];
  order.files.forEach((relative, place) => {
    const entry = next.get(relative);
    if (!entry) return;
    order.entries[place] = entry;
    const task = edited.get(relative);
    if (task !== undefined) edits.push({ relative, place, task, before: plan.files[task]?.cached as CacheEntry });
  });
  const build: EditedBuild = { cache, order, edits, changed: new Set(next.keys()), ...report };
  if (settings.strict && report.problems.length > 0) return build;

  const searchPath = manifest.search.path;
  const output = new StagedOutput(settings.outDir, [dataPaths.manifest(), OUTPUT_MARKER, searchPath]);
  try {
    const ids = order.entries.map((entry) => entry.id);
    await stageEditedArticles(output, settings.outDir, order, edits, parsing);
    const terms = await parsing.collectTerms();
    const editOf = new Map(edits.map((edit) => [edit.before.id, edit]));
    const oldestFirst = [...ids].reverse();
    const entryOf = (id: string) => {
      const relative = order.fileOf.get(id);
      const entry = relative === undefined ? undefined : (next.get(relative) ?? cache.entries[relative]);
      if (!entry) throw new Error(`article ${id} is listed but has no cache entry`);
      return entry;
    };
    const termsOf = (id: string) => {
      const edit = editOf.get(id);
      if (edit) return terms.get(edit.task);
      const slice = entryOf(id).terms;
      return slice && stored.slice(slice);
    };
    // Nothing moved, so the published index's documents are these articles, and only the
    // edited ones change: no need to compare every article with it (reuse-index.ts).
    const last = order.entries.length - 1;
    const changes = edits.map(({ place, task, before }) => {
      const after = terms.get(task);
      if (!after || !before.terms) throw new Error(`no search terms for article ${before.id}`);
      return { doc: last - place, before: stored.slice(before.terms), after };
    });
    const { info: search, work: searchIndex } =
      edits.length === 0
        ? { info: index, work: 'kept' as const }
        : await stageSearchIndex(
            output,
            previous.dictionary,
            oldestFirst,
            termsOf,
            changes.length <= PATCH_LIMIT
              ? { base: indexBase(path.join(settings.outDir, index.path), index), changes }
              : undefined,
          );

    const pages = listFilesOfEdits(order, edits, manifest, settings.pageSize);
    const signatures = stageListPages(
      output,
      pages,
      cache.lists,
      (id) => entryOf(id).hash,
      (id) => {
        const edit = editOf.get(id);
        const fresh = edit && parsing.summaries.get(edit.task);
        if (fresh) return Buffer.from(fresh.buffer, fresh.byteOffset, fresh.length).toString('utf8');
        const slice = entryOf(id).listed?.summary;
        if (!slice) throw new Error(`no stored summary for article ${id}`);
        return summaries.get(slice);
      },
    );

    const written: Manifest = { ...manifest, generatedAt: (settings.now?.() ?? new Date()).toISOString(), search };
    fs.writeFileSync(output.file(dataPaths.manifest()), JSON.stringify(written));
    const buildId = randomUUID();
    fs.writeFileSync(output.file(BUILD_ID_FILE), buildId);
    output.commit([search.path, OUTPUT_MARKER]);
    build.published = {
      buildId,
      search,
      searchIndex,
      listSignatures: { ...cache.lists, ...signatures },
      terms,
    };
    return build;
  } catch (error) {
    output.discard();
    throw error;
  }
}

/** What the cache keeps of a run that published edits (cache/save-build-cache.ts). */
export function editedRun(build: EditedBuild, parsing: Pick<ParseRun, 'summaries'>): RunToSave {
  const { cache, order, edits, published } = build;
  if (!published) throw new Error('edits that were not published are not saved');
  const editAt = new Map(edits.map((edit) => [edit.place, edit]));
  const freshSummary = new Map(edits.map((edit) => [edit.relative, edit.task]));
  return {
    entries: cache.entries,
    ordered: order,
    freshTerms: (n) => {
      const edit = editAt.get(n);
      return edit && published.terms.get(edit.task);
    },
    listed: () => {
      const listed = Object.keys(cache.entries).filter((relative) => cache.entries[relative]?.listed);
      return {
        length: listed.length,
        at: (n) => {
          const relative = listed[n] ?? '';
          const article = cache.entries[relative]?.listed;
          if (!article) throw new Error(`no built article for ${relative}`);
          const task = freshSummary.get(relative);
          const fresh = task === undefined ? undefined : parsing.summaries.get(task);
          return fresh ? { relative, article, fresh } : { relative, article };
        },
      };
    },
    changed: build.changed,
    edited: edits.map(({ place, relative, before, task }) => {
      const summary = parsing.summaries.get(task);
      if (!summary) throw new Error(`no parsed summary for ${relative}`);
      return { place, relative, before, summary };
    }),
    published,
  };
}

/** The published manifest, when it is one this contract wrote. */
function readManifest(outDir: string): Manifest | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, dataPaths.manifest()), 'utf8')) as Manifest;
    return manifest.version === CONTRACT_VERSION && typeof manifest.search?.path === 'string' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

const ref = (entry: CacheEntry | undefined): ArticleRef | undefined =>
  entry?.listed ? { id: entry.id, title: entry.listed.title } : undefined;

function neighboursAt(order: ArticleOrder, place: number): Neighbours {
  const neighbours: Neighbours = {};
  const prev = ref(order.entries[place - 1]);
  const next = ref(order.entries[place + 1]);
  if (prev) neighbours.prev = prev;
  if (next) neighbours.next = next;
  return neighbours;
}

/**
 * Stages each edited article with its neighbours, and each neighbour of one whose title
 * changed (its `prev` or `next` shows that title), patched from its published file.
 */
async function stageEditedArticles(
  output: StagedOutput,
  outDir: string,
  order: ArticleOrder,
  edits: readonly Edit[],
  parsing: ParseRun,
): Promise<void> {
  const editedPlaces = new Set(edits.map((edit) => edit.place));
  const patched = new Set<number>();
  for (const { place, task, before } of edits) {
    const entry = order.entries[place];
    const record = parsing.records.get(task);
    if (!entry || !record) throw new Error(`no parsed article for ${before.id}`);
    entry.neighbours = [order.entries[place - 1]?.id ?? '', order.entries[place + 1]?.id ?? ''];
    fs.writeFileSync(output.file(dataPaths.article(entry.id)), withNeighbours(record, neighboursAt(order, place)));
    if (entry.listed?.title === before.listed?.title) continue;
    for (const other of [place - 1, place + 1]) {
      if (other >= 0 && other < order.entries.length && !editedPlaces.has(other)) patched.add(other);
    }
  }
  for (const place of patched) {
    const { id } = order.entries[place] as CacheEntry;
    const file = dataPaths.article(id);
    fs.writeFileSync(output.file(file), await withNewNeighbours(path.join(outDir, file), neighboursAt(order, place)));
  }
}

/** The list files that hold an edited article: in every list it is in, its chunk and maybe the head. */
function listFilesOfEdits(
  order: ArticleOrder,
  edits: readonly Edit[],
  manifest: Manifest,
  pageSize: number,
): Map<string, ListFile> {
  const slugOf = new Map(manifest.categories.map((category) => [category.name, category.slug]));
  const lists = new Map<string, { files: ListFiles; holds: (article: ArticleEntry) => boolean }>();
  lists.set(`c:${ALL_SLUG}`, { files: categoryListFiles(ALL_SLUG), holds: () => true });
  for (const { place } of edits) {
    const listed = order.entries[place]?.listed;
    for (const name of listed?.categories ?? []) {
      const slug = slugOf.get(name);
      if (slug === undefined) throw new Error(`category "${name}" is not in the published manifest`);
      lists.set(`c:${slug}`, { files: categoryListFiles(slug), holds: (a) => a.categories.includes(name) });
    }
    for (const name of listed?.tags ?? []) {
      lists.set(`t:${name}`, { files: tagListFiles(name), holds: (a) => a.tags.includes(name) });
    }
  }
  const pages = new Map<string, ListFile>();
  const all = order.entries.map((entry) => entry.listed as ArticleEntry);
  for (const { files, holds } of lists.values()) {
    const items = all.filter(holds);
    for (const { place } of edits) {
      const article = all[place];
      const index = article ? items.indexOf(article) : -1;
      if (index === -1) continue;
      for (const [file, page] of listFilesHolding(files, items, pageSize, index)) pages.set(file, page);
    }
  }
  return pages;
}

/**
 * The problems a whole run would report (every file's warnings and errors, and categories that
 * share a slug) and the drafts it would leave out; undefined when a file's id is not its name,
 * whose warning only the whole run's id assignment can word.
 */
function reportProblems(
  cache: LoadedCache,
  next: ReadonlyMap<string, CacheEntry>,
  settings: BuildSettings,
  order: ArticleOrder,
  manifest: Manifest,
): { problems: Problem[]; drafts: number; found: number } | undefined {
  const problems: Problem[] = [];
  let drafts = 0;
  let found = 0;
  for (const relative in cache.entries) {
    const entry = next.get(relative) ?? (cache.entries[relative] as CacheEntry);
    if (!isOwnName(relative, entry.id)) return undefined;
    found++;
    if (entry.draft && !settings.drafts) {
      drafts++;
      continue;
    }
    for (const message of entry.warnings) problems.push({ file: relative, level: 'warning', message });
    if (entry.error !== undefined) problems.push({ file: relative, level: 'error', message: entry.error });
  }
  // As assembleOutput words them, in name order: a category whose slug is not its own, on the
  // file of its newest article.
  const names = manifest.categories.map((category) => category.name).sort();
  for (const name of names) {
    const slug = manifest.categories.find((category) => category.name === name)?.slug;
    const wanted = categorySlug(name);
    if (slug === undefined || slug === wanted) continue;
    const other = manifest.categories.find((category) => category.slug === wanted)?.name;
    const newest = order.entries.findIndex((entry) => entry.listed?.categories.includes(name));
    problems.push({
      file: order.files[newest] ?? name,
      level: 'warning',
      message: `category "${name}" is listed under "${slug}": "${other}" has the same slug`,
    });
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { problems, drafts, found };
}

/** Whether a file's id is its name without folder and extension (stemOf), without slicing it. */
function isOwnName(relative: string, id: string): boolean {
  const from = relative.lastIndexOf('/') + 1;
  const dot = relative.lastIndexOf('.');
  return dot - from === id.length && relative.startsWith(id, from);
}
