import fs from 'node:fs';
import path from 'node:path';
import { faultPoint } from './fault-point.ts';
import { OUTPUT_MARKER, OUTPUT_MARKER_TEXT } from './output-folder.ts';
import { PathSet } from './path-set.ts';
import { commitPatch, commitStaging, createStaging, discardStaging, listPublished, stalePaths } from './output-dir.ts';

/**
 * The next output, written in a staging folder beside the published one
 * (output-dir.ts). Into an existing output, only what a run stages is moved in,
 * file by file under a journal, and `commit` removes what the next output no
 * longer has; a first build becomes the output whole.
 */
export class StagedOutput {
  readonly dir: string;
  private readonly published: PathSet | undefined;
  /**
   * What is staged into an existing output, in the order it was staged: compact, as the listing
   * is. A whole run into an output already there stages a million files, and as strings their
   * paths were 60–100 MB of heap held from the first article staged to the commit.
   */
  private readonly writes = new PathSet();
  private readonly made = new Set<string>();

  /**
   * `known`: what the output holds (folders and files, as listPublished lists them), as a
   * record the caller keeps says (the entry pages' list): a folder of thousands of folders is
   * then not walked. Without it, it is listed.
   */
  constructor(
    private readonly out: string,
    known?: readonly string[],
  ) {
    const published = fs.existsSync(out) ? (known ? new PathSet(known) : listPublished(out)) : undefined;
    this.published = published && published.size > 0 ? published : undefined;
    this.dir = createStaging(out);
  }

  /** True when an output is published already: what is staged is moved into it. */
  get inPlace(): boolean {
    return this.published !== undefined;
  }

  /** Whether `file` (or folder) is published already. */
  isPublished(file: string): boolean {
    return this.published?.has(file) ?? false;
  }

  /**
   * Where a published file is, when it is published (listed, or inside a published folder
   * named by `inside`): for reading what the previous build wrote.
   */
  publishedPath(file: string, { inside }: { inside?: string } = {}): string | undefined {
    return this.isPublished(inside ?? file) ? path.join(this.out, file) : undefined;
  }

  /** Where a file staged already is (`file` or `inside` made its folder). */
  stagedPath(file: string): string {
    return path.join(this.dir, file);
  }

  /** Where to write a file of the next output; it is moved in at the commit. */
  file(file: string): string {
    // A first build becomes the output whole: its million paths need not be kept (60 MB).
    if (this.published) this.writes.add(file);
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

  /**
   * Stages the marker that makes the folder ours (output-folder.ts) unless it is published;
   * returns its path, for the files `commit` is told the output keeps.
   */
  stageMarker(): string {
    if (!this.isPublished(OUTPUT_MARKER)) fs.writeFileSync(this.file(OUTPUT_MARKER), OUTPUT_MARKER_TEXT);
    return OUTPUT_MARKER;
  }

  /**
   * A new folder staged whole with `inside`, named by its content (a search index): it is
   * moved in at the commit unless a folder of that name, and so of that content, is there.
   */
  folder(folder: string): void {
    if (this.published) this.writes.add(folder);
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
    const { writes } = this;
    const next = (function* () {
      yield* writes;
      yield* expected;
    })();
    commitPatch(this.dir, this.out, { writes, deletes: stalePaths(this.published, next) });
  }

  /**
   * Publishes into the existing output what was staged, and removes `removes` (files or whole
   * folders) and nothing else: for a run that knows exactly what its changes leave behind.
   */
  commitChanges(removes: readonly string[]): void {
    if (!this.published) throw new Error('commitChanges publishes into an existing output only');
    commitPatch(this.dir, this.out, { writes: this.writes, deletes: removes });
  }

  discard(): void {
    discardStaging(this.dir);
  }
}
