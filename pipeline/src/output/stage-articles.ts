import fs from 'node:fs';
import path from 'node:path';
import { dataPaths } from '../../../src/lib/content-contract.ts';
import type { ParsedArticles } from '../parse/parsed-articles.ts';
import { runParseTask } from '../parse/parse-task.ts';
import type { BuildSettings } from '../pipeline-options.ts';
import type { InputFiles } from '../read/read-input.ts';
import { TermDictionary } from '../search/term-dictionary.ts';
import type { Neighbours } from './assemble-output.ts';
import { mapLimit } from './map-limit.ts';
import { articleEntry, type Selection } from './select-articles.ts';
import type { StagedOutput } from './staged-output.ts';

// File-system calls in flight at once: enough to keep libuv's thread pool busy.
export const IO_CONCURRENCY = 32;

/** The neighbours' ids as the cache keeps them: newer, then older ('' for none). */
const neighbourIds = ({ prev, next }: Neighbours): [string, string] => [prev?.id ?? '', next?.id ?? ''];

/** Appends `prev`/`next` to an article's JSON text in UTF-8 (an object without them). */
function withNeighbours(json: Uint8Array, neighbours: Neighbours): Uint8Array {
  const extra = JSON.stringify(neighbours);
  if (extra === '{}') return json;
  return Buffer.concat([json.subarray(0, json.length - 1), Buffer.from(`,${extra.slice(1)}`)]);
}

/**
 * Stages every article's JSON that is new or changed: a parsed article is written with its
 * neighbours; an unchanged one whose neighbours moved is patched from the published file; one
 * that is published as it is stays (a hard link into the staging when the output is rebuilt).
 */
export function stageArticles(
  output: StagedOutput,
  selection: Selection,
  parsed: ParsedArticles,
  input: InputFiles,
  settings: BuildSettings,
): Promise<unknown> {
  const sourceOf = new Map(input.files.map(({ relative, source }) => [relative, source]));
  return mapLimit(selection.assembled.order, IO_CONCURRENCY, async ({ id, neighbours }) => {
    const relative = selection.fileOf.get(id);
    if (relative === undefined) throw new Error(`article ${id} has no file`);
    const entry = articleEntry(selection, id);
    const file = dataPaths.article(id);
    const record = parsed.record(id);
    // The same neighbours show the same titles unless one of them was parsed this run.
    const ids = neighbourIds(neighbours);
    const unchangedNeighbours =
      entry.neighbours?.[0] === ids[0] &&
      entry.neighbours[1] === ids[1] &&
      !ids.some((neighbour) => parsed.records.has(neighbour));
    if (entry.neighbours?.[0] !== ids[0] || entry.neighbours[1] !== ids[1]) {
      entry.neighbours = ids;
      parsed.changed.add(relative);
    }
    if (record) return fs.promises.writeFile(output.file(file), withNeighbours(record, neighbours));
    if (unchangedNeighbours && output.isPublished(file)) return; // published as it is
    // Unchanged file: reuse the previous output's JSON, patched if its neighbours moved.
    const target = output.file(file);
    const previous = path.join(settings.outDir, file);
    try {
      if (unchangedNeighbours) return await fs.promises.link(previous, target);
      const published: unknown = JSON.parse(await fs.promises.readFile(previous, 'utf8'));
      if (typeof published !== 'object' || published === null) throw new Error(`${file} is not an article`);
      const { prev: _prev, next: _next, ...article } = { ...published, prev: undefined, next: undefined };
      return await fs.promises.writeFile(target, JSON.stringify({ ...article, ...neighbours }));
    } catch {
      // The previous output lost this file (edited by hand?): parse the source again.
      const again = runParseTask(
        {
          index: 0,
          file: sourceOf.get(relative) ?? relative,
          relative,
          root: input.root,
          id,
          mtimeMs: entry.mtimeMs,
          timeZone: settings.timeZone,
        },
        new TermDictionary(), // its terms are known already
      );
      if (again.unchanged || !again.result.ok) throw new Error(`${relative} changed during the build`);
      return fs.promises.writeFile(target, withNeighbours(again.result.json, neighbours));
    }
  });
}
