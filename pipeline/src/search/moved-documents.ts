import { ChunkCursor, TRUNCATED } from '../../../src/lib/search-chunk.ts';
import type { Entry } from './append-to-index.ts';
import type { DocChange } from './patch-index.ts';
import { fitsCut, type RankedPostings } from './posting-reserve.ts';
import { ByteWriter } from './search-index.ts';
import type { NumberedTerms } from './term-dictionary.ts';

/*
 * Documents a patch renumbers without changing them: the articles above one filed, deleted or
 * moved below the newest go from their numbers and come back at the next (or the one before),
 * their terms the same. Their lists keep their postings; only the numbers change (patch-index.ts).
 * Under a numbering that leaves room (decision 0006) only the rest of a day moves: documents
 * above the lowest that went may keep their numbers, and do unless they went themselves.
 */

/**
 * How many of `changes` are not moves (`moves`, their movesOf): a moved document costs a patch
 * the renumbering of its lists' newest postings, not a change of each of its terms' lists.
 */
export function unmovedChanges(changes: readonly DocChange[], moves: Moves): number {
  return changes.length - 2 * moves.size;
}

/** Whether `change` is one side of a move (`moves`, its changes' movesOf): going or coming back. */
export function isMove({ doc, before, after }: DocChange, moves: Moves): boolean {
  if (before && !after) return moves.has(doc);
  return after !== undefined && !before && moves.movedTo.has(doc);
}

/** Documents that moved, unchanged: each old number with its new one, both ascending. */
export interface Moves extends Map<number, number> {
  /** The new numbers. */
  movedTo: Set<number>;
  /** The lowest old number of a document that went (moved or not): every lower one stays. */
  lowestGone: number;
  /** The old numbers of every document that went, moved or not: any other keeps its number. */
  gone: ReadonlySet<number>;
}

/**
 * The new number of the document `doc` had: its move's, its own when it did not go, -1 when it
 * went without coming back (its postings must have been taken out already).
 */
export function renumber(doc: number, moves: Moves): number {
  if (doc < moves.lowestGone) return doc;
  return moves.get(doc) ?? (moves.gone.has(doc) ? -1 : doc);
}

/**
 * The documents among `changes` that went from one number and came back at another with the
 * same terms, as the newest articles do when one is filed below them: each is renumbered, its
 * postings not otherwise changed. Paired in order (a document that went is skipped when it did
 * not come back; one that came, when the next that came is the one that went), so that the
 * numbers stay in the same order and so does every list's ranking. Two documents with the same
 * terms are interchangeable here: a posting is a number and a weight.
 */
export function movesOf(changes: readonly DocChange[]): Moves {
  const byDoc = (a: DocChange, b: DocChange) => a.doc - b.doc;
  const gone = changes.filter((change) => change.before && !change.after).sort(byDoc);
  const came = changes.filter((change) => change.after && !change.before).sort(byDoc);
  const moves = Object.assign(new Map<number, number>(), {
    movedTo: new Set<number>(),
    lowestGone: gone[0]?.doc ?? Infinity,
    gone: new Set(gone.map((change) => change.doc)),
  });
  // A move may not pass a document that keeps its number, or every list that holds both would
  // rank them the other way round: each number it passes must be one whose document went (a
  // number with no document fails too, which only costs the move). The newest articles above
  // one filed or deleted move one number each, passing none.
  const passesNone = (from: number, to: number) => {
    for (let n = Math.min(from, to) + 1; n < Math.max(from, to); n++) if (!moves.gone.has(n)) return false;
    return true;
  };
  let i = 0;
  let j = 0;
  while (i < gone.length && j < came.length) {
    const before = (gone[i] as DocChange).before as NumberedTerms;
    if (
      sameTerms(before, (came[j] as DocChange).after as NumberedTerms) &&
      passesNone((gone[i] as DocChange).doc, (came[j] as DocChange).doc)
    ) {
      moves.set((gone[i++] as DocChange).doc, (came[j] as DocChange).doc);
      moves.movedTo.add((came[j++] as DocChange).doc);
    } else if (j + 1 < came.length && sameTerms(before, (came[j + 1] as DocChange).after as NumberedTerms)) j++;
    else i++;
  }
  return moves;
}

function sameTerms(a: NumberedTerms, b: NumberedTerms): boolean {
  if (a === b) return true; // read once for both sides (publish-edits.ts)
  if (a.ids.length !== b.ids.length) return false;
  for (let i = 0; i < a.ids.length; i++) if (a.ids[i] !== b.ids[i] || a.weights[i] !== b.weights[i]) return false;
  return true;
}

/**
 * The entry of a list that nothing changed but moved documents, renumbered where it is encoded:
 * the same postings are kept, in the same order, and so are the df and the cut, so only the
 * postings of documents that went are encoded again (the newest, at the list's end), with no
 * decoding, sorting or picking. Its reserve is renumbered in place. Undefined, changing nothing,
 * when a posting of a document that went is not one that moved, or the reserve cannot be this
 * list's: changeList then decides.
 */
export function renumbered(
  source: NonNullable<Entry['source']>,
  reserve: RankedPostings | undefined,
  moves: Moves,
  /** Two writers to reuse: the renumbered entry is copied out of them. */
  [tail, whole]: [ByteWriter, ByteWriter],
  /** The list's new df, when postings it cut went or came (changedBelowKept); else it keeps its own. */
  df?: number,
): Uint8Array | undefined {
  const { chunk, start, postings, end, count } = source;
  let last = 0;
  let tailStart = end;
  tail.length = 0;
  const read = new PostingReader(source);
  for (let n = 0; n < count; n++) {
    const here = read.at;
    if (!read.next()) return undefined;
    const { doc, weight } = read;
    if (doc < moves.lowestGone) {
      last = doc;
      continue;
    }
    const to = renumber(doc, moves);
    // A document that went without coming back, or numbers out of order: changeList decides.
    if (to < 0 || (n > 0 && to <= last)) return undefined;
    if (tailStart === end) tailStart = here;
    tail.varint(to - last);
    tail.byte(weight);
    last = to;
  }
  if (read.at !== end) return undefined;
  if (reserve) {
    // The df and the postings' count are in the entry's head: the cut is df - count.
    const head = new ChunkCursor(chunk);
    head.at = start;
    skipTerm(head);
    if (!fitsCut(reserve, head.varint() - count)) return undefined;
    const docs = reserve.docs.map((doc) => renumber(doc, moves));
    if (docs.includes(-1)) return undefined;
    reserve.docs = docs;
  }
  whole.length = 0;
  // The head up to the postings' size, which the new numbers may change.
  if (df === undefined) whole.bytes(chunk.subarray(start, postings - varintLength(end - postings)));
  else {
    // Written again from the df on: the term as it is, the new df, whether it is cut, the count.
    const head = new ChunkCursor(chunk);
    head.at = start;
    skipTerm(head);
    whole.bytes(chunk.subarray(start, head.at));
    whole.varint(df);
    whole.byte(df > count ? TRUNCATED : 0);
    whole.varint(count);
  }
  whole.varint(tailStart - postings + tail.length);
  whole.bytes(chunk.subarray(postings, tailStart));
  whole.bytes(tail.result());
  return Buffer.from(whole.result()); // a copy: the writers are reused
}

/**
 * The lowest of a list's kept postings, read where it is encoded (the lowest weight, of those
 * the oldest document: the first to leave a full list); 'holds' when one of `docs` is among them.
 */
export function lowestKept(
  source: NonNullable<Entry['source']>,
  docs: ReadonlyMap<number, number>,
): { doc: number; weight: number } | 'holds' {
  let lowest = { doc: -1, weight: Infinity };
  // 2,000 postings a list, for hundreds of lists: the few documents asked about are looked up
  // only within their range.
  let first = Infinity;
  let last = -Infinity;
  for (const doc of docs.keys()) {
    first = Math.min(first, doc);
    last = Math.max(last, doc);
  }
  const read = new PostingReader(source);
  for (let n = 0; n < source.count && read.next(); n++) {
    const { doc, weight } = read;
    if (doc >= first && doc <= last && docs.has(doc)) return 'holds';
    if (weight < lowest.weight) lowest = { doc, weight };
  }
  return lowest;
}

/**
 * A list's postings read where they are encoded, each a varint step from the last document and
 * a weight byte: thousands of postings a list, for hundreds of lists, without decoding them into
 * arrays. Damaged bytes run past the list's end, which `next` says.
 */
class PostingReader {
  doc = 0;
  weight = 0;
  at: number;
  private readonly chunk: Uint8Array;
  private readonly end: number;

  constructor({ chunk, postings, end }: NonNullable<Entry['source']>) {
    this.chunk = chunk;
    this.at = postings;
    this.end = end;
  }

  /** Reads the next posting into `doc` and `weight`; false when the list's bytes end first. */
  next(): boolean {
    const { chunk, end } = this;
    if (this.at >= end) return false;
    let byte = chunk[this.at++] as number;
    let step = byte & 0x7f;
    for (let shift = 7; byte >= 0x80; shift += 7) {
      if (this.at >= end) return false;
      byte = chunk[this.at++] as number;
      step += (byte & 0x7f) * 2 ** shift;
    }
    if (this.at >= end) return false;
    this.doc += step;
    this.weight = chunk[this.at++] as number;
    return true;
  }
}

/**
 * Moves `cursor`, at the start of an entry, past its term: its length, then its bytes. Not
 * `cursor.at += cursor.varint()`, which adds the length to where the number starts (the
 * left-hand side is read first), one byte short of the term's end.
 */
function skipTerm(cursor: ChunkCursor): void {
  const length = cursor.varint();
  cursor.at += length;
}

/** How many bytes ByteWriter.varint writes for `value`. */
function varintLength(value: number): number {
  let length = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    length++;
  }
  return length;
}
