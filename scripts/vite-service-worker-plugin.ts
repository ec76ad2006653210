import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

const SOURCE = path.resolve(import.meta.dirname, '../src/service-worker/service-worker.ts');

/** The worker's file in the site, beside the app's page: its folder is the worker's scope. */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * The app's own files in a built site, relative to it (decision 0021): its page, scripts, styles,
 * the theme script, icons and the web app manifest. Not the data, the prerendered pages, the
 * feeds, the sample photos or the source maps: those are fetched as read, or never.
 */
export function shellFiles(dist: string): string[] {
  const listed = (folder: string, pattern: RegExp) =>
    fs.existsSync(path.join(dist, folder))
      ? fs
          .readdirSync(path.join(dist, folder))
          .filter((name) => pattern.test(name))
          .map((name) => `${folder}/${name}`)
      : [];
  const top = ['index.html', 'theme-init.js', 'noscript.css', 'favicon.svg', 'manifest.webmanifest'].filter((file) =>
    fs.existsSync(path.join(dist, file)),
  );
  return [...top, ...listed('assets', /\.(js|css)$/), ...listed('icons', /\.(png|svg)$/)].sort();
}

/** A hash of the shell's names and bytes: the worker changes exactly when one of them does. */
function shellVersion(dist: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(dist, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Writes `sw.js` into a built site: the worker's source bundled by Rolldown (Vite's own bundler)
 * with the list of the site's shell files and their version. The last step of `vite build`;
 * run again over a site whose shell changed, it writes the worker of a new build. Returns its size.
 */
export async function writeServiceWorker(dist: string): Promise<number> {
  const { build } = await import('rolldown');
  const files = shellFiles(dist);
  const file = path.join(dist, SERVICE_WORKER_FILE);
  await build({
    input: SOURCE,
    platform: 'browser',
    logLevel: 'warn',
    transform: {
      define: {
        __SHELL_FILES__: JSON.stringify(files),
        __SHELL_VERSION__: JSON.stringify(shellVersion(dist, files)),
      },
    },
    output: { file, format: 'iife', minify: true },
  });
  return fs.statSync(file).size;
}

/** Builds the service worker after everything else of `vite build` (the pipeline's pages included). */
export function serviceWorkerPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'news-reader-service-worker',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        if (config.command !== 'build' || config.build.ssr || process.env.VITEST) return;
        await writeServiceWorker(path.resolve(config.root, config.build.outDir));
      },
    },
  };
}
