import fs from 'node:fs';
import path from 'node:path';
import {
  type Article,
  dataPaths,
  type ListChunk,
  type ListGroup,
  type ListHead,
  type ListPart,
  type ListTable,
  type Manifest,
} from '../../../src/lib/content-contract.ts';

/**
 * Everything a reader of this output could ask for and not find: the head and every part of
 * each list the manifest names, every article a list page or an article's neighbour names, every chunk and
 * docs file of the search index, and every article those name. Empty when the output is whole.
 */
export function missingFromOutput(out: string): string[] {
  const missing: string[] = [];
  const read = <T>(file: string): T | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(out, file), 'utf8')) as T;
    } catch {
      missing.push(file);
      return undefined;
    }
  };
  const manifest = read<Manifest>(dataPaths.manifest());
  if (!manifest) return missing;
  const articles = new Set<string>();
  for (const slug of ['all', ...manifest.categories.map((category) => category.slug)]) {
    const head = read<ListHead>(dataPaths.listHead(slug));
    for (const item of head?.items ?? []) articles.add(item.id);
    const readParts = (parts: readonly ListPart[]) => {
      for (const [name] of parts) {
        const file = dataPaths.listPart(slug, name);
        if (name.startsWith('t')) readParts(read<ListTable>(file)?.groups ?? []);
        else if (!name.startsWith('c')) readParts(read<ListGroup>(file)?.chunks ?? []);
        else for (const item of read<ListChunk>(file)?.items ?? []) articles.add(item.id);
      }
    };
    readParts(head?.parts ?? []);
  }
  const { search } = manifest;
  for (let bucket = 0; bucket < search.buckets; bucket++) {
    if (!fs.existsSync(path.join(out, dataPaths.searchTerms(search.path, bucket)))) {
      missing.push(dataPaths.searchTerms(search.path, bucket));
    }
  }
  for (let n = 0; n * search.docsPerFile < (search.numbering?.end ?? search.docs); n++) {
    // '' is a number no document has (numbered by day, decision 0006).
    for (const id of read<string[]>(dataPaths.searchDocs(search.path, n)) ?? []) if (id) articles.add(id);
  }
  const checked = new Set<string>();
  const queue = [...articles];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (checked.has(id)) continue;
    checked.add(id);
    const article = read<Article>(dataPaths.article(id));
    for (const neighbour of [article?.prev, article?.next]) if (neighbour) queue.push(neighbour.id);
  }
  return missing;
}
