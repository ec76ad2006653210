import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListPart } from '../../../src/lib/content-contract.ts';
import { ListSignatures } from '../cache/list-signatures.ts';
import type { ArticleEntry, ListFile } from './assemble-output.ts';
import { stageListPages } from './list-pages.ts';
import { StagedOutput } from './staged-output.ts';

let root: string;
let out: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'list-pages-'));
  out = path.join(root, 'data');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const entry = (id: string, categories: string[]): ArticleEntry => ({
  id,
  title: `标题 ${id}`,
  date: '2024-05-01T08:00:00.000Z',
  categories,
  tags: [],
});

const summaryJson = (id: string) => JSON.stringify({ id, title: `标题 ${id}` });
const hashOf = (id: string) => `h-${id}`;
const inode = (file: string) => fs.statSync(path.join(out, file)).ino;
const text = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');

const a = entry('a', ['要闻', '文化']);
const b = entry('b', ['要闻']);
const c = entry('c', ['要闻', '文化']);

/** The whole list and a category every article has share one chunk; a smaller category has its own. */
function lists(extra: [string, ListFile][] = []): Map<string, ListFile> {
  const head = (items: ArticleEntry[], parts: ListPart[]): ListFile => ({
    total: items.length,
    pageSize: 20,
    items,
    parts,
  });
  return new Map<string, ListFile>([
    ['lists/all/head.json', head([c], [['c1111', 2]])],
    ['lists/all/c1111.json', { items: [a, b] }],
    ['lists/c_news/head.json', head([c], [['c1111', 2]])],
    ['lists/c_news/c1111.json', { items: [a, b] }],
    ['lists/c_culture/head.json', head([c], [['c2222', 1]])],
    ['lists/c_culture/c2222.json', { items: [a] }],
    ...extra,
  ]);
}

/** `known`: what the output holds, as a record says (StagedOutput); listed when not given. */
function stage(pages: Map<string, ListFile>, previous?: ListSignatures, known?: string[]): Record<string, string> {
  const output = new StagedOutput(out, known);
  const signatures = stageListPages(output, pages, previous, hashOf, summaryJson);
  output.commit(Object.keys(signatures));
  return signatures;
}

describe('stageListPages', () => {
  it('writes a part that several lists have once and links the others to it', () => {
    stage(lists());
    expect(text('lists/c_news/c1111.json')).toBe(text('lists/all/c1111.json'));
    expect(JSON.parse(text('lists/all/c1111.json')).items.map((item: { id: string }) => item.id)).toEqual(['a', 'b']);
    expect(inode('lists/c_news/c1111.json')).toBe(inode('lists/all/c1111.json'));
    // Heads name their own list's total and parts: never shared, even when their bytes agree.
    expect(inode('lists/c_news/head.json')).not.toBe(inode('lists/all/head.json'));
    expect(inode('lists/c_culture/c2222.json')).not.toBe(inode('lists/all/c1111.json'));
  });

  it('links a part new to one list to the copy another list keeps published', () => {
    const signatures = stage(lists());
    const previous = ListSignatures.of(Object.entries(signatures));
    const published = inode('lists/all/c1111.json');
    stage(lists([['lists/c_more/c1111.json', { items: [a, b] }]]), previous);
    expect(inode('lists/all/c1111.json')).toBe(published); // kept, not staged again
    expect(inode('lists/c_more/c1111.json')).toBe(published);
    expect(text('lists/c_more/c1111.json')).toBe(text('lists/all/c1111.json'));
  });

  it('writes the part when the copy it would link to is gone', () => {
    const signatures = stage(lists());
    const previous = ListSignatures.of(Object.entries(signatures));
    const expected = text('lists/all/c1111.json');
    // Removed by hand after the publish, while the record of what is published still names it.
    fs.rmSync(path.join(out, 'lists/all/c1111.json'));
    const more: [string, ListFile][] = [
      ['lists/c_more/c1111.json', { items: [a, b] }],
      ['lists/c_most/c1111.json', { items: [a, b] }],
    ];
    stage(lists(more), previous, Object.keys(signatures));
    expect(text('lists/c_more/c1111.json')).toBe(expected);
    // The copy written in its stead is the one the next list links to.
    expect(inode('lists/c_most/c1111.json')).toBe(inode('lists/c_more/c1111.json'));
  });

  it("looks at a big run's garbage as it goes, every 64 files", () => {
    const chunks = Array.from({ length: 200 }, (_, n): [string, ListFile] => [`lists/all/c${n}.json`, { items: [a] }]);
    let checks = 0;
    const output = new StagedOutput(out);
    stageListPages(output, new Map(chunks), undefined, hashOf, summaryJson, { check: () => checks++ });
    output.discard();
    expect(checks).toBe(3);
  });
});
