import fs from 'node:fs';
import { listSignature } from '../cache/build-cache.ts';
import type { ListSignatures } from '../cache/list-signatures.ts';
import type { ListFile } from './assemble-output.ts';
import type { StagedOutput } from './staged-output.ts';

/** A list file's JSON, its articles' summaries printed as `summaryJson` gives them. */
function listFileText(page: ListFile, summaryJson: (id: string) => string): string {
  if ('chunks' in page) return JSON.stringify({ chunks: page.chunks });
  if ('groups' in page) return JSON.stringify({ groups: page.groups });
  const items = `[${page.items.map((item) => summaryJson(item.id)).join(',')}]`;
  if (!('parts' in page)) return `{"items":${items}}`;
  return `{"total":${page.total},"pageSize":${page.pageSize},"items":${items},"parts":${JSON.stringify(page.parts)}}`;
}

/**
 * Stages the list files (heads, tables, groups and chunks) that changed and returns every file's signature.
 * A file is a function of its place and its articles' contents, so when its signature equals
 * the previous build's and the file is published, it stays as it is. Parts are cut where the
 * articles say (decision 0025): a new newest article changes its lists' heads and newest chunks.
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
    const [place, parts] =
      'parts' in page
        ? [`h${page.total}/${page.pageSize}`, page.parts]
        : 'chunks' in page
          ? ['g', page.chunks]
          : 'groups' in page
            ? ['t', page.groups]
            : ['c', undefined];
    const items = 'items' in page ? page.items.map((item) => hashOf(item.id)).join(',') : '';
    const signature = listSignature(`${place}:${items}:${parts ? JSON.stringify(parts) : ''}`);
    signatures[file] = signature;
    if (previous?.get(file) === signature && output.isPublished(file)) continue;
    fs.writeFileSync(output.file(file), listFileText(page, summaryJson));
  }
  return signatures;
}
