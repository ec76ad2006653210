import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../testing/encode-gbk.ts';
import { type ParseInput, type ParseResult, parseArticleFile } from './parse-article-file.ts';

// One fixture of our own per rule of Hexo's reading (issue 13), through the whole parse of a file.

const ZONE = 'Asia/Shanghai';
const MTIME = Date.parse('2023-06-01T08:00:00Z');

function parse(source: string | Uint8Array, input: Partial<ParseInput> = {}): ParseResult {
  return parseArticleFile({
    id: 'post',
    source: typeof source === 'string' ? new TextEncoder().encode(source) : source,
    relative: 'post.md',
    mtimeMs: MTIME,
    timeZone: ZONE,
    ...input,
  });
}

function built(source: string | Uint8Array, input: Partial<ParseInput> = {}) {
  const result = parse(source, input);
  if (!result.ok) throw new Error(`not built: ${result.error}`);
  return result;
}

const post = (front: string, body = '正文。') => `---\n${front}\n---\n${body}\n`;

describe('front matter as Hexo reads it', () => {
  it.each([
    ['with the opening ---', '---\ntitle: 标题\ntags: [a]\n---\n正文'],
    ['without the opening ---', 'title: 标题\ntags: [a]\n---\n正文'],
    ['with a longer fence', '------\ntitle: 标题\ntags: [a]\n------\n正文'],
    ['as ;;; JSON', ';;;\n"title": "标题", "tags": ["a"]\n;;;\n正文'],
    ['as JSON without the opening ;;;', '"title": "标题", "tags": ["a"]\n;;;\n正文'],
    ['indented with tabs', '---\ntitle: 标题\ntags:\n\t- a\n---\n正文'],
  ])('reads front matter %s', (_, source) => {
    const { article } = built(source);
    expect(article.title).toBe('标题');
    expect(article.tags).toEqual(['a']);
    expect(article.html).toContain('正文');
    expect(article.html).not.toContain('title');
  });

  it('ignores an optional field of the wrong type with a warning, and still builds the post', () => {
    const { article, warnings } = built(post('title: 标题\ncover: false\ntags: [1, 二]\nauthor: [x]'));
    expect(article.title).toBe('标题');
    expect(article.cover).toBeUndefined();
    expect(article.tags).toEqual(['1', '二']);
    expect(article.author).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/author ignored/);
    expect(warnings.join('\n')).toMatch(/cover ignored/);
  });

  it('reads the category, tag and photo aliases', () => {
    const { article } = built(
      post('title: 标题\ncategory: 要闻\ntag: [甲, 乙]\nphoto:\n  - https://img.example.cn/a.jpg'),
    );
    expect(article.categories).toEqual(['要闻']);
    expect(article.tags).toEqual(['甲', '乙']);
    expect(article.photos.map((photo) => photo.src)).toEqual(['https://img.example.cn/a.jpg']);
  });

  it('marks published: false and files under _drafts as drafts', () => {
    expect(built(post('title: 草稿\npublished: false')).draft).toBe(true);
    expect(built(post('title: 草稿'), { relative: 'source/_drafts/a.md' }).draft).toBe(true);
    expect(built(post('title: 正式\npublished: true')).draft).toBe(false);
  });

  it("takes the body's first heading when there is no title, else skips with a clear message", () => {
    const { article, warnings } = built('## 标题来自正文\n\n第一段。');
    expect(article.title).toBe('标题来自正文');
    expect(warnings).toContain('no title: using the first heading');
    expect(parse(post('date: 2024-01-01', '只有正文。'))).toEqual({
      ok: false,
      error: 'missing title: no "title:" in the front matter and no heading in the body',
    });
  });
});

describe('dates as Hexo reads them', () => {
  it.each([
    ['Apr 24 2014', '2014-04-23T16:00:00.000Z'],
    ['2014/4/24 9:05', '2014-04-24T01:05:00.000Z'],
    ['2011-4-5 14:19:19', '2011-04-05T06:19:19.000Z'],
    ['2014.04.24', '2014-04-23T16:00:00.000Z'],
    ['2014年4月24日 9:05', '2014-04-24T01:05:00.000Z'],
    ['24 April 2014 9:05 pm', '2014-04-24T13:05:00.000Z'],
    ['2025-01-01T12:00:00+08:00', '2025-01-01T04:00:00.000Z'],
  ])('reads date: %s', (written, iso) => {
    expect(built(post(`title: x\ndate: ${written}`)).article.date).toBe(iso);
  });

  it('takes the date in the file name when there is none, else the file time, with a warning', () => {
    const named = built(post('title: x'), { relative: 'posts/2019-10-14-hexo-4-released.md' });
    expect(named.article.date).toBe('2019-10-13T16:00:00.000Z');
    expect(named.warnings).toEqual([]);
    const unnamed = built(post('title: x'));
    expect(unnamed.article.date).toBe(new Date(MTIME).toISOString());
    expect(unnamed.warnings).toContain('no date: using the file modification time');
  });

  it('falls back the same way on an unreadable date, and ignores an unreadable updated', () => {
    const { article, warnings } = built(post('title: x\ndate: 昨天下午\nupdated: isfat'), {
      relative: '2020-02-02-x.md',
    });
    expect(article.date).toBe('2020-02-01T16:00:00.000Z');
    expect(article.updated).toBeUndefined();
    expect(warnings).toEqual([
      'unreadable date: "昨天下午": using the date in the file name',
      'updated ignored: unreadable date: "isfat"',
    ]);
  });

  it('keeps updated when it differs from the date', () => {
    const { article } = built(post('title: x\ndate: 2014-04-24\nupdated: May 5 2015'));
    expect(article.updated).toBe('2015-05-04T16:00:00.000Z');
  });
});

describe('tag plugins, rendered to HTML that both sanitizers keep', () => {
  const html = (body: string) => built(post('title: x', body)).article.html;

  it('renders a codeblock with its language and caption, keeping indentation and blank lines', () => {
    const out = html(
      '{% codeblock 示例 lang:python %}\ndef f():\n    return 1\n\n\n    # still code\n{% endcodeblock %}',
    );
    expect(out).toContain('<div class="c-code-caption"><span>Python</span> <span>示例</span></div>');
    expect(out).toMatch(/<pre><code[^>]*>[\s\S]*def[\s\S]*\n {4}<span class="c-hl-keyword">return<\/span>/);
    expect(out).toContain('\n\n\n    <span class="c-hl-comment"># still code</span>');
    expect(out).not.toMatch(/<p>/);
  });

  it('renders blockquote, pullquote and raw, and keeps what is in them', () => {
    const out = html(
      '{% blockquote 鲁迅, 《故乡》 %}\n希望本是无所谓有的。\n{% endblockquote %}\n\n{% pullquote left %}\n引言\n{% endpullquote %}\n\n{% raw %}<b>原样</b>{% endraw %}',
    );
    expect(out).toMatch(
      /<blockquote><p>希望本是无所谓有的。<\/p>\n?<footer><strong>鲁迅<\/strong> <cite>《故乡》<\/cite>/,
    );
    expect(out).toMatch(/<blockquote class="c-pullquote">\s*<p>引言<\/p>/);
    expect(out).toContain('<b>原样</b>');
  });

  it('renders img, link and post_link', () => {
    const out = html(
      '{% img https://img.example.cn/a.jpg 200 100 "说明 文字" %}\n\n{% link 新华网 https://www.news.cn %}\n\n{% post_link other-post 另一篇 %}',
    );
    expect(out).toContain('<a href="https://www.news.cn">新华网</a>');
    expect(out).toContain('<a href="/article/other-post">另一篇</a>');
    const { article } = built(post('title: x', '{% img https://img.example.cn/a.jpg 200 100 "说明 文字" %}'));
    expect(article.photos[0]).toMatchObject({ src: 'https://img.example.cn/a.jpg', width: 200, height: 100 });
  });

  it('turns iframe, youtube and vimeo into link cards', () => {
    const out = html(
      '{% youtube TIbZDRXM-Tg %}\n\n{% vimeo 82090131 %}\n\n{% iframe https://player.example.com/x 600 400 %}',
    );
    expect(out).toContain('href="https://www.youtube.com/watch?v=TIbZDRXM-Tg"');
    expect(out).toContain('href="https://vimeo.com/82090131"');
    expect(out).toContain('href="https://player.example.com/x"');
    expect(out.match(/class="c-media-card"/g)).toHaveLength(3);
  });

  it('renders the NexT and Butterfly note, tabs, label, btn and gallery tags', () => {
    const { article } = built(
      post(
        'title: x',
        [
          '{% note warning %}\n注意**安全**\n{% endnote %}',
          '{% tabs 选项 %}\n<!-- tab 第一 -->\n甲\n<!-- endtab -->\n<!-- tab 第二 -->\n乙\n<!-- endtab -->\n{% endtabs %}',
          '文字 {% label warning@标签 %}',
          '{% btn https://example.com, 按钮 %}',
          '{% gallery %}\n![一](https://img.example.cn/1.jpg)\n![二](https://img.example.cn/2.jpg)\n{% endgallery %}',
        ].join('\n\n'),
      ),
    );
    expect(article.html).toMatch(/<div class="c-note c-note-warning">\s*<p>注意<strong>安全<\/strong><\/p>/);
    expect(article.html).toMatch(
      /<div class="c-tabs"><section class="c-tab"><h3>第一<\/h3><p>甲<\/p>\s*<\/section><section class="c-tab"><h3>第二<\/h3><p>乙/,
    );
    expect(article.html).toContain('<mark class="c-label c-label-warning">标签</mark>');
    expect(article.html).toMatch(/<a class="c-button" href="https:\/\/example.com\/?">按钮<\/a>/);
    expect(article.photos.map((photo) => photo.alt)).toEqual(['一', '二']);
  });

  it('keeps the inner text of an unknown tag with a warning, and leaves no tag syntax outside code', () => {
    const { article, warnings } = built(
      post('title: x', '{% fancybox %}里面的字{% endfancybox %}\n\n{% mystery a b %}\n\n`{% kept in code %}`'),
    );
    expect(article.html).toContain('里面的字');
    expect(article.html).not.toMatch(/\{%\s*(fancybox|mystery|endfancybox)/);
    expect(article.html).toContain('<code>{% kept in code %}</code>');
    expect(warnings).toContain('unknown tag plugin {% fancybox %}: its content was kept');
    expect(warnings).toContain('unknown tag plugin {% mystery %}: left out');
    // Inline code keeps what the author wrote; the text around it does not hold tag syntax.
    expect(article.excerpt).toBe('里面的字 {% kept in code %}');
  });
});

describe('Markdown as hexo-renderer-marked renders it', () => {
  const html = (body: string) => built(post('title: x', body)).article.html;

  it('keeps single line breaks (breaks: true)', () => {
    expect(html('第一行\n第二行\n第三行')).toMatch(/第一行<br>\s*第二行<br>\s*第三行/);
  });

  it('renders GFM tables and strikethrough, and gives headings ids', () => {
    const out = html('## 小 标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删除~~');
    expect(out).toContain('<h2 id="c-h-小-标题">小 标题</h2>');
    expect(out).toMatch(/<table>[\s\S]*<td>1<\/td>/);
    expect(out).toContain('<del>删除</del>');
  });

  it('keeps math as text in its own element, never a heading', () => {
    const out = html('公式：\n\n$$\nE = mc^2\n$$\n\n行内 $a^2$ 与 \\[x\\]');
    expect(out).not.toMatch(/<h\d/);
    expect(out).toContain('<div class="c-math c-math-display">E = mc^2</div>');
    expect(out).toContain('<span class="c-math">a^2</span>');
    expect(out).toContain('<div class="c-math c-math-display">x</div>');
  });
});

describe('captions', () => {
  it('takes a figcaption after a Markdown image or inside a figure', () => {
    const { article } = built(
      post(
        'title: x',
        '![01.jpg](https://img.example.cn/01.jpg)\n<figcaption>码头夜景 林小川摄</figcaption>\n\n<figure><img src="https://img.example.cn/02.jpg"><figcaption>第二张</figcaption></figure>',
      ),
    );
    expect(article.photos.map((photo) => photo.caption)).toEqual(['码头夜景', '第二张']);
    expect(article.photos[0]?.credit).toBe('林小川摄');
    expect(article.html).not.toContain('figcaption');
  });

  it.each([
    '01.jpg',
    'image.png',
    'dafb8fc893c04a9bb5e7a5f2',
    'https://img.example.cn/x.jpg',
    'image',
    '图片',
    '这里写图片描述',
    '在这里插入图片描述',
  ])('gives no caption for %j', (text) => {
    const { article } = built(post('title: x', `![${text}](https://img.example.cn/a.jpg)`));
    expect(article.photos[0]?.caption).toBe('');
    expect(article.photos[0]?.alt).toBe('');
  });
});

describe('video, audio and iframes', () => {
  it('become link cards that open the original, never dropped silently', () => {
    const { article } = built(
      post(
        'title: x',
        '<video src="https://media.example.cn/a.mp4" title="发布会"></video>\n<audio><source src="https://media.example.cn/b.mp3"></audio>\n<iframe src="//player.bilibili.com/player.html?bvid=BV1xx"></iframe>',
      ),
    );
    expect(article.html).toMatch(/<a href="https:\/\/media.example.cn\/a.mp4"><b>视频<\/b> <span>发布会<\/span>/);
    expect(article.html).toMatch(/<a href="https:\/\/media.example.cn\/b.mp3"><b>音频<\/b>/);
    expect(article.html).toMatch(/href="https:\/\/www.bilibili.com\/video\/BV1xx"/);
    expect(article.html).not.toMatch(/<(video|audio|iframe)/);
  });
});

describe('excerpts', () => {
  it('is the text before <!-- more -->', () => {
    const { article } = built(post('title: x', '导语一句。\n\n<!-- more -->\n\n后文不进摘要。'));
    expect(article.excerpt).toBe('导语一句。');
  });

  it('else description or excerpt from the front matter', () => {
    expect(built(post('title: x\ndescription: 摘要写在这里', '正文。')).article.excerpt).toBe('摘要写在这里');
    expect(built(post('title: x\nexcerpt: 另一种写法', '正文。')).article.excerpt).toBe('另一种写法');
  });

  it('else the first paragraphs, without headings, code or captions, one block never running into the next', () => {
    const { article } = built(
      post(
        'title: x',
        '## 袁隆平\n\n```css\n.a { color: red }\n```\n\n![](https://img.example.cn/a.jpg)\n<figcaption>图注</figcaption>\n\n十多年前的一天。\n\n- 第一项\n- 第二项',
      ),
    );
    expect(article.excerpt).toBe('十多年前的一天。第一项 第二项');
  });
});

describe('encodings', () => {
  it('reads UTF-16 with a byte-order mark', () => {
    const text = post('title: 十六位', '正文。');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(built(le).article.title).toBe('十六位');
  });

  it('reads GBK text with a warning naming the encoding', () => {
    const { article, warnings } = built(encodeGbk(post('title: 旧档案', '二零一二年的新闻稿，用国标码保存。')));
    expect(article.title).toBe('旧档案');
    expect(warnings.join('\n')).toMatch(/GB18030/);
  });

  it('reads CR-only line ends', () => {
    expect(built(post('title: 老式换行', '正文。').replaceAll('\n', '\r')).article.title).toBe('老式换行');
  });

  it('names the real problem of a file it cannot read', () => {
    expect(parse(Buffer.from('---\ntitle: caf\xe9 au lait, s\xfbr\n---\n', 'latin1'))).toEqual({
      ok: false,
      error: expect.stringMatching(/^not UTF-8 text: byte 0xe9 at offset 14/) as string,
    });
    expect(parse(Buffer.from('PK\u0003\u0004\u0000\u0000rest', 'latin1'))).toEqual({
      ok: false,
      error: expect.stringMatching(/^not an article: this is a ZIP archive/) as string,
    });
  });
});
