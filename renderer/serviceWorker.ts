/// <reference lib="webworker" />
/**
 * The web build's app shell offline (issue 6: the workstation opens without the store). The
 * desktop shell loads the renderer from its own files; a browser needs this service worker, which
 * keeps every file of the build (listed at build time in shell-manifest.json) and serves them when
 * the store cannot be reached. The API is never cached here: data lives in IndexedDB and moves by
 * the sync. Each build has its own cache; older ones are deleted once the new one is active.
 */
export type {};
declare const self: ServiceWorkerGlobalScope;
declare const __CASEWAY_BUILD__: string;

const cacheName = `caseway-shell-${__CASEWAY_BUILD__}`;

/** Chromium's static routing (InstallEvent.addRoutes): requests the worker never needs to see. */
type RoutingInstallEvent = ExtendableEvent & { addRoutes?: (rules: { condition: { urlPattern: unknown }; source: 'network' }[]) => Promise<void> };
declare const URLPattern: (new (init: { pathname: string }) => unknown) | undefined;

self.addEventListener('install', (event) => {
  // The API goes straight to the network, as from a page without this worker (no worker start-up on
  // each request, and the browser's own view of the network applies unchanged).
  const routing = event as RoutingInstallEvent;
  if (routing.addRoutes && typeof URLPattern === 'function') {
    event.waitUntil(routing.addRoutes([{ condition: { urlPattern: new URLPattern({ pathname: '/api/*' }) }, source: 'network' }]).catch(() => undefined));
  }
  event.waitUntil(
    (async () => {
      const response = await fetch('./shell-manifest.json', { cache: 'no-store' });
      const manifest = (await response.json()) as { files: string[] };
      const cache = await caches.open(cacheName);
      await cache.addAll(['./', ...manifest.files.map((f) => `./${f}`)]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('caseway-shell-') && name !== cacheName) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function fromNetworkOrShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    // Offline: every page of the single-page app is its index.
    const shell = await caches.match('./', { cacheName });
    return shell ?? Response.error();
  }
}

async function fromShellOrNetwork(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName });
  return cached ?? fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(request.mode === 'navigate' ? fromNetworkOrShell(request) : fromShellOrNetwork(request));
});
