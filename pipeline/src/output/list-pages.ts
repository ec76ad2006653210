import fs from 'node:fs';
import { listSignature } from '../cache/build-cache.ts';
import type { ListSignatures } from '../cache/list-signatures.ts';
import type { ListFile } from './assemble-output.ts';
import type { StagedOutput } from './staged-output.ts';

/**
 * Stages the list files (heads and chunks) that changed and returns every file's signature.
 * A file is a function of its place and its articles' contents, so when its signature equals
 * the previous build's and the file is published, it stays as it is. Chunks are numbered from
 * the oldest (decision 0012): a new newest article changes its lists' heads and newest chunks.
 * Only the files written need their articles' summaries (`summaryJson`, the JSON text that
 * JSON.stringify gives: a cold and an incremental build print the same bytes).
 */
export function stageListPages(
  output: StagedOutput,
  pages: ReadonlyMap<string, ListFile>,
  previous: ListSignatures | undefined,
  hashOf: (id: string) => string,
  summaryJson: (id: string) => string,
): Record<string, string> {
  const signatures: Record<string, string> = {};
  for (const [file, page] of pages) {
    const place = 'chunk' in page ? `c${page.chunk}` : `h${page.total}/${page.pageSize}`;
    const signature = listSignature(`${place}:${page.items.map((item) => hashOf(item.id)).join(',')}`);
    signatures[file] = signature;
    if (previous?.get(file) === signature && output.isPublished(file)) continue;
    const items = `[${page.items.map((item) => summaryJson(item.id)).join(',')}]`;
    const head = 'chunk' in page ? `{"chunk":${page.chunk}` : `{"total":${page.total},"pageSize":${page.pageSize}`;
    fs.writeFileSync(output.file(file), `${head},"items":${items}}`);
  }
  return signatures;
}
