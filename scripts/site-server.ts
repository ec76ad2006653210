import { type ChildProcess, spawn } from 'node:child_process';

/** A built site served on localhost. */
export interface Site {
  url: string;
  close(): void;
}

/** Resolves once `url` answers; a server that never does fails after a minute (a hang guard). */
async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  const giveUp = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server for ${url} exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > giveUp) throw new Error(`${url} did not answer within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function serve(command: string, args: string[], url: string): Promise<Site> {
  const server = spawn(command, args, { stdio: 'ignore' });
  try {
    await waitForServer(`${url}/`, server);
  } catch (error) {
    server.kill();
    throw error;
  }
  return { url, close: () => server.kill() };
}

/** `vite preview` of `outDir` (dist/ by default) on `port`, once it answers. */
export function startPreview(port: number, outDir?: string): Promise<Site> {
  const args = ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'];
  return serve(process.execPath, outDir ? [...args, '--outDir', outDir] : args, `http://localhost:${port}`);
}

/**
 * A plain static file server (Python's http.server): it decodes a request's path once and
 * serves the file of that name, with no single-page fallback and no special case for data.
 */
export function startPlainServer(port: number, folder: string): Promise<Site> {
  return serve(
    'python3',
    ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', folder],
    `http://127.0.0.1:${port}`,
  );
}
