import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Site, startPreview } from '../scripts/site-server.ts';

/**
 * The built app (dist/) with the generated corpus's data in place of the sample data, and the
 * corpus's entry pages when `pagesDir` holds them (the sample's are left out).
 */
export async function serveCorpus(distDir: string, dataDir: string, siteDir: string, pagesDir?: string): Promise<Site> {
  fs.rmSync(siteDir, { recursive: true, force: true });
  const sampleOnly = new Set(
    ['data', 'article', 'category', 'tag', 'home.html', 'sitemap.xml', 'robots.txt'].map((name) =>
      path.join(distDir, name),
    ),
  );
  fs.cpSync(distDir, siteDir, { recursive: true, filter: (source) => !sampleOnly.has(source) });
  // Hard links: 20,000 articles in a moment, and no second copy on disk.
  spawnSync('cp', ['-al', dataDir, path.join(siteDir, 'data')]);
  for (const pages of ['article', 'category', 'tag', 'home.html'])
    if (pagesDir && fs.existsSync(path.join(pagesDir, pages)))
      spawnSync('cp', ['-al', path.join(pagesDir, pages), path.join(siteDir, pages)]);
  return startPreview(4189, siteDir);
}
