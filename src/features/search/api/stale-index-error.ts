import { DataError, NotFoundError } from '../../../lib/fetch-json.ts';

/**
 * A file of the search index is gone: the data was rebuilt since this page
 * read its manifest, and the new index lives in another folder. Reading the
 * manifest again finds it.
 */
export class StaleIndexError extends DataError {
  override name = 'StaleIndexError';
  constructor() {
    super('文章数据刚刚更新，请重试搜索。');
  }
}

/** Index files are never missing from a current index: a 404 means a stale manifest. */
export async function orStale<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof NotFoundError) throw new StaleIndexError();
    throw error;
  }
}
