import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { textContent } from 'domutils';
import { type ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/lib/content-contract.ts';
import { type PipelineReport, runPipeline } from './run-pipeline.ts';

// Hexo's own public test posts, built by us and compared with Hexo 7.3's reading of each
// (../shared/hexo-fixtures/README.md). The same measures are run on real archives that are
// not in the repository.

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/hexo-fixtures');

interface HexoPost {
  title?: string;
  date: string;
  categories: { name: string; parent: string | null }[];
  tags: string[];
  photos: string[];
  published: boolean;
  html?: string;
  excerpt?: string;
  renderError?: string;
}

let root: string;
let report: PipelineReport;
let reference: Record<string, HexoPost>;
/** Our article for each fixture file (`posts/<group>/<file>`), when built. */
const built = new Map<string, Article>();

beforeAll(async () => {
  if (!fs.existsSync(FIXTURES)) throw new Error(`the Hexo fixtures are missing: expected them at ${FIXTURES}`);
  reference = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'hexo-reference.json'), 'utf8')) as Record<
    string,
    HexoPost
  >;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hexo-fixtures-'));
  const inDir = path.join(root, 'posts');
  const outDir = path.join(root, 'data');
  fs.cpSync(path.join(FIXTURES, 'posts'), inDir, { recursive: true });
  report = await runPipeline({ inDir, outDir, timeZone: 'Asia/Shanghai' });

  // Which file each article came from: ids are file names, qualified by folder on a clash.
  const articles = new Map(
    fs.readdirSync(path.join(outDir, 'articles')).map((name) => {
      const article = JSON.parse(fs.readFileSync(path.join(outDir, 'articles', name), 'utf8')) as Article;
      return [article.id, article] as const;
    }),
  );
  const files = Object.keys(reference);
  const stem = (file: string) => path.basename(file, '.md');
  const qualified = (file: string) => `${path.dirname(file).slice('posts/'.length).replaceAll('/', '-')}-${stem(file)}`;
  for (const file of files) {
    const article = articles.get(qualified(file));
    if (article) built.set(file, article);
  }
  const claimed = new Set([...built.values()].map((article) => article.id));
  for (const file of files) {
    const article = articles.get(stem(file));
    if (built.has(file) || !article || claimed.has(article.id)) continue;
    built.set(file, article);
    claimed.add(article.id);
  }
}, 120_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Posts Hexo publishes with a title. */
const titled = () => Object.entries(reference).filter(([, post]) => post.published && post.title);

/** The visible text of some HTML, without Hexo's line-number gutters. */
function visibleText(html: string, { outsideCode = false } = {}): string {
  const document = parseDocument(html);
  const drop = (nodes: ChildNode[]): ChildNode[] =>
    nodes.filter((node) => {
      if (!(node instanceof Element)) return true;
      if (/\bgutter\b/.test(node.attribs.class ?? '')) return false;
      if (outsideCode && (node.name === 'pre' || node.name === 'code')) return false;
      node.children = drop(node.children);
      return true;
    });
  document.children = drop(document.children);
  return textContent(document);
}

/** How many of `want`'s characters (white space aside) `have` holds, as a share. */
function charactersKept(want: string, have: string): number {
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const char of text.replace(/\s+/g, '')) counts.set(char, (counts.get(char) ?? 0) + 1);
    return counts;
  };
  const wanted = count(want);
  const had = count(have);
  let total = 0;
  let kept = 0;
  for (const [char, n] of wanted) {
    total += n;
    kept += Math.min(n, had.get(char) ?? 0);
  }
  return total === 0 ? 1 : kept / total;
}

const ourText = (article: Article) =>
  [visibleText(article.html), ...article.photos.flatMap((photo) => [photo.caption, photo.credit ?? ''])].join('\n');

describe("Hexo's own test posts, compared with Hexo 7.3", () => {
  it('builds every post Hexo publishes with a title', () => {
    const missing = titled()
      .filter(([file]) => !built.has(file))
      .map(([file]) => `${file}: ${report.problems.find((p) => file.endsWith(p.file))?.message ?? 'not built'}`);
    expect(missing).toEqual([]);
    expect(titled().length).toBeGreaterThanOrEqual(35);
  });

  it('skips only posts without a title, each with one message that says so', () => {
    const errors = report.problems.filter((problem) => problem.level === 'error');
    expect(errors.map((problem) => problem.file).sort()).toEqual(
      Object.entries(reference)
        .filter(([file, post]) => !post.title && !built.has(file))
        .map(([file]) => file.slice('posts/'.length))
        .sort(),
    );
    for (const error of errors) expect(error.message).toMatch(/title|empty/);
  });

  it('agrees on titles, categories and tags', () => {
    for (const [file, post] of titled()) {
      const article = built.get(file);
      if (!article) continue;
      expect.soft(article.title, file).toBe(post.title);
      // Categories stay flat filters: Hexo's hierarchy is compared as the names it holds.
      expect.soft([...article.categories].sort(), file).toEqual(post.categories.map((c) => c.name).sort());
      expect.soft([...article.tags].sort(), file).toEqual([...post.tags].sort());
    }
  });

  it('agrees on dates, except where Hexo used the file time or shifted an explicit offset', () => {
    let compared = 0;
    for (const [file, post] of titled()) {
      const article = built.get(file);
      const source = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
      const written = /^date:\s*(.+)$/m.exec(source)?.[1]?.trim();
      if (!article || !written || Number.isNaN(new Date(post.date).getTime())) continue;
      if (/(?:Z|[+-]\d\d:?\d\d)$/.test(written)) {
        // Hexo 7.3 reads `+08:00` and then shifts it by the site's zone; the instant written is right.
        expect.soft(article.date, file).toBe(new Date(written).toISOString());
      } else if (Math.abs(Date.parse(post.date) - Date.now()) < 366 * 24 * 3600_000 && !/^\d{4}/.test(written)) {
        // An unreadable date: Hexo and we both fall back to the file's time, which differs between copies.
        continue;
      } else {
        expect.soft(article.date, file).toBe(post.date);
      }
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(14);
  });

  it('leaves no tag plugin syntax in any body, excerpt or caption', () => {
    for (const [file, article] of built) {
      const texts = [
        visibleText(article.html, { outsideCode: true }),
        article.excerpt,
        ...article.photos.map((photo) => photo.caption),
      ];
      for (const text of texts) expect.soft(text, file).not.toMatch(/\{%|%\}/);
    }
  });

  it("keeps at least 97% of Hexo's text, captions counted, in every post Hexo rendered", () => {
    let want = '';
    let have = '';
    for (const [file, post] of titled()) {
      const article = built.get(file);
      if (!article || post.html === undefined) continue;
      const hexo = visibleText(post.html);
      const ours = ourText(article);
      // Each post on its own too: one post that loses its text is not hidden by the rest.
      expect.soft(charactersKept(hexo, ours), file).toBeGreaterThanOrEqual(0.97);
      want += hexo;
      have += ours;
    }
    expect(charactersKept(want, have)).toBeGreaterThanOrEqual(0.97);
  });

  it('keeps the photos of `photos:` and of the body, in the gallery', () => {
    for (const [file, post] of titled()) {
      const article = built.get(file);
      if (!article) continue;
      const sources = article.photos.map((photo) => photo.src);
      for (const photo of post.photos) expect.soft(sources, file).toContain(photo.replace(/^\/(?!\/)/, '/'));
    }
  });

  it('uses the text before <!-- more --> as the excerpt', () => {
    const withMore = titled().filter(([, post]) => post.excerpt);
    expect(withMore.length).toBeGreaterThanOrEqual(3);
    for (const [file, post] of withMore) {
      const article = built.get(file);
      if (!article) continue;
      const hexo = visibleText(post.excerpt ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      const ours = article.excerpt.replace(/…$/, '').replace(/\s+/g, ' ').trim();
      // At most 120 characters, and never past the marker: ours is where Hexo's begins.
      expect.soft(hexo.replace(/\s+/g, ''), file).toContain(ours.replace(/\s+/g, ''));
      expect.soft(ours.length, file).toBeGreaterThan(Math.min(20, hexo.length - 1));
    }
  });
});
