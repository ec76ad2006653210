/**
 * Whether an append-only store of `bytes`, of which the saving build uses `live`, should be
 * written anew as a new generation: when dead records outweigh live ones (and pass a megabyte).
 */
export const dueRewrite = (bytes: number, live: number): boolean => bytes > 2 * live + (1 << 20);
