import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  ALL_SLUG,
  type CategoryEntry,
  CONTRACT_VERSION,
  dataPaths,
  type Manifest,
  pageCount,
  type SearchIndexInfo,
} from '../../../src/lib/content-contract.ts';
import { type CacheEntry, ORDER_CHANGE_LIMIT, withFileState } from '../cache/build-cache.ts';
import type { ListSignatures } from '../cache/list-signatures.ts';
import {
  type ArticleOrder,
  changedOrder,
  type EntryTable,
  type OrderChange,
  type OrderWindow,
} from '../cache/entry-table.ts';
import type { RenewedWindow, RunToSave } from '../cache/save-build-cache.ts';
import { BUILD_ID_FILE, type PreviousBuild } from '../cache/previous-build.ts';
import { type FeedsWork, stageFeeds } from '../feeds/stage-feeds.ts';
import type { ParseRun } from '../parse/parse-pool.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { isOwnName } from '../read/article-id.ts';
import type { EditPlan } from '../read/plan-edits.ts';
import type { IndexWork, Problem } from '../report.ts';
import { movesOf, unmovedChanges } from '../search/moved-documents.ts';
import type { DocChange } from '../search/patch-index.ts';
import { type DayClasses, dayOf } from '../search/doc-numbering.ts';
import type { OrderNumbers } from '../search/order-numbers.ts';
import { numberWindow, type WindowNumbers } from '../search/window-numbers.ts';
import { indexBase, patchLimit } from '../search/reuse-index.ts';
import {
  type DocLinks,
  dropLinks,
  linkSharedDocs,
  type StagedIndex,
  stageSearchIndex,
} from '../search/stage-search-index.ts';
import { DOCS_PER_FILE } from '../search/search-index.ts';
import type { TermSlice } from '../search/search-term-cache.ts';
import type { NumberedTerms } from '../search/term-dictionary.ts';
import type { TermSpool } from '../search/term-spool.ts';
import {
  type ArticleEntry,
  categoryListFiles,
  type ListFiles,
  compareCategories,
  compareNewestFirst,
  type Neighbours,
  neighboursOf,
  tagListFiles,
} from './assemble-output.ts';
import { parseListHead } from '../../../src/lib/validate-data.ts';
import { categorySlug } from './category-slug.ts';
import { listFilesOfChanges, membersBelow, type TouchedList } from './list-changes.ts';
import { LIST_LAYOUT_VERSION, partsTotal } from './list-layout.ts';
import { placesOfLists } from './list-places.ts';
import { stageListPages } from './list-pages.ts';
import { outputAsCached } from './output-as-cached.ts';
import { OUTPUT_MARKER } from './output-folder.ts';
import { readText } from './read-text.ts';
import { withNeighbours, withNewNeighbours } from './stage-articles.ts';
import { StagedOutput } from './staged-output.ts';

/** An article this run parsed (edited, or new): its place in the new order and its parse task. */
interface ParsedArticle {
  relative: string;
  place: number;
  task: number;
  /** Its entry before this run, when it had one: where its terms and summary were. */
  before?: CacheEntry;
}

/** What the edits left in the cache's place, for saving it (editedRun). */
export interface EditedBuild {
  table: EntryTable;
  /** The articles now published, newest first. */
  order: ArticleOrder;
  /** How it follows from the previous order, when it is short enough to log (else the snapshot holds it). */
  orderChange?: OrderChange;
  /** The previous order's places the changes reach, laid out again (the window). */
  renewed: RenewedWindow;
  parsed: ParsedArticle[];
  /** The entries of the articles deleted: their stored records are free. */
  removed: CacheEntry[];
  /** Files whose cache entries changed or went. */
  changed: Set<string>;
  problems: Problem[];
  drafts: number;
  /** Article files, built or not. */
  found: number;
  published?: {
    buildId: string;
    search: Manifest['search'];
    searchIndex: IndexWork;
    searchDays: DayClasses;
    searchNumbers: OrderNumbers;
    listSignatures: ListSignatures;
    terms: TermSpool;
    feeds?: FeedsWork;
  };
}

/**
 * How many places of the order a run of edits may lay out again (its window), in an order of
 * `articles`: an entry is made for each, and its documents renumbered in the search index (as
 * far as ORDER_CHANGE_LIMIT, the cache logs the window; past it, it writes its snapshot again).
 * One change makes a window of its day, however deep (decision 0006); changes far apart in one
 * run, or an article moved far, make one window from the first to the last. Longer, the whole
 * run is cheaper: it costs about 60 µs an article, a run of edits about 0.15 ms a place laid
 * out again (at 100,000 articles a window of 20,000 places took 3.7–4.0 s, of 60,000 8.3 s, the
 * whole run 6.2 s; at a million 60,000 places took 15.5–16.7 s and 0.96 GB, the whole run
 * 83–217 s and 2.5 GB, and 840,000 places 208 s and 4.2 GB). So a quarter of the order, at most
 * 65,536 places, and never less than the log takes.
 */
export const windowLimit = (articles: number): number =>
  Math.max(ORDER_CHANGE_LIMIT, Math.min(65_536, Math.floor(articles / 4)));

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, n) => x === b[n]);

/** An article outside the window whose categories or tags changed, not its date: it keeps its place. */
interface Relisted {
  place: number;
  before: CacheEntry;
  after: CacheEntry;
}

/**
 * Publishes a run whose named files change the output only where they are: articles edited in
 * place (the same date: other categories or tags move them between lists, not in the order), and
 * articles added, deleted or moved (a new date) anywhere in the order. The moves reach a window
 * of the previous order (decision 0028): those places are laid out again, and every article above
 * and below keeps its place. Lists are cut by content, so only these change: the parsed articles'
 * JSON, their neighbours', the heads and the parts around the window of the lists they are in
 * (and around an article's place in a list it joined or left in place, and the chunk of an edited
 * one), the search index (patched, appended to, or built again from the stored terms when its
 * numbering changes) and the manifest. What a whole run would write, without listing, sorting or
 * visiting the files of the articles outside the window: the work follows the window's length.
 * Undefined, with nothing written, for anything else (a file that fails, a draft, a category whose
 * slug another has): the whole run follows.
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
  // Lists cut by other rules are laid out again whole.
  if (!cache || !stored || !summaries || cache.listLayout !== LIST_LAYOUT_VERSION) return undefined;

  // Every check first: until the cache's entries are changed, the whole run can still follow.
  const next = new Map<string, CacheEntry>();
  const taskOf = new Map<string, number>();
  const added: CacheEntry[] = [];
  const fileOfAdded = new Map<string, string>();
  const moved = new Map<string, CacheEntry>();
  /** Files with the same date and other categories or tags, and their entries before. */
  const relisted = new Map<string, CacheEntry>();
  for (const [, outcome] of parsing.takeOutcomes()) {
    const file = plan.files[outcome.index];
    if (!file) return undefined;
    const { relative, id, cached, mtimeMs, size } = file;
    const base = { id, mtimeMs, size, hash: outcome.hash };
    if (outcome.unchanged) {
      if (!cached) return undefined;
      next.set(relative, withFileState(cached, base));
      continue;
    }
    if (!outcome.result.ok) return undefined;
    const { listed, draft, assets, warnings } = outcome.result;
    if (draft || assets.length > 0) return undefined;
    const { title, date, categories, tags } = listed;
    const entry: CacheEntry = { ...base, listed: { id, title, date, categories, tags }, warnings };
    const kept = cached?.listed;
    if (!kept) {
      added.push(entry);
      fileOfAdded.set(id, relative);
    } else if (date === kept.date) {
      // Edited in place: the same date keeps the same place (the order is by date, then id). With
      // other categories or tags it leaves their lists and joins others there (listFilesOfChanges).
      if (sameList(categories, kept.categories) && sameList(tags, kept.tags))
        entry.listed = { id, title, date, categories: kept.categories, tags: kept.tags };
      else relisted.set(relative, cached);
      if (cached.neighbours) entry.neighbours = cached.neighbours;
    } else moved.set(relative, entry); // a new date: it leaves its place for another
    next.set(relative, entry);
    taskOf.set(relative, outcome.index);
  }
  const table = cache.table;
  const before = table.order(settings.drafts === true);
  const manifest = readManifest(settings.outDir);
  if (!before || !manifest || manifest.pageSize !== settings.pageSize || manifest.total !== before.length)
    return undefined;
  // The index the cache describes is the one published, of these articles in this order.
  const index = cache.search?.info;
  const days = cache.search?.days;
  if (index?.path !== manifest.search.path || index.docs !== before.length || !days) return undefined;

  // The articles deleted, moved or added reach the previous order's places from `from` up to
  // `drop`: those are laid out again (the window), and every article above and below stays as
  // it was, those below a place or more up or down.
  const gone = new Set(plan.deleted.map((file) => file.relative));
  const left = [...gone, ...moved.keys()];
  const arriving = [...added, ...moved.values()];
  const window = changedWindow(before, left, arriving, index.numbering !== undefined);
  if (!window || window.drop - window.from > windowLimit(before.length)) return undefined;
  const { from, drop } = window;
  // The window's entries as they were, newest first: their documents go.
  const dropped = Array.from({ length: drop - from }, (_, n) => before.entryAt(from + n));
  const top = windowOfChanges(before, from, dropped, next, (file) => gone.has(file) || moved.has(file));
  for (const entry of added) top.push({ file: fileOfAdded.get(entry.id) as string, entry });
  for (const [file, entry] of moved) top.push({ file, entry });
  top.sort((a, b) => compareNewestFirst(a.entry.listed as ArticleEntry, b.entry.listed as ArticleEntry));
  const order = changedOrder(before, window, top, next);
  const parsed: ParsedArticle[] = [];
  for (const [relative, task] of taskOf) {
    const place = order.placeOf(relative);
    if (place < 0) return undefined;
    const article: ParsedArticle = { relative, place, task };
    const cached = plan.files[task]?.cached;
    if (cached) article.before = cached;
    parsed.push(article);
  }
  parsed.sort((a, b) => a.place - b.place);
  // The deleted articles' entries: their records are free.
  const removed = plan.deleted.map((file) => file.cached);
  const topEntries = top.map(({ entry }) => entry);
  // Those in the window are among `dropped` (as they were) and `top` (as they are) already.
  const relists = relistedOutside(relisted, next, before, window, order);

  const categories = nextCategories(
    manifest,
    [...dropped, ...relists.map((article) => article.before)],
    [...topEntries, ...relists.map((article) => article.after)],
    settings.pageSize,
  );
  if (!categories || (order.length === 0 && before.length > 0)) return undefined;
  const report = reportProblems(table, next, gone, fileOfAdded, settings, order, categories);
  if (!report) return undefined;
  // Last of the checks: it lists the output folder, which a whole run would list again.
  if (plan.checkOutput && !outputAsCached(settings.outDir, cache, before)) return undefined;

  for (const [relative, entry] of next) table.set(relative, entry);
  for (const relative of gone) table.delete(relative);
  const build: EditedBuild = {
    table,
    order,
    // A longer change is not logged: the cache's snapshot is written again with the order.
    ...(top.length <= ORDER_CHANGE_LIMIT && {
      orderChange: { ...(from > 0 && { from }), drop, prepend: top.map(({ file }) => file) },
    }),
    renewed: { dropped, from, top: top.length },
    parsed,
    removed,
    changed: new Set([...next.keys(), ...gone]),
    ...report,
  };
  if (settings.strict && report.problems.length > 0) return build;

  // The search documents of the window before and after, numbered by day (decision 0006).
  const numbers = numberWindow(
    index,
    days,
    order,
    dropped.map((entry) => entry.listed?.date ?? ''),
    { from, top: top.length },
  );
  build.renewed.numbers = numbers;
  const edited = parsed.flatMap(({ place, before: cached }) => (cached ? [order.entryAt(place)] : []));
  const searchPath = manifest.search.path;
  const output = new StagedOutput(settings.outDir, [dataPaths.manifest(), OUTPUT_MARKER, searchPath]);
  // The new index's docs files below the dropped places' documents are the published ones: linked
  // on a thread of their own from now, while this thread does the rest (10,000 of them at a million).
  // Not when the run changes no document (it parses nothing and lays out no window): the index is
  // then kept, and every unchanged run linked 10,000 files at a million only to remove them.
  const keepsIndex = parsed.length === 0 && drop === from && top.length === 0;
  const docLinks = keepsIndex
    ? undefined
    : linkSharedDocs(output, index, numbers.same ? Math.floor(numbers.lowest / DOCS_PER_FILE) : 0);
  let indexWritten: Promise<unknown> | undefined;
  try {
    const lists = touchedLists([...manifest.categories, ...categories], dropped, topEntries, edited, relists);
    // The entries this run looks at, by id: those on the list pages it writes, the parsed ones.
    const known = new Map<string, CacheEntry>();
    const editedPlaces = parsed.flatMap(({ place, before }) => (before ? [place] : []));
    // Each list's members as far as the window's last place: the list stayed as it was below it.
    const windowEnd = from + top.length;
    // The published list files this run reads, each once: a head gives a list's size here and
    // its parts below.
    const publishedJson = new Map<string, unknown>();
    const readPublished = (file: string) => {
      if (!publishedJson.has(file)) publishedJson.set(file, readPublishedJson(settings.outDir, file));
      return publishedJson.get(file);
    };
    // Each list's size, from its published head and what the run changed in it: counted, it was a
    // pass over the order's list columns (0.09 s at a million articles).
    const sized = lists.map((list) =>
      list.holds
        ? {
            ...list,
            total:
              publishedTotal(readPublished(list.files.head)) +
              list.added -
              list.removed +
              list.joined.length -
              list.left.length,
          }
        : list,
    );
    const members = placesOfLists(
      sized,
      order,
      settings.pageSize,
      windowEnd > 0 ? [...editedPlaces, windowEnd - 1] : editedPlaces,
      membersBelow(settings.pageSize),
    );
    const { pages, stale, removes } = listFilesOfChanges(
      lists,
      members,
      order,
      editedPlaces,
      { from, end: windowEnd },
      settings.pageSize,
      (place) => {
        const entry = order.entryAt(place);
        known.set(entry.id, entry);
        return entry.listed as ArticleEntry;
      },
      readPublished,
    );
    removes.push(...removed.map((entry) => dataPaths.article(entry.id)));
    await stageChangedArticles(
      output,
      settings.outDir,
      order,
      { from, top: top.length },
      parsed,
      parsing,
      build.changed,
    );
    const terms = await parsing.collectTerms();
    const parsedOf = new Map(parsed.map((article) => [order.idAt(article.place), article]));
    const entryOf = (id: string) => {
      // Past the entries looked at (a search index built whole asks for every one), by id.
      const relative = known.has(id) ? undefined : (fileOfAdded.get(id) ?? cache.files.get(id));
      const entry = known.get(id) ?? (relative === undefined ? undefined : table.get(relative));
      if (!entry) throw new Error(`article ${id} is listed but has no cache entry`);
      return entry;
    };
    // By document, from the order's place: an index built whole asks for every article's, and
    // the entries of those below the changes are never made.
    // The window's articles that stay as they were have the same stored terms as documents
    // that go and as documents that come: read once, the same object both ways (movesOf then
    // pairs them at a glance). At 20,000 places down they were 40,000 reads.
    const readOnce = new Map<number, NumberedTerms>();
    const storedSlice = (slice: TermSlice) => {
      let read = readOnce.get(slice[0]);
      if (!read) readOnce.set(slice[0], (read = stored.slice(slice)));
      return read;
    };
    const termsOf = (id: string, doc: number, inPassing = false) => {
      const article = parsedOf.get(id);
      if (article) return terms.get(article.task);
      const slice = order.termsAt(numbers.order.placeOf(doc));
      return slice && (inPassing ? stored.sliceInPassing(slice) : storedSlice(slice));
    };
    const staged = await stageChangedIndex(output, previous, {
      index,
      folder: path.join(settings.outDir, index.path),
      docLinks,
      order,
      parsed,
      dropped,
      numbers,
      termsOf,
      storedTerms: (entry) => {
        if (!entry.terms) throw new Error(`no stored search terms for article ${entry.id}`);
        return storedSlice(entry.terms);
      },
    });
    const { info: search, work: searchIndex } = staged;
    indexWritten = staged.written;

    // Staged while the index's files are written.
    const signatures = stageListPages(
      output,
      pages,
      cache.lists,
      (id) => entryOf(id).hash,
      (id) => {
        const article = parsedOf.get(id);
        const fresh = article && parsing.summaries.get(article.task);
        if (fresh) return Buffer.from(fresh.buffer, fresh.byteOffset, fresh.length).toString('utf8');
        const slice = entryOf(id).listed?.summary;
        if (!slice) throw new Error(`no stored summary for article ${id}`);
        return summaries.get(slice);
      },
    );
    const listSignatures = cache.lists.derive();
    for (const [file, signature] of Object.entries(signatures)) listSignatures.set(file, signature);
    for (const file of stale) listSignatures.delete(file);

    // From the lists and articles just staged (or published as they are), as a whole run does.
    const feeds = await stageFeeds(output, settings.outDir, settings.siteUrl, categories);
    removes.push(...feeds.removes);

    const total = order.length;
    const written: Manifest = {
      ...manifest,
      generatedAt: (settings.now?.() ?? new Date()).toISOString(),
      total,
      pages: pageCount(total, settings.pageSize),
      categories,
      search,
    };
    if (feeds.work) written.feeds = true;
    else delete written.feeds;
    fs.writeFileSync(output.file(dataPaths.manifest()), JSON.stringify(written));
    const buildId = randomUUID();
    fs.writeFileSync(output.file(BUILD_ID_FILE), buildId);
    await indexWritten;
    output.commitChanges(search.path === searchPath ? removes : [...removes, searchPath]);
    build.published = {
      buildId,
      search,
      searchIndex,
      searchDays: numbers.classes,
      searchNumbers: numbers.order,
      listSignatures,
      terms,
      ...(feeds.work && { feeds: feeds.work }),
    };
    return build;
  } catch (error) {
    // Settled before the staging folder goes.
    await docLinks?.catch(() => undefined);
    await indexWritten?.catch(() => undefined);
    output.discard();
    throw error;
  }
}

/**
 * The previous order's places the changes reach, laid out again: from the first place an article
 * `left` (deleted, or moved by a new date) or one `arriving` (added, or moved) goes to, up to
 * past the deepest place one left and every article newer than one arriving. Search documents
 * numbered `byDay` move only within their day, counted from its oldest (decision 0006): the
 * window starts where the day of its newest article does, and the documents above keep their
 * numbers. Numbered densely, every newer document moves: the window starts at the newest.
 * Undefined when a file that left is not in the order.
 */
function changedWindow(
  before: ArticleOrder,
  left: readonly string[],
  arriving: readonly CacheEntry[],
  byDay: boolean,
): OrderWindow | undefined {
  let from = before.length;
  let drop = 0;
  for (const file of left) {
    const place = before.placeOf(file);
    if (place < 0) return undefined;
    from = Math.min(from, place);
    drop = Math.max(drop, place + 1);
  }
  let newestDay = -Infinity;
  for (const entry of arriving) {
    const article = entry.listed as ArticleEntry;
    const place = newerThan(before, article);
    from = Math.min(from, place);
    drop = Math.max(drop, place);
    newestDay = Math.max(newestDay, dayOf(article.date));
  }
  if (drop === 0 || !byDay) return { from: 0, drop };
  // Every article above `from` is newer than the window's: the newest day in it is its first
  // article's, or an arriving one's.
  if (from < before.length) newestDay = Math.max(newestDay, dayOf(before.dateAt(from)));
  while (from > 0 && dayOf(before.dateAt(from - 1)) === newestDay) from--;
  return { from, drop };
}

/** How many articles of `order` are newer than `article`: found by halving, making a few entries. */
function newerThan(order: ArticleOrder, article: ArticleEntry): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewestFirst(order.entryAt(middle).listed as ArticleEntry, article) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The articles of the previous order's window (`dropped`, from `from` on) that stay, with their entries now. */
function windowOfChanges(
  before: ArticleOrder,
  from: number,
  dropped: readonly CacheEntry[],
  next: ReadonlyMap<string, CacheEntry>,
  left: (file: string) => boolean,
): { file: string; entry: CacheEntry }[] {
  const top: { file: string; entry: CacheEntry }[] = [];
  dropped.forEach((entry, n) => {
    const file = before.fileAt(from + n);
    if (!left(file)) top.push({ file, entry: next.get(file) ?? entry });
  });
  return top;
}

/**
 * The manifest's categories after the deletions and additions; undefined when a new category
 * would take a slug another has, or when slugs were handed out around a clash and a category
 * comes or goes: only a whole run's slug assignment decides those.
 */
function nextCategories(
  manifest: Manifest,
  removed: readonly CacheEntry[],
  added: readonly CacheEntry[],
  pageSize: number,
): CategoryEntry[] | undefined {
  const counts = new Map(manifest.categories.map((category) => [category.name, category.count]));
  const slugs = new Map(manifest.categories.map((category) => [category.name, category.slug]));
  for (const entry of removed)
    for (const name of entry.listed?.categories ?? []) counts.set(name, (counts.get(name) ?? 0) - 1);
  for (const entry of added)
    for (const name of entry.listed?.categories ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  const newNames = [...counts.keys()].filter((name) => !slugs.has(name));
  const emptied = [...counts.values()].some((count) => count === 0);
  // With slugs handed out around a clash, a category that comes or goes may move another's slug.
  const clashes = manifest.categories.some((category) => category.slug !== categorySlug(category.name));
  if (clashes && (newNames.length > 0 || emptied)) return undefined;
  const taken = new Set(manifest.categories.map((category) => category.slug));
  for (const name of newNames) {
    const slug = categorySlug(name);
    if (taken.has(slug)) return undefined;
    taken.add(slug);
    slugs.set(name, slug);
  }
  const categories: CategoryEntry[] = [];
  for (const [name, count] of counts) {
    if (count < 0) return undefined;
    if (count === 0) continue;
    categories.push({ name, slug: slugs.get(name) as string, count, pages: pageCount(count, pageSize) });
  }
  return categories.sort(compareCategories);
}

/** The keys of the lists touchedLists finds: all articles', a category's, a tag's. */
const ALL_KEY = '';
const categoryKey = (name: string) => `c:${name}`;
const tagKey = (name: string) => `t:${name}`;

/**
 * The lists the changes touch: all articles', and those of their categories and tags. `removed`
 * and `added` are the window as it was and as it is (the same object for an article the run left
 * as it was).
 */
export function touchedLists(
  slugs: readonly CategoryEntry[],
  removed: readonly CacheEntry[],
  added: readonly CacheEntry[],
  edited: readonly CacheEntry[],
  relists: readonly Relisted[],
): TouchedList[] {
  const slugOf = new Map(slugs.map((category) => [category.name, category.slug]));
  const lists = new Map<string, TouchedList>();
  const list = (key: string, files: () => ListFiles, holds: TouchedList['holds']) => {
    let touched = lists.get(key);
    if (!touched) lists.set(key, (touched = { files: files(), holds, added: 0, removed: 0, joined: [], left: [] }));
    return touched;
  };
  const category = (name: string) => {
    const slug = slugOf.get(name);
    if (slug === undefined) throw new Error(`category "${name}" has no slug`);
    return list(categoryKey(name), () => categoryListFiles(slug), { field: 'categories', name });
  };
  const tag = (name: string) => list(tagKey(name), () => tagListFiles(name), { field: 'tags', name });
  // Only the lists an article changed in, came to or went from are counted: an entry in both
  // `removed` and `added` is the same object, an article the run left as it was, and a list whose
  // window holds only such articles keeps its order and its files. A window holds a day's articles
  // or more, and their lists were all written again.
  const keysOf = (entry: CacheEntry) => {
    const { categories = [], tags = [] } = entry.listed ?? {};
    return [ALL_KEY, ...categories.map(categoryKey), ...tags.map(tagKey)];
  };
  const inRemoved = new Set(removed);
  const inAdded = new Set(added);
  const changed = new Set<string>();
  for (const entry of added) if (!inRemoved.has(entry)) for (const key of keysOf(entry)) changed.add(key);
  for (const entry of removed) if (!inAdded.has(entry)) for (const key of keysOf(entry)) changed.add(key);
  const touch = (entry: CacheEntry, count?: 'added' | 'removed') => {
    const { categories = [], tags = [] } = entry.listed ?? {};
    const wanted = (key: string) => count === undefined || changed.has(key);
    const lists = [
      ...(wanted(ALL_KEY) ? [list(ALL_KEY, () => categoryListFiles(ALL_SLUG), undefined)] : []),
      ...categories.filter((name) => wanted(categoryKey(name))).map(category),
      ...tags.filter((name) => wanted(tagKey(name))).map(tag),
    ];
    if (count) for (const touched of lists) touched[count]++;
  };
  for (const entry of removed) touch(entry, 'removed');
  for (const entry of added) touch(entry, 'added');
  for (const entry of edited) touch(entry);
  for (const { place, before, after } of relists) {
    const was = before.listed;
    const is = after.listed;
    /** The names in `to` that `from` has not. */
    const gained = (from: readonly string[] = [], to: readonly string[] = []) =>
      to.filter((name) => !from.includes(name));
    for (const name of gained(was?.categories, is?.categories)) category(name).joined.push(place);
    for (const name of gained(is?.categories, was?.categories)) category(name).left.push(place);
    for (const name of gained(was?.tags, is?.tags)) tag(name).joined.push(place);
    for (const name of gained(is?.tags, was?.tags)) tag(name).left.push(place);
  }
  return [...lists.values()];
}

/**
 * The articles of `relisted` (by file, with their entries before) outside the window the changes
 * lay out again (of `before`), at their places in `order` with their entries now.
 */
function relistedOutside(
  relisted: ReadonlyMap<string, CacheEntry>,
  next: ReadonlyMap<string, CacheEntry>,
  before: ArticleOrder,
  { from, drop }: OrderWindow,
  order: ArticleOrder,
): Relisted[] {
  return [...relisted].flatMap(([relative, was]) => {
    const after = next.get(relative);
    const place = before.placeOf(relative);
    if ((place >= from && place < drop) || !after) return [];
    return [{ place: order.placeOf(relative), before: was, after }];
  });
}

/** How many articles a published list holds, as its head's parts count them (0 for none published). */
function publishedTotal(published: unknown): number {
  return published === undefined ? 0 : partsTotal(parseListHead(published).parts);
}

/** A published data file's JSON; undefined when there is none. */
function readPublishedJson(outDir: string, file: string): unknown {
  const text = readText(path.join(outDir, file));
  return text === undefined ? undefined : JSON.parse(text);
}

/**
 * What the cache keeps of a run that published edits (cache/save-build-cache.ts). `drafts`: the
 * run's `--drafts` (drafts left out of the order are built articles all the same).
 */
export function editedRun(build: EditedBuild, parsing: Pick<ParseRun, 'summaries'>, drafts: boolean): RunToSave {
  const { table, order, orderChange, parsed, published } = build;
  if (!published) throw new Error('edits that were not published are not saved');
  const parsedAt = new Map(parsed.map((article) => [article.place, article]));
  const taskOf = new Map(parsed.map((article) => [article.relative, article.task]));
  return {
    entries: table,
    ordered: order,
    orderChange,
    freshTerms: (n) => {
      const article = parsedAt.get(n);
      return article && published.terms.get(article.task);
    },
    // Asked only when a store is written anew: the published articles by place, read from the
    // rows (a store written anew from every entry made them all, a whole run's memory), then the
    // few built articles left out of the order (drafts), as entries.
    listed: () => {
      const others = table.unpublishedFiles(drafts).filter((relative) => table.get(relative)?.listed);
      const published = order.length;
      const fileAt = (n: number) => (n < published ? order.fileAt(n) : (others[n - published] ?? ''));
      return {
        length: published + others.length,
        at: (n) => {
          const relative = fileAt(n);
          const task = taskOf.get(relative);
          const fresh = task === undefined ? undefined : parsing.summaries.get(task);
          if (fresh) return { relative, fresh };
          return { relative, stored: n < published ? order.summaryAt(n) : table.get(relative)?.listed?.summary };
        },
        articleAt: (n) => {
          const relative = fileAt(n);
          const article = (n < published ? order.entryAt(n) : table.get(relative))?.listed;
          if (!article) throw new Error(`no built article for ${relative}`);
          return { relative, article };
        },
      };
    },
    listedInOrder: true,
    changed: build.changed,
    edited: parsed.map(({ place, relative, before, task }) => {
      const summary = parsing.summaries.get(task);
      if (!summary) throw new Error(`no parsed summary for ${relative}`);
      return before ? { place, relative, before, summary } : { place, relative, summary };
    }),
    removed: build.removed,
    renewed: build.renewed,
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

/** The entry at `place`, when there is one. */
const entryAround = (order: ArticleOrder, place: number): CacheEntry | undefined =>
  place >= 0 && place < order.length ? order.entryAt(place) : undefined;

const neighboursAt = (order: ArticleOrder, place: number): Neighbours =>
  neighboursOf(entryAround(order, place - 1)?.listed, entryAround(order, place + 1)?.listed);

/** The ids of the articles beside `place`, newer then older ('' for none), as an entry keeps them. */
const neighbourIds = (order: ArticleOrder, place: number): [string, string] => [
  place > 0 ? order.idAt(place - 1) : '',
  place + 1 < order.length ? order.idAt(place + 1) : '',
];

/**
 * Stages each parsed article with its neighbours, and patches from its published file each
 * article whose neighbours changed: the ones next to an added, deleted or retitled article.
 */
async function stageChangedArticles(
  output: StagedOutput,
  outDir: string,
  order: ArticleOrder,
  { from, top }: { from: number; top: number },
  parsed: readonly ParsedArticle[],
  parsing: ParseRun,
  changed: Set<string>,
): Promise<void> {
  const parsedPlaces = new Set(parsed.map((article) => article.place));
  const around = new Set<number>();
  // The window laid out again (`top` places from `from`), and the articles just above and below
  // it (their older or newer neighbour changed when articles came or went in it).
  for (let place = from - 1; place <= from + top; place++) around.add(place);
  for (const { place, task, before } of parsed) {
    const entry = order.entryAt(place);
    const record = parsing.records.get(task);
    if (!record) throw new Error(`no parsed article at ${place}`);
    entry.neighbours = neighbourIds(order, place);
    fs.writeFileSync(output.file(dataPaths.article(entry.id)), withNeighbours(record, neighboursAt(order, place)));
    if (before && entry.listed?.title === before.listed?.title) continue;
    around.add(place - 1);
    around.add(place + 1);
  }
  for (const place of around) {
    const entry = entryAround(order, place);
    if (!entry || parsedPlaces.has(place)) continue;
    const neighbours = neighbourIds(order, place);
    const moved = entry.neighbours?.[0] !== neighbours[0] || entry.neighbours[1] !== neighbours[1];
    // The same neighbours show the same titles unless one was parsed this run.
    if (!moved && !parsedPlaces.has(place - 1) && !parsedPlaces.has(place + 1)) continue;
    if (moved) {
      entry.neighbours = neighbours;
      changed.add(order.fileAt(place));
    }
    const file = dataPaths.article(entry.id);
    fs.writeFileSync(output.file(file), await withNewNeighbours(path.join(outDir, file), neighboursAt(order, place)));
  }
}

/**
 * Stages the search index of the new order from the published one, whose documents are the
 * previous order's: of the previous window (`dropped`) and the new one, an article at the same
 * number, unchanged, is left alone; one edited keeps its number; every other goes from its
 * number or comes to its own (numbered by day, only the rest of its day moves). Edits outside
 * the window keep their numbers. No article is compared with the index: the cache's neighbours proved
 * the order. Numbered otherwise than the published index (a day past its room), it is built whole.
 */
async function stageChangedIndex(
  output: StagedOutput,
  previous: PreviousBuild,
  change: {
    index: SearchIndexInfo;
    folder: string;
    order: ArticleOrder;
    parsed: readonly ParsedArticle[];
    /** The previous window's entries as they were, newest first: documents of the published index. */
    dropped: readonly CacheEntry[];
    numbers: WindowNumbers;
    /** The terms of the article `id`, document `doc`; `inPassing`, valid until the next call only. */
    termsOf: (id: string, doc: number, inPassing?: boolean) => NumberedTerms | undefined;
    storedTerms: (entry: CacheEntry) => NumberedTerms;
    /** The published docs files being linked already. */
    docLinks: DocLinks;
  },
): Promise<StagedIndex> {
  const { index, order, parsed, dropped, numbers, termsOf, storedTerms } = change;
  const termsAtPlace = (place: number, doc: number) => {
    const terms = termsOf(order.idAt(place), doc);
    if (!terms) throw new Error(`no search terms for article ${order.idAt(place)}`);
    return terms;
  };
  const { from } = numbers;
  const top = numbers.now.length;
  const oldestFirst = numbers.order.ids();
  const numbered = { articles: order.length, numbering: numbers.order.numbering };
  if (!numbers.same) {
    await dropLinks(output, change.docLinks);
    const inPassing = (id: string, doc: number) => termsOf(id, doc, true);
    return stageSearchIndex(
      output,
      previous.dictionary,
      oldestFirst,
      numbered,
      inPassing,
      undefined,
      previous.storeBase,
    );
  }
  const changes: DocChange[] = [];
  // Edited in place outside the window: the same document, new terms.
  for (const { place, before: cached } of parsed) {
    if (!cached || (place >= from && place < from + top)) continue;
    const doc = numbers.order.numberAt(place);
    changes.push({ doc, before: storedTerms(cached), after: termsAtPlace(place, doc) });
  }
  const going = new Map<number, CacheEntry>();
  dropped.forEach((entry, n) => going.set(numbers.before[n] as number, entry));
  for (let place = from; place < from + top; place++) {
    const doc = numbers.now[place - from] as number;
    const entry = order.entryAt(place);
    const was = going.get(doc);
    going.delete(doc);
    if (was === entry) continue; // the same article at the same number, as it was
    if (was?.id === entry.id) {
      changes.push({ doc, before: storedTerms(was), after: termsAtPlace(place, doc) });
      continue;
    }
    if (was) changes.push({ doc, before: storedTerms(was) });
    changes.push({ doc, after: termsAtPlace(place, doc) });
  }
  for (const [doc, entry] of going) changes.push({ doc, before: storedTerms(entry) });
  if (changes.length === 0) {
    await dropLinks(output, change.docLinks);
    return { info: index, work: 'kept', written: Promise.resolve() };
  }
  // Asked for when needed: the index made from the published one names the ids of its last docs
  // files only, not a million.
  const base = indexBase(change.folder, index, previous.storeBase);
  const moves = movesOf(changes);
  const patchable = unmovedChanges(changes, moves) <= patchLimit(order.length);
  // Only additions after the published index's last number: appended.
  const appends = changes.every((doc) => !doc.before && doc.doc >= base.docs);
  const reuse = appends ? { base } : patchable ? { base, changes, moves } : undefined;
  return stageSearchIndex(
    output,
    previous.dictionary,
    oldestFirst,
    numbered,
    (id, doc) => termsOf(id, doc, true),
    reuse,
    previous.storeBase,
    change.docLinks,
  );
}

/**
 * The problems a whole run would report (every file's warnings and errors, and categories whose
 * slug is not their own) and the drafts it would leave out; undefined when a file's id is not
 * its name, whose warning only the whole run's id assignment can word.
 */
function reportProblems(
  table: EntryTable,
  next: ReadonlyMap<string, CacheEntry>,
  gone: ReadonlySet<string>,
  fileOfAdded: ReadonlyMap<string, string>,
  settings: BuildSettings,
  order: ArticleOrder,
  categories: readonly CategoryEntry[],
): { problems: Problem[]; drafts: number; found: number } | undefined {
  if (!table.ownNames) return undefined;
  const problems: Problem[] = [];
  let drafts = 0;
  const report = (relative: string, entry: CacheEntry) => {
    if (entry.draft && !settings.drafts) {
      drafts++;
      return;
    }
    for (const message of entry.warnings) problems.push({ file: relative, level: 'warning', message });
    if (entry.error !== undefined) problems.push({ file: relative, level: 'error', message: entry.error });
  };
  // Only entries with something to report are looked at: every other file's entry has none.
  for (const [relative, entry] of table.notable())
    if (!gone.has(relative) && !next.has(relative)) report(relative, entry);
  let added = 0;
  for (const [relative, entry] of next) {
    if (!isOwnName(relative, entry.id)) return undefined;
    if (fileOfAdded.get(entry.id) === relative) added++;
    report(relative, entry);
  }
  const found = table.size - gone.size + added;
  // As assembleOutput words them, in name order: a category whose slug is not its own, on the
  // file of its newest article.
  for (const { name, slug } of [...categories].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const wanted = categorySlug(name);
    if (slug === wanted) continue;
    const other = categories.find((category) => category.slug === wanted)?.name;
    let newest = 0;
    while (newest < order.length && !order.listsAt(newest).categories.includes(name)) newest++;
    problems.push({
      file: newest < order.length ? order.fileAt(newest) : name,
      level: 'warning',
      message: `category "${name}" is listed under "${slug}": "${other}" has the same slug`,
    });
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { problems, drafts, found };
}
