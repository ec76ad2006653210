import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processBody } from './process-body.ts';
import { renderBody } from './render-body.ts';
import { splitFrontMatter } from '../read/split-front-matter.ts';

const NO_CONTEXT = { asset: () => undefined, warnings: new Set<string>() };
const seedShape = fs.readFileSync(new URL('../fixtures/seed-shape.txt', import.meta.url), 'utf8');

describe('extractPhotos on the scraped shape (centered image paragraph + centered caption)', () => {
  const { body } = splitFrontMatter(seedShape);
  const result = processBody(body);

  it('lifts every photo, in order, with caption, credit, mirror and size', () => {
    expect(result.photos).toHaveLength(3);
    expect(result.photos[0]).toEqual({
      src: 'https://img.example-news.cn/news/202404/W0001.jpeg',
      fallbackSrc: 'https://mirror.example-cdn.cn/upload/202404/0001.jpg',
      width: 400,
      height: 249,
      alt: '夜幕下的东港集装箱码头灯火通明。',
      caption: '夜幕下的东港集装箱码头灯火通明。',
      credit: '林小川摄（城市影像）',
      anchor: 0,
    });
    expect(result.photos[1]).toMatchObject({
      src: 'https://img.example-news.cn/news/202404/W0002.jpeg',
      caption: '桥吊司机在高空驾驶室里操作。',
      credit: '马 青摄（城市影像）',
    });
    expect(result.photos[2]).toMatchObject({
      width: 520,
      height: 447,
      caption: '一列海铁联运班列驶出港区。',
      credit: '周 林 宋一帆摄影报道 数据来源：东港集团',
    });
  });

  it('flattens the stock link inside a caption to its text', () => {
    expect(result.photos[0]?.caption).not.toContain('<');
    expect(result.photos[0]?.caption).toContain('东港');
  });

  it('removes the photos and their captions from the body, keeping the text', () => {
    expect(result.html).not.toContain('<img');
    expect(result.html).not.toContain('林小川');
    expect(result.html).not.toContain('驶出港区');
    expect(result.html).toContain('今年一季度');
    expect(result.html).toContain('<p>今年一季度');
    expect(result.html).not.toContain('style=');
    expect(result.text).toMatch(/^今年一季度.*六个小时。$/);
  });

  it('anchors each photo at the text that stood before it', () => {
    const firstParagraph = '今年一季度，东港完成集装箱吞吐量一百二十万标准箱，同比增长百分之九。'.length;
    expect(result.photos.map((photo) => photo.anchor)).toEqual([0, 0, firstParagraph]);
    expect(result.textLength).toBe(result.text.replace(/\s/g, '').length);
  });
});

describe('extractPhotos on other shapes', () => {
  it('reads <figure> with <figcaption>', () => {
    const { photos, html } = processBody(
      '<p>导语。</p><figure><img src="https://a.cn/1.jpg" alt="桥"><figcaption>跨江大桥合龙。 <b>赵六</b>摄</figcaption></figure><p>正文。</p>',
    );
    expect(photos).toEqual([
      { src: 'https://a.cn/1.jpg', alt: '桥', caption: '跨江大桥合龙。', credit: '赵六摄', anchor: 3 },
    ]);
    expect(html).toBe('<p>导语。</p><p>正文。</p>');
  });

  it('reads a Markdown image with an emphasized caption line below it', () => {
    const { html } = renderBody(
      '导语。\n\n![山间梯田](/sample-photos/terrace.svg "梯田")\n*云雾中的梯田。 钱七摄*\n\n正文继续。\n',
      NO_CONTEXT,
    );
    const result = processBody(html);
    expect(result.photos).toEqual([
      { src: '/sample-photos/terrace.svg', alt: '山间梯田', caption: '云雾中的梯田。', credit: '钱七摄', anchor: 3 },
    ]);
    expect(result.html).not.toContain('梯田');
    expect(result.html).toContain('正文继续');
  });

  it('reads a Markdown caption in its own paragraph', () => {
    const { html } = renderBody('![a](https://a.cn/1.jpg)\n\n_雪后的古城墙。_\n\n正文。', NO_CONTEXT);
    expect(processBody(html).photos[0]).toMatchObject({ caption: '雪后的古城墙。', alt: 'a' });
  });

  it('falls back to the title, then the alt', () => {
    const { photos } = processBody(
      '<p><img src="https://a.cn/1.jpg" title="标题说明" alt="替代文字"></p><p><img src="https://a.cn/2.jpg" alt="只有替代文字"></p>',
    );
    expect(photos.map((photo) => [photo.caption, photo.alt])).toEqual([
      ['标题说明', '替代文字'],
      ['只有替代文字', '只有替代文字'],
    ]);
  });

  it('does not take a left-aligned text paragraph as the caption of a centered photo', () => {
    const { photos, html } = processBody(
      '<p style="text-align:center"><img src="https://a.cn/1.jpg"></p><p style="text-align: left;">正文第一段。</p>',
    );
    expect(photos[0]?.caption).toBe('');
    expect(html).toContain('正文第一段');
  });

  it('lifts an image standing inside a text paragraph, keeping the text', () => {
    const { photos, html } = processBody('<p>前文<img src="https://a.cn/1.jpg" alt="图">后文</p>');
    expect(photos).toHaveLength(1);
    expect(html).toBe('<p>前文后文</p>');
  });

  it('takes the mirror from data-src or srcset, and the source from data-src when src is missing', () => {
    const { photos } = processBody(
      '<p><img src="https://a.cn/1.jpg" srcset="https://a.cn/1-400.jpg 400w, https://a.cn/1-1200.jpg 1200w"></p>' +
        '<p><img data-src="https://a.cn/2.jpg"></p>',
    );
    expect(photos[0]?.fallbackSrc).toBe('https://a.cn/1-1200.jpg');
    expect(photos[1]?.src).toBe('https://a.cn/2.jpg');
  });

  it('drops a photo whose URL is not http(s), with a warning', () => {
    const result = processBody(
      '<p><img src="javascript:alert(1)"></p><p><img src="https://a.cn/ok.jpg" data-bitmap="javascript:x"></p>',
    );
    expect(result.photos).toEqual([{ src: 'https://a.cn/ok.jpg', alt: '', caption: '', anchor: 0 }]);
    expect(result.warnings).toEqual(['photo dropped: "javascript:alert(1)" is not an http(s) URL']);
  });

  it('groups several images in one paragraph under one caption', () => {
    const { photos } = processBody(
      '<p align="center"><img src="https://a.cn/1.jpg"><img src="https://a.cn/2.jpg"></p><p align="center">左右对比。</p>',
    );
    expect(photos.map((photo) => photo.caption)).toEqual(['左右对比。', '左右对比。']);
  });

  it('ignores sizes that are not whole pixels', () => {
    const { photos } = processBody('<p><img src="https://a.cn/1.jpg" width="100%" height="300"></p>');
    expect(photos[0]).not.toHaveProperty('width');
  });

  it('walks deep trees without recursion', () => {
    // parseArticleFile refuses far deeper files before they get here (nesting-depth.ts).
    const deep = `${'<div>'.repeat(1900)}<img src="https://a.cn/1.jpg">文字${'</div>'.repeat(1900)}`;
    expect(processBody(deep).photos).toHaveLength(1);
  });
});

describe('plain text of the body', () => {
  it('joins Chinese paragraphs without a space and keeps one between Latin words', () => {
    expect(processBody('<p>第一段。</p>\n<p>第二段。</p>').text).toBe('第一段。第二段。');
    expect(processBody('<p>First.</p><p>Second.</p>').text).toBe('First. Second.');
    expect(processBody('<p>码头灯火通明。 林小川摄</p>').text).toBe('码头灯火通明。 林小川摄');
  });
});
