/**
 * Whether an append-only store of `bytes`, of which the saving build uses `live`, should be
 * written anew as a new generation: when dead records outweigh live ones (and pass a megabyte).
 */
export const dueRewrite = (bytes: number, live: number): boolean => bytes > 2 * live + (1 << 20);

/**
 * The live bytes of a store after records of `fresh` bytes replace records of `freed` bytes;
 * undefined when it does not know its live bytes (a state saved before it counted them) or is
 * then due a rewrite: a whole save follows.
 */
export function liveAfterReplacing(
  state: { bytes: number; live?: number },
  fresh: number,
  freed: number,
): number | undefined {
  if (state.live === undefined) return undefined;
  const live = state.live + fresh - freed;
  return dueRewrite(state.bytes + fresh, live) ? undefined : live;
}
