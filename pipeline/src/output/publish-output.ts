import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import {
  dataPaths,
  type Manifest,
  type SearchIndexInfo,
  type SearchNumbering,
} from '../../../src/lib/content-contract.ts';
import { BUILD_ID_FILE, type PreviousBuild } from '../cache/previous-build.ts';
import { ListSignatures } from '../cache/list-signatures.ts';
import { collectGarbage, GarbageLimit } from '../collect-garbage.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import type { IndexWork } from '../report.ts';
import { type FeedsWork, stageFeeds } from '../feeds/stage-feeds.ts';
import { type DayClasses, dayOf, numberDocuments } from '../search/doc-numbering.ts';
import { reuseIndex } from '../search/reuse-index.ts';
import { OrderNumbers } from '../search/order-numbers.ts';
import { type StagedIndex, stageSearchIndex } from '../search/stage-search-index.ts';
import { stageListPages } from './list-pages.ts';
import { stageArticles } from './stage-articles.ts';
import { stageAssets } from './stage-assets.ts';
import { articleEntry, entryOfArticle, fileOfArticle, type Selection } from './select-articles.ts';
import { StagedOutput } from './staged-output.ts';

export interface Published {
  /** The new output's `.build-id`: the cache saved for it names it. */
  buildId: string;
  /** The search index the manifest names. */
  search: SearchIndexInfo;
  /** Signature of each list page, for the next run to keep those that do not change. */
  listSignatures: ListSignatures;
  /** How the search index was made. */
  searchIndex: IndexWork;
  /** The articles' days by class (doc-numbering.ts): kept, so that a run of edits numbers as a whole run would. */
  searchDays: DayClasses;
  /** The articles by search document number, as the index numbered them. */
  searchNumbers: OrderNumbers;
  /** 1 at the place in the order of each article whose JSON this run wrote (parsed, or its neighbours changed). */
  articlesWritten: Uint8Array;
  /** The feeds, when the run had a site address. */
  feeds?: FeedsWork;
}

export interface PublishInput {
  settings: BuildSettings;
  input: InputFiles;
  previous: PreviousBuild;
  parsed: ParsedArticles;
  selection: Selection;
}

/**
 * Writes the next output beside the published one and moves it into place (staged-output.ts):
 * articles, search index, post assets, list pages, and the manifest last, so that a reader who
 * sees the manifest finds everything it names. On any failure nothing published changes.
 */
export async function publishOutput({
  settings,
  input,
  previous,
  parsed,
  selection,
}: PublishInput): Promise<Published> {
  // Into an existing output, what is staged is moved in file by file; with a cache that
  // describes it, only what changed is staged.
  const output = new StagedOutput(settings.outDir);
  let articlesWritten: Promise<Uint8Array> | undefined;
  let indexWritten: Promise<unknown> | undefined;
  try {
    articlesWritten = stageArticles(output, selection, parsed, input, settings);
    // Every entry is made and its neighbours read: what the snapshot's rows read whole for them
    // is not held through the index.
    previous.cache?.table.releaseWholeColumns();
    // Read in the articles' order from here on, several times over: spooled in the files' order.
    parsed.spoolInOrder(selection.orderedIds);
    // Its failure (a full disk) is handled where it is awaited, below; until then it must not
    // count as unhandled while the search index is built and written.
    articlesWritten.catch(() => undefined);
    const { orderedIds } = selection;
    const { numbering, classes, numbers } = numberArticles(selection);
    const oldestFirst = numbers.ids();
    // An article not parsed this run has its terms in the term store, read when needed.
    const storedTerms = (id: string, inPassing: boolean) => {
      const slice = entryOfArticle(selection, id)?.terms;
      const store = previous.storedTerms;
      return slice && store && (inPassing ? store.sliceInPassing(slice) : store.slice(slice));
    };
    const reuse = reuseIndex(output, previous, {
      oldestFirst,
      numbering,
      storedSlice: (id) => (parsed.records.has(id) ? undefined : entryOfArticle(selection, id)?.terms),
      previousSlice: (id) => previous.cache?.table.termsOf(fileOfArticle(selection, id) ?? '', id),
      terms: (id) => parsed.terms(id) ?? storedTerms(id, false),
    });
    const staged: StagedIndex =
      reuse && 'kept' in reuse
        ? { info: reuse.kept, work: 'kept', written: Promise.resolve() }
        : await stageSearchIndex(
            output,
            previous.dictionary,
            oldestFirst,
            { articles: orderedIds.length, numbering },
            // Each article's terms are used before the next are asked for.
            (id) => parsed.termsInPassing(id) ?? storedTerms(id, true),
            reuse,
            previous.storeBase,
          );
    // Built: the stored terms' blocks read for it are not held through the stages after it.
    previous.storedTerms?.releaseBlocks();
    const { info: search, work: searchIndex } = staged;
    // Its files are written while the rest is staged.
    indexWritten = staged.written;

    // Files of post asset folders: copied in when new or changed.
    const owners = selection.orderedEntries.flatMap(({ assets }, n) => {
      const relative = selection.orderedFiles[n] ?? '';
      return assets ? [{ relative, assets, published: previous.cache?.table.readEntry(relative)?.assets }] : [];
    });
    const assets = stageAssets(output, owners, (file, message) =>
      selection.problems.push({ file, level: 'warning', message }),
    );
    for (const relative of assets.changed) parsed.changed.add(relative);

    // The lists read no row the entries do not hold: the columns the index's and the assets'
    // lookups read go again, and in a big run the garbage of the stages so far, before the
    // lists pile theirs on (at a million articles with a warm cache, the run's peak; decision 0016).
    previous.cache?.table.releaseWholeColumns();
    collectGarbage(input.files.length);

    const entryOf = (id: string) => articleEntry(selection, id);
    const listSignatures = stageListPages(
      output,
      selection.assembled.lists,
      previous.cache?.lists,
      (id) => entryOf(id).hash,
      (id) => {
        const { listed } = entryOf(id);
        if (!listed) throw new Error(`article ${id} is listed but was not built`);
        return parsed.summaryJson(id, listed, previous);
      },
      new GarbageLimit(orderedIds.length),
    );

    previous.summaries?.releaseBlocks();
    collectGarbage(input.files.length);

    // The articles' writing ran beside the index and the lists (a whole run's takes longest).
    const written = await articlesWritten;
    parsed.recordsWritten();

    // From the lists and articles just staged (or published as they are).
    const feeds = await stageFeeds(output, settings.outDir, settings.siteUrl, selection.assembled.manifest.categories);

    const manifest: Manifest = { ...selection.assembled.manifest, search, ...(feeds.work && { feeds: true }) };
    // Written last: a reader that sees this manifest finds everything it names.
    fs.writeFileSync(output.file(dataPaths.manifest()), JSON.stringify(manifest));
    const buildId = randomUUID();
    fs.writeFileSync(output.file(BUILD_ID_FILE), buildId);
    const marker = output.stageMarker();
    await indexWritten;
    // Named one at a time, when asked: a first output is moved in whole and never asks, and a
    // million paths made at once were a cold build's peak.
    output.commit(
      (function* () {
        for (const id of selection.orderedIds) yield dataPaths.article(id);
        yield* selection.assembled.lists.keys();
        yield search.path;
        yield marker;
        yield* assets.expected;
        yield* feeds.kept;
      })(),
    );
    return {
      buildId,
      listSignatures: ListSignatures.of(Object.entries(listSignatures)),
      search,
      searchIndex,
      searchDays: classes,
      searchNumbers: numbers,
      articlesWritten: written,
      ...(feeds.work && { feeds: feeds.work }),
    };
  } catch (error) {
    // Writes still in flight finish first: then the staging folder goes whole.
    await articlesWritten?.catch(() => undefined);
    await indexWritten?.catch(() => undefined);
    output.discard();
    throw error;
  }
}

/**
 * The articles by search document number (decision 0006: by day, with gaps), the numbering and
 * the days' classes: numbered once, for the index and for the cache's signature of its input.
 */
function numberArticles(selection: Pick<Selection, 'orderedIds' | 'orderedEntries'>): {
  numbering: SearchNumbering | undefined;
  classes: DayClasses;
  numbers: OrderNumbers;
} {
  const { orderedIds, orderedEntries } = selection;
  const dateAt = (place: number) => orderedEntries[place]?.listed?.date ?? '';
  const last = orderedIds.length - 1;
  const { numbering, classes, numbers } = numberDocuments({
    length: orderedIds.length,
    dayAt: (n) => dayOf(dateAt(last - n)),
  });
  const order = { length: orderedIds.length, dateAt, idAt: (place: number) => orderedIds[place] ?? '' };
  return { numbering, classes, numbers: OrderNumbers.known(order, numbering, numbers) };
}
