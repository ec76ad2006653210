import fs from 'node:fs';
import path from 'node:path';
import { MAX_ASSET_BYTES, MAX_ASSETS } from '../read/input-limits.ts';

/** A file the article uses from its post asset folder, copied into the output as it is. */
export interface PostAsset {
  /** The file to copy. */
  source: string;
  /** Where it goes, under the data folder: `assets/<id>/<name>`. */
  target: string;
  size: number;
  mtimeMs: number;
}

/** Whether a file on disk (`stat`) is the asset as it was published: the same size and time. */
export const sameAsPublished = (asset: Pick<PostAsset, 'size' | 'mtimeMs'>, stat: fs.Stats): boolean =>
  stat.size === asset.size && stat.mtimeMs === asset.mtimeMs;

/** Where a post's files are, and what of them it uses. */
export interface AssetLocation {
  /** The input folder (its real path). */
  root: string;
  /** The article file, `/`-separated under the root. */
  relative: string;
  id: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolves the relative links of one post against its post asset folder (`<post-name>/` beside
 * it, as Hexo's `post_asset_folder` has it) and then against the post's own folder. A file found
 * there is published under `data/assets/<id>/`, served from the reader's own origin. Only
 * regular files inside the input folder, of at most MAX_ASSET_BYTES, are taken.
 */
export class PostAssets {
  readonly used = new Map<string, PostAsset>();
  private readonly folder: string;
  private readonly assetFolder: string;

  constructor(private readonly location: AssetLocation) {
    const file = path.join(location.root, ...location.relative.split('/'));
    this.folder = path.dirname(file);
    this.assetFolder = path.join(this.folder, path.basename(file, path.extname(file)));
  }

  /** The published address of `reference` (`印花餐具.png`, `./img/a.png`), or undefined. */
  resolve(reference: string): string | undefined {
    const name = this.nameOf(reference);
    if (!name) return undefined;
    for (const base of [this.assetFolder, this.folder]) {
      const asset = this.find(base, name);
      if (asset) return asset;
    }
    return undefined;
  }

  /** The file path a reference names, relative and inside its folder, or undefined. */
  private nameOf(reference: string): string | undefined {
    const bare = reference.trim().replace(/[?#].*$/s, '');
    if (bare === '' || SCHEME.test(bare) || bare.startsWith('/') || bare.startsWith('\\')) return undefined;
    let decoded = bare;
    try {
      decoded = decodeURIComponent(bare);
    } catch {
      // a name with a stray % is taken as written
    }
    const normal = path.posix.normalize(decoded.replaceAll('\\', '/').replace(/^(\.\/)+/, ''));
    const parts = normal.split('/');
    // Never out of its folder, never a hidden file, no control characters.
    if (
      normal.startsWith('..') ||
      parts.some((part) => part === '' || part.startsWith('.') || hasControlCharacter(part))
    ) {
      return undefined;
    }
    return normal;
  }

  private find(base: string, name: string): string | undefined {
    const target = `assets/${this.location.id}/${name}`;
    const known = this.used.get(target);
    if (known) return this.url(name);
    if (this.used.size >= MAX_ASSETS) return undefined;
    const file = path.join(base, ...name.split('/'));
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(file);
      stat = fs.statSync(real);
    } catch {
      return undefined;
    }
    const inside = real.startsWith(`${this.location.root}${path.sep}`);
    if (!inside || !stat.isFile() || stat.size > MAX_ASSET_BYTES) return undefined;
    this.used.set(target, { source: real, target, size: stat.size, mtimeMs: stat.mtimeMs });
    return this.url(name);
  }

  private url(name: string): string {
    const segments = [this.location.id, ...name.split('/')].map(encodeURIComponent);
    return `/data/assets/${segments.join('/')}`;
  }
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
