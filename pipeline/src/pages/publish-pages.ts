import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_SLUG, type ArticleSummary, dataPaths, type RenderedPage } from '../../../src/lib/content-contract.ts';
import { nameSegment } from '../../../src/lib/name-segment.ts';
import { parseSummary } from '../../../src/lib/validate-data.ts';
import type { PreviousBuild } from '../cache/previous-build.ts';
import { newestIdOf } from '../output/assemble-output.ts';
import { OUTPUT_MARKER } from '../output/output-folder.ts';
import { readText, replaceFile } from '../output/read-text.ts';
import { type Selection, articleEntry, fileOfArticle } from '../output/select-articles.ts';
import type { Published } from '../output/publish-output.ts';
import { StagedOutput } from '../output/staged-output.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { Problem } from '../report.ts';
import { articleHead, articleUrls } from './article-page.ts';
import { categoryFolder, categoryHead, categoryUrl } from './category-page.ts';
import { openServerBuild, type ServerBuild } from './load-renderer.ts';
import { HOME_FILE, homeHead } from './home-page.ts';
import { mostUsedTags, PRERENDER_TAGS, tagHead, tagPath } from './tag-page.ts';
import { PageTemplate } from './page-template.ts';
import { SITEMAP_MARK, type SitemapUrl, robotsTxt, sitemapFiles } from './sitemap.ts';

/** Raised when what a page says changes for every article alike (its markup, not its data). */
const PAGES_VERSION = 4;
/**
 * In the pages folder: what the published pages were made from (template, site, version) and
 * the ids that have one, so that a run neither reads the pages nor walks their folders.
 */
const RECORD_FILE = '.pages.json';

interface PagesRecord {
  signature: string;
  ids: string[];
  /** The first `rendered` of `ids` have prerendered pages; the rest a head only. */
  rendered: number;
}

function readRecord(file: string): PagesRecord | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || !('signature' in value) || !('ids' in value)) return undefined;
    const { signature, ids } = value;
    const rendered = 'rendered' in value ? value.rendered : 0;
    if (typeof signature !== 'string' || !Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
      return undefined;
    if (typeof rendered !== 'number' || !Number.isInteger(rendered)) return undefined;
    return { signature, ids, rendered };
  } catch {
    return undefined;
  }
}

export interface PagesInput {
  settings: BuildSettings;
  selection: Selection;
  parsed: ParsedArticles;
  previous: PreviousBuild;
  published: Published;
}

/** What the pages are made from: the app's page, and its server build when there is one. */
interface PageMaker {
  shell: PageTemplate;
  template: string;
  summaryOf: (id: string) => ArticleSummary;
  /** Renders the route at `path` from those data files (read from the output); undefined: it failed. */
  render?: (path: string, files: readonly string[], problemFile: string) => Promise<RenderedPage | undefined>;
  renderer?: ServerBuild;
  problems: Problem[];
}

/**
 * Writes the entry pages (the app's page with the head of what the address shows):
 * `<pages>/article/<id>/index.html` for each of the newest articles, `<pages>/category/<name>/
 * index.html` for each category, and with a site address the sitemap and robots.txt. The page
 * folders are staged and moved in like the data (a killed run leaves the published pages whole).
 */
export async function publishPages(input: PagesInput): Promise<Problem[]> {
  const { pagesDir, siteUrl, renderer: rendererFile, outDir } = input.settings;
  if (!pagesDir) return [];
  const template = fs.readFileSync(path.join(pagesDir, 'index.html'), 'utf8');
  const maker: PageMaker = {
    shell: new PageTemplate(template),
    template,
    summaryOf: (id) => {
      const { listed } = articleEntry(input.selection, id);
      if (!listed) throw new Error(`article ${id} is listed but was not built`);
      return parseSummary(JSON.parse(input.parsed.summaryJson(id, listed, input.previous)));
    },
    problems: [],
  };
  if (rendererFile) {
    const renderer = openServerBuild(rendererFile);
    // The data files as published: the app will load these very files.
    const read = new Map<string, unknown>();
    const dataFile = (file: string) => {
      if (!read.has(file)) read.set(file, JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8')));
      return read.get(file);
    };
    maker.renderer = renderer;
    maker.render = async (route, files, problemFile) => {
      // A server build that cannot be loaded fails the run (its pages stay as they were).
      const pages = await renderer.load();
      try {
        const page = await pages.render({
          path: route,
          files: Object.fromEntries(files.map((file) => [file, dataFile(file)])),
        });
        for (const file of files) if (file !== dataPaths.manifest()) read.delete(file);
        return page;
      } catch (error) {
        // One page that cannot be rendered keeps its head (a link preview) and the shell.
        maker.problems.push({
          file: problemFile,
          level: 'warning',
          message: `its entry page is not prerendered: ${(error as Error).message}`,
        });
        return undefined;
      }
    };
  }
  await publishArticlePages(input, pagesDir, maker);
  await publishCategoryPages(input, pagesDir, maker);
  await publishTagPages(input, pagesDir, maker);
  await publishHomePage(input, pagesDir, maker);
  return [...maker.problems, ...(siteUrl ? publishSitemap(input.selection, pagesDir, siteUrl) : [])];
}

/**
 * A run rewrites only the pages of articles whose JSON it wrote (parsed, or their neighbours
 * changed: a prerendered page shows them) and of those new to the newest or moved out of the
 * prerendered newest, removes those that left, and rewrites all when the app's page, its
 * server build or the site address changed.
 */
async function publishArticlePages(
  { settings, selection, parsed, published }: PagesInput,
  pagesDir: string,
  { shell, template, summaryOf, render, renderer }: PageMaker,
): Promise<void> {
  const { siteUrl } = settings;
  const rendered = render ? Math.min(settings.prerenderNewest, settings.pagesNewest) : 0;
  const signature = pagesSignature(settings, renderer, template);
  const out = path.join(pagesDir, 'article');
  const newest = selection.orderedIds.slice(0, settings.pagesNewest);
  const record = readRecord(path.join(out, RECORD_FILE));
  const same = record?.signature === signature;
  const wasRendered = new Set(same ? record.ids.slice(0, record.rendered) : []);
  const pageOf = (id: string) => `${id}/index.html`;
  // A record of other pages (another template) or none: the folder is listed, and all rewritten.
  // Listed as listPublished lists them: each page's folder, then its file.
  const known = same ? [...record.ids.flatMap((id) => [id, pageOf(id)]), RECORD_FILE, OUTPUT_MARKER] : undefined;
  await publishFolder(out, known, async (output) => {
    for (const [index, id] of newest.entries()) {
      const file = pageOf(id);
      const prerender = index < rendered;
      // A prerendered page shows the neighbours too; a head shows only the article's own data.
      const changed = prerender ? published.articlesWritten[index] === 1 : parsed.records.has(id);
      if (same && !changed && output.isPublished(file) && wasRendered.has(id) === prerender) continue;
      const page =
        prerender && render
          ? await render(
              `/article/${encodeURIComponent(id)}`,
              [dataPaths.manifest(), dataPaths.article(id)],
              fileOfArticle(selection, id) ?? id,
            )
          : undefined;
      fs.writeFileSync(
        output.file(file),
        shell.page(articleHead(summaryOf(id), siteUrl, shell.base, page !== undefined), page),
      );
    }
    const next: PagesRecord = { signature, ids: newest, rendered };
    if (
      !same ||
      record.rendered !== rendered ||
      record.ids.length !== newest.length ||
      record.ids.some((id, i) => id !== newest[i])
    )
      fs.writeFileSync(output.file(RECORD_FILE), JSON.stringify(next));
    return [...newest.map(pageOf), RECORD_FILE, output.stageMarker()];
  });
}

/**
 * Categories are few and their pages change with their counts: each is made again, and written
 * when it differs from the published one.
 */
async function publishCategoryPages(
  { settings, selection, published }: PagesInput,
  pagesDir: string,
  { shell, template, summaryOf, render, renderer }: PageMaker,
): Promise<void> {
  const out = path.join(pagesDir, 'category');
  const signature = pagesSignature(settings, renderer, template);
  const record = readListPagesRecord(path.join(out, RECORD_FILE));
  const same = record?.signature === signature;
  await publishFolder(out, undefined, async (output) => {
    const expected = [output.stageMarker(), RECORD_FILE];
    const heads: Record<string, string> = {};
    for (const category of selection.assembled.manifest.categories) {
      const folder = categoryFolder(category.name);
      if (folder === undefined) continue;
      const file = `${folder}/index.html`;
      expected.push(file);
      const listHead = dataPaths.listHead(category.slug);
      // Its list's first page holds its count and newest article: the page changes with it.
      const headSignature = published.listSignatures.get(listHead) ?? '';
      heads[category.name] = headSignature;
      if (same && record.heads[category.name] === headSignature && output.isPublished(file)) continue;
      const newestId = newestIdOf(selection.assembled.lists.get(listHead));
      const newest = newestId === undefined ? undefined : summaryOf(newestId);
      const page = await render?.(
        `/category/${nameSegment(category.name)}`,
        [dataPaths.manifest(), listHead],
        `category ${category.name}`,
      );
      const html = shell.page(categoryHead(category, newest, settings.siteUrl, shell.base, page !== undefined), page);
      if (output.isPublished(file) && readText(path.join(out, file)) === html) continue;
      fs.writeFileSync(output.file(file), html);
    }
    fs.writeFileSync(output.file(RECORD_FILE), JSON.stringify({ signature, heads } satisfies ListPagesRecord));
    return expected;
  });
}

/** What a run's pages are made from besides their data: a change makes every page again. */
function pagesSignature(settings: BuildSettings, renderer: ServerBuild | undefined, template: string): string {
  return createHash('sha1')
    .update(`${PAGES_VERSION}\0${settings.siteUrl?.href ?? ''}\0${renderer?.signature ?? ''}\0${template}`)
    .digest('hex');
}

/**
 * In the category and tag pages' folders: what the pages were made from, and the signature of
 * each one's list head as it was rendered.
 */
interface ListPagesRecord {
  signature: string;
  heads: Record<string, string>;
}

function readListPagesRecord(file: string): ListPagesRecord | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || !('signature' in value) || !('heads' in value)) return undefined;
    const { signature, heads } = value;
    if (typeof signature !== 'string' || typeof heads !== 'object' || heads === null) return undefined;
    const entries = Object.entries(heads);
    if (!entries.every(([, head]) => typeof head === 'string')) return undefined;
    return { signature, heads: Object.fromEntries(entries.map(([name, head]) => [name, String(head)])) };
  } catch {
    return undefined;
  }
}

/**
 * The pages of the most used tags (PRERENDER_TAGS), prerendered: only with a server build (a tag
 * page is its list; without one the app's page serves it, as before). A tag's page is rendered
 * again when its list's first page changed (its signature, recorded), when the tag enters the
 * most used, or when the template, the server build or the site changed.
 */
async function publishTagPages(
  { settings, selection, published }: PagesInput,
  pagesDir: string,
  { shell, template, summaryOf, render, renderer }: PageMaker,
): Promise<void> {
  const out = path.join(pagesDir, 'tag');
  const signature = pagesSignature(settings, renderer, template);
  const record = readListPagesRecord(path.join(out, RECORD_FILE));
  const same = record?.signature === signature;
  const tags = render
    ? mostUsedTags(
        selection.orderedIds.map((id) => articleEntry(selection, id).listed?.tags ?? []),
        PRERENDER_TAGS,
      )
    : [];
  const known = same
    ? [
        ...Object.keys(record.heads).flatMap((name) => {
          const folder = categoryFolder(name);
          return folder === undefined ? [] : [folder, `${folder}/index.html`];
        }),
        RECORD_FILE,
        OUTPUT_MARKER,
      ]
    : undefined;
  await publishFolder(out, known, async (output) => {
    const expected = [output.stageMarker()];
    const heads: Record<string, string> = {};
    for (const [name, count] of tags) {
      const folder = categoryFolder(name);
      if (folder === undefined) continue;
      const file = `${folder}/index.html`;
      const listHead = dataPaths.tagHead(name);
      const headSignature = published.listSignatures.get(listHead) ?? '';
      if (same && record.heads[name] === headSignature && output.isPublished(file)) {
        heads[name] = headSignature;
        expected.push(file);
        continue;
      }
      const page = await render?.(tagPath(name), [dataPaths.manifest(), listHead], `tag ${name}`);
      if (!page) continue;
      const newestId = newestIdOf(selection.assembled.lists.get(listHead));
      const newest = newestId === undefined ? undefined : summaryOf(newestId);
      fs.writeFileSync(output.file(file), shell.page(tagHead(name, count, newest, settings.siteUrl, shell.base), page));
      heads[name] = headSignature;
      expected.push(file);
    }
    fs.writeFileSync(output.file(RECORD_FILE), JSON.stringify({ signature, heads } satisfies ListPagesRecord));
    return [...expected, RECORD_FILE];
  });
}

/**
 * The home page, prerendered (its list changes with every new article): written when it
 * differs; without a server build, a home page of ours is removed (the app's page serves `/`).
 */
async function publishHomePage(
  { settings, published }: PagesInput,
  pagesDir: string,
  { shell, template, render, renderer, problems }: PageMaker,
): Promise<void> {
  const file = path.join(pagesDir, HOME_FILE);
  if (!render) {
    removeOwnFile(file, isOwnPage);
    return;
  }
  // What it was made from, at its end: the same list head and build need no new render.
  const listHead = dataPaths.listHead(ALL_SLUG);
  const made = `<!-- ${pagesSignature(settings, renderer, template)} ${published.listSignatures.get(listHead) ?? ''} -->\n`;
  const current = readText(file);
  if (current?.endsWith(made) && isOwnPage(current)) return;
  const page = await render('/', [dataPaths.manifest(), listHead], 'home page');
  if (!page) return;
  const html = shell.page(homeHead(shell.description, settings.siteUrl, shell.base), page) + made;
  if (!replaceOwnFile(file, html, isOwnPage))
    problems.push({
      file: HOME_FILE,
      level: 'warning',
      message: 'left as it is (not written by this pipeline): the home page is not prerendered',
    });
}

/**
 * Stages a pages folder with `stage`, which returns every file the folder keeps, and moves it
 * in (staged-output.ts); on any failure the staging goes whole and the published pages stay.
 */
async function publishFolder(
  out: string,
  known: readonly string[] | undefined,
  stage: (output: StagedOutput) => Promise<string[]>,
): Promise<void> {
  const output = new StagedOutput(out, known);
  try {
    output.commit(await stage(output));
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

/** A sitemap or robots.txt that does not name this pipeline is someone else's. */
const isOwnSitemap = (text: string | undefined) => text === undefined || text.includes(SITEMAP_MARK);
/** A page this pipeline prerendered has the app's markup in a marked root. */
const isOwnPage = (text: string | undefined) => text === undefined || text.includes('<div id="root" data-prerendered>');

/**
 * Writes `text` to `file` in one rename, unless the file is someone else's (returns false) or
 * holds it already.
 */
function replaceOwnFile(file: string, text: string, isOwn = isOwnSitemap): boolean {
  const current = readText(file);
  if (!isOwn(current)) return false;
  if (current === text) return true;
  replaceFile(file, text);
  return true;
}

function removeOwnFile(file: string, isOwn = isOwnSitemap): void {
  const current = readText(file);
  if (current !== undefined && isOwn(current)) fs.rmSync(file, { force: true });
}
