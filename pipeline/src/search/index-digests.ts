import { createHash } from 'node:crypto';
import { readBytes, replaceFile } from '../output/read-text.ts';
import { indexStoreFile } from './posting-reserve.ts';

/** Bytes of a file's SHA-1 digest. */
const DIGEST_BYTES = 20;

/**
 * The digest of every file of a search index, chunks then docs files, and each chunk's size.
 * The index's content hash (the folder it is published in) is a hash of these digests, so a
 * publish that changes a few hundred of its files hashes those and takes the others' digests
 * from the index it was made from: at a million articles, reading and hashing its 2,500 chunks
 * and a million ids took a third of a second a run, with the garbage of it.
 */
export interface IndexDigests {
  chunks: Buffer[];
  /** Each chunk's size in bytes: whether an index is still well sized is asked without reading it. */
  sizes: number[];
  docs: Buffer[];
}

/** A file's digest (SHA-1, raw). */
export const partDigest = (bytes: Uint8Array): Buffer => createHash('sha1').update(bytes).digest();

/** The content hash of an index with these digests: what its folder is named. */
export function indexHash({ chunks, docs }: Pick<IndexDigests, 'chunks' | 'docs'>): string {
  const hash = createHash('sha1');
  hash.update(`${chunks.length} ${docs.length}\n`);
  for (const digest of chunks) hash.update(digest);
  for (const digest of docs) hash.update(digest);
  return hash.digest('hex').slice(0, 12);
}

/** Where the digests of the index published at `indexPath` (`search/<hash>`) are kept, beside its reserves. */
export const digestFile = (storeBase: string, indexPath: string) => indexStoreFile(storeBase, 'digests', indexPath);

/** Writes the digests beside the file's final name and renames them into place. */
export function writeDigests(file: string, { chunks, sizes, docs }: IndexDigests): void {
  const bytes = Buffer.alloc(8 + chunks.length * (DIGEST_BYTES + 4) + docs.length * DIGEST_BYTES);
  bytes.writeUInt32LE(chunks.length, 0);
  bytes.writeUInt32LE(docs.length, 4);
  let at = 8;
  chunks.forEach((digest, n) => {
    at += digest.copy(bytes, at);
    at = bytes.writeUInt32LE(sizes[n] ?? 0, at);
  });
  for (const digest of docs) at += digest.copy(bytes, at);
  replaceFile(file, bytes);
}

/**
 * The digests of an index with `chunks` chunks and `docs` docs files; undefined when the file
 * is missing or does not describe such an index (its files are then read and hashed).
 */
export function readDigests(file: string | undefined, chunks: number, docs: number): IndexDigests | undefined {
  const bytes = file && readBytes(file);
  if (!bytes) return undefined;
  const expected = 8 + chunks * (DIGEST_BYTES + 4) + docs * DIGEST_BYTES;
  if (bytes.length !== expected || bytes.readUInt32LE(0) !== chunks || bytes.readUInt32LE(4) !== docs) return undefined;
  const digests: IndexDigests = { chunks: [], sizes: [], docs: [] };
  let at = 8;
  for (let n = 0; n < chunks; n++, at += DIGEST_BYTES + 4) {
    digests.chunks.push(bytes.subarray(at, at + DIGEST_BYTES));
    digests.sizes.push(bytes.readUInt32LE(at + DIGEST_BYTES));
  }
  for (let n = 0; n < docs; n++, at += DIGEST_BYTES) digests.docs.push(bytes.subarray(at, at + DIGEST_BYTES));
  return digests;
}
