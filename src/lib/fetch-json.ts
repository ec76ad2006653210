/** The data file does not exist: the page shows "not found", not an error. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** The request failed or returned something unreadable: the page offers a retry. */
export class DataError extends Error {
  override name = 'DataError';
}

/** The data arrived whole but has the wrong shape: asking again at once will not help. */
export class InvalidDataError extends DataError {
  override name = 'InvalidDataError';
}

export const REQUEST_TIMEOUT_MS = 15_000;

/**
 * GETs a data file. A 404 is a NotFoundError; so is an HTML page, which
 * static hosts with an SPA fallback return for a missing file.
 */
async function request(
  url: string,
  accept: string,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<Response> {
  // A request that hangs becomes an error the reader can retry, not an endless skeleton.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward);
  let response: Response;
  try {
    response = await fetch(url, { signal: controller.signal, headers: { Accept: accept } });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (controller.signal.aborted) throw new DataError('请求超时，请检查网络后重试。');
    // Offline, a list never read before is not kept (decision 0021): say so, not "failed".
    throw new DataError(
      globalThis.navigator?.onLine === false ? '离线时无法加载。' : '网络连接失败，请检查网络后重试。',
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
  if (response.status === 404 || response.status === 410) throw new NotFoundError(`${url} 不存在`);
  if (!response.ok) throw new DataError(`服务器出错（${response.status}），请稍后重试。`);
  if ((response.headers.get('content-type') ?? '').includes('text/html')) throw new NotFoundError(`${url} 不存在`);
  return response;
}

/** Responses a prerendered page carried with it, by URL (primeResponses). */
let primed = new Map<string, unknown>();

/**
 * Answers the next request of each URL with the data a prerendered page was rendered from
 * (decision 0015): the page hydrates from exactly that data, without asking for it again.
 * Each answer is used once; a later request of the same URL goes to the network.
 */
export function primeResponses(responses: Iterable<[url: string, data: unknown]>): void {
  primed = new Map(responses);
}

export async function fetchJson(url: string, signal?: AbortSignal, timeoutMs = REQUEST_TIMEOUT_MS): Promise<unknown> {
  if (primed.has(url)) {
    const data = primed.get(url);
    primed.delete(url);
    return data;
  }
  const response = await request(url, 'application/json', signal, timeoutMs);
  try {
    return await response.json();
  } catch {
    throw new DataError('数据格式有误，无法读取。');
  }
}

/** GETs a binary data file (a search-index chunk). */
export async function fetchBytes(
  url: string,
  signal?: AbortSignal,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<Uint8Array> {
  const response = await request(url, 'application/octet-stream', signal, timeoutMs);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch {
    throw new DataError('网络连接中断，请重试。');
  }
}
