/**
 * Offline-first in a real browser: real IndexedDB, the sync worker, the live socket. Work done
 * offline shows at once, survives closing the app, reaches the store once when back online, and
 * appears on another device of the same user without a reload.
 */
import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken } from './pages/support';

test('a work note written offline survives closing the app, syncs once, and reaches another device live', async ({ browser, request }) => {
  const laptop = await browser.newContext();
  const desk = await browser.newContext();
  const page = await laptop.newPage();
  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();

  const token = await apiToken(request, 'riv.agent');
  const mine = await (await request.get('/api/cases/mine?limit=500', { headers: { authorization: `Bearer ${token}` } })).json();
  const target = mine.items.find((c: { closedAt: string | null }) => c.closedAt === null);
  await workstation.expectCaseCount(mine.items.length);

  // A second device of the same agent, with the same case open.
  const other = new WorkstationPage(await desk.newPage());
  await other.open();
  await other.signIn('riv.agent', demoPassword);
  await other.waitUntilSynced();
  await other.openCase(target.number);

  await workstation.openCase(target.number);
  await laptop.setOffline(true);
  const text = `Meter checked on site, offline ${Date.now()}`;
  await workstation.addWorkNote(text);
  await expect(workstation.activity()).toContainText(text);
  await expect(workstation.activity()).toContainText('waiting to sync');
  await expect(workstation.pending()).toHaveText('1 change waiting');

  // The app is closed while offline; the queued note is in IndexedDB, not in memory.
  await page.close();
  await laptop.setOffline(false);
  const reopened = new WorkstationPage(await laptop.newPage());
  await reopened.open();
  await reopened.signIn('riv.agent', demoPassword);
  await reopened.waitUntilSynced();

  const notes = await (await request.get(`/api/records/journalEntry?caseId=${target.id}&limit=1000`, { headers: { authorization: `Bearer ${token}` } })).json();
  const saved = notes.items.filter((n: { body: string }) => n.body === text);
  expect(saved).toHaveLength(1);
  expect(saved[0].deviceTime).not.toBeNull();
  expect(Date.parse(saved[0].createdAt)).toBeGreaterThanOrEqual(Date.parse(saved[0].deviceTime));

  // The other device was poked and pulled: the note shows without a reload.
  await expect(other.activity()).toContainText(text, { timeout: 10_000 });
  await laptop.close();
  await desk.close();
});

test('an action refused by the store is taken back and listed as a sync issue', async ({ browser, request }) => {
  const context = await browser.newContext();
  const workstation = new WorkstationPage(await context.newPage());
  await workstation.open();
  await workstation.signIn('hwp.agent', demoPassword);
  await workstation.waitUntilSynced();
  const token = await apiToken(request, 'hwp.agent');
  const mine = await (await request.get('/api/cases/mine?limit=500', { headers: { authorization: `Bearer ${token}` } })).json();
  const target = mine.items.find((c: { state: string }) => c.state === 'in_progress');
  await workstation.openCase(target.number);

  await context.setOffline(true);
  await workstation.page.getByRole('button', { name: 'Request info' }).click();
  await expect(workstation.page.getByTestId('case-state')).toHaveText('Awaiting Info');
  // Meanwhile the case is cancelled at the store by someone else.
  const cancelled = await request.post(`/api/cases/${target.id}/transition`, { headers: { authorization: `Bearer ${token}` }, data: { action: 'cancel' } });
  expect(cancelled.status()).toBe(200);
  await context.setOffline(false);
  await workstation.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(workstation.page.getByTestId('case-state')).toHaveText('Cancelled', { timeout: 70_000 });
  await expect(workstation.page.getByTestId('issues')).toHaveText('1 sync issue');
  await workstation.page.getByTestId('issues').click();
  await expect(workstation.page.getByRole('region', { name: 'Sync issues' })).toContainText('Not applied');
  await context.close();
});
