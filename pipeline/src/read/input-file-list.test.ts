import { describe, expect, it } from 'vitest';
import { InputFileList } from './input-file-list.ts';
import type { InputFile } from './read-input.ts';

const fileAt = (n: number): InputFile => ({
  relative: `${2000 + (n % 30)}/文章-${n}.md`,
  id: `文章-${n}`,
  mtimeMs: 1_733_000_000_000 + n * 1.25,
  size: 100 + n,
  ...(n % 7 === 3 && { link: `/elsewhere/${n}.md` }),
});

describe('InputFileList', () => {
  it('gives back every file pushed, by place, past the room it was made with', () => {
    const files = Array.from({ length: 100 }, (_, n) => fileAt(n));
    const list = new InputFileList(10);
    for (const file of files) list.push(file);
    expect(list.length).toBe(100);
    expect([...list]).toEqual(files);
    expect(list.relatives).toEqual(files.map((file) => file.relative));
    files.forEach((file, n) => {
      expect([list.relativeAt(n), list.idAt(n), list.mtimeAt(n), list.sizeAt(n), list.linkAt(n)]).toEqual([
        file.relative,
        file.id,
        file.mtimeMs,
        file.size,
        file.link,
      ]);
    });
  });

  it('has nothing past its end, and finds a file by its name', () => {
    const list = InputFileList.of([fileAt(1), fileAt(3)]);
    expect([list.at(2), list.relativeAt(2), list.idAt(-1), list.mtimeAt(2), list.sizeAt(2)]).toEqual([
      undefined,
      undefined,
      undefined,
      0,
      0,
    ]);
    expect(list.named(fileAt(3).relative)).toEqual(fileAt(3));
    expect(list.named('2001/none.md')).toBeUndefined();
  });

  it('keeps a size too large for a small integer as it is', () => {
    const list = InputFileList.of([
      { ...fileAt(0), size: 2 ** 31 + 5 },
      { ...fileAt(1), size: 0 },
    ]);
    expect([list.sizeAt(0), list.sizeAt(1)]).toEqual([2 ** 31 + 5, 0]);
  });
});
