// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RECENT_BUDGET } from '../../service-worker/offline-plan.ts';
import type { ReadingRecord } from '../reading/api/reading-store.ts';
import { keepRequestOf } from './api/keep-offline.ts';
import { registerServiceWorker } from './api/service-worker.ts';
import { ConnectionNotices } from './components/connection-notices.tsx';

const record = (id: string, times: Partial<ReadingRecord>): ReadingRecord => ({
  id,
  title: id,
  date: '2024-10-01T08:00:00.000Z',
  categories: [],
  ...times,
});

describe('keepRequestOf', () => {
  it('asks for every saved article, newest saved first, then the last opened, last first', () => {
    const request = keepRequestOf([
      record('old-save', { savedAt: 1, readAt: 1 }),
      record('new-save', { savedAt: 9 }),
      record('opened', { readAt: 5 }),
      record('scrolled-lately', { readAt: 2, progressAt: 8 }),
      record('never-opened', {}),
    ]);
    expect(request).toEqual({
      type: 'keep',
      saved: ['new-save', 'old-save'],
      recent: ['scrolled-lately', 'opened'],
    });
  });

  it('asks for the last RECENT_BUDGET opened only', () => {
    const records = Array.from({ length: RECENT_BUDGET + 3 }, (_, n) => record(`a${n}`, { readAt: n }));
    const { recent } = keepRequestOf(records);
    expect(recent).toHaveLength(RECENT_BUDGET);
    expect(recent[0]).toBe(`a${RECENT_BUDGET + 2}`);
    expect(recent).not.toContain('a0');
  });
});

describe('ConnectionNotices', () => {
  const location = { pathname: () => '/', subscribe: () => () => {} };

  it('says 离线 while the browser has no connection, in a live region, and not once it is back', async () => {
    // No service worker in jsdom: the app carries on without one, and still follows the connection.
    expect(await registerServiceWorker()).toBeUndefined();
    render(<ConnectionNotices location={location} />);
    expect(screen.queryByText('离线')).not.toBeInTheDocument();
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(screen.getByText('离线').parentElement).toHaveAttribute('aria-live', 'polite');
    act(() => void window.dispatchEvent(new Event('online')));
    expect(screen.queryByText('离线')).not.toBeInTheDocument();
  });
});
