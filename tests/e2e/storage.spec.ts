/**
 * Device storage in a real browser (DESIGN §3): the workstation asks to keep its data, shows how
 * much it uses, and when the disk quota runs out mid-download it says so, keeps working from what
 * it has, and finishes the download once there is room again.
 */
import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';

test('a full disk during the first download is reported, loses nothing, and the download completes once there is room', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const workstation = new WorkstationPage(page);
  await workstation.open();
  // Chromium's own quota for this origin, made tiny: IndexedDB really refuses the writes.
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL ?? '').origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 150_000 });
  await workstation.signIn('riv.agent', demoPassword);
  await expect(page.getByTestId('sync-error')).toContainText('storage for Caseway is full', { timeout: 30_000 });
  // The window still answers and shows what it has.
  await expect(page.getByTestId('storage')).toContainText('Storage:');
  await expect(page.getByTestId('download-progress')).toBeVisible();

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  // Back online (or the next periodic pull) resumes the download from its last checkpoint.
  await context.setOffline(true);
  await context.setOffline(false);
  await workstation.waitUntilSynced();
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await expect(page.getByTestId('download-progress')).toHaveCount(0);
  await expect(workstation.caseRows().first()).toBeVisible();
  await context.close();
});
