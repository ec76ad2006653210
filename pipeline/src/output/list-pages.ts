import fs from 'node:fs';
import path from 'node:path';
import { listSignature } from '../cache/build-cache.ts';
import type { ListSignatures } from '../cache/list-signatures.ts';
import type { GarbageLimit } from '../collect-garbage.ts';
import type { ListFile } from './assemble-output.ts';
import type { StagedOutput } from './staged-output.ts';

/** List files staged between two looks at the heap's garbage. */
const GARBAGE_CHECK_FILES = 64;

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
 * JSON.stringify gives: a cold and an incremental build print the same bytes). The printed
 * summaries are garbage once written: `garbage` keeps a big run's from piling up.
 */
export function stageListPages(
  output: StagedOutput,
  pages: ReadonlyMap<string, ListFile>,
  previous: ListSignatures | undefined,
  hashOf: (id: string) => string,
  summaryJson: (id: string) => string,
  garbage?: Pick<GarbageLimit, 'check'>,
): Record<string, string> {
  const signatures: Record<string, string> = {};
  const shared = new SharedParts(output);
  let files = 0;
  for (const [file, page] of pages) {
    if (++files % GARBAGE_CHECK_FILES === 0) garbage?.check();
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
    // A head names its own list's total and parts: only the parts are shared.
    const part = 'parts' in page ? undefined : path.basename(file);
    if (previous?.get(file) === signature && output.isPublished(file)) {
      if (part) shared.add(part, file, 'published');
      continue;
    }
    const target = output.file(file);
    if (part && shared.linkTo(part, target)) continue;
    fs.writeFileSync(target, listFileText(page, summaryJson));
    if (part) shared.add(part, file, 'staged');
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
  /**
   * The list file each part name is linked to: the first staged this run, or one published and
   * kept (named in `published`). Its name, the list's own string, not its path joined anew: at
   * a million articles, 240,000 of them, held until the last list is staged (list-signatures.ts).
   */
  private readonly copies = new Map<string, string>();
  private readonly published = new Set<string>();
  /** False once the file system has refused a link (no hard links there): every part is written. */
  private linking = true;

  constructor(private readonly output: StagedOutput) {}

  /** `file`: the list file of part `name`, staged this run or published as it is. */
  add(name: string, file: string, where: 'staged' | 'published'): void {
    if (this.copies.has(name)) return;
    this.copies.set(name, file);
    if (where === 'published') this.published.add(name);
  }

  /** Links `target` to the copy of part `name`; false when there is none or the link fails. */
  linkTo(name: string, target: string): boolean {
    const file = this.linking ? this.copies.get(name) : undefined;
    if (file === undefined) return false;
    const copy = this.published.has(name) ? this.output.publishedPath(file) : this.output.stagedPath(file);
    if (!copy) return false;
    try {
      fs.linkSync(copy, target);
      return true;
    } catch (error) {
      // A copy gone (removed by hand) is forgotten: the part is written, and that copy is linked
      // to next. A file system without hard links, or another one, refuses every link.
      this.copies.delete(name);
      this.published.delete(name);
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EMLINK' && code !== undefined) this.linking = false;
      return false;
    }
  }
}
