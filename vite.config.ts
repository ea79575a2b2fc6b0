import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Lists every file of the build for the service worker to keep (renderer/serviceWorker.ts). */
function shellManifest(): Plugin {
  return {
    name: 'caseway-shell-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map') && f !== 'index.html');
      this.emitFile({ type: 'asset', fileName: 'shell-manifest.json', source: JSON.stringify({ files }) });
    },
  };
}

/**
 * Development only: Vite's dev server injects inline scripts (React Fast Refresh's preamble), which
 * the renderer's CSP forbids, so the <meta> policy is dropped from the page it serves. Builds keep it.
 */
function cspInBuildsOnly(): Plugin {
  return {
    name: 'caseway-csp-in-builds-only',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
  };
}

// The renderer is a plain web app: the same build runs in Electron and in a browser served by
// the central store. In development, /api is proxied to a store started with `npm run dev:server`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), shellManifest(), cspInBuildsOnly()],
  define: { __CASEWAY_BUILD__: JSON.stringify(Date.now().toString(36)) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: { main: resolve('renderer/index.html'), sw: resolve('renderer/serviceWorker.ts') },
      // The service worker keeps a fixed name at the root, so its scope is the whole app.
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4310' } },
});
