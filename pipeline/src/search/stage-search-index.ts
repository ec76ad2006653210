import fs from 'node:fs';
import { dataPaths, type SearchIndexInfo } from '../../../src/lib/content-contract.ts';
import { SEARCH_VERSION } from '../../../src/lib/search-terms.ts';
import { mapLimit } from '../output/map-limit.ts';
import { IO_CONCURRENCY } from '../output/stage-articles.ts';
import type { StagedOutput } from '../output/staged-output.ts';
import { buildSearchIndex, DOCS_PER_FILE } from './search-index.ts';
import type { NumberedTerms, TermDictionary } from './term-dictionary.ts';

/**
 * Builds the search index of the articles in their order and stages it. The index lives in a
 * folder named by its content: an unchanged index is not written again.
 */
export async function stageSearchIndex(
  output: StagedOutput,
  dictionary: TermDictionary,
  orderedIds: readonly string[],
  termsOf: ReadonlyMap<string, NumberedTerms>,
): Promise<SearchIndexInfo> {
  const orderedTerms = orderedIds.map((id) => {
    const terms = termsOf.get(id);
    if (!terms) throw new Error(`no search terms for article ${id}`);
    return terms;
  });
  const index = buildSearchIndex(dictionary, orderedIds, orderedTerms);
  const indexPath = `search/${index.hash}`;
  if (!output.isPublished(indexPath)) {
    await mapLimit([...index.buckets.entries()], IO_CONCURRENCY, ([bucket, chunk]) =>
      fs.promises.writeFile(output.inside(dataPaths.searchTerms(indexPath, bucket)), chunk),
    );
    index.docFiles.forEach((ids, n) =>
      fs.writeFileSync(output.inside(dataPaths.searchDocs(indexPath, n)), JSON.stringify(ids)),
    );
    output.folder(indexPath);
  }
  return {
    version: SEARCH_VERSION,
    path: indexPath,
    buckets: index.buckets.length,
    docsPerFile: DOCS_PER_FILE,
    docs: orderedIds.length,
  };
}
