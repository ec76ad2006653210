import { describe, expect, it } from 'vitest';
import type { CacheEntry, LoadedCache } from '../cache/build-cache.ts';
import { previousOrder } from './previous-order.ts';

/** A cache of articles a (newest) … e, each naming its neighbours as a build wrote them. */
function cacheOf(overrides: Record<string, Partial<CacheEntry>> = {}): LoadedCache {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const entries: Record<string, CacheEntry> = {};
  ids.forEach((id, n) => {
    entries[`${id}.md`] = {
      id,
      mtimeMs: 1,
      size: 1,
      hash: id,
      warnings: [],
      listed: { id, title: id, date: `2024-01-0${9 - n}T00:00:00.000Z`, categories: [], tags: [] },
      neighbours: [ids[n - 1] ?? '', ids[n + 1] ?? ''],
      ...overrides[id],
    };
  });
  const files = new Map(Object.values(entries).map((entry) => [entry.id, `${entry.id}.md`]));
  return {
    timeZone: 'UTC',
    buildId: 'x',
    entries,
    ids: new Map([...files].map(([id, file]) => [file, id])),
    files,
    postAssets: false,
    log: { base: 'x', snapshotBytes: 1, logBytes: 0, clean: true },
  };
}

describe('previousOrder', () => {
  it('follows the neighbour links from the newest article to the oldest', () => {
    expect(previousOrder(cacheOf(), false)?.files).toEqual(['a.md', 'b.md', 'c.md', 'd.md', 'e.md']);
  });

  it('trusts no chain that skips an article, goes back in time or has two heads', () => {
    expect(previousOrder(cacheOf({ b: { neighbours: ['a', 'd'] } }), false)).toBeUndefined();
    expect(
      previousOrder(
        cacheOf({ c: { listed: { id: 'c', title: 'c', date: '2024-01-09T00:00:00.000Z', categories: [], tags: [] } } }),
        false,
      ),
    ).toBeUndefined();
    expect(previousOrder(cacheOf({ d: { neighbours: ['', 'e'] } }), false)).toBeUndefined();
    expect(previousOrder(cacheOf({ e: { neighbours: ['d', 'a'] } }), false)).toBeUndefined();
  });

  it('counts drafts only when they are published, as the build that linked them did', () => {
    const withDraft = cacheOf({ c: { draft: true } });
    // Linked through c: the previous build published drafts; this one does not.
    expect(previousOrder(withDraft, false)).toBeUndefined();
    expect(previousOrder(withDraft, true)?.files).toHaveLength(5);
  });
});
