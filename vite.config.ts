import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyPlugin } from './scripts/content-security-policy.ts';
import { contentPlugin } from './scripts/vite-content-plugin.ts';

const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');

// BASE=/news/ npm run build: deploy under a sub-path.
export default defineConfig({
  base: process.env.BASE ?? '/',
  plugins: [
    react(),
    contentSecurityPolicyPlugin(),
    contentPlugin({ contentDir, devDataDir: path.resolve('node_modules/.cache/news-reader/dev-data') }),
  ],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: { target: 'es2022', sourcemap: true },
});
