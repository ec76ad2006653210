import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type CorpusShape, generateArticle } from './generate-corpus.ts';
import { setAside } from './set-aside.ts';

/**
 * Hexo (with hexo-generator-json-content, the JSON it would serve a reader like ours) and
 * Eleventy on the same generated corpus, installed from the npm registry into bench/.peers
 * on first use, and Hugo when it is installed (Debian: `apt-get install hugo`; it is a Go
 * binary, not an npm package). Every file is given as Markdown, which they all read. Hexo
 * runs twice: producing only the JSON (no theme), and as `hexo init` sets a site up (the
 * landscape theme with its index, archive, category and tag pages), which is what most Hexo
 * timings describe. Hugo writes JSON: every article (title, date, categories, summary,
 * HTML) and, for the home page and each category, the newest 20 and the count.
 */

const PEERS = path.resolve('bench/.peers');
const VERSIONS = {
  hexo: '8.1.2',
  'hexo-generator-json-content': '4.2.3',
  'hexo-renderer-marked': '7.0.1',
  '@11ty/eleventy': '3.1.8',
  'hexo-theme-landscape': '1.1.0',
  'hexo-renderer-ejs': '2.0.0',
  'hexo-renderer-stylus': '3.0.1',
  'hexo-generator-index': '4.0.0',
  'hexo-generator-archive': '2.0.0',
  'hexo-generator-category': '2.0.0',
  'hexo-generator-tag': '2.0.0',
};

function install(): void {
  if (
    fs.existsSync(path.join(PEERS, 'node_modules/.bin/hexo')) &&
    fs.existsSync(path.join(PEERS, 'node_modules/.bin/eleventy')) &&
    fs.existsSync(path.join(PEERS, 'node_modules/hexo-theme-landscape'))
  ) {
    return;
  }
  fs.mkdirSync(PEERS, { recursive: true });
  fs.writeFileSync(
    path.join(PEERS, 'package.json'),
    JSON.stringify({ name: 'bench-peers', private: true, dependencies: VERSIONS }, null, 2),
  );
  console.log('installing Hexo and Eleventy for the comparison (once)…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: PEERS,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('could not install Hexo and Eleventy');
}

function writeCorpus(dir: string, count: number, shape: CorpusShape): void {
  setAside(dir, PEERS);
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { name, content } = generateArticle(i, shape);
    fs.writeFileSync(path.join(dir, name.replace(/\.\w+$/, '.md')), content);
  }
}

function timed(command: string, args: string[], cwd: string): number {
  spawnSync('sync');
  const started = performance.now();
  // Hexo with a theme keeps every rendered page in memory: at 20,000 posts it needs more than
  // Node's default heap (it aborts), so the peers get 8 GB.
  const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' };
  const result = spawnSync(command, args, { cwd, stdio: 'ignore', timeout: 30 * 60_000, env });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status ?? result.signal})`);
  return performance.now() - started;
}

const JSON_ONLY = ['hexo', 'hexo-generator-json-content', 'hexo-renderer-marked'];

function hexoSite(name: string, count: number, themed: boolean, shape: CorpusShape): string {
  const site = path.join(PEERS, name);
  writeCorpus(path.join(site, 'source/_posts'), count, shape);
  const config = ['title: bench', 'url: http://localhost', 'timezone: Asia/Shanghai', 'jsonContent:', '  meta: false'];
  fs.writeFileSync(path.join(site, '_config.yml'), [...config, `theme: ${themed ? 'landscape' : 'none'}`].join('\n'));
  // Hexo loads every hexo-* dependency of the site as a plugin: list only what this site uses.
  const dependencies = Object.fromEntries(
    Object.entries(VERSIONS).filter(([pkg]) => pkg.startsWith('hexo') && (themed || JSON_ONLY.includes(pkg))),
  );
  fs.writeFileSync(
    path.join(site, 'package.json'),
    JSON.stringify({ name, private: true, hexo: { version: VERSIONS.hexo }, dependencies }),
  );
  if (!fs.existsSync(path.join(site, 'node_modules')))
    fs.symlinkSync(path.join(PEERS, 'node_modules'), path.join(site, 'node_modules'));
  setAside(path.join(site, 'public'), PEERS);
  fs.rmSync(path.join(site, 'db.json'), { force: true });
  return site;
}

const HUGO_CONFIG = `baseURL = "http://localhost/"
title = "bench"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[outputs]
home = ["JSON"]
section = ["JSON"]
page = ["JSON"]
taxonomy = ["JSON"]
term = ["JSON"]
[taxonomies]
category = "categories"
`;
const HUGO_SINGLE =
  '{{ dict "title" .Title "date" .Date "categories" .Params.categories "summary" .Summary "content" .Content | jsonify }}\n';
const HUGO_LIST =
  '{{ $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}' +
  '{{ $items := slice }}{{ range first 20 $pages }}' +
  '{{ $items = $items | append (dict "title" .Title "date" .Date "url" .RelPermalink "summary" .Summary) }}{{ end }}' +
  '{{ dict "total" (len $pages) "items" $items | jsonify }}\n';

/** Hugo's time on the corpus, or undefined when no `hugo` is installed. */
function benchHugo(count: number, shape: CorpusShape): number | undefined {
  if (spawnSync('hugo', ['version'], { stdio: 'ignore' }).status !== 0) {
    console.log('hugo is not installed: skipped (apt-get install hugo)');
    return undefined;
  }
  const site = path.join(PEERS, 'hugo-site');
  writeCorpus(path.join(site, 'content/posts'), count, shape);
  fs.mkdirSync(path.join(site, 'layouts/_default'), { recursive: true });
  fs.writeFileSync(path.join(site, 'config.toml'), HUGO_CONFIG);
  fs.writeFileSync(path.join(site, 'layouts/_default/single.json'), HUGO_SINGLE);
  fs.writeFileSync(path.join(site, 'layouts/_default/list.json'), HUGO_LIST);
  // The better of two runs, as ours is timed (the disk moves single runs by 20 % or more).
  const run = () => {
    for (const dir of ['public', 'resources']) setAside(path.join(site, dir), PEERS);
    return timed('hugo', ['--quiet', '--destination', 'public'], site);
  };
  return Math.min(run(), run());
}

export function benchPeers(
  count: number,
  shape: CorpusShape,
): { hexoMs: number; hexoThemedMs: number; eleventyMs: number; hugoMs?: number } {
  install();
  const bin = (name: string) => path.join(PEERS, 'node_modules/.bin', name);

  const hexoMs = timed(bin('hexo'), ['generate', '--silent'], hexoSite('hexo-site', count, false, shape));
  const hexoThemedMs = timed(bin('hexo'), ['generate', '--silent'], hexoSite('hexo-themed-site', count, true, shape));

  const eleventySite = path.join(PEERS, 'eleventy-site');
  writeCorpus(path.join(eleventySite, 'posts'), count, shape);
  const eleventy = () => {
    setAside(path.join(eleventySite, '_site'), PEERS);
    return timed(bin('eleventy'), ['--input=posts', '--output=_site', '--quiet'], eleventySite);
  };
  const eleventyMs = Math.min(eleventy(), eleventy());
  const hugoMs = benchHugo(count, shape);
  return { hexoMs, hexoThemedMs, eleventyMs, ...(hugoMs !== undefined && { hugoMs }) };
}
