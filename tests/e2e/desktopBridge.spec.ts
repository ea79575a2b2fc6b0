/**
 * The renderer's side of the desktop shell's bridge, in Chromium against the real store, with a
 * stand-in for the preload (`window.caseway`, pages/desktopBridge.ts): Electron cannot run here,
 * and the preload is the boundary the renderer sees. `caseway://` deep links open a case or start
 * an interaction with the caller found; a case not on the device is reported; menu commands open
 * the palette, the help and a new interaction and sync now; the tray's sync status follows the
 * workstation offline and back; an approval asked of the user and a case about to breach its SLA
 * are each notified once through the bridge, not again after a reload.
 */
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { emitCommand, emitDeepLink, installFakeBridge, lastReport, notifiedWith, recorded, type SyncReport } from './pages/desktopBridge';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken, expectAccessible } from './pages/support';

type Row = { id: string; [key: string]: unknown };
type CaseRow = Row & { number: string; shortDescription: string; state: string; assignedToId: string | null; resolvedAt: string | null; closedAt: string | null };

async function setOnline(context: BrowserContext, page: Page, online: boolean): Promise<void> {
  await context.setOffline(!online);
  await page.evaluate((event) => window.dispatchEvent(new Event(event)), online ? 'online' : 'offline');
}

/** The store's API as one demo user. */
async function storeAs(request: APIRequestContext, username: string) {
  const headers = { authorization: `Bearer ${await apiToken(request, username)}` };
  const get = async (path: string) => (await request.get(path, { headers })).json();
  return {
    get,
    async openCasesOfMine(): Promise<CaseRow[]> {
      return ((await get('/api/cases/mine?limit=500')).items as CaseRow[]).filter((c) => c.resolvedAt === null && c.closedAt === null && c.state !== 'cancelled');
    },
    async requestApproval(caseId: string, approverId: string): Promise<Row> {
      const created = await request.post('/api/records/approval', { headers, data: { caseId, approverId, approverRole: null, activityKey: null, taskId: null, comment: null } });
      expect(created.status(), await created.text()).toBe(201);
      return (await created.json()) as Row;
    },
  };
}

/** A workstation in a context of its own, with the fake bridge in place before the app loads. */
async function desktopWorkstation(context: BrowserContext, username: string): Promise<WorkstationPage> {
  await installFakeBridge(context);
  const workstation = new WorkstationPage(await context.newPage());
  await workstation.open();
  await workstation.signIn(username, demoPassword);
  await workstation.waitUntilSynced();
  return workstation;
}

test('deep links open a case or start an interaction with the caller found; an unknown case is reported; menu commands run as their shortcuts', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const agent = await storeAs(request, 'sofia.rossi');
  const [kase] = await agent.openCasesOfMine();
  if (!kase) throw new Error('sofia.rossi has no open case in the demo data');
  const admin = await storeAs(request, 'riv.admin');
  const person = ((await admin.get('/api/records/consumer?limit=100')).items as (Row & { firstName: string; lastName: string; phone: string | null })[]).find((c) => c.phone);
  if (!person?.phone) throw new Error('the demo data has no consumer with a phone');
  // What main delivers: the number as the phone system sent it, reduced to digits (shared/ipc/deepLinks.ts).
  const phone = person.phone.replace(/[^0-9+]/g, '');

  const context = await browser.newContext();
  const workstation = await desktopWorkstation(context, 'sofia.rossi');
  const { page } = workstation;
  // The desktop host keeps the session token through the bridge (here in memory), never in sessionStorage.
  const afterSignIn = await recorded(page);
  expect(afterSignIn.token).toBeTruthy();
  expect(await page.evaluate(() => sessionStorage.getItem('caseway.session'))).toBeNull();

  // caseway://case/<number> opens the case in a tab.
  await emitDeepLink(page, { kind: 'openCase', number: kase.number });
  await expect(page.getByRole('heading', { name: new RegExp(`^${kase.number}:`) })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Open records' }).getByRole('button', { name: kase.number, exact: true })).toHaveAttribute('aria-current', 'page');

  // A case this device does not hold: a notice, nothing opened.
  await emitDeepLink(page, { kind: 'openCase', number: 'CS9999999' });
  await expect(page.getByText('Case CS9999999 is not on this device. Search for it once the next sync has run.')).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`^${kase.number}:`) })).toBeVisible();

  // caseway://call?channel=phone&from=…: an interaction starts, the lookup finds the caller.
  await emitDeepLink(page, { kind: 'startInteraction', channel: 'phone', from: phone });
  const lookup = page.getByRole('combobox', { name: /Find the caller/ });
  await expect(lookup).toBeFocused();
  await expect(lookup).toHaveValue(phone);
  await expect(page.getByRole('option').filter({ hasText: `${person.firstName} ${person.lastName}` }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('Case CS9999999 is not on this device.', { exact: false })).toHaveCount(0);

  // Menu and tray commands run what the shortcuts run.
  await emitCommand(page, 'commandPalette');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await emitCommand(page, 'keyboardHelp');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row').filter({ hasText: 'New interaction' })).toContainText('Alt+N');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await emitCommand(page, 'newInteraction');
  await expect(page.getByRole('heading', { name: 'Interactions', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Channel')).toBeFocused();
  // Sync now: the sync worker pulls at once (the periodic pull is minutes away).
  const pulled = page.waitForRequest((r) => r.url().includes('/api/sync/pull'), { timeout: 10_000 });
  await emitCommand(page, 'syncNow');
  await pulled;

  expect((await recorded(page)).logged.filter((l) => l.level === 'error')).toEqual([]);
  await context.close();
});

test('the sync status reaches the shell: offline with the change waiting, online again with nothing waiting', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const [kase] = await (await storeAs(request, 'riv.agent')).openCasesOfMine();
  if (!kase) throw new Error('riv.agent has no open case in the demo data');
  const context = await browser.newContext();
  const workstation = await desktopWorkstation(context, 'riv.agent');
  const { page } = workstation;
  await expect.poll(() => lastReport(page), { timeout: 15_000 }).toMatchObject({ connection: 'online', pendingChanges: 0, lastSyncAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

  await workstation.openCase(kase.number);
  await setOnline(context, page, false);
  await expect.poll(() => lastReport(page)).toMatchObject({ connection: 'offline', pendingChanges: 0 });
  await workstation.addWorkNote(`Checked offline for the tray ${Date.now()}`);
  await expect(workstation.pending()).toHaveText('1 change waiting');
  await expect.poll(() => lastReport(page)).toMatchObject({ connection: 'offline', pendingChanges: 1 });

  await setOnline(context, page, true);
  await expect(workstation.pending()).toHaveText('0 changes waiting', { timeout: 30_000 });
  await expect.poll(() => lastReport(page), { timeout: 15_000 }).toMatchObject({ connection: 'online', pendingChanges: 0 });

  // Reported on change only: never the same report twice in a row.
  const { reported } = await recorded(page);
  const repeats = reported.filter((r, i) => i > 0 && JSON.stringify(r) === JSON.stringify(reported[i - 1] as SyncReport));
  expect(repeats).toEqual([]);
  await context.close();
});

test('an approval asked of the user by someone else is notified once, in the workspace and through the bridge, and not again after a reload', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const approver = await storeAs(request, 'hanh.tran');
  const [first, second] = await approver.openCasesOfMine();
  if (!first || !second) throw new Error('hanh.tran has fewer than two open cases in the demo data');
  const me = ((await approver.get('/api/auth/me')) as { user: Row }).user;
  const supervisor = await storeAs(request, 'riv.supervisor');

  const context = await browser.newContext();
  const workstation = await desktopWorkstation(context, 'hanh.tran');
  const { page } = workstation;
  const title = 'Approval requested';
  expect(await notifiedWith(page, title)).toEqual([]);

  // Dana Whitfield asks Hanh to approve; the store pokes Hanh's workstation, which pulls it.
  const asked = await supervisor.requestApproval(first.id, me.id);
  const expected = { title, body: `${first.number}: ${first.shortDescription} (asked by Dana Whitfield)` };
  await expect.poll(() => notifiedWith(page, title), { timeout: 30_000 }).toEqual([expected]);
  const notice = page.getByTestId('approval-notice');
  await expect(notice).toContainText(title);
  await expect(notice).toContainText(expected.body);
  await expectAccessible(page, 'an approval notice');

  // Another pull changes nothing: it was told once.
  const pulled = page.waitForRequest((r) => r.url().includes('/api/sync/pull'), { timeout: 10_000 });
  await emitCommand(page, 'syncNow');
  await pulled;
  await expect(workstation.pending()).toHaveText('0 changes waiting');
  await notice.getByRole('button', { name: 'Go to To approve' }).click();
  // Its card in "To approve" (by id: a rerun against the same store asks about the same case again).
  await expect(page.getByRole('region', { name: 'To approve' }).locator(`[aria-labelledby="approval-${asked.id}-title"]`)).toContainText(first.shortDescription);
  expect(await notifiedWith(page, title)).toEqual([expected]);

  // A reload (the token lived in memory: sign in again) tells only what is new since.
  await page.reload();
  await workstation.signIn('hanh.tran', demoPassword);
  await workstation.waitUntilSynced();
  await supervisor.requestApproval(second.id, me.id);
  const next = { title, body: `${second.number}: ${second.shortDescription} (asked by Dana Whitfield)` };
  await expect.poll(() => notifiedWith(page, title), { timeout: 30_000 }).toEqual([next]);
  await context.close();
});

type Clock = Row & { caseId: string; dueAt: string };

/**
 * A user's case whose SLA clock runs, not yet breached at the demo data's anchor, with no other
 * running clock of theirs due within 25 minutes before or 20 after it: the browser's clock is
 * then set 20 minutes before it is due, so that one case, and only it, is about to breach.
 */
async function lonelyClock(request: APIRequestContext): Promise<{ username: string; kase: CaseRow; dueAt: string }> {
  for (const adminName of ['riv.admin', 'hwp.admin']) {
    const admin = await storeAs(request, adminName);
    const clocks = (await admin.get('/api/records/caseSla?state=in_progress&hasBreached=false&limit=1000')).items as Clock[];
    const cases = new Map(((await admin.get('/api/records/case?limit=1000')).items as CaseRow[]).map((c) => [c.id, c]));
    const users = new Map(((await admin.get('/api/records/user?limit=200')).items as (Row & { username: string; isActive: boolean })[]).map((u) => [u.id, u]));
    const ownerOf = (clock: Clock): string | null => cases.get(clock.caseId)?.assignedToId ?? null;
    for (const clock of clocks.sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
      const owner = ownerOf(clock);
      const user = owner ? users.get(owner) : undefined;
      const kase = cases.get(clock.caseId);
      if (!user?.isActive || !kase) continue;
      const due = Date.parse(clock.dueAt);
      const isLonely = clocks.every((other) => other.id === clock.id || ownerOf(other) !== owner || Math.abs(Date.parse(other.dueAt) - due) > 25 * 60_000);
      if (isLonely) return { username: user.username, kase, dueAt: clock.dueAt };
    }
  }
  throw new Error('the demo data has no running SLA clock to bring near its breach');
}

test('a case about to breach its SLA is notified once, in the workspace and through the bridge', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { username, kase, dueAt } = await lonelyClock(request);
  const context = await browser.newContext();
  // The demo data's clocks run from its anchor day: the browser lives 20 minutes before this one is due.
  await context.clock.install({ time: new Date(Date.parse(dueAt) - 20 * 60_000) });
  const workstation = await desktopWorkstation(context, username);
  const { page: app } = workstation;

  const title = 'SLA about to breach';
  await expect.poll(() => notifiedWith(app, title), { timeout: 30_000 }).toHaveLength(1);
  const [told] = await notifiedWith(app, title);
  expect(told?.body).toMatch(new RegExp(`^${kase.number}: .+ \\(due at .+\\)$`));
  const notice = app.getByTestId('sla-notice');
  await expect(notice).toContainText(title);
  await expect(notice).toContainText(`${kase.number}: ${kase.shortDescription}`);
  await expectAccessible(app, 'an SLA notice');

  // The clocks are judged again every 30 seconds: a minute later, still told once.
  await context.clock.fastForward('01:00');
  // Time for the workspace to judge them (a real half second: nothing to wait for when nothing changes).
  await app.waitForTimeout(500);
  await expect(app.getByTestId('sla-notice')).toHaveCount(1);
  await notice.getByRole('button', { name: `Open ${kase.number}` }).click();
  await expect(app.getByRole('heading', { name: new RegExp(`^${kase.number}:`) })).toBeVisible();
  expect(await notifiedWith(app, title)).toHaveLength(1);
  await context.close();
});
