import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Connect, Plugin, ResolvedConfig } from 'vite';
import { isArticleFile } from '../pipeline/src/read/article-files.ts';

export interface ContentPluginOptions {
  /** The article folder: `CONTENT_DIR`, else `content/`. */
  contentDir: string;
  /** Where the dev server keeps the data it builds. */
  devDataDir: string;
}

/** Runs the pipeline CLI in its own process, so its worker threads and memory stay out of Vite's. */
function runPipeline(inDir: string, outDir: string, extra: string[] = []): Promise<void> {
  // PAGE_SIZE=8 npm run build: list pages of another size (the end-to-end tests page through the samples).
  if (process.env.PAGE_SIZE) extra = [...extra, '--page-size', process.env.PAGE_SIZE];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['pipeline/bin/content.mjs', '--in', inDir, '--out', outDir, ...extra], {
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the content pipeline failed (exit code ${code})`)),
    );
  });
}

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/** The feeds' types (decision 0019): what feed readers and browsers expect of Atom and JSON Feed. */
const FEED_TYPES: Record<string, string> = {
  '.xml': 'application/atom+xml; charset=utf-8',
  '.json': 'application/feed+json; charset=utf-8',
};

/** The data's own files by extension; a post's other assets are served as bytes to download. */
function contentType(relative: string): string {
  const extension = path.extname(relative).toLowerCase();
  const feed = relative.startsWith('feeds/') ? FEED_TYPES[extension] : undefined;
  return feed ?? TYPES[extension] ?? 'application/octet-stream';
}

/** Serves the built data under `<base>data/`; a missing file is a real 404, never the SPA page. */
function serveData(base: string, dataDir: string): Connect.NextHandleFunction {
  const prefix = `${base}data/`;
  return (req, res, next) => {
    const url = req.url?.split('?')[0] ?? '';
    if (!url.startsWith(prefix)) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice(prefix.length));
    } catch {
      relative = '';
    }
    const file = path.resolve(dataDir, relative);
    if (!file.startsWith(path.resolve(dataDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json');
      res.end('{"error":"not found"}');
      return;
    }
    res.setHeader('Content-Type', contentType(relative));
    // A search index folder is named by its content: its files never change. The rest is revalidated.
    const immutable = /^search\/[0-9a-f]+\//.test(relative);
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // An SVG of a post is shown as an image; opened by itself it may run nothing.
    if (relative.startsWith('assets/'))
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    fs.createReadStream(file).pipe(res);
  };
}

/**
 * Serves the entry pages the pipeline writes with `--pages` (decision 0014), as the README asks of
 * a static host: `article/<id>/index.html` for `/article/<id>` and its photos' addresses, and
 * `category/<name>/index.html` for `/category/<name>` (and `tag/<name>/…` for `/tag/<name>`), the
 * name decoded once, and `home.html` for
 * the home page. An address without a page gets the app's page.
 */
function serveEntryPages(base: string, dist: string): Connect.NextHandleFunction {
  const prefix = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${prefix}(article|category|tag)/([^/]+)(/photo/\\d+)?/?$`);
  return (req, res, next) => {
    const pathname = req.url?.split('?')[0] ?? '';
    // The prerendered home page (decision 0015), when the build wrote one.
    const home = path.join(dist, 'home.html');
    if (pathname === base && (req.method === 'GET' || req.method === 'HEAD') && fs.existsSync(home)) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      fs.createReadStream(home).pipe(res);
      return;
    }
    const match = pattern.exec(pathname);
    const [, kind, segment, photo] = match ?? [];
    if (!kind || !segment || (kind !== 'article' && photo) || (req.method !== 'GET' && req.method !== 'HEAD'))
      return next();
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return next();
    }
    const file = path.join(dist, kind, name, 'index.html');
    if (/[/\\\0]/.test(name) || name === '.' || name === '..' || !fs.existsSync(file)) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    fs.createReadStream(file).pipe(res);
  };
}

/**
 * The app's server build (src/entry-server.tsx), kept out of the site: the pipeline renders the
 * entry pages with it (decision 0015). Returns the module's path.
 */
async function buildRenderer(config: ResolvedConfig): Promise<string> {
  const { build } = await import('vite');
  const outDir = path.resolve(config.root, 'node_modules/.cache/news-reader/server');
  await build({
    configFile: config.configFile,
    root: config.root,
    mode: config.mode,
    base: config.base,
    logLevel: 'warn',
    build: { ssr: 'src/entry-server.tsx', outDir, emptyOutDir: true, sourcemap: false, copyPublicDir: false },
  });
  return path.join(outDir, 'entry-server.js');
}

/**
 * Builds the article data with the app: before the dev server starts (and
 * again when an article changes), and into `dist/data` on `vite build`.
 */
export function contentPlugin({ contentDir, devDataDir }: ContentPluginOptions): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'news-reader-content',
    configResolved(resolved) {
      config = resolved;
    },
    async configureServer(server) {
      await runPipeline(contentDir, devDataDir);
      server.middlewares.use(serveData(config.base, devDataDir));

      let timer: NodeJS.Timeout | undefined;
      let running = Promise.resolve();
      const rebuild = (file: string) => {
        if (!file.startsWith(path.resolve(contentDir)) || !isArticleFile(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          running = running
            .then(() => runPipeline(contentDir, devDataDir))
            .then(() => server.ws.send({ type: 'full-reload' }))
            .catch((error: Error) => config.logger.error(error.message));
        }, 120);
      };
      server.watcher.add(path.resolve(contentDir));
      server.watcher.on('change', rebuild);
      server.watcher.on('add', rebuild);
      server.watcher.on('unlink', rebuild);
    },
    configurePreviewServer(server) {
      const dist = path.resolve(config.root, config.build.outDir);
      server.middlewares.use(serveData(config.base, path.join(dist, 'data')));
      server.middlewares.use(serveEntryPages(config.base, dist));
    },
    async closeBundle() {
      if (config.command !== 'build' || config.build.ssr || process.env.VITEST) return;
      const dist = path.resolve(config.root, config.build.outDir);
      // Entry pages for the newest articles beside the app, prerendered, and with SITE_URL a sitemap.
      const renderer = await buildRenderer(config);
      await runPipeline(contentDir, path.join(dist, 'data'), ['--no-cache', '--pages', dist, '--render', renderer]);
    },
  };
}
