import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Site, startPreview } from '../scripts/site-server.ts';

/** The built app (dist/) with the generated corpus's data in place of the sample data. */
export async function serveCorpus(distDir: string, dataDir: string, siteDir: string): Promise<Site> {
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.cpSync(distDir, siteDir, { recursive: true, filter: (source) => source !== path.join(distDir, 'data') });
  // Hard links: 20,000 articles in a moment, and no second copy on disk.
  spawnSync('cp', ['-al', dataDir, path.join(siteDir, 'data')]);
  return startPreview(4189, siteDir);
}
