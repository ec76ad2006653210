// What counts as read, and how many of a list are not (decision 0020). These load with the
// store (reading-store.ts puts them on the state it reads), never with the home route's script.

interface Dated {
  categories: string[];
  date: string;
}
interface Mark {
  list: string;
  upTo: string;
  cleared: Record<string, number>;
}
interface Remembered {
  records: ReadonlyMap<string, Dated & { readAt?: number }>;
  marks: readonly Mark[];
}

/** Whether an article is in a list: every one is in all articles (''), else in its categories. */
export const inList = (article: Dated, list: string) => !list || article.categories.includes(list);

/**
 * Whether a 全部标为已读 covers the article: in its list, and no newer than its newest then (dates
 * are the contract's ISO 8601 in UTC, which order as text).
 */
export const coveredBy = (mark: Mark, article: Dated) => inList(article, mark.list) && article.date <= mark.upTo;

/** Read: opened, or covered by a 全部标为已读. */
export const isRead = (reading: Remembered, article: Dated & { id: string }) =>
  reading.records.get(article.id)?.readAt !== undefined || reading.marks.some((mark) => coveredBy(mark, article));

/** The marks that changed `list` (its name in their `cleared`; an own key: a category may be named `toString`). */
export const marksOn = <M extends Mark>(marks: readonly M[], list: string) =>
  marks.filter((mark) => Object.hasOwn(mark.cleared, list));

/**
 * How many of a list's `count` articles (the manifest's, for this build; `list` a category's name,
 * '' for all) the reader has not read: `count` less those the marks on it made read (`cleared`)
 * and the opened ones no mark on it covers. Decision 0020 says where this is exact and where not.
 * For every list at once, in one pass over the records (the navigation asks each category on
 * every render): the read are counted on the first ask, then answered from.
 */
export function unreadCounter(reading: Remembered): (count: number, list?: string) => number {
  let read: Map<string, number> | undefined;
  const countRead = () => {
    const counts = new Map<string, number>();
    const marksOf = new Map<string, Mark[]>();
    const on = (list: string) => {
      let marks = marksOf.get(list);
      if (!marks) marksOf.set(list, (marks = marksOn(reading.marks, list)));
      return marks;
    };
    const add = (list: string, n: number) => counts.set(list, (counts.get(list) ?? 0) + n);
    for (const mark of reading.marks) for (const [list, n] of Object.entries(mark.cleared)) add(list, n);
    for (const record of reading.records.values()) {
      if (record.readAt === undefined) continue;
      for (const list of new Set(['', ...record.categories]))
        if (!on(list).some((mark) => coveredBy(mark, record))) add(list, 1);
    }
    return counts;
  };
  return (count, list = '') => Math.max(0, count - ((read ??= countRead()).get(list) ?? 0));
}
