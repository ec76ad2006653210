import fs from 'node:fs';
import path from 'node:path';
import { faultPoint } from './fault-point.ts';
import { commitPatch, commitStaging, createStaging, discardStaging, listPublished, stalePaths } from './output-dir.ts';

/**
 * The next output, written in a staging folder beside the published one
 * (output-dir.ts). Knowing the published folder (an incremental run), only
 * what changed is staged and `commit` moves it in under a journal; otherwise
 * the staging folder becomes the output whole.
 */
export class StagedOutput {
  readonly dir: string;
  private readonly published: ReadonlySet<string> | undefined;
  private readonly writes: string[] = [];
  private readonly made = new Set<string>();

  constructor(
    private readonly out: string,
    inPlace: boolean,
  ) {
    this.published = inPlace ? new Set(listPublished(out)) : undefined;
    this.dir = createStaging(out);
  }

  /** True when only changes are staged. */
  get inPlace(): boolean {
    return this.published !== undefined;
  }

  /** Whether an in-place run finds `file` (or folder) published; always false otherwise. */
  isPublished(file: string): boolean {
    return this.published?.has(file) ?? false;
  }

  /** Where to write a file of the next output; it is moved in at the commit. */
  file(file: string): string {
    this.writes.push(file);
    return this.inside(file);
  }

  /** Where to write a file inside a folder staged whole (see `folder`). */
  inside(file: string): string {
    faultPoint('stage');
    const target = path.join(this.dir, file);
    const folder = path.dirname(target);
    if (!this.made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.made.add(folder);
    }
    return target;
  }

  /** A folder staged whole with `inside`: it replaces the published one at the commit. */
  folder(folder: string): void {
    this.writes.push(folder);
  }

  /**
   * Publishes the next output. In place, `expected` names every file (or whole folder)
   * it has besides those staged; anything else published is removed.
   */
  commit(expected: Iterable<string>): void {
    if (!this.published) {
      commitStaging(this.dir, this.out);
      return;
    }
    const all = new Set(this.writes);
    for (const file of expected) all.add(file);
    commitPatch(this.dir, this.out, { writes: this.writes, deletes: stalePaths(this.published, all) });
  }

  discard(): void {
    discardStaging(this.dir);
  }
}
