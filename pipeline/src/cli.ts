import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { collectNow } from './collect-garbage.ts';
import { createProgress } from './progress.ts';
import { describeFailure, printable } from './report.ts';
import { isArticleFile } from './read/article-files.ts';
import { type InputChanges, watchInput } from './read/watch-input.ts';
import { PipelineError, type PipelineOptions, type PipelineReport, runPipeline } from './run-pipeline.ts';

const USAGE = `usage: npm run content -- --in DIR --out DIR [--strict] [--timezone TZ] [--page-size N] [--no-cache]

  --in DIR         folder of Hexo-style articles (*.md, *.markdown, *.txt, *.html)
  --out DIR        where the JSON goes; changed only when the run succeeds
  --strict         any problem (a skipped file or a warning) fails the run and keeps the old output
  --timezone TZ    zone of dates that name no offset (default Asia/Shanghai)
  --page-size N    articles per list page (default 20)
  --cache DIR      incremental cache folder (default node_modules/.cache/news-reader)
  --no-cache       parse every file
  --follow-symlinks  read links that lead outside the input folder (skipped by default)
  --drafts         build drafts too (published: false, files under _drafts/)
  --changed FILE   the files changed, added or deleted since the last run, one path under --in
                   per line (from a watcher, a CMS, \`git diff --name-only\`): only they are looked at
  --watch          after the run, keep watching --in and publish each change as it is saved: the
                   system says which files changed, so no run looks at the others (Ctrl-C stops)
  --pages DIR      the built app (dist): writes article/<id>/index.html there for the newest
                   articles and category/<name>/index.html for each category, each with its
                   title, description and link preview
  --pages-newest N how many of the newest articles get a page (default 2000)
  --render FILE    the app's server build (npm run build makes it): the pages of the newest
                   articles and of the categories carry the app's markup, readable before
                   (and without) JavaScript
  --prerender-newest N  how many of the newest articles' pages are prerendered (default 500)
  --site-url URL   the site's public address (or SITE_URL): absolute links in the pages,
                   sitemap.xml and robots.txt beside them, and the feeds (Atom and JSON Feed
                   of the newest 50 articles, and of each category's) in <out>/feeds; without
                   it no feeds are written`;

function printReport(report: PipelineReport, out: string, brief: boolean): void {
  for (const problem of report.problems) {
    const label = problem.level === 'error' ? 'skipped' : 'warning';
    console.error(`${label} ${printable(problem.file)}: ${printable(problem.message)}`);
  }
  const warnings = report.problems.filter((p) => p.level === 'warning').length;
  const seconds = (report.durationMs / 1000).toFixed(2);
  const drafts = report.drafts
    ? `, ${report.drafts} draft${report.drafts > 1 ? 's' : ''} left out (--drafts builds them)`
    : '';
  const summary = `built ${report.built} articles, skipped ${report.skipped}${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}${drafts}`;
  const cached = report.files - report.parsed;
  const index = `${report.run === 'edits' ? '; edits in place' : ''}${report.searchIndex ? `; search index ${report.searchIndex}` : ''}`;
  console.log(`${summary} (${report.parsed} parsed, ${cached} from cache${index}) in ${seconds}s`);
  if (report.written && brief) return;
  if (report.written) {
    console.log(`wrote ${printable(out)}`);
    const { feeds } = report;
    console.log(
      feeds
        ? `feeds: ${feeds.lists} lists (all articles and each category), ${feeds.written} written`
        : 'feeds: none written (no --site-url or SITE_URL: a feed needs the site address)',
    );
  } else console.error(`--strict: ${report.problems.length} problem(s); ${printable(out)} left as it was`);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        strict: { type: 'boolean', default: false },
        timezone: { type: 'string', default: 'Asia/Shanghai' },
        'page-size': { type: 'string', default: '20' },
        cache: { type: 'string', default: 'node_modules/.cache/news-reader' },
        'no-cache': { type: 'boolean', default: false },
        'follow-symlinks': { type: 'boolean', default: false },
        drafts: { type: 'boolean', default: false },
        changed: { type: 'string' },
        watch: { type: 'boolean', default: false },
        pages: { type: 'string' },
        'pages-newest': { type: 'string' },
        render: { type: 'string' },
        'prerender-newest': { type: 'string' },
        'site-url': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.in || !values.out) {
    console.error(`--in and --out are required\n\n${USAGE}`);
    return 2;
  }
  const pageSize = Number(values['page-size']);
  let changed: string[] | undefined;
  if (values.changed !== undefined) {
    try {
      changed = fs.readFileSync(values.changed, 'utf8').split(/\r?\n/);
    } catch (error) {
      console.error(`--changed: cannot read ${values.changed} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return 2;
    }
  }
  // SITE_URL as `npm run build` takes it; an empty one is none.
  const siteUrl = values['site-url'] ?? (process.env.SITE_URL || undefined);
  const options: PipelineOptions = {
    inDir: values.in,
    outDir: values.out,
    strict: values.strict,
    timeZone: values.timezone,
    pageSize,
    ...(values['no-cache'] ? {} : { cacheDir: values.cache }),
    followSymlinks: values['follow-symlinks'],
    drafts: values.drafts,
    ...(changed && { changed }),
    ...(values.pages !== undefined && { pagesDir: values.pages }),
    ...(values['pages-newest'] !== undefined && { pagesNewest: Number(values['pages-newest']) }),
    ...(values.render !== undefined && { renderer: values.render }),
    ...(values['prerender-newest'] !== undefined && { prerenderNewest: Number(values['prerender-newest']) }),
    ...(siteUrl && { siteUrl }),
  };
  return values.watch ? watch(options) : publish(options);
}

/** "a.md, b.md and 2 other files": the articles of a batch first (an editor's temporary files are the others). */
function describeChanges({ files, listAll }: InputChanges): string {
  if (listAll) return 'a folder changed: the input is listed again';
  const articles = files.filter(isArticleFile);
  const shown = articles.slice(0, 5).join(', ');
  const others = files.length - Math.min(articles.length, 5);
  const more = others > 0 ? `${others} other file${others > 1 ? 's' : ''}` : '';
  return printable(shown && more ? `${shown} and ${more}` : shown || more);
}

/** One run: its report printed (`brief`: its summary and problems); the exit code it calls for. */
async function publish(options: PipelineOptions, { brief = false } = {}): Promise<number> {
  const progress = createProgress(process.stderr);
  const out = path.resolve(options.outDir);
  try {
    const report = await runPipeline({ ...options, onProgress: progress.update });
    progress.done();
    printReport(report, out, brief);
    return report.written ? 0 : 1;
  } catch (error) {
    progress.done();
    const message = describeFailure(error, out);
    if (message) {
      console.error(message);
      return error instanceof PipelineError ? 2 : 1;
    }
    console.error(error);
    return 1;
  }
}

/**
 * `--watch`: a run, then a run of each batch of changes the system reports, named with
 * `--changed` (or, when a folder came or went, a run that lists the input), one at a time, until
 * Ctrl-C. The watch starts before the first run, so nothing saved during it is missed; a run
 * that fails says why and the watch goes on.
 */
async function watch(options: PipelineOptions): Promise<number> {
  let watcher;
  try {
    watcher = watchInput(options.inDir, {
      ...(options.cacheDir && { ignore: [options.cacheDir] }),
      followSymlinks: options.followSymlinks === true,
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    console.error(
      `--watch: cannot watch ${printable(options.inDir)}: ${code === 'ENOENT' ? 'no such folder' : message}`,
    );
    return 2;
  }
  const stop = () => watcher.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const first = await publish(options);
  // What the run left goes before the wait, not whenever something next allocates.
  collectNow();
  if (first === 2) {
    watcher.close();
    return first; // the options themselves are wrong: no later run can do better
  }
  const { changed: _named, ...rest } = options;
  const folders = `${watcher.folders} folder${watcher.folders === 1 ? '' : 's'}`;
  console.log(`watching ${printable(path.resolve(options.inDir))} (${folders}) for changes; Ctrl-C stops`);
  for (let changes = await watcher.next(); changes; changes = await watcher.next()) {
    console.log(`${new Date().toLocaleTimeString('en-GB')} ${describeChanges(changes)}`);
    await publish(changes.listAll ? rest : { ...rest, changed: changes.files }, { brief: true });
    collectNow();
    if (!fs.existsSync(options.inDir)) {
      console.error(`${printable(options.inDir)} is gone: nothing left to watch`);
      watcher.close();
      return 1;
    }
  }
  return 0;
}

process.exitCode = await main();
