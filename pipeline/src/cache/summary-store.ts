import fs from 'node:fs';
import { dueRewrite, liveAfterReplacing } from './rewrite-policy.ts';
import { BlockWriter } from './block-writer.ts';
import { RangeReader } from './range-reader.ts';
import { SliceColumn } from './slice-column.ts';

/**
 * Every article's summary as the lists print it (its JSON text), kept beside the build cache
 * so that the cache itself holds only what placing an article needs: its date, title,
 * categories and tags. A run reads the summaries of the list files it writes, not all of them:
 * at 100,000 articles they were four fifths of a 98 MB cache that every run parsed whole.
 *
 * One append-only file per generation, `<base>-<g>.summaries`, of UTF-8 JSON texts; an
 * article's entry names its slice. The JSON cache records how many bytes are valid, so a run
 * that died after appending leaves a tail the next run cuts off; when dead texts outweigh live
 * ones, the next save writes a fresh generation.
 */
export interface SummaryStoreState {
  generation: number;
  /** Valid bytes of the file. */
  bytes: number;
  /** Bytes of the summaries the saving build uses (see TermStoreState). */
  live?: number;
}

/** Where an article's summary is: [byte offset, byte length]. */
export type SummarySlice = [number, number];

/** The summaries to store (an array is one too): stored already, or their JSON text (UTF-8). */
export interface StoreSummaries {
  readonly length: number;
  at(n: number): { stored: SummarySlice } | { text: Uint8Array } | undefined;
}

function summaryAt(summaries: StoreSummaries, n: number) {
  const summary = summaries.at(n);
  if (!summary) throw new Error(`no summary to store for article ${n}`);
  return summary;
}

export class SummaryStore {
  private constructor(
    private readonly base: string,
    private readonly state: SummaryStoreState,
    private readonly bytes: RangeReader,
  ) {}

  /** The store `state` describes, and whether it could be read; otherwise a new, empty one. */
  static open(base: string, state: SummaryStoreState | undefined): { store: SummaryStore; loaded: boolean } {
    // Summaries are read when asked for (range-reader.ts): a publish prints a few list files.
    const bytes = state && RangeReader.open(fileOf(base, state.generation), state.bytes);
    if (state && bytes) return { store: new SummaryStore(base, state, bytes), loaded: true };
    // Missing: a new generation, and the articles whose summaries it held are parsed again.
    const fresh = { generation: (state?.generation ?? 0) + 1, bytes: 0 };
    return { store: new SummaryStore(base, fresh, RangeReader.empty()), loaded: false };
  }

  /** The blocks of summaries kept for reading go (RangeReader.releaseBlocks). */
  releaseBlocks(): void {
    this.bytes.releaseBlocks();
  }

  /** The JSON text of a stored summary. */
  get([offset, length]: SummarySlice): string {
    // The reader refuses a slice past the store's valid bytes.
    return this.bytes.readInPassing(offset, length).toString('utf8');
  }

  /**
   * Stores this build's summaries: those with a slice are stored already, the rest (their JSON
   * text, UTF-8) are appended; read one at a time, so that they are never all held at once.
   * Returns every summary's slice and the state for the JSON cache.
   */
  save(summaries: StoreSummaries): {
    state: SummaryStoreState;
    slices: SliceColumn;
  } {
    let live = 0;
    let fresh = 0;
    for (let n = 0; n < summaries.length; n++) {
      const summary = summaryAt(summaries, n);
      const size = 'stored' in summary ? summary.stored[1] : summary.text.length;
      live += size;
      if (!('stored' in summary)) fresh += size;
    }
    const compact = dueRewrite(this.state.bytes + fresh, live);
    const generation = compact ? this.state.generation + 1 : this.state.generation;
    const slices = new SliceColumn(summaries.length);
    const writer = new BlockWriter(fileOf(this.base, generation), compact ? 0 : this.state.bytes, { fresh: compact });
    try {
      for (let n = 0; n < summaries.length; n++) {
        const summary = summaryAt(summaries, n);
        if ('stored' in summary && !compact) {
          slices.set(n, ...summary.stored);
          continue;
        }
        // Copied into the writer before the next is read.
        const text = 'stored' in summary ? this.bytes.readInPassing(...summary.stored) : summary.text;
        slices.set(n, writer.position, text.length);
        writer.write(text);
      }
    } finally {
      writer.close();
    }
    return { state: { generation, bytes: writer.position, live }, slices };
  }

  /**
   * Stores summaries that replace the ones at `freed`, the others staying where they are.
   * Undefined when the store is due a rewrite or does not know its live bytes: `save` then.
   */
  replace(
    texts: readonly Uint8Array[],
    freed: readonly SummarySlice[],
  ): { state: SummaryStoreState; slices: SummarySlice[] } | undefined {
    const fresh = texts.reduce((sum, text) => sum + text.length, 0);
    const live = liveAfterReplacing(
      this.state,
      fresh,
      freed.reduce((sum, [, length]) => sum + length, 0),
    );
    if (live === undefined) return undefined;
    const { generation } = this.state;
    const slices: SummarySlice[] = [];
    const writer = new BlockWriter(fileOf(this.base, generation), this.state.bytes);
    try {
      for (const text of texts) {
        slices.push([writer.position, text.length]);
        writer.write(text);
      }
    } finally {
      writer.close();
    }
    return { state: { generation, bytes: writer.position, live }, slices };
  }

  /** Old generations' files, once the JSON cache no longer names them. */
  prune(state: SummaryStoreState): void {
    for (let generation = state.generation - 1; generation >= Math.max(1, state.generation - 3); generation--) {
      fs.rmSync(fileOf(this.base, generation), { force: true });
    }
  }
}

const fileOf = (base: string, generation: number) => `${base}-${generation}.summaries`;
