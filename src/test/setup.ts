// Shared test setup: jest-dom matchers, and DOM APIs jsdom lacks, for component tests.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
// IndexedDB's classes (IDBRequest, IDBObjectStore…) as globals, which idb relies on.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, vi } from 'vitest';

// findBy* and waitFor wait for a state; their limit only stops a test that hangs. The default
// of one second is a speed assumption that a loaded machine breaks.
configure({ asyncUtilTimeout: 15_000 });

if (typeof window !== 'undefined') {
  // jsdom predates the <search> element (Chromium, Firefox and Safari know it, and the
  // end-to-end tests use it there), so React calls it unknown: that one warning is jsdom's gap.
  const consoleError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('is unrecognized in this browser') && args[1] === 'search')
      return;
    consoleError(...args);
  };

  // jsdom has no IndexedDB: each test gets an empty one of its own (fake-indexeddb, in memory).
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.style.overflow = '';
  });
  window.scrollTo = () => {};
  // jsdom's Blob has no text() (every browser has): read through its FileReader instead.
  if (!('text' in Blob.prototype)) {
    Object.defineProperty(Blob.prototype, 'text', {
      value(this: Blob) {
        return new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
          reader.readAsText(this);
        });
      },
    });
  }
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
