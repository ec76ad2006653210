import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyPlugin } from './scripts/content-security-policy.ts';
import { contentPlugin } from './scripts/vite-content-plugin.ts';
import { serviceWorkerPlugin } from './scripts/vite-service-worker-plugin.ts';

const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');

// react-router 7 exports only its development build; the production build beside it drops
// dev-only checks and warnings (docs/decisions/0007).
const reactRouterProduction = {
  'react-router/dom': path.resolve('node_modules/react-router/dist/production/dom-export.mjs'),
  'react-router': path.resolve('node_modules/react-router/dist/production/index.mjs'),
};

// BASE=/news/ npm run build: deploy under a sub-path.
export default defineConfig(({ command, mode, isSsrBuild }) => ({
  base: process.env.BASE ?? '/',
  resolve: { alias: command === 'build' && mode === 'production' ? reactRouterProduction : {} },
  plugins: [
    react(),
    contentSecurityPolicyPlugin(),
    contentPlugin({ contentDir, devDataDir: path.resolve('node_modules/.cache/news-reader/dev-data') }),
    // Last: its list of the app's files is of the finished site.
    serviceWorkerPlugin(),
  ],
  // The bench's generated corpora and peer sites (hundreds of thousands of files) are no source:
  // watching them exhausted the system's file watchers after one `npm run bench`.
  server: { port: 5173, watch: { ignored: (file: string) => /[/\\]bench[/\\]\.(corpus|peers)([/\\]|$)/.test(file) } },
  preview: { port: 4173 },
  // The server build that prerenders entry pages (src/entry-server.tsx, decision 0015) carries
  // its dependencies, in their production builds; jsdom, its DOM for DOMPurify, stays a package.
  ssr: { noExternal: true, external: ['jsdom'] },
  define: isSsrBuild ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  build: {
    target: 'es2022',
    // No preload helper in the entry (decision 0007): every chunk loaded later imports only the
    // entry, which is there already, so there is nothing to preload beside it.
    modulePreload: false,
    sourcemap: true,
    // Rolldown's timing notice fires whenever a busy machine slows a plugin down; it says nothing
    // about this project and buried real messages in the test log.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // Everything the entry loads stays in the entry: without this, a module that two lazy
      // chunks share (React, for one) went into a chunk of its own, loaded at once beside it.
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
    },
  },
}));
