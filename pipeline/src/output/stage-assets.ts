import fs from 'node:fs';
import { type PostAsset, sameAsPublished } from '../body/post-assets.ts';
import type { StagedOutput } from './staged-output.ts';

export interface AssetOwner {
  /** The article file, for messages. */
  relative: string;
  assets: PostAsset[];
  /** The assets as the previous build published them. */
  published?: PostAsset[];
}

/**
 * Stages the post asset files the articles use: a file that is published already and has not
 * changed since (same size and time) stays; the others are copied in. Returns every asset's
 * place in the output (anything else under assets/ is stale) and the owners whose assets
 * changed. A file that has gone since its article was parsed is said in a warning.
 */
export function stageAssets(
  output: StagedOutput,
  owners: readonly AssetOwner[],
  warn: (relative: string, message: string) => void,
): { expected: string[]; changed: Set<string> } {
  const expected: string[] = [];
  const changed = new Set<string>();
  for (const owner of owners) {
    const before = new Map((owner.published ?? []).map((asset) => [asset.target, asset]));
    for (const asset of owner.assets) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(asset.source);
      } catch {
        warn(
          owner.relative,
          `asset ${asset.target.slice(asset.target.indexOf('/', 7) + 1)} is gone: it was not published`,
        );
        continue;
      }
      expected.push(asset.target);
      const was = before.get(asset.target);
      const same = was && sameAsPublished(was, stat) && was.source === asset.source;
      if (same && output.isPublished(asset.target)) continue;
      fs.copyFileSync(asset.source, output.file(asset.target));
      asset.size = stat.size;
      asset.mtimeMs = stat.mtimeMs;
      changed.add(owner.relative);
    }
  }
  return { expected, changed };
}
