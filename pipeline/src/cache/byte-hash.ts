// FNV-1a: its offset basis and prime, for every hash below.
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over `bytes` from `start` to `end`: for tables of strings kept as bytes, found without making them. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_BASIS;
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), FNV_PRIME);
  return hash >>> 0;
}

/** FNV-1a over a string's UTF-16 code units: for tables of strings kept as strings (KeyedRows). */
export function hashString(key: string): number {
  let hash = FNV_BASIS;
  for (let at = 0; at < key.length; at++) hash = Math.imul(hash ^ key.charCodeAt(at), FNV_PRIME);
  return hash >>> 0;
}

/**
 * hashBytes of a string's UTF-8 bytes, read from the string itself without encoding it; -1 for
 * a string with a lone surrogate (which no name read from a folder has), to be encoded instead.
 */
export function utf8Hash(text: string): number {
  let hash = FNV_BASIS;
  for (let at = 0; at < text.length; at++) {
    const code = text.codePointAt(at) as number;
    if (code < 0x80) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      continue;
    }
    if (code < 0x800) hash = Math.imul(hash ^ (0xc0 | (code >> 6)), FNV_PRIME);
    else if (code < 0x10000) {
      if (code >= 0xd800 && code <= 0xdfff) return -1; // a lone surrogate (codePointAt pairs the others)
      hash = Math.imul(hash ^ (0xe0 | (code >> 12)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
    } else {
      at++;
      hash = Math.imul(hash ^ (0xf0 | (code >> 18)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 12) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((code >> 6) & 0x3f)), FNV_PRIME);
    }
    hash = Math.imul(hash ^ (0x80 | (code & 0x3f)), FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * Whether `bytes` from `start` to `end` are `text` in UTF-8, compared code point by code point
 * without encoding it. False for a text with a lone surrogate (which no name read from a folder
 * has): the caller then compares it as Buffer.from encodes it.
 */
export function sameUtf8(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  // A name has at least as many bytes as UTF-16 units, and at most three times as many.
  if (end - start < text.length || end - start > 3 * text.length) return false;
  // Bytes past `end` (the next row's) may be compared: a name that runs on is not at `end` after.
  let at = start;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) as number;
    if (code < 0x80) {
      if (bytes[at] !== code) return false;
      at++;
    } else if (code < 0x800) {
      if (bytes[at] !== (0xc0 | (code >> 6)) || bytes[at + 1] !== (0x80 | (code & 0x3f))) return false;
      at += 2;
    } else if (code < 0x10000) {
      if (code >= 0xd800 && code <= 0xdfff) return false; // a lone surrogate (codePointAt pairs the others)
      if (
        bytes[at] !== (0xe0 | (code >> 12)) ||
        bytes[at + 1] !== (0x80 | ((code >> 6) & 0x3f)) ||
        bytes[at + 2] !== (0x80 | (code & 0x3f))
      )
        return false;
      at += 3;
    } else {
      i++;
      if (
        bytes[at] !== (0xf0 | (code >> 18)) ||
        bytes[at + 1] !== (0x80 | ((code >> 12) & 0x3f)) ||
        bytes[at + 2] !== (0x80 | ((code >> 6) & 0x3f)) ||
        bytes[at + 3] !== (0x80 | (code & 0x3f))
      )
        return false;
      at += 4;
    }
  }
  return at === end;
}

/** A power of two at least twice `count`: an open-addressing table's size. */
export function tableSize(count: number): number {
  let size = 1024;
  while (size < count * 2) size *= 2;
  return size;
}

/** Puts `row` (as row + 1, 0 being empty) in the first free slot of `table` from `hash`. */
export function placeInTable(table: Int32Array, hash: number, row: number): void {
  const mask = table.length - 1;
  let slot = hash & mask;
  while (table[slot] !== 0) slot = (slot + 1) & mask;
  table[slot] = row + 1;
}

/**
 * Each of `count` rows of `bytes` by a hash of its bytes (placeInTable), where row `n` ends at
 * `ends[n]` and starts where the row before it ends: a table of names kept as one column.
 */
export function tableOfRows(bytes: Uint8Array, ends: Uint32Array, count: number): Int32Array {
  const table = new Int32Array(tableSize(count));
  for (let row = 0; row < count; row++)
    placeInTable(table, hashBytes(bytes, row === 0 ? 0 : (ends[row - 1] as number), ends[row] as number), row);
  return table;
}
