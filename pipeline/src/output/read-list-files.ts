import type { ArticleSummary, ListPart } from '../../../src/lib/content-contract.ts';
import { cutParts, partsInside } from '../../../src/lib/list-cuts.ts';
import { parseListChunk, parseListHead } from '../../../src/lib/validate-data.ts';
import type { ListFiles } from './assemble-output.ts';

/** A published list's files (categoryListFiles, tagListFiles), read by path under the data root. */
export interface ListFileReader extends ListFiles {
  read(file: string): unknown;
}

/** What reading a stretch of a list read: its articles, newest first, and every file it opened. */
export interface ListStretch {
  items: ArticleSummary[];
  files: string[];
}

/**
 * A published list's articles `from`–`to`, counted from its newest, read from its head
 * and the parts that hold them as the reader does (decisions 0025, 0026). Throws on a file that is
 * missing or not of the contract's shape.
 */
export function readListStretch(list: ListFileReader, from: number, to: number): ListStretch {
  const files = [list.head];
  const head = parseListHead(list.read(list.head));
  const items: ArticleSummary[] = [];
  const readParts = (parts: readonly ListPart[], start: number, end: number) => {
    for (const cut of cutParts(parts, start, end)) {
      const file = list.part(cut.name);
      files.push(file);
      if (!cut.name.startsWith('c')) {
        readParts(partsInside(cut.name, list.read(file), cut.count), cut.from, cut.to);
        continue;
      }
      const chunk = parseListChunk(list.read(file)).items;
      if (chunk.length !== cut.count) throw new Error(`${file} holds ${chunk.length} articles, not ${cut.count}`);
      items.push(...chunk.slice(cut.from, cut.to));
    }
  };
  readParts(head.parts, Math.min(from, head.total), Math.min(to, head.total));
  return { items, files };
}
