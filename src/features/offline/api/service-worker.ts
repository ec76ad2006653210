/// <reference types="trusted-types" />
import { BASE_URL } from '../../../config/paths.ts';
import type { KeepRequest } from '../../../service-worker/offline-plan.ts';

// The page's side of the service worker (decision 0021): registers it, says whether the browser
// is online and whether a new build waits, and passes on what the reader wants kept.

/** What the reader is told: no connection, or a new build ready to take over. */
export interface ConnectionState {
  online: boolean;
  updateReady: boolean;
}

let state: ConnectionState = { online: navigator.onLine, updateReady: false };
const listeners = new Set<() => void>();

function update(change: Partial<ConnectionState>): void {
  state = { ...state, ...change };
  listeners.forEach((listener) => listener());
}

/** For useSyncExternalStore. */
export const connection = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): ConnectionState => state,
};

const WORKER_URL = `${BASE_URL}sw.js`;
let registration: ServiceWorkerRegistration | undefined;
let updating = false;

/**
 * The worker's address as Trusted Types want it: a policy that makes that one URL and refuses
 * any other (the CSP names it, beside DOMPurify's).
 */
function workerUrl(): string {
  const policy = window.trustedTypes?.createPolicy('service-worker', {
    createScriptURL: (url) => {
      if (url !== WORKER_URL) throw new TypeError(`${url} is not this app's service worker`);
      return url;
    },
  });
  // register() takes a TrustedScriptURL where the browser has them; TypeScript knows only strings.
  return (policy?.createScriptURL(WORKER_URL) ?? WORKER_URL) as string;
}

/**
 * Registers the worker and watches for the next build's. Where there is none (an old browser, a
 * private window, a refusal), the app works as before, online only.
 */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  window.addEventListener('online', () => update({ online: true }));
  window.addEventListener('offline', () => update({ online: false }));
  if (!('serviceWorker' in navigator)) return undefined;
  try {
    registration = await navigator.serviceWorker.register(workerUrl(), { scope: BASE_URL, updateViaCache: 'none' });
  } catch {
    return undefined;
  }
  // A browser that blocks workers without refusing (as Playwright does when told to) answers nothing.
  const current = registration as ServiceWorkerRegistration | undefined;
  if (!current) return undefined;
  // A worker installed while another controls the page is a new build: it waits for the reader.
  const check = () => update({ updateReady: Boolean(current.waiting && navigator.serviceWorker.controller) });
  const watch = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => worker.state === 'installed' && check());
  check();
  watch(current.installing);
  current.addEventListener('updatefound', () => watch(current.installing));
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating) window.location.reload();
  });
  // Browsers look for a new worker when a page loads; a reader who keeps the tab open for days
  // gets the look when they come back to it.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') current.update().catch(() => undefined);
  });
  return current;
}

/**
 * The reader asked for the new build: the waiting worker takes over, and the page reloads with it.
 * When another tab has already let it in, the page only has to reload.
 */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  updating = true;
  if (waiting) waiting.postMessage({ type: 'update' });
  else window.location.reload();
}

/** Tells the worker what to keep, once it is active (the first visit installs it meanwhile). */
export async function askToKeep(request: KeepRequest): Promise<void> {
  if (!registration) return;
  const ready = await navigator.serviceWorker.ready;
  ready.active?.postMessage(request);
}
