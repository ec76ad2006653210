import fs from 'node:fs';
import path from 'node:path';
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
  const shared = new SharedParts(output);
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
    const kept = previous?.get(file) === signature && output.isPublished(file);
    if (!kept) {
      const target = output.file(file);
      if (shared.linkTo(file, target)) continue;
      fs.writeFileSync(target, listFileText(page, summaryJson));
    }
    shared.add(file, kept);
  }
  return signatures;
}

/**
 * A list's chunks are named by the articles they hold, its groups, runs and table by the parts
 * they name (list-layout.ts), and an article's item is the same in every list: in one run, a
 * part of one name has the same bytes in every list that has it. A category that every article
 * has (a source's name, in an archive of one source) has all of the whole list's parts. A part
 * that another list has staged this run, or keeps published (its articles unchanged since, as its
 * signature says), is linked to, not written again: at 2,000 seed-shaped articles 318 of 675
 * list files are links, and the lists take 3.8 MB of disk, not 6.9 MB.
 */
class SharedParts {
  /** Where the first of each part name is: staged this run, or published and kept. */
  private readonly parts = new Map<string, { file: string; staged: boolean }>();
  /** False once the file system has refused a link (no hard links there): every part is written. */
  private linking = true;

  constructor(private readonly output: StagedOutput) {}

  add(file: string, published: boolean): void {
    const name = partName(file);
    if (name && !this.parts.has(name)) this.parts.set(name, { file, staged: !published });
  }

  /** Links `target`, where `file` is staged, to a part of the same name; false when there is none or the link fails. */
  linkTo(file: string, target: string): boolean {
    const name = partName(file);
    const first = name && this.linking ? this.parts.get(name) : undefined;
    if (!name || !first) return false;
    const from = first.staged ? path.join(this.output.dir, first.file) : this.output.publishedPath(first.file);
    try {
      if (!from) throw new Error(`${first.file} is not published`);
      fs.linkSync(from, target);
      return true;
    } catch (error) {
      // A copy gone (removed by hand) is forgotten: the part is written, and that copy is linked
      // to next. A file system without hard links, or another one, refuses every link.
      this.parts.delete(name);
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EMLINK' && code !== undefined) this.linking = false;
      return false;
    }
  }
}

/** A list file's part name (`c…`, `g…`, `r…`, `t…`), or undefined for a head, which only its list has. */
function partName(file: string): string | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name === 'head.json' ? undefined : name;
}
