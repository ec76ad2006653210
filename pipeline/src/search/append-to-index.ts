import { ChunkCursor, ChunkFormatError } from '../../../src/lib/search-chunk.ts';
import { type AppendedEntry, appendEncoded } from './append-encoded.ts';
import { ChunkEntries } from './chunk-entries.ts';
import { termBucket } from '../../../src/lib/search-terms.ts';
import { type IndexDigests, partDigest } from './index-digests.ts';
import {
  ByteWriter,
  chunkOf,
  DOCS_PER_FILE,
  docsFileBytes,
  docsFileIds,
  type IdList,
  POSTING_CAP,
  type SearchIndex,
  TARGET_CHUNK_BYTES,
  withDocs,
  writeEntry,
} from './search-index.ts';
import { byRank, rank, RESERVE, type Reserves, type ReserveSource, ranked } from './posting-reserve.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/** The published index that new documents are appended to. */
export interface IndexBase {
  /** Its folder (`search/<hash>`). */
  path: string;
  /** Its chunk count: the appended index keeps it. */
  buckets: number;
  /** Its documents: the first `docs` of the new index, as they were. */
  docs: number;
  /** The bytes of one of its chunks. */
  chunk(bucket: number): Uint8Array;
  /** The bytes of one of its docs files. */
  docsFile(file: number): Uint8Array;
  /** The reserves of its capped lists (posting-reserve.ts); none known when left out. */
  reserves?: ReserveSource;
  /** Its files' digests, when kept (index-digests.ts); else its files are read and hashed. */
  digests?: IndexDigests;
}

/**
 * An index made from `base`: its changed chunks (the others undefined, not read), its docs
 * files from the first that may differ, and its hash from every file's digest, the unchanged
 * ones' taken from the base's.
 */
export function madeFrom(
  base: IndexBase,
  buckets: (Buffer | undefined)[],
  ids: IdList,
  /** How many of the first documents keep the base's ids: all it has, when documents are only appended. */
  sameIds = Math.min(base.docs, ids.length),
  /** The docs files past those where a document went or came: every other keeps its ids. */
  changedFiles?: ReadonlySet<number>,
): Pick<SearchIndex, 'buckets' | 'docFiles' | 'docsFrom' | 'digests' | 'hash' | 'unchanged'> {
  const same = new Set<number>();
  const chunks: Buffer[] = [];
  const sizes: number[] = [];
  buckets.forEach((chunk, bucket) => {
    if (!chunk) same.add(bucket);
    const digest = chunk ? undefined : base.digests?.chunks[bucket];
    const size = chunk ? undefined : base.digests?.sizes[bucket];
    if (digest && size !== undefined) {
      chunks.push(digest);
      sizes.push(size);
      return;
    }
    // Changed, or the base's without its digests kept: hashed from its bytes.
    const bytes = chunk ?? base.chunk(bucket);
    chunks.push(partDigest(bytes));
    sizes.push(bytes.length);
  });
  const unchanged = unchangedFrom(base, same, sameIds, changedFiles);
  const kept = {
    has: unchanged.docFile,
    // Without the base's digests, its docs files' ids are asked for and hashed: the same bytes.
    digest: (file: number) => base.digests?.docs[file] ?? partDigest(docsFileBytes(docsFileIds(ids, file))),
  };
  return { buckets, ...withDocs({ chunks, sizes }, ids, kept), unchanged };
}

export interface Entry {
  term: string;
  /**
   * Where the entry is in the base chunk, as long as it is unchanged: it is copied as it is.
   * `postings` is where its encoded postings start; `count`, how many there are.
   */
  source?: { chunk: Uint8Array; start: number; postings: number; end: number; count: number };
  df: number;
  /** Its postings; of an entry read from a chunk, empty until `decoded`. */
  docs: number[];
  weights: number[];
}

/**
 * The index of the base's documents and `added` after them (numbers `base.docs`…), built by
 * changing only the chunks of the terms the new documents have: the new newest articles of
 * a publish touch about half the chunks, and no article is inverted again. A term over the
 * cap keeps the best postings of its kept ones and the new ones, which are the best of all
 * (the kept ones were the best of the rest), the newest first on equal weights, as a full
 * build keeps them: with the same chunk count, the same bytes as a full build.
 */
export function appendToIndex(
  dictionary: TermDictionary,
  ids: IdList,
  base: IndexBase,
  /** Their terms by number from `base.docs` on; undefined for a number no document has. */
  added: readonly (NumberedTerms | undefined)[],
  cap = POSTING_CAP,
): SearchIndex {
  // The new postings by term, in document order.
  const fresh = new Map<string, { docs: number[]; weights: number[] }>();
  added.forEach((doc, n) => {
    if (!doc) return;
    const { ids: terms, weights } = doc;
    for (let i = 0; i < terms.length; i++) {
      const term = dictionary.term(terms[i] as number);
      let list = fresh.get(term);
      if (!list) fresh.set(term, (list = { docs: [], weights: [] }));
      list.docs.push(base.docs + n);
      list.weights.push(weights[i] as number);
    }
  });
  const touched = new Map<number, string[]>();
  for (const term of fresh.keys()) {
    const bucket = termBucket(term, base.buckets);
    const terms = touched.get(bucket);
    if (terms) terms.push(term);
    else touched.set(bucket, [term]);
  }
  const posting = new ByteWriter();
  const reserves = new Map<number, Reserves>();
  const buckets = Array.from({ length: base.buckets }, (_, bucket): Buffer | undefined => {
    const terms = touched.get(bucket);
    if (!terms) return undefined; // the base's, not read
    const entries = new ChunkEntries(base.chunk(bucket));
    const inBucket = base.reserves?.bucket(bucket) ?? new Map();
    reserves.set(bucket, inBucket);
    for (const term of terms) {
      const list = fresh.get(term) as { docs: number[]; weights: number[] };
      const entry = entries.get(term);
      if (!entry) {
        const { kept, cut } = splitBest(list.docs, list.weights, cap);
        entries.set(term, { term, df: list.docs.length, ...kept });
        if (cut.docs.length > 0) inBucket.set(term, ranked(byRank(cut.docs, cut.weights).slice(0, RESERVE)));
        continue;
      }
      // The base's list, met once: appended where it is encoded, never decoded.
      if (!entry.source) throw new Error(`the list of "${term}" was changed before it was appended to`);
      const appended = appendEncoded(entry.source, entry.df, list, cap);
      entries.setBytes(term, appended.bytes);
      const reserve = reserveAfterAppend(appended, inBucket.get(term), appended.cut);
      if (reserve.docs.length > 0) inBucket.set(term, reserve);
      else inBucket.delete(term);
    }
    return writeChunk(entries, posting, cap);
  });
  return { ...madeFrom(base, buckets, ids), reserves };
}

/**
 * A capped list's reserve after new documents came: the postings just cut and the old reserve,
 * best first, down to the floor below which cut postings are not known (the old reserve's
 * lowest, or the lowest the list kept), unless every cut posting is known.
 */
function reserveAfterAppend(
  before: Pick<AppendedEntry, 'cutBefore' | 'floorBefore'>,
  reserve: { docs: number[]; weights: number[] } | undefined,
  dropped: { docs: number[]; weights: number[] },
) {
  const known = reserve && reserve.docs.length <= before.cutBefore ? reserve : { docs: [], weights: [] };
  const unknown = before.cutBefore - known.docs.length;
  let floor = before.floorBefore;
  for (let i = 0; i < known.docs.length; i++)
    floor = Math.min(floor, rank(known.weights[i] as number, known.docs[i] as number));
  const candidates = byRank([...dropped.docs, ...known.docs], [...dropped.weights, ...known.weights]);
  const placeable = unknown === 0 ? candidates : candidates.filter(([doc, weight]) => rank(weight, doc) >= floor);
  return ranked(placeable.slice(0, RESERVE));
}

/**
 * What an index made from `base` shares with it: `buckets`, the docs files before the first
 * document whose id may differ (`sameIds` documents keep theirs) and, when the files where a
 * document went or came are known (`changedFiles`), every other file of the base's: numbered by
 * day, a change deep in the order leaves the files of the days above it as they were.
 */
export function unchangedFrom(
  base: IndexBase,
  buckets: ReadonlySet<number>,
  sameIds: number,
  changedFiles?: ReadonlySet<number>,
): NonNullable<SearchIndex['unchanged']> {
  const before = Math.floor(Math.min(base.docs, sameIds) / DOCS_PER_FILE);
  const baseFiles = Math.ceil(base.docs / DOCS_PER_FILE);
  return {
    from: base.path,
    buckets,
    docFile: (file) => file < before || (changedFiles !== undefined && file < baseFiles && !changedFiles.has(file)),
  };
}

/**
 * Whether an appended or patched index's chunks are still near their target size: when they
 * drift past half as big again (or to half), a full build chooses a new chunk count. The lower
 * bound is wide because a full build's own estimate runs high on a big index: at 1,000,000
 * articles its chunks average 7.5 KB for a 12 KB target, and a bound of 8 KB made every
 * incremental run build that index again (20 s).
 */
export function wellSized({ digests: { sizes } }: Pick<SearchIndex, 'digests'>): boolean {
  const size = sizes.reduce((sum, bytes) => sum + bytes, 0) / sizes.length;
  return size <= TARGET_CHUNK_BYTES * 1.5 && (sizes.length === 1 || size >= TARGET_CHUNK_BYTES / 2);
}

/**
 * The best `cap` postings (weight, then the newest) and the others, each in document order: one
 * pass that marks what goes. A publish adds a posting or a few to a full list of thousands, for
 * each of an article's hundreds of common terms: a set of the kept documents and two filters a
 * term cost a million-article run 50–80 ms, and its garbage as much again.
 */
function splitBest(
  docs: number[],
  weights: number[],
  cap: number,
): { kept: { docs: number[]; weights: number[] }; cut: { docs: number[]; weights: number[] } } {
  if (docs.length <= cap) return { kept: { docs, weights }, cut: { docs: [], weights: [] } };
  const over = docs.length - cap;
  const goes = new Uint8Array(docs.length);
  if (over <= 16) {
    // Dropping the worst few by scanning beats sorting thousands of postings.
    for (let n = 0; n < over; n++) {
      let worst = -1;
      for (let i = 0; i < docs.length; i++) {
        if (goes[i]) continue;
        // The lowest weight, and of those the oldest (documents ascend: the first found).
        if (worst === -1 || (weights[i] as number) < (weights[worst] as number)) worst = i;
      }
      goes[worst] = 1;
    }
  } else {
    const order = docs.map((_, i) => i);
    order.sort((a, b) => (weights[b] as number) - (weights[a] as number) || (docs[b] as number) - (docs[a] as number));
    for (let n = cap; n < order.length; n++) goes[order[n] as number] = 1;
  }
  const kept = { docs: [] as number[], weights: [] as number[] };
  const cut = { docs: [] as number[], weights: [] as number[] };
  for (let i = 0; i < docs.length; i++) {
    const into = goes[i] ? cut : kept;
    into.docs.push(docs[i] as number);
    into.weights.push(weights[i] as number);
  }
  return { kept, cut };
}

/** The entry with its postings decoded (once). */
export function decoded(entry: Entry | undefined): Entry | undefined {
  if (!entry?.source) return entry;
  const { chunk, postings, end, count } = entry.source;
  const cursor = new ChunkCursor(chunk);
  cursor.at = postings;
  let doc = 0;
  for (let i = 0; i < count; i++) {
    doc += cursor.varint();
    entry.docs.push(doc);
    entry.weights.push(cursor.byte());
  }
  if (cursor.at !== end) throw new ChunkFormatError(`posting list of "${entry.term}" has the wrong length`);
  // Decoded to be changed: no longer the base chunk's bytes.
  entry.source = undefined;
  return entry;
}

/**
 * A chunk of `entries` in term order. Runs of unchanged entries are copied from the base chunk
 * in one piece each.
 */
export function writeChunk(entries: ChunkEntries, posting: ByteWriter, cap: number): Buffer {
  const writer = new ByteWriter();
  let count = 0;
  for (const part of entries.parts()) {
    if ('bytes' in part) {
      writer.bytes(part.bytes);
      count += part.count;
    } else {
      writeEntry(writer, posting, Buffer.from(part.entry.term, 'utf8'), part.entry, cap);
      count++;
    }
  }
  return chunkOf(writer, count);
}
