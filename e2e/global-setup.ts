import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../pipeline/src/run-pipeline.ts';
import { buildHostileData } from './hostile-corpus.ts';

/** Hexo's own theme test posts (../shared, beside the repository), as a user's archive. */
const HEXO_POSTS = path.resolve(import.meta.dirname, '../../shared/hexo-fixtures/posts/hexo-theme-unit-test');

/**
 * Builds the data sets the end-to-end tests serve besides the bundled sample (the hostile
 * corpus, and Hexo's theme test posts), once per run
 * (not once per worker or per test). Workers find them through the environment.
 */
export default async function globalSetup(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'news-reader-e2e-'));
  process.env.HOSTILE_DATA_DIR = await buildHostileData(path.join(root, 'hostile'));
  if (!fs.existsSync(HEXO_POSTS)) throw new Error(`the Hexo fixtures are missing: expected them at ${HEXO_POSTS}`);
  process.env.HEXO_DATA_DIR = path.join(root, 'hexo');
  await runPipeline({ inDir: HEXO_POSTS, outDir: process.env.HEXO_DATA_DIR, timeZone: 'Asia/Shanghai' });
  return () => fs.rmSync(root, { recursive: true, force: true });
}
