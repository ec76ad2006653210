import { SERVICE_WORKER_FILE } from './vite-service-worker-plugin.ts';
import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app (docs/decisions/0005). No inline
 * script or style, no eval, no plugins, no <base>; images from this site or
 * https; Trusted Types: only DOMPurify's policy may create HTML.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  // DOMPurify's policy creates HTML; the app's service-worker policy creates one script URL, the worker's.
  'trusted-types dompurify service-worker',
];

/** For a `<meta>` tag: what browsers accept there. */
export const CSP_META = DIRECTIVES.join('; ');

/** For an HTTP header: adds what only a header can carry. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The service worker's own policy (decision 0021): a worker takes its CSP from its script's
 * response, never from a page. It fetches data from this site and photos from any https host (to
 * keep them for offline reading), loads no other script, and creates nothing from strings.
 */
export const SERVICE_WORKER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self' https:",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/**
 * Puts the policy into the built index.html (it then holds on any static host)
 * and sends it, with its header-only parts, from `vite preview`. The dev
 * server stays without it: Vite's hot reload injects inline styles and scripts.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'news-reader-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.server) return html;
        return html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
        );
      },
    },
    configurePreviewServer(server) {
      const worker = `${server.config.base}${SERVICE_WORKER_FILE}`;
      server.middlewares.use((req, res, next) => {
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        if (req.url?.split('?')[0] === worker) {
          res.setHeader('Content-Security-Policy', SERVICE_WORKER_CSP);
          // A new build's worker is found at the next check, whatever the HTTP cache holds.
          res.setHeader('Cache-Control', 'no-cache');
        }
        next();
      });
    },
  };
}
