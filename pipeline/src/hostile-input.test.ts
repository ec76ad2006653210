import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataPaths, type ListHead, type Manifest } from '../../src/lib/content-contract.ts';
import { readListStretch } from './output/read-list-files.ts';
import { listFilesIn } from './testing/read-list-page.ts';
import { processBody } from './body/process-body.ts';
import { markdownNesting } from './body/markdown-nesting.ts';
import { nestingDepth } from './body/nesting-depth.ts';
import { normalizeUrl } from './body/normalize-url.ts';
import { categorySlug } from './output/category-slug.ts';
import { OUTPUT_MARKER } from './output/output-folder.ts';
import { parseArticleFile } from './parse/parse-article-file.ts';
import { readSimpleYaml } from './read/simple-yaml.ts';
import { splitFrontMatter } from './read/split-front-matter.ts';
import { runPipeline } from './run-pipeline.ts';
import { cpuTimeMs } from './testing/cpu-time.ts';

// Every attack an independent review made on the build, as a regression: each reproduction
// must end in a clear message, a bounded output and an intact build, never in lost files, a
// stalled or crashed run or an unreachable article.

let root: string;
let inDir: string;
let outDir: string;

const front = (fields: string) => `---\n${fields}\ndate: 2024-04-01 10:00\n---\n`;
function write(relative: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(path.join(inDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(inDir, relative), content);
}
const read = <T>(relative: string): T => JSON.parse(fs.readFileSync(path.join(outDir, relative), 'utf8')) as T;
const messages = (report: { problems: { file: string; message: string }[] }) =>
  report.problems.map((problem) => `${problem.file}: ${problem.message}`);
const MB = 1024 * 1024;
const parse = (source: string) =>
  parseArticleFile({ id: 'x', source: Buffer.from(source), relative: 'x.md', mtimeMs: 0, timeZone: 'Asia/Shanghai' });

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-input-'));
  inDir = path.join(root, 'content');
  outDir = path.join(root, 'out', 'data');
  fs.mkdirSync(inDir);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('data loss', () => {
  it('refuses --in site/content --out site, and deletes nothing', async () => {
    const site = path.join(root, 'site');
    for (const file of ['content/a.md', 'notes/plan.txt', 'README.txt']) {
      fs.mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      fs.writeFileSync(path.join(site, file), front('title: 甲'));
    }
    await expect(runPipeline({ inDir: path.join(site, 'content'), outDir: site })).rejects.toThrow(
      'holds the input folder',
    );
    expect(fs.readdirSync(site).sort()).toEqual(['README.txt', 'content', 'notes']);
    expect(fs.readdirSync(path.join(site, 'notes'))).toEqual(['plan.txt']);
  });

  it('refuses an existing folder that is not an output, and replaces one that is', async () => {
    write('a.md', front('title: 甲'));
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'thesis.docx'), 'years of work');
    await expect(runPipeline({ inDir, outDir })).rejects.toThrow('is not an output of this pipeline');
    expect(fs.readdirSync(outDir)).toEqual(['thesis.docx']);

    fs.rmSync(path.join(outDir, 'thesis.docx'));
    await runPipeline({ inDir, outDir });
    expect(fs.existsSync(path.join(outDir, OUTPUT_MARKER))).toBe(true);
    expect((await runPipeline({ inDir, outDir })).written).toBe(true);
  });
});

describe('output in proportion to the input', () => {
  it('cuts 50,000 categories to 20 and 900,000 tags to 50, with a warning', async () => {
    const categories = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(', ');
    write('many-categories.md', `${front(`title: 分类很多\ncategories: [${categories}]`)}<p>正文</p>`);
    const tags = Array.from({ length: 900_000 }, (_, i) => `t${i}`).join(', ');
    write('many-tags.md', `${front(`title: 标签很多\ntags: [${tags}]`)}<p>正文</p>`);
    const inputBytes = folderBytes(inDir);

    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(2);
    expect(messages(report)).toEqual([
      'many-categories.md: 49980 categories dropped: an article may have 20',
      'many-tags.md: 899950 tags dropped: an article may have 50',
    ]);
    expect(read<Manifest>('manifest.json').categories).toHaveLength(20);
    expect(JSON.stringify(read<ListHead>(dataPaths.listHead('all'))).length).toBeLessThan(16 * 1024);
    // The input is 7 MB; the output holds what was kept, not what was cut.
    expect(folderBytes(outDir)).toBeLessThan(inputBytes / 20);
  });

  it('cuts a 3,000-character title and names what it cut', async () => {
    write('long.md', `${front(`title: ${'长'.repeat(3000)}`)}<p>正文</p>`);
    const report = await runPipeline({ inDir, outDir });
    expect(messages(report)).toEqual(['long.md: title cut to 300 characters']);
    expect(Array.from(read<ListHead>(dataPaths.listHead('all')).items[0]?.title ?? '')).toHaveLength(300);
  });
});

describe('patterns that see untrusted text take linear time (1 MB each, under 1 s of CPU)', () => {
  const spaces = ' '.repeat(MB);
  it.each([
    ['a title of spaces between two letters (simple-yaml)', () => readSimpleYaml(`title: a${spaces}b`)],
    ['the same through the front matter splitter', () => splitFrontMatter(`---\ntitle: a${spaces}b\n---\n正文`)],
    ['an image URL of spaces (normalize-url)', () => normalizeUrl(`a${spaces}b`)],
    ['a cover URL of spaces (headimg)', () => parse(`${front(`title: 甲\nheadimg: "a${spaces}b"`)}<p>正文</p>`)],
    ['an image src of spaces in the body', () => parse(`${front('title: 甲')}<p><img src="a${spaces}b"></p>`)],
    ['<div followed by unclosed <a (nesting-depth)', () => nestingDepth(`<div ${'<a '.repeat(MB / 3)}`)],
    ['line breaks and spaces between Latin and CJK text', () => processBody(`<p>a${' \n'.repeat(MB / 2)}中</p>`)],
    [
      'a Markdown list that keeps indenting (markdown-nesting)',
      () => markdownNesting(Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')),
    ],
    [
      'a style attribute of spaces (centred captions)',
      () => processBody(`<p style="text-align${spaces}x"><img src="https://a.example/1.jpg"></p><p>说明</p>`),
    ],
    ['a date of spaces', () => parse(`---\ntitle: 甲\ndate: "2024-01-01${spaces}x"\n---\n正文`)],
  ])('%s', (_name, work) => {
    let failure = '';
    const cpu = cpuTimeMs(() => {
      try {
        work();
      } catch (error) {
        failure = String(error).slice(0, 200); // never the megabyte of input itself
      }
    });
    expect(failure).toBe('');
    expect(cpu).toBeLessThan(1000);
  });
});

describe('one file never fails the run', () => {
  it('refuses a Markdown list nested 3,000 levels before rendering it', async () => {
    const list = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n');
    write('deep.md', `${front('title: 很深')}${list}\n`);
    write('ok.md', `${front('title: 正常')}正文`);
    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(1);
    expect(messages(report)).toEqual([
      'deep.md: the file nests too deeply to read: lists or quotes 3000 levels deep (at most 100)',
    ]);
  });

  it('gives a category named like another category’s slug a slug of its own', async () => {
    const taken = categorySlug('金融');
    write('a.md', `${front('title: 甲\ncategories: [金融]')}正文`);
    write('b.md', `${front(`title: 乙\ncategories: [${taken}, c-6e60dfe5]`)}正文`);
    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(2);
    const slugs = read<Manifest>('manifest.json').categories.map((category) => category.slug);
    expect(new Set(slugs).size).toBe(3);
  });

  it('builds a file named with 28 CJK characters, and other names no web address can hold as they are', async () => {
    const names = ['中'.repeat(28), '中文', 'a b', 'a#b', 'a+b=c', 'é', '100%', '%2525'];
    names.forEach((name, i) => write(`${name}.md`, `${front(`title: 第${i}篇`)}正文`));
    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(names.length);
    const ids = read<ListHead>(dataPaths.listHead('all')).items.map((item) => item.id);
    expect(ids).toContain('中'.repeat(28));
    expect(ids).toContain('中文');
    expect(ids).toContain('é');
    for (const id of ids) {
      expect(id).toMatch(/^[\p{L}\p{M}\p{N}_.-]+$/u);
      expect(fs.existsSync(path.join(outDir, 'articles', `${id}.json`)), id).toBe(true);
    }
  });

  it('skips an unreadable folder, even inside .git, with a message', async () => {
    write('ok.md', `${front('title: 正常')}正文`);
    write('locked/secret.md', `${front('title: 锁住')}正文`);
    write('.git/locked/x', 'x');
    const locked = path.join(fs.realpathSync(inDir), 'locked');
    const readdir = fs.readdirSync;
    // As root, any folder can be read: the refusal comes from a stand-in.
    vi.spyOn(fs, 'readdirSync').mockImplementation(((folder: fs.PathLike, options?: unknown) => {
      if (String(folder) === locked) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return readdir(folder, options as { withFileTypes: true });
    }) as typeof fs.readdirSync);
    fs.chmodSync(path.join(inDir, '.git/locked'), 0o000);
    const report = await runPipeline({ inDir, outDir });
    fs.chmodSync(path.join(inDir, '.git/locked'), 0o755);
    expect(report.built).toBe(1);
    expect(messages(report)).toEqual(['locked: folder skipped: permission denied (EACCES)']);
  });

  it('skips links to /dev/zero, to a FIFO and to outside the input, and reads nothing through them', async () => {
    write('ok.md', `${front('title: 正常')}正文`);
    fs.writeFileSync(path.join(root, 'secret-draft.md'), `${front('title: 机密草稿')}不应发布`);
    fs.symlinkSync('/dev/zero', path.join(inDir, 'zero.md'));
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    fs.symlinkSync(path.join(root, 'fifo'), path.join(inDir, 'fifo.md'));
    execFileSync('mkfifo', [path.join(inDir, 'pipe.md')]);
    fs.symlinkSync('../secret-draft.md', path.join(inDir, 'outside.md'));
    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(1);
    expect(messages(report)).toEqual([
      'fifo.md: skipped: a link to outside the input folder (--follow-symlinks allows it)',
      'outside.md: skipped: a link to outside the input folder (--follow-symlinks allows it)',
      'pipe.md: skipped: not a regular file',
      'zero.md: skipped: a link to outside the input folder (--follow-symlinks allows it)',
    ]);
    expect(JSON.stringify(read<ListHead>(dataPaths.listHead('all')))).not.toContain('机密草稿');

    // Allowed to leave the input, the draft is read; a device or a FIFO still is not.
    const followed = await runPipeline({ inDir, outDir, followSymlinks: true });
    expect(followed.built).toBe(2);
    expect(messages(followed)).toEqual([
      'fifo.md: skipped: links to something that is not a regular file',
      'pipe.md: skipped: not a regular file',
      'zero.md: skipped: links to something that is not a regular file',
    ]);
  });

  it('skips a file larger than 16 MB', async () => {
    write('ok.md', `${front('title: 正常')}正文`);
    write('huge.md', `${front('title: 很大')}${'字'.repeat(6 * MB)}`);
    const report = await runPipeline({ inDir, outDir });
    expect(report.built).toBe(1);
    expect(messages(report)).toEqual(['huge.md: too large: 18.0 MB (an article file may have 16.0 MB)']);
  });

  it('replaces a worker stuck on one file, or out of memory, skips that file and builds the rest', async () => {
    for (let i = 0; i < 6; i++) write(`a${i}.md`, `${front(`title: 第${i}篇`)}正文`);
    const report = await runPipeline({
      inDir,
      outDir,
      // The stalled file never ends; the limit leaves the others (a cold worker's first file on
      // a loaded machine took over 0.5 s) all the time they need.
      parseTimeLimitMs: 3000,
      workerMemoryMb: 64,
      faults: { 'a1.md': 'stall', 'a4.md': 'exhaust-memory' },
    });
    expect(report.built).toBe(4);
    expect(messages(report)).toEqual([
      'a1.md: skipped: reading it took longer than 3 s (the limit for one file)',
      'a4.md: skipped: reading it needs more than 64 MB of memory',
    ]);
  }, 60_000); // a guard against a hang, not a speed limit

  // The disk fills at the 20th file written (an article), or at the first file of the search index
  // or of a list page: in a whole run, and in a run of edits. The index's files are written while
  // the lists are staged: when a list page fails, they are held in flight until then, and the run
  // must wait for them before it removes its staging folder.
  const search = `${path.sep}search${path.sep}`;
  const lists = `${path.sep}lists${path.sep}`;
  const fullDisks: [string, (file: string, count: number) => boolean, { edits?: true; holdIndex?: true }][] = [
    ['at the 20th file', (_file, count) => count === 20, {}],
    ['at the search index', (file) => file.includes(search), {}],
    ['at a list page', (file) => file.includes(lists), { holdIndex: true }],
    ['at the search index, in a run of edits', (file) => file.includes(search), { edits: true }],
    ['at a list page, in a run of edits', (file) => file.includes(lists), { edits: true, holdIndex: true }],
  ];
  it.each(fullDisks)(
    'reports a full disk %s, leaves the output as it was and no staging folder behind',
    async (_, fills, { edits, holdIndex }) => {
      const cacheDir = path.join(root, 'cache');
      const run = (changed?: string[]) =>
        runPipeline({ inDir, outDir, ...(edits && { cacheDir }), ...(changed && { changed }) });
      write('a.md', `${front('title: 甲')}正文`);
      if (!edits) await run();
      for (let i = 0; i < 80; i++) write(`b${i}.md`, `${front(`title: 第${i}篇`)}正文`);
      if (edits) await run();
      const before = fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
      write('c.md', `${front('title: 新一篇')}正文`);
      const writeFile = fs.promises.writeFile;
      const writeFileSync = fs.writeFileSync;
      let writes = 0;
      let inFlight = 0;
      let fill = () => {};
      const filled = new Promise<void>((resolve) => (fill = resolve));
      const full = (file: unknown) => {
        if (fills(String(file), ++writes)) {
          fill();
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
      };
      vi.spyOn(fs.promises, 'writeFile').mockImplementation(async (...args: Parameters<typeof writeFile>) => {
        full(args[0]);
        inFlight++;
        try {
          if (holdIndex && String(args[0]).includes(search)) await filled;
          return await writeFile(...args);
        } finally {
          inFlight--;
        }
      });
      vi.spyOn(fs, 'writeFileSync').mockImplementation((...args: Parameters<typeof writeFileSync>) => {
        full(args[0]);
        writeFileSync(...args);
      });
      await expect(run(edits ? ['c.md'] : undefined)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(inFlight).toBe(0);
      vi.restoreAllMocks();
      expect(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
      expect(fs.readdirSync(path.dirname(outDir)).filter((name) => !name.includes('.trash-'))).toEqual(['data']);
    },
  );
});

describe('a whole run’s articles, written on a thread of their own', () => {
  const ARTICLES = 1_100; // past the thousand from which a thread writes them (stage-articles.ts)
  const writeMany = () => {
    for (let i = 0; i < ARTICLES; i++) {
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(Math.floor(i / 60) % 24).padStart(2, '0');
      write(
        `n${i}.md`,
        `---\ntitle: 第${i}篇\ndate: 2024-04-${1 + Math.floor(i / 1440)} ${hour}:${minute}\n---\n港口夜色第${i}段。`,
      );
    }
  };

  it('gives each article its own JSON and neighbours', async () => {
    writeMany();
    await runPipeline({ inDir, outDir });
    const head = read<ListHead>(dataPaths.listHead('all'));
    expect(head.total).toBe(ARTICLES);
    const order = readListStretch(listFilesIn(outDir, { slug: 'all' }), 0, ARTICLES).items.map((item) => item.id);
    expect(order).toHaveLength(ARTICLES);
    order.forEach((id, n) => {
      const text = fs.readFileSync(path.join(outDir, dataPaths.article(id)), 'utf8');
      const article = JSON.parse(text) as { id: string; html: string; prev?: { id: string }; next?: { id: string } };
      expect(article.id).toBe(id);
      expect(article.html).toContain(`港口夜色第${id.slice(1)}段`);
      // `prev` is the newer neighbour, `next` the older (decision 0004).
      expect(article.prev?.id).toBe(order[n - 1]);
      expect(article.next?.id).toBe(order[n + 1]);
      expect(JSON.stringify(article)).toBe(text);
    });
  });

  it('reports a full disk there, leaves the output as it was and no staging folder behind', async () => {
    write('a.md', `${front('title: 甲')}正文`);
    await runPipeline({ inDir, outDir });
    const before = fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8');
    writeMany();
    vi.stubEnv('NEWS_PIPELINE_FULL_AT', '700');
    try {
      await expect(runPipeline({ inDir, outDir })).rejects.toMatchObject({ code: 'ENOSPC' });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fs.readFileSync(path.join(outDir, 'manifest.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(outDir)).filter((name) => !name.includes('.trash-'))).toEqual(['data']);
    // The next run builds them all.
    expect((await runPipeline({ inDir, outDir })).built).toBe(ARTICLES + 1);
  });
});

describe('the command line', () => {
  it('prints file names and dates with control characters escaped', () => {
    write('\x1b[2Kbuilt 100 articles\r.md', `---\ntitle: 甲\ndate: "\x1b[31m昨天"\n---\n正文`);
    const result = spawnSync(
      process.execPath,
      ['pipeline/bin/content.mjs', '--in', inDir, '--out', outDir, '--no-cache'],
      { encoding: 'utf8' },
    );
    // eslint-disable-next-line no-control-regex
    expect(result.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(result.stderr).toContain('\\x1b[2Kbuilt 100 articles\\x0d');
    expect(result.stderr).toContain('\\x1b[31m昨天');
  });
});
