import fs from 'node:fs';
import path from 'node:path';
import type { ListPage } from '../../../src/lib/content-contract.ts';
import { listSignature } from '../cache/build-cache.ts';
import type { StagedOutput } from './staged-output.ts';

/**
 * Stages the list pages that changed and returns every page's signature. A
 * page is a function of its position and its articles' contents, so when its
 * signature equals the previous build's, the published file is kept (in place)
 * or linked (a whole new output).
 */
export function stageListPages(
  output: StagedOutput,
  pages: ReadonlyMap<string, ListPage>,
  previous: Readonly<Record<string, string>> | undefined,
  hashOf: (id: string) => string,
  publishedDir: string,
): Record<string, string> {
  const signatures: Record<string, string> = {};
  const byFolder = new Map<string, [string, ListPage][]>();
  for (const [file, page] of pages) {
    signatures[file] = listSignature(
      `${page.page}/${page.pages}/${page.total}:${page.items.map((item) => hashOf(item.id)).join(',')}`,
    );
    const folder = file.slice(0, file.lastIndexOf('/'));
    const inFolder = byFolder.get(folder) ?? [];
    inFolder.push([file, page]);
    byFolder.set(folder, inFolder);
  }
  const sameAsBefore = (file: string) => previous?.[file] === signatures[file];

  for (const [folder, inFolder] of byFolder) {
    if (output.inPlace) {
      const changed = inFolder.filter(([file]) => !sameAsBefore(file) || !output.isPublished(file));
      if (changed.length * 2 > inFolder.length) {
        // Most pages moved (a new newest article shifts them all): the folder is staged whole
        // and replaces the published one, because replacing a recently written file costs
        // ext4 several times what writing a new one does.
        for (const [file, page] of inFolder) fs.writeFileSync(output.inside(file), JSON.stringify(page));
        output.folder(folder);
      } else {
        for (const [file, page] of changed) fs.writeFileSync(output.file(file), JSON.stringify(page));
      }
      continue;
    }
    for (const [file, page] of inFolder) {
      const target = output.file(file);
      if (sameAsBefore(file)) {
        try {
          fs.linkSync(path.join(publishedDir, file), target);
          continue;
        } catch {
          // not in the previous output after all: write it
        }
      }
      fs.writeFileSync(target, JSON.stringify(page));
    }
  }
  return signatures;
}
