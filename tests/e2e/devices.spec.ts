/**
 * Devices away from the store (issue 6, items 6 and 7), in a real browser against the real store:
 * the app opens offline for a user who signed in on that device before (a local unlock with the
 * password, within its offline period), keeps queued work across the restart and syncs it later;
 * a device an administrator revokes reports its queued work and deletes its local data.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { DeviceProfile, goOffline } from './pages/device';
import { createStoreProcess } from './storeProcess';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken, expectAccessible } from './pages/support';

async function firstOpenCase(request: APIRequestContext, username: string): Promise<{ id: string; number: string }> {
  const token = await apiToken(request, username);
  const mine = await (await request.get('/api/cases/mine?limit=500', { headers: { authorization: `Bearer ${token}` } })).json();
  const target = mine.items.find((c: { closedAt: string | null }) => c.closedAt === null);
  if (!target) throw new Error(`${username} has no open case`);
  return target;
}

async function notesOn(request: APIRequestContext, caseId: string, text: string) {
  const token = await apiToken(request, 'riv.admin');
  const notes = await (await request.get(`/api/records/journalEntry?caseId=${caseId}&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json();
  return (notes.items as { body: string; deviceTime: string | null; createdAt: string }[]).filter((n) => n.body === text);
}

const cacheNames = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('caseway-')));

test('the app starts offline for a user who signed in there before: a local unlock with the password, queued work kept and synced later', async () => {
  test.setTimeout(120_000);
  // A store of its own, stopped while the device is offline: nothing can reach it then, whatever the
  // browser's offline emulation lets through, so what it holds later arrived on reconnect.
  const store = await createStoreProcess({ cases: 60 });
  await store.start();
  const request = await playwrightRequest.newContext({ baseURL: store.url });
  const profile = new DeviceProfile();
  try {
    const target = await firstOpenCase(request, 'riv.agent');
    const first = await profile.launch({ baseURL: store.url });
    const workstation = new WorkstationPage(first.page);
    await workstation.open();
    await workstation.signIn('riv.agent', demoPassword);
    await workstation.waitUntilSynced();
    await DeviceProfile.waitForOfflineShell(first.page);

    // Offline, a note is written and the app is closed.
    await workstation.openCase(target.number);
    await goOffline(first.context, first.page);
    await store.kill();
    const text = `Written before an offline restart ${Date.now()}`;
    await workstation.addWorkNote(text);
    await expect(workstation.pending()).toHaveText('1 change waiting');
    await first.context.close();

    // Started again with no network: the app's files come from the service worker.
    const second = await profile.launch({ offline: true, baseURL: store.url });
    const again = new WorkstationPage(second.page);
    await again.open();
    // Someone who never signed in on this device cannot unlock it.
    await again.signIn('sofia.rossi', demoPassword);
    await expect(second.page.getByRole('alert')).toContainText('has not signed in on this device before');
    await again.signIn('riv.agent', 'not the password');
    await expect(second.page.getByRole('alert')).toContainText('Wrong password for the offline unlock (4 attempts left)');
    await expectAccessible(second.page, 'the sign-in screen offline');
    await again.signIn('riv.agent', demoPassword);
    await expect(second.page.getByText(/^Unlocked offline, valid until/)).toBeVisible();
    await expect(again.pending()).toHaveText('1 change waiting');
    await again.openCase(target.number);
    await expect(again.activity()).toContainText(text);

    // Back online, the store running again: the queued note reaches it once, with its device time.
    const reconnectedAt = new Date().toISOString();
    await store.start();
    expect(await notesOn(request, target.id, text)).toHaveLength(0);
    await second.context.setOffline(false);
    await again.waitUntilSynced();
    const saved = await notesOn(request, target.id, text);
    expect(saved).toHaveLength(1);
    expect(Date.parse(saved[0]?.deviceTime ?? '')).toBeLessThan(Date.parse(reconnectedAt));
    expect(Date.parse(saved[0]?.createdAt ?? '')).toBeGreaterThanOrEqual(Date.parse(reconnectedAt));
    await second.context.close();
  } finally {
    profile.dispose();
    await request.dispose();
    await store.dispose();
  }
});

test('a device an administrator revokes reports its queued work and deletes its local data', async ({ browser, request }) => {
  const target = await firstOpenCase(request, 'riv.agent');
  const laptop = await browser.newContext();
  const page = await laptop.newPage();
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const deviceId = await page.evaluate(() => localStorage.getItem('caseway.deviceId'));
  expect(await cacheNames(page)).toHaveLength(2); // the user's cache and the device's unlock vault

  // Offline, the agent writes a note that has not reached the store when the device is revoked.
  await workstation.openCase(target.number);
  await goOffline(laptop, page);
  const text = `Queued on a stolen laptop ${Date.now()}`;
  await workstation.addWorkNote(text);
  await expect(workstation.pending()).toHaveText('1 change waiting');

  // The administrator revokes it from the devices view.
  const desk = await browser.newContext();
  const admin = new WorkstationPage(await desk.newPage());
  await admin.open();
  await admin.signIn('riv.admin', demoPassword);
  await admin.page.getByRole('button', { name: 'Devices' }).click();
  const row = admin.page.locator(`tr[data-device="${deviceId}"]`);
  await expect(row).toContainText('Ana Lopez');
  await expect(row).toContainText('Active (1 session)');
  await expectAccessible(admin.page, 'the devices view');
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await admin.page.getByLabel('Reason (optional)').fill('Laptop left on a train');
  await admin.page.getByRole('button', { name: 'Revoke device' }).click();
  await expect(admin.page.getByText('Browser is revoked.')).toBeVisible();
  await expect(row).toContainText('waiting for the device to report and wipe');

  // On its next contact the laptop reports what it had queued and wipes itself.
  await laptop.setOffline(false);
  await expect(page.getByRole('status')).toContainText('An administrator revoked this device. Its local data was deleted; 1 change waiting to sync and 0 file(s) were reported', { timeout: 30_000 });
  expect(await cacheNames(page)).toEqual([]);
  expect(await page.evaluate(() => localStorage.getItem('caseway.deviceId'))).toBeNull();
  expect(await notesOn(request, target.id, text)).toHaveLength(0);

  // The administrator sees the report, with the queued note.
  await admin.page.reload();
  await admin.page.getByRole('button', { name: 'Devices' }).click();
  await expect(row).toContainText('1 queued changes, 0 files reported');
  await row.getByRole('button', { name: 'Queued work' }).click();
  const report = admin.page.getByRole('region', { name: /Work Browser had queued/ });
  await expect(report).toContainText('Ana Lopez: 1 queued changes');
  await expect(report).toContainText('case.addWorkNote');
  await expect(report).toContainText(text);

  // Signing in again makes it a new device, with a fresh cache.
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  const newId = await page.evaluate(() => localStorage.getItem('caseway.deviceId'));
  expect(newId).not.toBeNull();
  expect(newId).not.toBe(deviceId);
  await laptop.close();
  await desk.close();
});
