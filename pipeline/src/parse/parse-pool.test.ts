import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepWhole, MAIN_THREAD_HELPS_UP_TO, parseAll, parserCount, takeChunk } from './parse-pool.ts';
import type { ParseTask } from './parse-task.ts';
import { TermDictionary } from '../search/term-dictionary.ts';

/** [files, cores, workers] */
type Case = [number, number, number];

const counts = (cases: Case[]) => cases.map(([files, cores]) => parserCount(files, cores));
const expected = (cases: Case[]) => cases.map(([, , workers]) => workers);

describe('parserCount', () => {
  it('keeps runs of up to 10,000 files to one worker on two cores, where a second one warming up costs more than it saves', () => {
    const cases: Case[] = [
      [1, 2, 1],
      [2_000, 2, 1],
      [10_000, 2, 1],
      [10_001, 2, 2],
      [1_000_000, 2, 2],
      [2_000, 1, 1],
    ];
    expect(counts(cases)).toEqual(expected(cases));
  });

  it('gives more cores a worker each from 400 files a worker, up to eight', () => {
    const cases: Case[] = [
      [0, 16, 1],
      [400, 4, 1],
      [401, 4, 2],
      [2_000, 4, 4],
      [1_000_000, 16, 8],
    ];
    expect(counts(cases)).toEqual(expected(cases));
  });
});

describe('takeChunk', () => {
  const queueOf = (files: string[]): ParseTask[] =>
    files
      .map((file, index) => ({ index, file, relative: file, root: '/', id: file, mtimeMs: 0, timeZone: 'UTC' }))
      .reverse();
  const megabytes = (file: string) => Number(/^(\d+)/.exec(file)?.[1] ?? 0) << 20;
  const read = (file: string) =>
    file.startsWith('bad')
      ? { ok: false as const, error: 'unreadable (EIO)' }
      : { ok: true as const, bytes: new Uint8Array(megabytes(file)) };
  const chunks = (queue: ParseTask[], reads: boolean) => {
    const taken: string[][] = [];
    while (queue.length > 0) {
      const { tasks, files } = takeChunk(queue, reads ? read : undefined);
      expect(files?.length ?? tasks.length).toBe(tasks.length);
      taken.push(tasks.map((task) => task.file));
    }
    return taken;
  };

  it('takes 64 tasks a chunk, in order', () => {
    const files = Array.from({ length: 130 }, (_, n) => `0-${n}`);
    expect(chunks(queueOf(files), false).map((chunk) => chunk.length)).toEqual([64, 64, 2]);
    expect(chunks(queueOf(files), true).flat()).toEqual(files);
  });

  it('ends a chunk it reads once its files hold 4 MB, so that large files do not wait 64 at a time', () => {
    const files = ['3-a', '3-b', '1-c', 'bad-d', '16-e', '0-f', '0-g'];
    expect(chunks(queueOf(files), true)).toEqual([
      ['3-a', '3-b'],
      ['1-c', 'bad-d', '16-e'],
      ['0-f', '0-g'],
    ]);
    expect(chunks(queueOf(files), false)).toEqual([files]);
  });
});

describe('parseAll', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-pool-'));
  const seedShape = fs.readFileSync(new URL('../fixtures/seed-shape.txt', import.meta.url), 'utf8');
  const names = ['a.html', 'b.html', 'c.html', 'missing.html', 'folder.html'];
  fs.writeFileSync(path.join(folder, 'a.html'), seedShape);
  fs.writeFileSync(path.join(folder, 'b.html'), seedShape.replace(/title: .*/, 'title: 第二篇 Second'));
  fs.writeFileSync(
    path.join(folder, 'c.html'),
    '---\ntitle: 短讯\ndate: 2024-05-01\n---\n<p>乡村振兴 rural 短讯。</p>\n',
  );
  fs.mkdirSync(path.join(folder, 'folder.html'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  const tasks = (): ParseTask[] =>
    names.map((relative, index) => ({
      index,
      file: path.join(folder, relative),
      relative,
      root: folder,
      id: relative.replace('.html', ''),
      mtimeMs: 0,
      timeZone: 'Asia/Shanghai',
    }));

  /** What a run with `workers` workers gives: each outcome's error, or its article's JSON and terms (as strings). */
  async function parsedWith(workers: number) {
    const dictionary = new TermDictionary();
    const run = await parseAll(tasks(), dictionary, () => {}, { workers }, keepWhole);
    try {
      const terms = await run.collectTerms();
      return [...run.takeOutcomes()].map(([index, outcome]) => {
        if (outcome.unchanged) return { index };
        if (!outcome.result.ok) return { index, error: outcome.result.error };
        const counted = terms.get(index);
        return {
          index,
          listed: outcome.result.listed,
          json: Buffer.from(run.records.get(index)).toString(),
          terms: counted && [...counted.ids].map((id, i) => `${dictionary.term(id)}:${counted.weights[i]}`).sort(),
        };
      });
    } finally {
      await run.close();
    }
  }

  it('reads files and counts terms on the main thread for up to two workers, as more workers do themselves', async () => {
    const helped = await parsedWith(1);
    const alone = await parsedWith(MAIN_THREAD_HELPS_UP_TO + 1);
    expect(helped).toEqual(alone);
    expect(helped.map((parsed) => parsed.terms?.length ?? parsed.error)).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      'unreadable (ENOENT)',
      'skipped: not a regular file',
    ]);
    expect(helped[2]?.terms).toEqual(
      expect.arrayContaining([expect.stringMatching(/^短讯:\d+$/), expect.stringMatching(/^rural:\d+$/)]),
    );
  });
});
