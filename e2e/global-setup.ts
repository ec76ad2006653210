import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHostileData } from './hostile-corpus.ts';

/**
 * Builds the data sets the end-to-end tests serve besides the bundled sample, once per run
 * (not once per worker or per test). Workers find them through the environment.
 */
export default async function globalSetup(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'news-reader-e2e-'));
  process.env.HOSTILE_DATA_DIR = await buildHostileData(path.join(root, 'hostile'));
  return () => fs.rmSync(root, { recursive: true, force: true });
}
