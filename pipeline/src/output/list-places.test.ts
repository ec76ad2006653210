import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CacheEntry } from '../cache/build-cache.ts';
import type { ListName } from '../cache/cache-columns.ts';
import { arrayOrder } from '../cache/entry-table.ts';
import { placesOfLists } from './list-places.ts';

const entry = (n: number, categories: string[], tags: string[]): CacheEntry => ({
  id: `a${n}`,
  mtimeMs: n,
  size: 1,
  hash: `h${n}`,
  warnings: [],
  listed: { id: `a${n}`, title: `${n}`, date: '2026-01-01T00:00:00.000Z', categories, tags },
});

const NAMES = ['要闻', '财经', '港口'];
const lists: ListName[] = [
  ...NAMES.map((name) => ({ field: 'categories' as const, name })),
  ...NAMES.map((name) => ({ field: 'tags' as const, name })),
];

describe('placesOfLists', () => {
  it("finds each list's size and the members its written files hold, reading no further down than they need", () => {
    fc.assert(
      fc.property(
        // Each article's categories and tags, as bits over NAMES.
        fc.array(fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 7 })), { maxLength: 120 }),
        fc.array(fc.tuple(fc.nat({ max: 6 }), fc.nat({ max: 6 })), { minLength: 7, maxLength: 7 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat({ max: 12 }),
        (bits, changes, editedAt, pageSize, stretch, below) => {
          const named = (mask: number) => NAMES.filter((_, k) => mask & (1 << k));
          const entries = bits.map(([c, t], n) => entry(n, named(c), named(t)));
          const order = arrayOrder(
            entries.map((_, n) => `a${n}.md`),
            entries,
          );
          const edited = entries.length > 0 ? editedAt.map((at) => at % entries.length) : [];
          // The list of all articles, then one per category and tag.
          const touched = changes.map(([added, removed], k) => ({
            holds: k > 0 ? lists[k - 1] : undefined,
            added,
            removed,
          }));
          let asked = 0;
          const counting = {
            ...order,
            placesIn: (asking: readonly ListName[], from?: number, to?: number) => {
              asked = Math.max(asked, to ?? order.length);
              return order.placesIn(asking, from, to);
            },
          };
          const found = placesOfLists(touched, counting, pageSize, edited, below, stretch);
          const askedFirst = asked;
          let deepestWanted = 0;
          touched.forEach(({ holds, added }, k) => {
            const truth = holds
              ? entries.flatMap((item, n) => (item.listed?.[holds.field].includes(holds.name) ? [n] : []))
              : entries.map((_, n) => n);
            const places = found[k];
            if (!places) throw new Error('a list without places');
            const total = truth.length;
            expect(places.length).toBe(total);
            // The head and those that came, and `below` more (where a stretch laid out again starts).
            const ends = [Math.min(total, Math.max(pageSize, added) + below)];
            for (const place of edited) {
              const index = truth.indexOf(place);
              expect(places.indexOf(place)).toBe(index);
              // Held or not (an article that joined or left the list where it is).
              const above = truth.filter((member) => member <= place).length;
              expect(places.olderThan(place)).toBe(total - above);
              ends.push(Math.min(total, above + below));
            }
            for (const end of ends) {
              if (holds && end > 0) deepestWanted = Math.max(deepestWanted, (truth[end - 1] as number) + 1);
              expect(places.slice(0, end)).toEqual(truth.slice(0, end));
            }
            // Past those, the order is read on.
            expect(places.slice(0)).toEqual(truth);
            if (total > 0) expect(places.at(total - 1)).toBe(truth.at(-1));
          });
          for (const place of edited) deepestWanted = Math.max(deepestWanted, place + 1);
          // Read in stretches doubling from `stretch`: the last began above the deepest member
          // wanted, so no further than twice that and one stretch more.
          expect(askedFirst).toBeLessThanOrEqual(Math.min(order.length, stretch + 2 * deepestWanted));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads the order on for members asked for past what it read', () => {
    const entries = Array.from({ length: 50 }, (_, n) => entry(n, n % 2 === 0 ? ['要闻'] : [], []));
    const order = arrayOrder(
      entries.map((_, n) => `a${n}.md`),
      entries,
    );
    const [places] = placesOfLists([{ holds: lists[0], added: 1 }], order, 4, [], 0, 2);
    expect(places?.length).toBe(25);
    expect(places?.slice(0, 4)).toEqual([0, 2, 4, 6]);
    expect(places?.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, n) => 2 * n));
    expect(places?.indexOf(48)).toBe(24);
    expect(places?.olderThan(47)).toBe(1);
    expect(() => places?.at(25)).toThrow(/of 25/);
  });
});
