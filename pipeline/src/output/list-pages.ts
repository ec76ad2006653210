import fs from 'node:fs';
import type { ListPage } from '../../../src/lib/content-contract.ts';
import { listSignature } from '../cache/build-cache.ts';
import type { StagedOutput } from './staged-output.ts';

/**
 * Stages the list pages that changed and returns every page's signature. A
 * page is a function of its position and its articles' contents, so when its
 * signature equals the previous build's and the page is published, it stays as
 * it is.
 */
export function stageListPages(
  output: StagedOutput,
  pages: ReadonlyMap<string, ListPage>,
  previous: Readonly<Record<string, string>> | undefined,
  hashOf: (id: string) => string,
): Record<string, string> {
  const signatures: Record<string, string> = {};
  for (const [file, page] of pages) {
    const signature = listSignature(
      `${page.page}/${page.pages}/${page.total}:${page.items.map((item) => hashOf(item.id)).join(',')}`,
    );
    signatures[file] = signature;
    if (previous?.[file] === signature && output.isPublished(file)) continue;
    fs.writeFileSync(output.file(file), JSON.stringify(page));
  }
  return signatures;
}
