import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web app: the same build runs in Electron and in a browser served by
// the central store. In development, /api is proxied to a store started with `npm run dev:server`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:4310' } },
});
