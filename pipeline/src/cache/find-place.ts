/**
 * Where a value is among `count` in ascending order, by halving: `compare(place)` says how the
 * value at `place` stands to the one sought (below 0 before it, 0 the same, above 0 after it).
 * When it is not there: -(the place it would go) - 1.
 */
export function findPlace(count: number, compare: (place: number) => number): number {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = compare(middle);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -low - 1;
}
