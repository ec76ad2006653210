/** Past this many distinct lists or names, new ones are not remembered: sharing would cost more than it saves. */
const SHARED_LIMIT = 50_000;

/** Every empty list: like every shared list, never changed in place. */
const NO_NAMES: string[] = [];

/**
 * Gives equal lists of names (categories, tags) one array, and equal names one string: each
 * comes from its worker as copies of its own, and a million articles share a few thousand.
 */
export function sharedNames(): (names: string[]) => string[] {
  const lists = new Map<string, string[]>();
  const names = new Map<string, string>();
  const one = (name: string) => {
    const known = names.get(name);
    if (known !== undefined) return known;
    if (names.size < SHARED_LIMIT) names.set(name, name);
    return name;
  };
  return (list) => {
    // The empty list too: most articles have no tags, and an empty array each was 32 bytes.
    if (list.length === 0) return NO_NAMES;
    const key = list.join('\n');
    const known = lists.get(key);
    if (known) return known;
    const fresh = list.map(one);
    if (lists.size < SHARED_LIMIT) lists.set(key, fresh);
    return fresh;
  };
}
