import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../scripts/seeded-random.ts';

/**
 * A deterministic corpus of N synthetic articles, the same N always giving the same bytes, in
 * one of two shapes (BENCH_SHAPE):
 * - `mixed`: the three shapes we read, lighter than real news: the scraped HTML shape
 *   (centered image + caption paragraphs), Markdown, and <figure>; 0–5 photos;
 * - `seed`: the real input's shape at its full weight (../shared/seed): a blank line before the
 *   front matter, `headimg`/`thumbnail`, six centered photos with `data-bitmap` mirrors and the
 *   scraper's leftover attributes, captions ending in a credit, stock-code links in captions and
 *   text, long paragraphs: about 5.5 KB each. Our own words, in its shape.
 */

const PLACES = ['东港', '西江', '南湖', '北岭', '青山', '白沙', '金桥', '云海', '长河', '石城'];
const SUBJECTS = [
  '集装箱码头',
  '中欧班列',
  '滚装船',
  '光伏组件',
  '新能源汽车',
  '跨境电商',
  '稻田',
  '高铁站',
  '物流园',
  '数据中心',
];
const VERBS = ['持续增长', '再创新高', '平稳开局', '加快发展', '稳步推进', '亮点纷呈'];
const CATEGORIES = ['财经', '要闻', '科技', '产经', '汽车', '体育', '文化', '国际', '城市', '农业', '能源', '交通'];
export const BIG_CATEGORY = '头条';
const NAMES = ['林小川', '马 青', '周 林', '宋一帆', '赵六', '钱七', '孙 八', '李青'];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function sentence(rnd: () => number): string {
  return `${pick(rnd, PLACES)}${pick(rnd, SUBJECTS)}${pick(rnd, VERBS)}，今年前两个月进出口总值${(rnd() * 9 + 1).toFixed(1)}万亿元，同比增长${(rnd() * 20).toFixed(1)}%。`;
}

function paragraph(rnd: () => number): string {
  return Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => sentence(rnd)).join('');
}

function caption(rnd: () => number): string {
  return `${pick(rnd, PLACES)}的${pick(rnd, SUBJECTS)}一派繁忙景象。 ${pick(rnd, NAMES)}摄（影像中国）`;
}

function date(i: number): string {
  const base = Date.UTC(2020, 0, 1);
  return new Date(base + i * 37 * 60_000).toUTCString();
}

export type CorpusShape = 'mixed' | 'seed';

export function corpusShape(value = process.env.BENCH_SHAPE): CorpusShape {
  if (value === undefined || value === 'mixed') return 'mixed';
  if (value === 'seed') return 'seed';
  throw new Error(`BENCH_SHAPE must be "mixed" or "seed", not "${value}"`);
}

const STOCKS = [
  ['601008', '连云港'],
  ['600018', '上港集团'],
  ['601919', '中远海控'],
  ['002594', '比亚迪'],
  ['601012', '隆基绿能'],
  ['600900', '长江电力'],
] as const;

function stockLink(rnd: () => number): string {
  const [code, name] = pick(rnd, STOCKS);
  const market = code.startsWith('6') ? 'SS' : 'SZ';
  return `<a class="trsHotWords" style="color: #2f67d1;text-decoration: none;" target="_blank" href="https://info.example-quotes.cn/dc/stock/?stockcode=${market}${code}" code="${code}">${name}</a>`;
}

/** A long paragraph of a news report, with a stock link in about half of its sentences. */
function newsParagraph(rnd: () => number): string {
  return Array.from({ length: 4 + Math.floor(rnd() * 2) }, () => {
    const link = rnd() < 0.5 ? `，${stockLink(rnd)}等企业订单饱满` : '';
    return `${sentence(rnd).slice(0, -1)}${link}。`;
  }).join('');
}

function seedArticle(i: number, rnd: () => number): string {
  const categories = [pick(rnd, CATEGORIES), '合成新闻社', '要闻', ...(i % 4 === 0 ? [BIG_CATEGORY] : [])];
  const title = `${pick(rnd, SUBJECTS)}，${pick(rnd, VERBS)}动力足（第${i}期）`;
  const stamp = `2022${String(1 + (i % 12)).padStart(2, '0')}`;
  const photo = (k: number) => `https://img.example-news.cn/news/${stamp}/W0${i}${k}.jpeg`;
  const front = `\n---\ntitle: '${title}'\ncategories: \n${categories.map((c) => ` - ${c}`).join('\n')}\nheadimg: '${photo(0)}'\nauthor: 合成新闻社\ncomments: false\ndate: ${date(i)}\nthumbnail: '${photo(0)}'\n---\n\n`;
  let body = '<div>   \n';
  for (let k = 0; k < 6; k++) {
    body += `<p style="text-align:center"><img src="${photo(k)}" data-bitmap="https://mirror.example-cdn.cn/upload/image/${stamp}/${i}${k}.jpg" width="400" height="${200 + Math.floor(rnd() * 520)}" rmrbloaded="true" oldsrc="W0${i}${k}.jpeg" referrerpolicy="no-referrer"></p>`;
    const where = `${pick(rnd, PLACES)}${rnd() < 0.4 ? stockLink(rnd) : pick(rnd, SUBJECTS)}`;
    body += `<p style="text-align: center;">${where}一派繁忙景象，工人在生产线上忙碌。 ${pick(rnd, NAMES)}摄（影像中国）</p>`;
  }
  for (let k = 0; k < 3; k++) body += `<p style="text-align: left;">${newsParagraph(rnd)}</p>`;
  return `${front + body}\n</div>\n`;
}

export function generateArticle(i: number, shape: CorpusShape = 'mixed'): { name: string; content: string } {
  const rnd = seededRandom(i * 2654435761);
  if (shape === 'seed') return { name: `${String(i).padStart(6, '0')}_seed.txt`, content: seedArticle(i, rnd) };
  const form = i % 3;
  // Every fourth article is also 头条: one category of 5,000 articles at 20,000, for the paging bench.
  const categories = [pick(rnd, CATEGORIES), pick(rnd, CATEGORIES), ...(i % 4 === 0 ? [BIG_CATEGORY] : [])];
  const photos = form === 0 || rnd() > 0.2 ? 1 + Math.floor(rnd() * 5) : 0;
  const title = `${pick(rnd, PLACES)}${pick(rnd, SUBJECTS)}${pick(rnd, VERBS)}（第${i}期）`;
  const front = `\n---\ntitle: '${title}'\ncategories: \n${categories.map((c) => ` - ${c}`).join('\n')}\nauthor: 合成新闻社\ndate: ${date(i)}\n---\n\n`;
  const img = (k: number) => `https://img.example-news.cn/bench/${i}/${k}.jpeg`;
  let body = '';
  if (form === 0) {
    body = '<div>\n';
    for (let k = 0; k < photos; k++) {
      body += `<p style="text-align:center"><img src="${img(k)}" data-bitmap="https://mirror.example-cdn.cn/bench/${i}/${k}.jpg" width="400" height="${200 + Math.floor(rnd() * 500)}" referrerpolicy="no-referrer"></p><p style="text-align: center;">${caption(rnd)}</p>`;
    }
    for (let k = 0; k < 4; k++) body += `<p style="text-align: left;">${paragraph(rnd)}</p>`;
    body += '\n</div>\n';
  } else if (form === 1) {
    for (let k = 0; k < 4; k++) {
      body += `${paragraph(rnd)}\n\n`;
      if (k < photos) body += `![${pick(rnd, SUBJECTS)}](${img(k)})\n*${caption(rnd)}*\n\n`;
    }
    body += `## ${pick(rnd, VERBS)}\n\n${paragraph(rnd)}\n`;
  } else {
    for (let k = 0; k < 4; k++) {
      body += `<p>${paragraph(rnd)}</p>\n`;
      if (k < photos)
        body += `<figure><img src="${img(k)}" alt="${pick(rnd, SUBJECTS)}" width="800" height="533"><figcaption>${caption(rnd)}</figcaption></figure>\n`;
    }
  }
  const ext = form === 1 ? 'md' : form === 0 ? 'txt' : 'html';
  return { name: `${String(i).padStart(6, '0')}_bench.${ext}`, content: front + body };
}

/**
 * An article filed late into a corpus of `count`: dated between the `depth`th newest article and
 * the one after it, so that `depth` newer ones stand above it. Its name is no corpus article's.
 */
export function lateArticle(
  count: number,
  depth: number,
  shape: CorpusShape = 'mixed',
): { name: string; content: string } {
  const { name, content } = generateArticle(count + 1 + depth, shape);
  const newest = count - 1;
  const when = new Date(Date.parse(date(newest - depth + 1)) - 18 * 60_000).toUTCString();
  return { name: `late-${name}`, content: content.replace(/^date: .*$/m, `date: ${when}`) };
}

export function generateCorpus(dir: string, count: number, shape: CorpusShape = 'mixed'): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const { name, content } = generateArticle(i, shape);
    const folder = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'bench/.corpus', count = '20000', shape] = process.argv.slice(2);
  generateCorpus(dir, Number(count), corpusShape(shape));
  console.log(`wrote ${count} articles to ${dir}`);
}
