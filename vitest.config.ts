import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// react-router/dom and react-router must be one copy of the router's context: both from the ESM
// build. Left to themselves, Vite resolves our imports to the CommonJS build and Node loads
// react-router/dom's own import of react-router as ESM.
const reactRouterEsm = [
  {
    find: /^react-router\/dom$/,
    replacement: path.resolve('node_modules/react-router/dist/development/dom-export.mjs'),
  },
  { find: /^react-router$/, replacement: path.resolve('node_modules/react-router/dist/development/index.mjs') },
];

// Guards against a hang, not speed limits: tests wait for states.
const hangGuards = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        // The reader: components in jsdom, with Testing Library's matchers.
        plugins: [react()],
        resolve: { alias: reactRouterEsm },
        test: {
          name: 'app',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['src/test/setup.ts'],
          pool: 'threads',
          restoreMocks: true,
          ...hangGuards,
        },
      },
      {
        // The pipeline and the scripts, in Node: each file in a process of its own (they
        // start workers and processes, and measure CPU time), without the DOM's setup.
        test: {
          name: 'node',
          include: ['pipeline/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          restoreMocks: true,
          ...hangGuards,
        },
      },
    ],
  },
});
