import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateArticle } from './generate-corpus.ts';

/**
 * Hexo (with hexo-generator-json-content, the JSON it would serve a reader like ours) and
 * Eleventy on the same generated corpus, installed from the npm registry into bench/.peers
 * on first use. Every file is given as Markdown, which both read.
 */

const PEERS = path.resolve('bench/.peers');
const VERSIONS = {
  hexo: '8.1.2',
  'hexo-generator-json-content': '4.2.3',
  'hexo-renderer-marked': '7.0.1',
  '@11ty/eleventy': '3.1.8',
};

function install(): void {
  if (
    fs.existsSync(path.join(PEERS, 'node_modules/.bin/hexo')) &&
    fs.existsSync(path.join(PEERS, 'node_modules/.bin/eleventy'))
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

function writeCorpus(dir: string, count: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { name, content } = generateArticle(i);
    fs.writeFileSync(path.join(dir, name.replace(/\.\w+$/, '.md')), content);
  }
}

function timed(command: string, args: string[], cwd: string): number {
  spawnSync('sync');
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: 'ignore', timeout: 30 * 60_000 });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed (${result.status ?? result.signal})`);
  return performance.now() - started;
}

export function benchPeers(count: number): { hexoMs: number; eleventyMs: number } {
  install();
  const bin = (name: string) => path.join(PEERS, 'node_modules/.bin', name);

  const hexoSite = path.join(PEERS, 'hexo-site');
  writeCorpus(path.join(hexoSite, 'source/_posts'), count);
  fs.writeFileSync(
    path.join(hexoSite, '_config.yml'),
    [
      'title: bench',
      'url: http://localhost',
      'timezone: Asia/Shanghai',
      'theme: none',
      'jsonContent:',
      '  meta: false',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(hexoSite, 'package.json'),
    JSON.stringify({ name: 'hexo-site', private: true, hexo: { version: VERSIONS.hexo }, dependencies: VERSIONS }),
  );
  if (!fs.existsSync(path.join(hexoSite, 'node_modules')))
    fs.symlinkSync(path.join(PEERS, 'node_modules'), path.join(hexoSite, 'node_modules'));
  fs.rmSync(path.join(hexoSite, 'public'), { recursive: true, force: true });
  fs.rmSync(path.join(hexoSite, 'db.json'), { force: true });
  const hexoMs = timed(bin('hexo'), ['generate', '--silent'], hexoSite);

  const eleventySite = path.join(PEERS, 'eleventy-site');
  writeCorpus(path.join(eleventySite, 'posts'), count);
  fs.rmSync(path.join(eleventySite, '_site'), { recursive: true, force: true });
  const eleventyMs = timed(bin('eleventy'), ['--input=posts', '--output=_site', '--quiet'], eleventySite);
  return { hexoMs, eleventyMs };
}
