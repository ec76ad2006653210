import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The built app (dist/) serving the generated corpus's data, under `vite preview`. */
export interface Site {
  url: string;
  close(): void;
}

const PORT = 4189;

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

export async function serveCorpus(distDir: string, dataDir: string, siteDir: string): Promise<Site> {
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.cpSync(distDir, siteDir, { recursive: true, filter: (source) => source !== path.join(distDir, 'data') });
  // Hard links: 20,000 articles in a moment, and no second copy on disk.
  spawnSync('cp', ['-al', dataDir, path.join(siteDir, 'data')]);
  const server = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--outDir', siteDir],
    { stdio: 'ignore' },
  );
  const url = `http://localhost:${PORT}`;
  await waitForServer(`${url}/`);
  return { url, close: () => server.kill() };
}
