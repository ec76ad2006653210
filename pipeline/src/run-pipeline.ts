import { closeKeptFiles } from './cache/kept-file.ts';
import { saveBuildCache, saveRun } from './cache/save-build-cache.ts';
import { collectGarbage, stopPretenuring } from './collect-garbage.ts';
import { openPreviousBuild, type PreviousBuild } from './cache/previous-build.ts';
import { recoverOutput, withOutputLock } from './output/output-dir.ts';
import { editedRun, publishEdits } from './output/publish-edits.ts';
import { publishOutput } from './output/publish-output.ts';
import { publishPages } from './pages/publish-pages.ts';
import { selectArticles } from './output/select-articles.ts';
import { keepWhole, parseAll, prewarmParsers } from './parse/parse-pool.ts';
import { collectOutcomes, OutcomeEntries } from './parse/parsed-articles.ts';
import type { ParseOutcome, ParseTask } from './parse/parse-task.ts';
import { planParsing } from './parse/plan-parsing.ts';
import { type BuildSettings, checkOptions, type PipelineOptions } from './pipeline-options.ts';
import { type EditPlan, editsFromListing, planEdits } from './read/plan-edits.ts';
import { readInput } from './read/read-input.ts';
import type { PipelineReport } from './report.ts';

export type { PipelineOptions } from './pipeline-options.ts';
export type { PipelineReport, Problem } from './report.ts';
export { PipelineError } from './report.ts';

/**
 * Turns a folder of article files into the JSON the reader loads, in stages:
 * check the options → open the previous build → (when the files named with --changed allow it,
 * publish just what they change, decision 0017) → read the input → plan the parsing → (the same
 * for the files the listing found changed) → parse
 * (in workers, which end once their search terms are in) → collect the outcomes → select and lay out the articles → publish the output
 * → publish the entry pages (with `--pages`) → save the cache. Each stage is a module with typed
 * input and output; speed lives inside them.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineReport> {
  const started = performance.now();
  const settings = checkOptions(options);
  // One parser starts now, while the input is listed; a big run adds more when it knows its size.
  prewarmParsers(1, settings.workerMemoryMb);

  // The cache files a run keeps open close when it ends, however it ends.
  return withOutputLock(settings.outDir, () => publishRun(settings, options, started)).finally(closeKeptFiles);
}

/** The run under the output's lock: edits in place when they qualify, else the whole run. */
async function publishRun(settings: BuildSettings, options: PipelineOptions, started: number): Promise<PipelineReport> {
  recoverOutput(settings.outDir);
  const previous = openPreviousBuild(settings);
  // Files named with --changed that keep their articles' places: published without the rest.
  const edits = planEdits(settings, previous);
  const edited = edits && (await publishInPlace(settings, previous, edits, options, started));
  if (edited) return edited;
  const input = readInput(settings, previous);
  // A big run's short-lived objects are made young from here on (collect-garbage.ts).
  stopPretenuring(input.files.length);
  const plan = planParsing(input, previous, settings);
  // Without --changed, the listing tells what changed: the same edits, when they qualify.
  const found = !edits && editsFromListing(input, plan, previous, settings);
  const listed = found && (await publishInPlace(settings, previous, found, options, started));
  if (listed) return listed;
  const kept = new OutcomeEntries(input, previous);
  const parsing = await parse(plan.takeTasks(), previous, options, settings, kept.keep);
  try {
    // The workers hand over the last of their terms (if they count them) and end before this
    // thread makes the run's entries: both at once were a cold build's peak of memory.
    const terms = await parsing.collectTerms();
    // Between stages, a big run's garbage goes before the next stage's heap grows on it.
    const files = input.files.length;
    collectGarbage(files);
    const parsed = collectOutcomes(input, plan, parsing, kept, terms, previous);
    const selection = selectArticles(input, parsed, settings);
    collectGarbage(files);
    const report = (written: boolean): PipelineReport => ({
      built: selection.articles.length,
      skipped: input.found - selection.articles.length - selection.drafts + input.unreadable,
      drafts: selection.drafts,
      problems: selection.problems,
      parsed: plan.count,
      files: input.found + input.unreadable,
      written,
      run: 'whole',
      durationMs: performance.now() - started,
    });
    if (settings.strict && selection.problems.length > 0) return report(false);

    const published = await publishOutput({ settings, input, previous, parsed, selection });
    selection.problems.push(...(await publishPages({ settings, selection, parsed, previous, published })));
    collectGarbage(files);
    if (settings.cacheDir)
      saveBuildCache(settings.cacheDir, settings, { input, previous, parsed, selection, published });
    return {
      ...report(true),
      searchIndex: published.searchIndex,
      ...(published.feeds && { feeds: published.feeds }),
    };
  } finally {
    await parsing.close();
  }
}

/** Parses `tasks` in workers, numbering terms in the previous build's dictionary; `keep` says what is held of each outcome. */
function parse<Kept>(
  tasks: ParseTask[],
  previous: PreviousBuild,
  options: PipelineOptions,
  settings: BuildSettings,
  keep: (outcome: ParseOutcome) => Kept,
) {
  const total = tasks.length; // not the tasks: the progress callback lives as long as the run
  return parseAll(
    tasks,
    previous.dictionary,
    (done) => options.onProgress?.(done, total),
    { timeLimitMs: settings.parseTimeLimitMs, memoryMb: settings.workerMemoryMb },
    keep,
  );
}

/**
 * A run of edits (decision 0017): parse the named files, publish what they change, save the
 * cache. Undefined when a change turns out to need the whole run (an article moved, a file
 * failed): the whole run follows.
 */
async function publishInPlace(
  settings: BuildSettings,
  previous: PreviousBuild,
  plan: EditPlan,
  options: PipelineOptions,
  started: number,
): Promise<PipelineReport | undefined> {
  const parsing = await parse(plan.tasks, previous, options, settings, keepWhole);
  try {
    const build = await publishEdits(settings, previous, plan, parsing);
    if (!build) return undefined;
    // Not written when --strict found problems: the output and the cache stay as they were.
    if (build.published && settings.cacheDir)
      saveRun(settings.cacheDir, settings, previous, editedRun(build, parsing, settings.drafts === true));
    const built = build.order.length;
    return {
      built,
      skipped: build.found - built - build.drafts,
      drafts: build.drafts,
      problems: build.problems,
      parsed: plan.tasks.length,
      files: build.found,
      written: build.published !== undefined,
      run: 'edits',
      ...(build.published && { searchIndex: build.published.searchIndex }),
      ...(build.published?.feeds && { feeds: build.published.feeds }),
      durationMs: performance.now() - started,
    };
  } finally {
    await parsing.close();
  }
}
