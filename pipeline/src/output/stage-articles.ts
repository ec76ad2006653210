import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../../../src/lib/content-contract.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import { type InputFiles, sourceOf } from '../read/read-input.ts';
import { type Neighbours, neighboursAt } from './assemble-output.ts';
import { FileWriter } from './file-writer.ts';
import { mapLimit } from './map-limit.ts';
import type { Selection } from './select-articles.ts';
import type { StagedOutput } from './staged-output.ts';

// File-system calls in flight at once: enough to keep libuv's thread pool busy.
export const IO_CONCURRENCY = 32;

/** Below this many parsed articles to write, the thread pool writes them: a thread of its own costs more to start. */
const WRITER_FROM = 1_000;

/** What takes the place of an article's closing brace to give it `prev`/`next`: empty for none. */
function neighboursTail(neighbours: Neighbours): string {
  const extra = JSON.stringify(neighbours);
  return extra === '{}' ? '' : `,${extra.slice(1)}`;
}

/** Appends `prev`/`next` to an article's JSON text in UTF-8 (an object without them). */
export function withNeighbours(json: Uint8Array, neighbours: Neighbours): Uint8Array {
  const tail = neighboursTail(neighbours);
  if (!tail) return json;
  return Buffer.concat([json.subarray(0, json.length - 1), Buffer.from(tail)]);
}

/** A published article's JSON, read from `file`, with other neighbours: what the parse would print. */
export async function withNewNeighbours(file: string, neighbours: Neighbours): Promise<string> {
  const published: unknown = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  if (typeof published !== 'object' || published === null) throw new Error(`${file} is not an article`);
  const { prev: _prev, next: _next, ...article } = { ...published, prev: undefined, next: undefined };
  return JSON.stringify({ ...article, ...neighbours });
}

/**
 * Stages every article's JSON that is new or changed: a parsed article is written with its
 * neighbours; an unchanged one whose neighbours moved is patched from the published file; one
 * that is published as it is stays (a hard link into the staging when the output is rebuilt).
 * Resolves to a flag by place in the order, set for each article staged (their entry pages
 * follow them): a byte an article, not a set of a million ids.
 */
export function stageArticles(
  output: StagedOutput,
  selection: Selection,
  parsed: ParsedArticles,
  input: InputFiles,
  settings: BuildSettings,
): Promise<Uint8Array> {
  // Sorted out first, without a promise or an object each: of 100,000 articles a publish
  // touches a few, and a cold build of a million keeps just their places.
  const { orderedEntries, orderedFiles, assembled } = selection;
  const order = assembled.order;
  const places = new Int32Array(order.length);
  /** Places whose neighbours are the ones their published JSON has, titles and all. */
  const sameNeighbours = new Uint8Array(order.length);
  let count = 0;
  for (let n = 0; n < order.length; n++) {
    const id = order[n]?.id ?? '';
    const entry = orderedEntries[n];
    if (orderedFiles[n] === undefined || !entry) throw new Error(`article ${id} has no file`);
    const prev = order[n - 1]?.id ?? '';
    const next = order[n + 1]?.id ?? '';
    // Read once: an entry reused from the cache reads them from its row each time (row-entry.ts).
    const known = entry.neighbours;
    const sameIds = known?.[0] === prev && known[1] === next;
    if (!sameIds) {
      // Without a log, the snapshot takes them from the order (writeEntryColumns): not an array each.
      if (parsed.logged) entry.neighbours = [prev, next];
      parsed.changed.add(orderedFiles[n] ?? '');
    }
    // The same neighbours show the same titles unless one of them was parsed this run.
    const unchangedNeighbours = sameIds && !parsed.records.has(prev) && !parsed.records.has(next);
    if (unchangedNeighbours && !parsed.records.has(id) && output.isPublished(dataPaths.article(id))) continue;
    places[count] = n;
    sameNeighbours[count++] = unchangedNeighbours ? 1 : 0;
  }
  // Many articles parsed (a whole run): their JSON goes to a thread that writes it (file-writer.ts),
  // and the thread pool stages the rest. `pooled` holds indexes into `places`.
  const isParsed = new Uint8Array(count);
  let parsedCount = 0;
  for (let k = 0; k < count; k++) {
    if (!parsed.records.has(order[places[k] ?? 0]?.id ?? '')) continue;
    isParsed[k] = 1;
    parsedCount++;
  }
  const writer = parsedCount >= WRITER_FROM ? new FileWriter(parsed.recordFile) : undefined;
  const pooled = new Int32Array(writer ? count - parsedCount : count);
  /** With a writer: the places of the parsed articles, which it writes. */
  const toWriter = new Int32Array(writer ? parsedCount : 0);
  for (let k = 0, p = 0, w = 0; k < count; k++) {
    if (writer && isParsed[k] === 1) toWriter[w++] = places[k] ?? 0;
    else pooled[p++] = k;
  }
  const fromRecords = writer && writeRecords(writer, output, order, toWriter, parsed);
  const staged = mapLimit(pooled, IO_CONCURRENCY, async (k) => {
    const n = places[k] ?? 0;
    const id = order[n]?.id ?? '';
    const relative = orderedFiles[n] ?? '';
    const neighbours = neighboursAt(order, n);
    const unchangedNeighbours = sameNeighbours[k] === 1;
    const file = dataPaths.article(id);
    const record = parsed.record(id);
    // Parsed, in a run that parsed few: on the thread pool.
    if (record) return fs.promises.writeFile(output.file(file), withNeighbours(record, neighbours));
    // Unchanged file: reuse the previous output's JSON, patched if its neighbours moved.
    const target = output.file(file);
    const previous = path.join(settings.outDir, file);
    try {
      if (unchangedNeighbours) return await fs.promises.link(previous, target);
      return await fs.promises.writeFile(target, await withNewNeighbours(previous, neighbours));
    } catch {
      // The previous output lost this file (edited by hand?): parse the source again. The parser
      // is loaded only then: this thread starts a tenth of a second sooner without it.
      const { runParseTask } = await import('../parse/parse-task.ts');
      const again = runParseTask(
        {
          index: 0,
          file: sourceOf(input, input.files.named(relative) ?? { relative }),
          relative,
          root: input.root,
          id,
          mtimeMs: orderedEntries[n]?.mtimeMs ?? 0,
          timeZone: settings.timeZone,
        },
        undefined,
        () => undefined, // its terms are known already
      );
      if (again.unchanged || !again.result.ok) throw new Error(`${relative} changed during the build`);
      return fs.promises.writeFile(target, withNeighbours(again.result.json, neighbours));
    }
  });
  // Both settle before the staging folder may go (publish-output.ts): no write is left in flight.
  return Promise.allSettled([fromRecords, staged]).then(([records, others]) => {
    if (records.status === 'rejected') throw records.reason;
    if (others.status === 'rejected') throw others.reason;
    const written = new Uint8Array(order.length);
    for (const n of places.subarray(0, count)) written[n] = 1;
    return written;
  });
}

/** Queues the JSON of the articles parsed this run at `places` for `writer`, with their neighbours, and closes it. */
async function writeRecords(
  writer: FileWriter,
  output: StagedOutput,
  order: Selection['assembled']['order'],
  places: Int32Array,
  parsed: ParsedArticles,
): Promise<void> {
  let failure: unknown;
  try {
    for (const n of places) {
      const id = order[n]?.id ?? '';
      const record = parsed.recordLocation(id);
      if (!record) throw new Error(`article ${id} was parsed but has no JSON`);
      // Without yielding unless the thread is behind: it has them all before the index is built.
      const behind = writer.write(output.file(dataPaths.article(id)), record, neighboursTail(neighboursAt(order, n)));
      if (behind) await behind;
    }
  } catch (error) {
    failure = error;
  }
  // Closed however the queuing ended: the thread stops writing, and nothing is in flight after.
  try {
    await writer.close();
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) throw failure;
}
