/**
 * A workstation that can be closed and started again on the same profile, as a desktop app is:
 * a persistent browser context (IndexedDB on disk, the service worker that keeps the app's files),
 * launched with the same Chromium options as the other browser tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import config from '../../../playwright.config';

export type Device = { context: BrowserContext; page: Page };

export class DeviceProfile {
  readonly dir = mkdtempSync(join(tmpdir(), 'caseway-device-'));

  /** Starts the app on this profile; `offline` starts it with the network already gone. */
  async launch(options: { offline?: boolean } = {}): Promise<Device> {
    const use = config.use ?? {};
    const context = await chromium.launchPersistentContext(this.dir, {
      ...(use.launchOptions ?? {}),
      baseURL: use.baseURL,
      serviceWorkers: 'allow',
      offline: options.offline ?? false,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page };
  }

  /** Waits until the service worker has the app's files, so the app can start offline later. */
  static async waitForOfflineShell(page: Page): Promise<void> {
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.active?.state === 'activated' && (await caches.keys()).some((k) => k.startsWith('caseway-shell-'));
    }, undefined, { timeout: 30_000 });
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
