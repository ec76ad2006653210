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

export default defineConfig({
  plugins: [react()],
  resolve: { alias: reactRouterEsm },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'pipeline/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // Guards against a hang, not speed limits: tests wait for states.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
