import { defineConfig } from '@playwright/test';

// Browser tests run in Debian's Chromium (no browser download) against a real central store
// started by tests/e2e/serve.ts on real PostgreSQL (DATABASE_URL) or, without it, on PGlite.
const port = Number(process.env.E2E_PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [[process.env.CI ? 'list' : 'line'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    // The web build's service worker (the app shell offline) is tested where a test restarts the
    // app offline (tests/e2e/pages/device.ts); elsewhere it would hide requests from page.route.
    serviceWorkers: 'block',
  },
  webServer: {
    // exec: the store itself gets the signal and cleans up its database or data folder.
    command: 'exec tsx tests/e2e/serve.ts',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    url: `http://127.0.0.1:${port}/api/health`,
    env: { E2E_PORT: String(port) },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
