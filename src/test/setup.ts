// Shared test setup: jest-dom matchers, and DOM APIs jsdom lacks, for component tests.
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// findBy* and waitFor wait for a state; their limit only stops a test that hangs. The default
// of one second is a speed assumption that a loaded machine breaks.
configure({ asyncUtilTimeout: 15_000 });

if (typeof window !== 'undefined') {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.style.overflow = '';
  });
  window.scrollTo = () => {};
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}
