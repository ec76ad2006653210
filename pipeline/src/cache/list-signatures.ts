import type { BlockWriter } from './block-writer.ts';
import { findPlace } from './find-place.ts';
import { hashBytes, sameUtf8, tableOfRows, utf8Hash } from './byte-hash.ts';
import { DamagedColumns, SectionReader, SectionWriter, type SnapshotData } from './cache-columns.ts';

/** Where the snapshot keeps the list files' signatures: files sorted by their bytes, and each one's signature. */
export interface SignaturesHeader {
  count: number;
  /** Each column's place in the snapshot's data: byte offset and length. */
  sections: Record<string, [number, number]>;
}

/** Signatures looked up one by one (by binary search) before they are all read into a map. */
const LOOKUPS = 1024;

interface SignatureSource {
  get(file: string): string | undefined;
  entries(): Iterable<[string, string]>;
}

/**
 * The signature of each list file a build wrote, by file (list-pages.ts): a file whose
 * signature is unchanged is not written again. At a million articles there are 158,000 of
 * them; held as the snapshot header's JSON they cost every run of edits 0.13 s to parse, a
 * copy, and a walk of every key to find the few it changed. The snapshot keeps them as
 * columns, looked up where they are; a run's changes lie over them (`changes`), and a run of
 * edits' signatures lie over the loaded ones (`derive`), so its log line is just its changes.
 */
export class ListSignatures implements SignatureSource {
  private readonly changes = new Map<string, string | null>();

  private constructor(private readonly base: SignatureSource) {}

  /** Signatures held in memory: a whole run's. */
  static of(signatures: Iterable<[string, string]>): ListSignatures {
    const map = new Map(signatures);
    return new ListSignatures({ get: (file) => map.get(file), entries: () => map.entries() });
  }

  /** The snapshot's signatures; undefined when their columns are damaged. */
  static read(header: unknown, data: SnapshotData): ListSignatures | undefined {
    const columns = SignatureColumns.read(header, data);
    return columns && new ListSignatures(columns);
  }

  /** These signatures, with changes to come over them. */
  derive(): ListSignatures {
    return new ListSignatures(this);
  }

  get(file: string): string | undefined {
    const changed = this.changes.get(file);
    return changed === undefined ? this.base.get(file) : (changed ?? undefined);
  }

  set(file: string, signature: string): void {
    if (this.base.get(file) === signature) this.changes.delete(file);
    else this.changes.set(file, signature);
  }

  /**
   * A change read back from the cache's log (null: removed), kept as it is: a log of a few hundred
   * runs names hundreds of thousands of shifted pages, and comparing each with the snapshot's made
   * every run look them up (0.25 s at a million articles). One the same as the snapshot's reads the same.
   */
  replay(file: string, signature: string | null): void {
    this.changes.set(file, signature);
  }

  delete(file: string): void {
    if (this.base.get(file) === undefined) this.changes.delete(file);
    else this.changes.set(file, null);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const entry of this.base.entries()) if (!this.changes.has(entry[0])) yield entry;
    for (const [file, signature] of this.changes) if (signature !== null) yield [file, signature];
  }

  /** What changed since `before` (null: removed), when these were derived from it; undefined otherwise. */
  changesSince(before: ListSignatures): ReadonlyMap<string, string | null> | undefined {
    return this.base === before ? this.changes : undefined;
  }
}

/** Writes `signatures` as the snapshot's columns through `writer`, from `start`, the data's first byte. */
export function writeListSignatures(
  signatures: Iterable<[string, string]>,
  writer: BlockWriter,
  start: number,
): SignaturesHeader {
  const sorted = Array.from(signatures, ([file, signature]): [Buffer, string] => [Buffer.from(file), signature]);
  sorted.sort((a, b) => Buffer.compare(a[0], b[0]));
  const columns = new SectionWriter(writer, start);
  columns.text('files', sorted.length, (n) => (sorted[n] as [Buffer, string])[0]);
  columns.text('signatures', sorted.length, (n) => Buffer.from((sorted[n] as [Buffer, string])[1]));
  return { count: sorted.length, sections: columns.sections };
}

/**
 * The snapshot's signatures: files sorted by their bytes, found by binary search until many are
 * asked for. Read on the first lookup, not on opening: a run of edits asks for none (its list
 * files are named by what they hold), and at a million articles reading and checking their 18 MB
 * was 70 ms of every such run.
 */
class SignatureColumns implements SignatureSource {
  private lookups = 0;
  /**
   * Each file's row by a hash of its bytes, made past LOOKUPS lookups (a whole run looks every
   * list file up), not a map of every file and signature as strings, which lived to the end of
   * the run: at a million articles, 240,000 of each, made as the lists were staged, the run's peak
   * (the stage's heap grew from 657 to 825 MB; 696 with this table and the lists' shared parts
   * named by their files, list-pages.ts). The table is 2 MB, beside the columns it reads.
   */
  private table?: Int32Array;
  private columns?: {
    count: number;
    files: Buffer;
    fileEnds: Uint32Array;
    signatures: Buffer;
    signatureEnds: Uint32Array;
  };

  private constructor(
    private readonly count: number,
    private readonly reader: SectionReader,
  ) {}

  static read(header: unknown, data: SnapshotData): SignatureColumns | undefined {
    if (typeof header !== 'object' || header === null) return undefined;
    const { count, sections } = header as Partial<SignaturesHeader>;
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < 0 ||
      typeof sections !== 'object' ||
      sections === null
    )
      return undefined;
    const reader = new SectionReader(sections, data);
    try {
      for (const name of ['files', 'signatures']) {
        reader.place(name);
        if (reader.place(`${name}.ends`)[1] !== count * Uint32Array.BYTES_PER_ELEMENT) return undefined;
      }
    } catch (error) {
      if (error instanceof DamagedColumns) return undefined;
      throw error;
    }
    return new SignatureColumns(count, reader);
  }

  /**
   * The columns, read and checked whole the first time they are asked for. Damaged then, they
   * count as none: a list file without a signature is written again, which is always right.
   */
  private read() {
    if (this.columns) return this.columns;
    const { reader, count } = this;
    const column = (name: string): [Buffer, Uint32Array] => {
      const { offset, length, ends } = reader.text(name, count);
      return [reader.data.read(offset, length), ends.whole()];
    };
    try {
      const [files, fileEnds] = column('files');
      const [signatures, signatureEnds] = column('signatures');
      this.columns = { count, files, fileEnds, signatures, signatureEnds };
    } catch (error) {
      if (!(error instanceof DamagedColumns)) throw error;
      const none = Buffer.alloc(0);
      this.columns = {
        count: 0,
        files: none,
        fileEnds: new Uint32Array(0),
        signatures: none,
        signatureEnds: new Uint32Array(0),
      };
    }
    return this.columns;
  }

  get(file: string): string | undefined {
    if (this.table || ++this.lookups > LOOKUPS) {
      const place = this.rowInTable(file);
      return place < 0 ? undefined : this.signatureAt(place);
    }
    const { count, files, fileEnds } = this.read();
    const wanted = Buffer.from(file);
    const place = findPlace(count, (n) => files.compare(wanted, 0, wanted.length, start(fileEnds, n), fileEnds[n]));
    return place < 0 ? undefined : this.signatureAt(place);
  }

  /** The row of `file` found by the hash of its bytes (the table made on the first call); -1 for none. */
  private rowInTable(file: string): number {
    const { count, files, fileEnds } = this.read();
    const table = (this.table ??= tableOfRows(files, fileEnds, count));
    // A name with a lone surrogate is hashed and compared as Buffer.from encodes it.
    const hash = utf8Hash(file);
    const wanted = hash < 0 ? Buffer.from(file) : undefined;
    const mask = table.length - 1;
    for (let slot = (wanted ? hashBytes(wanted, 0, wanted.length) : hash) & mask; ; slot = (slot + 1) & mask) {
      const row = (table[slot] as number) - 1;
      if (row < 0) return -1;
      const from = start(fileEnds, row);
      const to = fileEnds[row] as number;
      if (wanted ? files.compare(wanted, 0, wanted.length, from, to) === 0 : sameUtf8(files, from, to, file))
        return row;
    }
  }

  *entries(): IterableIterator<[string, string]> {
    const { count, files, fileEnds } = this.read();
    for (let n = 0; n < count; n++)
      yield [files.toString('utf8', start(fileEnds, n), fileEnds[n]), this.signatureAt(n)];
  }

  private signatureAt(n: number): string {
    const { signatures, signatureEnds } = this.read();
    return signatures.toString('utf8', start(signatureEnds, n), signatureEnds[n]);
  }
}

/** Where the text of row `n` starts, by where each row ends. */
const start = (ends: Uint32Array, n: number): number => (n === 0 ? 0 : (ends[n - 1] as number));
