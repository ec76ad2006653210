import { dataPaths } from '../../../src/lib/content-contract.ts';
import type { LoadedCache } from '../cache/build-cache.ts';
import { BUILD_ID_FILE } from '../cache/previous-build.ts';
import { FEEDS_FOLDER } from '../feeds/feed-urls.ts';
import { foldersOf, listPublished } from './output-dir.ts';
import { OUTPUT_MARKER } from './output-folder.ts';
import { PathSet } from './path-set.ts';
import { outputStamp } from './output-stamp.ts';
import type { ArticleOrder } from '../cache/entry-table.ts';

/**
 * Whether the published output holds exactly what the cache says the previous build published:
 * each article's JSON, each list file, the search index's folder, the post asset files, the
 * manifest, and nothing else (but the feeds).
 * A run without `--changed` mends an output edited by hand (a file removed, one added): when
 * this is false it is a whole run, which does (staged-output.ts). At 100,000 articles the check
 * costs about a tenth of a second, the listing of the folder most of it.
 */
export function outputAsCached(outDir: string, cache: LoadedCache, order: ArticleOrder): boolean {
  const searchPath = cache.search?.info.path;
  if (!searchPath) return false;
  // Nothing added or removed since the build the cache describes was published, which left the
  // output as it says: at a million articles, listing and comparing took 3.4–4.9 s.
  if (cache.outputStamp !== undefined && cache.outputStamp === outputStamp(outDir)) return true;
  // Compact (path-set.ts): a million article files.
  const expected = new PathSet([OUTPUT_MARKER, dataPaths.manifest(), BUILD_ID_FILE, searchPath]);
  for (let place = 0; place < order.length; place++) expected.add(dataPaths.article(order.idAt(place)));
  for (const [file] of cache.lists.entries()) expected.add(file);
  // The post asset files the articles use (an asset that went fails the run's check of them first).
  for (const asset of cache.table.postAssetFiles()) expected.add(asset.target);
  const folders = foldersOf(expected);
  let found = 0;
  const inSearch = `${searchPath}/`;
  for (const file of listPublished(outDir)) {
    if (expected.has(file)) found++;
    // The feeds are looked at by every run that writes them (stage-feeds.ts): one missing is written again.
    else if (file === FEEDS_FOLDER || file.startsWith(`${FEEDS_FOLDER}/`)) continue;
    else if (!folders.has(file) && !file.startsWith(inSearch)) return false; // a file no build wrote
  }
  return found === expected.size; // none missing
}
