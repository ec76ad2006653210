import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.ts';

// E2E_PORT: another port, to run a second suite beside one already running.
const PORT = Number(process.env.E2E_PORT ?? 4179);

// Chromium comes from Debian (/usr/bin/chromium); Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  // Limits that only stop a hang: every wait is for a state, and a loaded machine is slow.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    // The app's service worker would answer requests before a test's routes see them: it is
    // blocked, but in the tests of offline reading (e2e/offline.spec.ts).
    serviceWorkers: 'block',
    timezoneId: 'Asia/Shanghai',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort`,
    // SITE_URL: the build writes the entry pages' absolute links, the sitemap and robots.txt.
    env: { PAGE_SIZE: '8', SITE_URL: 'https://news.example.cn/' },
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
