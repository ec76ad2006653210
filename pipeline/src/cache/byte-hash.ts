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
 * hashBytes of an ASCII string's bytes, read from the string itself (its code units are its
 * UTF-8 bytes); -1 when it is not ASCII, whose bytes must be encoded to be hashed.
 */
export function asciiHash(text: string): number {
  let hash = FNV_BASIS;
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit > 0x7f) return -1;
    hash = Math.imul(hash ^ unit, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * Whether `bytes` from `start` hold `text`, an ASCII string (its length checked by the caller).
 * False for a text that is not ASCII: its UTF-8 bytes are not its UTF-16 units.
 */
export function sameAscii(bytes: Uint8Array, start: number, text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit > 0x7f || bytes[start + at] !== unit) return false;
  }
  return true;
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
