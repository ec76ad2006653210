import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A built app served by `vite preview` on localhost. */
export interface Site {
  url: string;
  close(): void;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** `vite preview` of `outDir` (dist/ by default) on `port`, once it answers. */
export async function startPreview(port: number, outDir?: string): Promise<Site> {
  const args = ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'];
  const server = spawn(process.execPath, outDir ? [...args, '--outDir', outDir] : args, { stdio: 'ignore' });
  const url = `http://localhost:${port}`;
  try {
    await waitForServer(`${url}/`);
  } catch (error) {
    server.kill();
    throw error;
  }
  return { url, close: () => server.kill() };
}

/** The built app (dist/) with the generated corpus's data in place of the sample data. */
export async function serveCorpus(distDir: string, dataDir: string, siteDir: string): Promise<Site> {
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.cpSync(distDir, siteDir, { recursive: true, filter: (source) => source !== path.join(distDir, 'data') });
  // Hard links: 20,000 articles in a moment, and no second copy on disk.
  spawnSync('cp', ['-al', dataDir, path.join(siteDir, 'data')]);
  return startPreview(4189, siteDir);
}
