/**
 * The article route is `article/:id/*`: what follows the id is empty (the article) or
 * `photo/N` (its N-th photo, from 1). One route for both means that opening, moving through
 * and closing the photo viewer only changes a parameter of the same route: no loader runs,
 * and the router commits the change at once (with flushSync), not in a later transition.
 *
 * Returns the photo's index (from 0), null for the article itself, or undefined for
 * anything else (`photo/0`, `photo/02`, `foo`), which is not found.
 */
export function photoIndexOf(rest: string | undefined): number | null | undefined {
  if (rest === undefined || rest === '') return null;
  const match = /^photo\/([1-9][0-9]{0,5})$/.exec(rest);
  return match ? Number(match[1]) - 1 : undefined;
}
