import { describe, expect, it } from 'vitest';
import {
  articleIdOf,
  articlesToKeep,
  articleUrl,
  PHOTO_LIMIT,
  photosOf,
  planKeep,
  readRequest,
  RECENT_BUDGET,
} from './offline-plan.ts';

const scope = 'https://news.example.cn/news/';
const ids = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('articlesToKeep', () => {
  it('keeps every saved article and the newest opened up to the budget, the oldest left out', () => {
    const keep = articlesToKeep({ saved: ['s1', 's2'], recent: ids(RECENT_BUDGET + 10) });
    expect(keep.slice(0, 2)).toEqual(['s1', 's2']);
    expect(keep).toHaveLength(2 + RECENT_BUDGET);
    expect(keep).toContain(`a${RECENT_BUDGET - 1}`);
    expect(keep).not.toContain(`a${RECENT_BUDGET}`);
  });

  it('counts a saved article once, outside the budget of opened ones', () => {
    const keep = articlesToKeep({ saved: ['a0'], recent: ids(RECENT_BUDGET + 1) });
    expect(keep).toHaveLength(RECENT_BUDGET + 1);
    expect(keep).toContain(`a${RECENT_BUDGET}`);
  });

  it('drops anything that is not an article id', () => {
    expect(articlesToKeep({ saved: ['../x', '', 'ok'], recent: ['a/b', 'fine'] })).toEqual(['ok', 'fine']);
  });
});

describe('readRequest', () => {
  it('reads keep and update requests, and nothing else', () => {
    expect(readRequest({ type: 'update' })).toEqual({ type: 'update' });
    expect(readRequest({ type: 'keep', saved: ['a', 3], recent: [] })).toEqual({
      type: 'keep',
      saved: ['a'],
      recent: [],
    });
    expect(readRequest({ type: 'keep', saved: 'a', recent: [] })).toBeUndefined();
    expect(readRequest({ type: 'other' })).toBeUndefined();
    expect(readRequest(null)).toBeUndefined();
    expect(readRequest('keep')).toBeUndefined();
  });
});

describe('article URLs', () => {
  it('are the app’s data URLs under the scope, read back to their id', () => {
    const url = articleUrl(scope, '港口夜色');
    expect(url).toBe('https://news.example.cn/news/data/articles/%E6%B8%AF%E5%8F%A3%E5%A4%9C%E8%89%B2.json');
    expect(articleIdOf(scope, url)).toBe('港口夜色');
  });

  it('are no other data file, nor a file outside the scope', () => {
    expect(articleIdOf(scope, 'https://news.example.cn/news/data/lists/all/head.json')).toBeUndefined();
    expect(articleIdOf(scope, 'https://news.example.cn/data/articles/a.json')).toBeUndefined();
    expect(articleIdOf(scope, 'https://news.example.cn/news/data/articles/%E0.json')).toBeUndefined();
    expect(articleIdOf(scope, 'https://news.example.cn/news/data/articles/a%2Fb.json')).toBeUndefined();
  });
});

describe('photosOf', () => {
  it('lists the cover and each photo once, with its mirror, resolved as the app resolves them', () => {
    const article = {
      cover: 'https://img.example.com/1.jpg',
      coverFallback: 'https://mirror.example.com/1.jpg',
      photos: [
        { src: 'https://img.example.com/1.jpg', fallbackSrc: 'https://mirror.example.com/1.jpg' },
        { src: '/sample-photos/2.svg' },
        { src: 'javascript:alert(1)' },
        { src: 'data:image/png;base64,AAAA' },
        { src: 42 },
      ],
    };
    expect(photosOf(scope, article)).toEqual([
      { src: 'https://img.example.com/1.jpg', fallback: 'https://mirror.example.com/1.jpg' },
      { src: 'https://news.example.cn/news/sample-photos/2.svg' },
    ]);
  });

  it('keeps at most PHOTO_LIMIT photos, and reads anything without failing', () => {
    const photos = ids(PHOTO_LIMIT + 5).map((id) => ({ src: `https://img.example.com/${id}.jpg` }));
    expect(photosOf(scope, { photos })).toHaveLength(PHOTO_LIMIT);
    for (const value of [null, 'x', [], { photos: 'x' }, { photos: [null, 1] }])
      expect(photosOf(scope, value)).toEqual([]);
  });
});

describe('planKeep', () => {
  it('fetches what is new, and lets go of what is no longer wanted with the photos no other kept article shows', () => {
    const index = new Map([
      ['old', ['https://img/1', 'https://img/shared']],
      ['stays', ['https://img/shared', 'https://img/2']],
    ]);
    expect(planKeep(index, ['stays', 'new'])).toEqual({ fetch: ['new'], drop: ['old'], dropPhotos: ['https://img/1'] });
  });

  it('takes `__proto__` for an id like any other', () => {
    expect(planKeep(new Map(), ['__proto__']).fetch).toEqual(['__proto__']);
    expect(planKeep(new Map([['__proto__', []]]), []).drop).toEqual(['__proto__']);
  });
});
