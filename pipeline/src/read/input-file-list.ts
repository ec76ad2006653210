import { compactSize } from './compact-size.ts';
import type { InputFile } from './read-input.ts';

/**
 * The input's files by place, as columns: their names and ids in arrays, their times and sizes
 * in typed arrays, the few links in a map. An object a file was 80 bytes (its time boxed in 16
 * of them), held through a whole run: 80 MB at the peak of a cold build of a million articles.
 */
export class InputFileList {
  private readonly relative: string[] = [];
  private readonly id: string[] = [];
  private mtimeMs: Float64Array;
  private size: Float64Array;
  private readonly links = new Map<number, string>();

  /** `capacity`: how many files are expected (more can be pushed). */
  constructor(capacity = 0) {
    this.mtimeMs = new Float64Array(Math.max(16, capacity));
    this.size = new Float64Array(Math.max(16, capacity));
  }

  static of(files: readonly InputFile[]): InputFileList {
    const list = new InputFileList(files.length);
    for (const file of files) list.push(file);
    return list;
  }

  get length(): number {
    return this.relative.length;
  }

  /** Adds a file at the next place. */
  push({ relative, link, id, mtimeMs, size }: InputFile): void {
    this.add(relative, link, id, mtimeMs, size);
  }

  /** Adds a file at the next place, from its fields (no object made for it). */
  add(relative: string, link: string | undefined, id: string, mtimeMs: number, size: number): void {
    const place = this.relative.length;
    if (place === this.mtimeMs.length) {
      this.mtimeMs = grown(this.mtimeMs);
      this.size = grown(this.size);
    }
    this.relative.push(relative);
    this.id.push(id);
    this.mtimeMs[place] = mtimeMs;
    this.size[place] = size;
    if (link !== undefined) this.links.set(place, link);
  }

  /** Every file's name, by place (not to be changed). */
  get relatives(): readonly string[] {
    return this.relative;
  }

  relativeAt(place: number): string | undefined {
    return this.relative[place];
  }

  idAt(place: number): string | undefined {
    return this.id[place];
  }

  mtimeAt(place: number): number {
    return place < this.relative.length ? (this.mtimeMs[place] as number) : 0;
  }

  /** A small integer (compactSize), as an entry made of the file keeps it. */
  sizeAt(place: number): number {
    return place < this.relative.length ? compactSize(this.size[place] as number) : 0;
  }

  linkAt(place: number): string | undefined {
    return this.links.get(place);
  }

  /** The file at `place` as an object of its own (made when asked); undefined past the end. */
  at(place: number): InputFile | undefined {
    const relative = this.relative[place];
    const id = this.id[place];
    if (relative === undefined || id === undefined) return undefined;
    const file: InputFile = { relative, id, mtimeMs: this.mtimeAt(place), size: this.sizeAt(place) };
    const link = this.links.get(place);
    if (link !== undefined) file.link = link;
    return file;
  }

  /** The file named `relative`, looked for one by one: for the rare caller (an output lost by hand). */
  named(relative: string): InputFile | undefined {
    const place = this.relative.indexOf(relative);
    return place < 0 ? undefined : this.at(place);
  }

  *[Symbol.iterator](): Generator<InputFile> {
    for (let place = 0; place < this.relative.length; place++) yield this.at(place) as InputFile;
  }
}

const grown = (values: Float64Array): Float64Array => {
  const more = new Float64Array(values.length * 2);
  more.set(values);
  return more;
};
