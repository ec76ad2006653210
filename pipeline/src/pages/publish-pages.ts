import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type ArticleSummary, dataPaths } from '../../../src/lib/content-contract.ts';
import { parseSummary } from '../../../src/lib/validate-data.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import { OUTPUT_MARKER } from '../output/output-folder.ts';
import { type Selection, articleEntry } from '../output/select-articles.ts';
import { StagedOutput } from '../output/staged-output.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { Problem } from '../report.ts';
import { articleHead, articleUrls } from './article-page.ts';
import { categoryFolder, categoryHead, categoryUrl } from './category-page.ts';
import { PageTemplate } from './page-template.ts';
import { SITEMAP_MARK, type SitemapUrl, robotsTxt, sitemapFiles } from './sitemap.ts';

/** Raised when what a page says changes for every article alike (its markup, not its data). */
const PAGES_VERSION = 2;
/**
 * In the pages folder: what the published pages were made from (template, site, version) and
 * the ids that have one, so that a run neither reads the pages nor walks their folders.
 */
const RECORD_FILE = '.pages.json';

interface PagesRecord {
  signature: string;
  ids: string[];
}

function readRecord(file: string): PagesRecord | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || !('signature' in value) || !('ids' in value)) return undefined;
    const { signature, ids } = value;
    if (typeof signature !== 'string' || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
      return undefined;
    return { signature, ids };
  } catch {
    return undefined;
  }
}

export interface PagesInput {
  settings: BuildSettings;
  selection: Selection;
  parsed: ParsedArticles;
  previous: PreviousBuild;
}

/**
 * Writes the entry pages (the app's page with the head of what the address shows):
 * `<pages>/article/<id>/index.html` for each of the newest articles, `<pages>/category/<name>/
 * index.html` for each category, and with a site address the sitemap and robots.txt. The page
 * folders are staged and moved in like the data (a killed run leaves the published pages whole).
 */
export function publishPages(input: PagesInput): Problem[] {
  const { pagesDir, siteUrl } = input.settings;
  if (!pagesDir) return [];
  const template = fs.readFileSync(path.join(pagesDir, 'index.html'), 'utf8');
  const shell = new PageTemplate(template);
  const summaryOf = (id: string): ArticleSummary => {
    const { listed } = articleEntry(input.selection, id);
    if (!listed) throw new Error(`article ${id} is listed but was not built`);
    return parseSummary(JSON.parse(input.parsed.summaryJson(id, listed, input.previous)));
  };
  publishArticlePages(input, pagesDir, template, shell, summaryOf);
  publishCategoryPages(input, pagesDir, shell, summaryOf);
  return siteUrl ? publishSitemap(input.selection, pagesDir, siteUrl) : [];
}

/**
 * A run rewrites only the pages of articles it parsed and of those new to the newest, removes
 * those that left, and rewrites all when the app's page or the site address changed.
 */
function publishArticlePages(
  { settings, selection, parsed }: PagesInput,
  pagesDir: string,
  template: string,
  shell: PageTemplate,
  summaryOf: (id: string) => ArticleSummary,
): void {
  const { siteUrl } = settings;
  const signature = createHash('sha1')
    .update(`${PAGES_VERSION}\0${siteUrl?.href ?? ''}\0${template}`)
    .digest('hex');
  const out = path.join(pagesDir, 'article');
  const newest = selection.orderedIds.slice(0, settings.pagesNewest);
  const record = readRecord(path.join(out, RECORD_FILE));
  const same = record?.signature === signature;
  const pageOf = (id: string) => `${id}/index.html`;
  // A record of other pages (another template) or none: the folder is listed, and all rewritten.
  // Listed as listPublished lists them: each page's folder, then its file.
  const known = same ? [...record.ids.flatMap((id) => [id, pageOf(id)]), RECORD_FILE, OUTPUT_MARKER] : undefined;
  publishFolder(out, known, (output) => {
    for (const id of newest) {
      const file = pageOf(id);
      if (same && !parsed.records.has(id) && output.isPublished(file)) continue;
      fs.writeFileSync(output.file(file), shell.page(articleHead(summaryOf(id), siteUrl, shell.base)));
    }
    const next: PagesRecord = { signature, ids: newest };
    if (!same || record.ids.length !== newest.length || record.ids.some((id, i) => id !== newest[i]))
      fs.writeFileSync(output.file(RECORD_FILE), JSON.stringify(next));
    return [...newest.map(pageOf), RECORD_FILE, output.stageMarker()];
  });
}

/**
 * Categories are few and their pages change with their counts: each is made again, and written
 * when it differs from the published one.
 */
function publishCategoryPages(
  { settings, selection }: PagesInput,
  pagesDir: string,
  shell: PageTemplate,
  summaryOf: (id: string) => ArticleSummary,
): void {
  const out = path.join(pagesDir, 'category');
  publishFolder(out, undefined, (output) => {
    const expected = [output.stageMarker()];
    for (const category of selection.assembled.manifest.categories) {
      const folder = categoryFolder(category.name);
      if (folder === undefined) continue;
      const file = `${folder}/index.html`;
      expected.push(file);
      const newestId = selection.assembled.lists.get(dataPaths.listHead(category.slug))?.items[0]?.id;
      const newest = newestId === undefined ? undefined : summaryOf(newestId);
      const html = shell.page(categoryHead(category, newest, settings.siteUrl, shell.base));
      if (output.isPublished(file) && readText(path.join(out, file)) === html) continue;
      fs.writeFileSync(output.file(file), html);
    }
    return expected;
  });
}

/**
 * Stages a pages folder with `stage`, which returns every file the folder keeps, and moves it
 * in (staged-output.ts); on any failure the staging goes whole and the published pages stay.
 */
function publishFolder(
  out: string,
  known: readonly string[] | undefined,
  stage: (output: StagedOutput) => string[],
): void {
  const output = new StagedOutput(out, known);
  try {
    output.commit(stage(output));
  } catch (error) {
    output.discard();
    throw error;
  }
}

/** sitemap.xml (or an index of parts) and robots.txt, in the site's root. */
function publishSitemap(selection: Selection, pagesDir: string, siteUrl: URL): Problem[] {
  const problems: Problem[] = [];
  const urls: SitemapUrl[] = [{ loc: siteUrl.href }];
  for (const { name } of selection.assembled.manifest.categories) urls.push({ loc: categoryUrl(name, siteUrl) });
  const articleUrl = articleUrls(siteUrl);
  // Oldest first: a new article changes the last sitemap file and the index only.
  for (let i = selection.orderedIds.length - 1; i >= 0; i--) {
    const id = selection.orderedIds[i];
    if (id === undefined) continue;
    const date = articleEntry(selection, id).listed?.date;
    urls.push({ loc: articleUrl(id), ...(date && { lastmod: date }) });
  }
  const files = sitemapFiles(urls, siteUrl);
  for (const [name, text] of files) replaceOwnFile(path.join(pagesDir, name), text);
  // Parts of a longer sitemap that this one no longer has.
  for (const name of fs.readdirSync(pagesDir))
    if (/^sitemap-\d+\.xml$/.test(name) && !files.has(name)) removeOwnFile(path.join(pagesDir, name));
  if (siteUrl.pathname === '/') {
    if (!replaceOwnFile(path.join(pagesDir, 'robots.txt'), robotsTxt(siteUrl)))
      problems.push({
        file: 'robots.txt',
        level: 'warning',
        message: `left as it is (not written by this pipeline): add "Sitemap: ${new URL('sitemap.xml', siteUrl).href}" to it`,
      });
  } else {
    problems.push({
      file: 'robots.txt',
      level: 'warning',
      message: `not written: the site lives under ${siteUrl.pathname}, and robots.txt belongs at the root of its host`,
    });
  }
  return problems;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A sitemap or robots.txt that does not name this pipeline is someone else's. */
const isOwn = (text: string | undefined) => text === undefined || text.includes(SITEMAP_MARK);

/**
 * Writes `text` to `file` in one rename, unless the file is someone else's (returns false) or
 * holds it already.
 */
function replaceOwnFile(file: string, text: string): boolean {
  const current = readText(file);
  if (!isOwn(current)) return false;
  if (current === text) return true;
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
  return true;
}

function removeOwnFile(file: string): void {
  const current = readText(file);
  if (current !== undefined && isOwn(current)) fs.rmSync(file, { force: true });
}
