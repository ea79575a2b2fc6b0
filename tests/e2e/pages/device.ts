/**
 * A workstation that can be closed and started again on the same profile, as a desktop app is:
 * a persistent browser context (IndexedDB on disk, the service worker that keeps the app's files),
 * launched with the same Chromium options as the other browser tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import config from '../../../playwright.config';

export type Device = { context: BrowserContext; page: Page };

export class DeviceProfile {
  readonly dir = mkdtempSync(join(tmpdir(), 'caseway-device-'));

  /** Starts the app on this profile; `offline` starts it with the network already gone. */
  async launch(options: { offline?: boolean; baseURL?: string } = {}): Promise<Device> {
    const use = config.use ?? {};
    const context = await chromium.launchPersistentContext(this.dir, {
      ...(use.launchOptions ?? {}),
      baseURL: options.baseURL ?? use.baseURL,
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

/**
 * Takes the context off the network and waits until its workers see it too: Chromium applies the
 * emulation to the page first and to its workers a moment later, in which a sync could still get out.
 */
export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect
    .poll(async () => {
      const views = await Promise.all([page.evaluate(() => navigator.onLine), ...page.workers().map((w) => w.evaluate(() => navigator.onLine).catch(() => false))]);
      return views.every((isOnline) => !isOnline);
    }, { timeout: 10_000 })
    .toBe(true);
}
