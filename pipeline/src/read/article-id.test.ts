import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isArticleId } from '../../../src/lib/content-contract.ts';
import { assignIds, idForName } from './article-id.ts';

const files = (...relatives: string[]) => relatives.map((relative) => ({ relative }));

describe('idForName', () => {
  it('keeps a name that is already an id, in any script', () => {
    for (const name of ['001_harbor-trade', '港口夜色', '日本語テスト', 'é', '2019-10-14-hexo-4-released', 'v1.2']) {
      expect(idForName(name)).toBe(name);
    }
    // Decomposed (as macOS stores names) becomes composed.
    expect(idForName('e\u0301')).toBe('é');
  });

  it('gives any other name a short, stable, URL-safe id of its own', () => {
    const names = ['a b', 'a#b', 'a+b=c', '100%', '%2F', '..', '.hidden', '中'.repeat(60), 'x'.repeat(300), '\x1b[2J'];
    const ids = names.map(idForName);
    for (const id of ids) expect(isArticleId(id), id).toBe(true);
    expect(new Set(ids).size).toBe(names.length);
    expect(ids.map(idForName)).toEqual(ids);
    expect(idForName('a b')).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(idForName('a b')).toBe(idForName('a b'));
    expect(Buffer.byteLength(idForName('中'.repeat(60)))).toBeLessThanOrEqual(150);
  });

  it('always gives a valid id (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (name) => isArticleId(idForName(name))),
      { numRuns: 2000 },
    );
  });
});

describe('assignIds', () => {
  it('builds both of two same-named files: the shallower keeps the id, the other is qualified by its folder', () => {
    const result = assignIds(files('2020/03/hello.md', 'hello.md', 'drafts/hello.txt'));
    expect(result.map(({ relative, id }) => [relative, id])).toEqual([
      ['2020/03/hello.md', '2020-03-hello'],
      ['hello.md', 'hello'],
      ['drafts/hello.txt', 'drafts-hello'],
    ]);
    expect(result[0]?.warning).toBe('published as "2020-03-hello": hello.md has the id "hello"');
    expect(result[1]?.warning).toBeUndefined();
  });

  it('treats ids that differ only in case as one (a case-insensitive host would)', () => {
    const [upper, lower] = assignIds(files('News.md', 'news.md'));
    expect(upper?.id).toBe('News');
    // No folder to qualify it by: a hash of its path.
    expect(lower?.id).toMatch(/^news-[0-9a-f]{8}$/);
    expect(lower?.warning).toBe(`published as "${lower?.id}": News.md has the id "news"`);
  });

  it('lets a file keep the id it had in the previous build', () => {
    // b/hello.md was built first; a/hello.md arrives later and sorts before it.
    const previous = new Map([['b/hello.md', 'hello']]);
    const result = assignIds(files('a/hello.md', 'b/hello.md'), previous);
    expect(result.map((file) => file.id)).toEqual(['a-hello', 'hello']);
  });

  it('lets a file keep the qualified id it had, when a shallower file of its name arrives', () => {
    const previous = new Map([
      ['2020/hello.md', 'hello'],
      ['2021/hello.md', '2021-hello'],
    ]);
    const result = assignIds(files('2020/hello.md', '2021/hello.md', 'hello.md'), previous);
    expect(result.slice(0, 2).map((file) => file.id)).toEqual(['hello', '2021-hello']);
    // hello.md has no folder to qualify its name by: a hash of its path.
    expect(result[2]?.id).toMatch(/^hello-[0-9a-f]{8}$/);
  });

  it('gives every file the same id again when built from its previous ids (property)', () => {
    const segment = fc.constantFrom('a', 'A', 'b', '港口', 'a b', '2020', '%');
    const paths = fc.uniqueArray(
      fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `${parts.join('/')}.md`),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(paths, (relatives) => {
        const first = assignIds(files(...relatives));
        const again = assignIds(files(...relatives), new Map(first.map(({ relative, id }) => [relative, id])));
        return again.every((file, n) => file.id === first[n]?.id);
      }),
      { numRuns: 300 },
    );
  });

  it('says so when a file name had to change to become an id', () => {
    const [file] = assignIds(files('posts/a b.md'));
    expect(file?.id).toMatch(/^a-b-[0-9a-f]{8}$/);
    expect(file?.warning).toBe(`published as "${file?.id}": the file name cannot be used in a web address as it is`);
  });

  it('gives unique ids for any set of paths (property)', () => {
    const segment = fc.constantFrom('a', 'A', 'b', '港口', 'a b', 'x.y', '2020', '%');
    const paths = fc.uniqueArray(
      fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `${parts.join('/')}.md`),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(paths, (relatives) => {
        const ids = assignIds(files(...relatives)).map((file) => file.id.toLowerCase());
        return new Set(ids).size === ids.length && ids.every((id) => isArticleId(id));
      }),
      { numRuns: 500 },
    );
  });
});
