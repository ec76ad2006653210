import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataError, fetchJson, NotFoundError } from './fetch-json.ts';

function respond(body: string, init: ResponseInit) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, init)),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchJson', () => {
  it('returns parsed JSON', async () => {
    respond('{"a":1}', { status: 200, headers: { 'Content-Type': 'application/json' } });
    await expect(fetchJson('/data/x.json')).resolves.toEqual({ a: 1 });
  });
  it('calls a 404 not found', async () => {
    respond('', { status: 404 });
    await expect(fetchJson('/data/x.json')).rejects.toBeInstanceOf(NotFoundError);
  });
  it('calls an HTML page from an SPA fallback not found', async () => {
    respond('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    await expect(fetchJson('/data/x.json')).rejects.toBeInstanceOf(NotFoundError);
  });
  it('explains server errors, bad JSON and network failures', async () => {
    respond('', { status: 500 });
    await expect(fetchJson('/data/x.json')).rejects.toThrow('服务器出错（500）');
    respond('{oops', { status: 200, headers: { 'Content-Type': 'application/json' } });
    await expect(fetchJson('/data/x.json')).rejects.toThrow(DataError);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(fetchJson('/data/x.json')).rejects.toThrow('网络连接失败');
  });
  it('says a file cannot be loaded offline when the browser has no connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    vi.stubGlobal('navigator', { onLine: false });
    await expect(fetchJson('/data/x.json')).rejects.toThrow('离线时无法加载');
    vi.stubGlobal('navigator', { onLine: true });
    await expect(fetchJson('/data/x.json')).rejects.toThrow('网络连接失败');
  });
});

/** A fetch that never answers, until its signal aborts it. */
function stubHangingFetch() {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    ),
  );
}

describe('fetchJson timeouts', () => {
  it('turns a request that never answers into a retryable error', async () => {
    stubHangingFetch();
    await expect(fetchJson('/data/x.json', undefined, 20)).rejects.toThrow('请求超时');
  });

  it('passes the caller’s own cancellation through', async () => {
    stubHangingFetch();
    const controller = new AbortController();
    const pending = fetchJson('/data/x.json', controller.signal, 10_000);
    controller.abort();
    await expect(pending).rejects.toThrow('aborted');
  });
});
