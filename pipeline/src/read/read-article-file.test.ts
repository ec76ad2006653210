import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tryReadArticleFile } from './read-article-file.ts';

describe('tryReadArticleFile', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'read-article-file-'));
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('gives a small file its bytes in memory of their own, not a view into a shared pool', () => {
    const text = '---\ntitle: 短讯\n---\n<p>乡村振兴</p>\n';
    fs.writeFileSync(path.join(folder, 'short.html'), text);
    const read = tryReadArticleFile(path.join(folder, 'short.html'));
    if (!read.ok) throw new Error(read.error);
    expect(Buffer.from(read.bytes).toString()).toBe(text);
    // What a worker is sent with them: at most one byte more than the file.
    expect(read.bytes.buffer.byteLength).toBeLessThanOrEqual(read.bytes.length + 1);
  });

  it('says what is wrong with a file that cannot be read, as a value', () => {
    fs.mkdirSync(path.join(folder, 'folder.html'));
    expect(tryReadArticleFile(path.join(folder, 'missing.html'))).toEqual({ ok: false, error: 'unreadable (ENOENT)' });
    expect(tryReadArticleFile(path.join(folder, 'folder.html'))).toEqual({
      ok: false,
      error: 'skipped: not a regular file',
    });
  });
});
