import fs from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../pipeline/src/run-pipeline.ts';
import { PAYLOADS } from '../src/test/hostile-payloads.ts';

export interface HostileCase {
  id: string;
  group: string;
  html: string;
}

/**
 * More vectors from outside the project, for a run by hand:
 * `EXTRA_XSS_VECTORS=../shared/xss-vectors/dompurify-vectors.json npx playwright test hostile`
 * (a JSON array of strings, or of objects with a `data` string; several files comma-separated).
 */
function extraVectors(): HostileCase[] {
  const files = (process.env.EXTRA_XSS_VECTORS ?? '').split(',').filter(Boolean);
  return files.flatMap((file) => {
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as (string | { data?: string })[];
    const name = path
      .basename(file, '.json')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    return list
      .map((entry) => (typeof entry === 'string' ? entry : (entry.data ?? '')))
      .filter((html) => html !== '')
      .map((html, index) => ({ id: `${name}-${index + 1}`, group: name, html }));
  });
}

/** Every case, oldest first: case n is dated n minutes after the first, so `j` walks them backwards. */
export const CASES: HostileCase[] = [...PAYLOADS, ...extraVectors()];

/**
 * Articles that try to take the page over with the app's own classes: a fake "session expired"
 * dialog over everything, a fake photo viewer, a second sticky header, an invisible link laid
 * over the title. Their text stays; nothing of theirs may cover the header, the search box or
 * the title.
 */
export const TAKEOVER_CASES: { id: string; html: string }[] = [
  {
    id: 'takeover-modal',
    html: '<div class="modal-backdrop"><div class="modal" role="dialog"><h2 class="modal__title">登录已过期</h2><p><a class="button" href="https://evil.example/login">点此重新登录</a></p></div></div>',
  },
  {
    id: 'takeover-lightbox',
    html: '<div class="lightbox"><div class="lightbox__dialog"><a href="https://evil.example/login">点此查看大图</a></div></div>',
  },
  {
    id: 'takeover-header',
    html: '<header class="site-header"><div class="site-header__bar"><a class="site-header__name" href="https://evil.example/">新闻阅读</a></div></header>',
  },
  {
    id: 'takeover-card-title',
    html: '<h2 class="card__title"><a href="https://evil.example/">继续阅读</a></h2>',
  },
  {
    id: 'takeover-fixed-classes',
    html: '<div class="progress progress--active skip-link visually-hidden boot"><a href="https://evil.example/">覆盖</a></div>',
  },
];

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function dateOf(index: number): string {
  const at = new Date(Date.UTC(2024, 0, 1) + index * 60_000);
  return at.toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * Builds one article per case, with the payload in its body, photo caption, alt text, title,
 * author and category, into `dataDir` (the data folder the reader loads).
 */
export async function buildHostileData(root: string): Promise<string> {
  const content = path.join(root, 'content');
  fs.mkdirSync(content, { recursive: true });
  CASES.forEach(({ id, html }, index) => {
    const front = [
      '---',
      `title: ${JSON.stringify(`案例 ${id}：${html}`)}`,
      `author: ${JSON.stringify(html)}`,
      `categories: [恶意样本, ${JSON.stringify(html)}]`,
      `date: ${dateOf(index)}`,
      '---',
    ].join('\n');
    const body = [
      `<p>正文标记-${id}：这一段文字必须显示。</p>`,
      html,
      `<p style="text-align:center"><img src="/sample-photos/port-dawn.svg" data-bitmap="javascript:alert(1)" alt="${attribute(html)}"></p>`,
      `<p style="text-align:center">图说-${id}：${html}</p>`,
      `<p>结尾标记-${id}。</p>`,
    ].join('\n');
    fs.writeFileSync(path.join(content, `${id}.html`), `${front}\n${body}\n`);
  });
  TAKEOVER_CASES.forEach(({ id, html }, index) => {
    // Dated before every XSS case, so that walking those with `j` never reaches these.
    const front = `---\ntitle: 接管测试 ${id}\ndate: 2023-01-01 00:${String(index).padStart(2, '0')}:00\n---`;
    fs.writeFileSync(
      path.join(content, `${id}.html`),
      `${front}\n<p>正文开头-${id}。</p>\n${html}\n<p>正文结尾-${id}。</p>\n`,
    );
  });
  const dataDir = path.join(root, 'data');
  const report = await runPipeline({ inDir: content, outDir: dataDir });
  if (report.built !== CASES.length + TAKEOVER_CASES.length) {
    throw new Error(`the hostile corpus built ${report.built} of ${CASES.length + TAKEOVER_CASES.length} articles`);
  }
  return dataDir;
}
