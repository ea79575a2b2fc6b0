/**
 * The supervisor's team board in Chromium against the real store: a bulk reassignment of 50 cases
 * made offline while an agent resolves one of them online (49 move, one is reported and
 * discarded), a case dragged onto an agent who is told of it at once, and the keyboard path with
 * the suggested agent, a refusal because someone else reassigned the case meanwhile, and a retry.
 */
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { TeamBoardPage } from './pages/TeamBoardPage';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken, expectAccessible } from './pages/support';

type Row = { id: string; [key: string]: unknown };
type CaseRow = Row & { number: string; state: string; assignedToId: string | null; assignmentGroupId: string | null; playbookDefinitionId: string | null };

async function setOnline(context: BrowserContext, page: Page, online: boolean): Promise<void> {
  await context.setOffline(!online);
  await page.evaluate((event) => window.dispatchEvent(new Event(event)), online ? 'online' : 'offline');
}

/** The store's API as one demo user: reads, new cases, life-cycle actions, reassignments. */
async function storeAs(request: APIRequestContext, username: string) {
  const headers = { authorization: `Bearer ${await apiToken(request, username)}` };
  const get = async (path: string) => (await request.get(path, { headers })).json();
  const users = (await get('/api/records/user?limit=200')).items as (Row & { username: string })[];
  const groups = (await get('/api/records/group?limit=100')).items as (Row & { name: string })[];
  const consumer = ((await get('/api/records/consumer?limit=1')).items as Row[])[0];
  const caseType = async (key: string): Promise<Row> => ((await get(`/api/records/caseType?key=${key}`)).items as Row[])[0] ?? { id: '' };
  return {
    userId: (name: string): string => users.find((u) => u.username === name)?.id ?? '',
    groupId: (name: string): string => groups.find((g) => g.name === name)?.id ?? '',
    caseType,
    async createCase(data: Record<string, unknown>): Promise<CaseRow> {
      const created = await request.post('/api/records/case', { headers, data: { channel: 'phone', consumerId: consumer?.id, ...data } });
      expect(created.status(), await created.text()).toBe(201);
      return (await created.json()) as CaseRow;
    },
    async getCase(id: string): Promise<CaseRow> {
      return (await get(`/api/records/case/${id}`)) as CaseRow;
    },
    async transition(id: string, body: Record<string, unknown>): Promise<void> {
      const answer = await request.post(`/api/cases/${id}/transition`, { headers, data: body });
      expect(answer.status(), await answer.text()).toBe(200);
    },
    /** Pushes mutations as a device of this user (a fresh device per sign-in: ids from 1). */
    async push(mutations: { name: string; args: Record<string, unknown> }[]): Promise<void> {
      const deviceTime = new Date().toISOString();
      const answer = await request.post('/api/sync/push', { headers, data: { protocolVersion: 1, mutations: mutations.map((m, i) => ({ id: i + 1, name: m.name, args: m.args, deviceTime })) } });
      expect(answer.status(), await answer.text()).toBe(200);
      const results = ((await answer.json()) as { results: { status: string }[] }).results;
      expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(mutations.map(() => 'applied'));
    },
    async patchCase(id: string, patch: Record<string, unknown>): Promise<void> {
      const answer = await request.patch(`/api/records/case/${id}`, { headers, data: patch });
      expect(answer.status(), await answer.text()).toBe(200);
    },
  };
}

async function signIn(context: BrowserContext, username: string): Promise<WorkstationPage> {
  const workstation = new WorkstationPage(await context.newPage());
  await workstation.open();
  await workstation.signIn(username, demoPassword);
  await workstation.waitUntilSynced();
  return workstation;
}

test('C4, D3: offline, a supervisor reassigns 50 cases in one action while an agent resolves one online: 49 move, one is reported and discarded', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const supervisorApi = await storeAs(request, 'riv.supervisor');
  const sofiaApi = await storeAs(request, 'sofia.rossi');
  const info = await supervisorApi.caseType('information_request');
  const stamp = `Bulk ${Date.now()}`;
  const contact = supervisorApi.groupId('Contact Centre');
  const sofia = supervisorApi.userId('sofia.rossi');
  const liam = supervisorApi.userId('liam.chen');
  const cases: CaseRow[] = [];
  for (let i = 0; i < 50; i += 10) {
    const slice = Array.from({ length: 10 }, (_, j) =>
      supervisorApi.createCase({ caseTypeId: info.id, shortDescription: `${stamp} #${String(i + j).padStart(2, '0')}`, assignmentGroupId: contact, assignedToId: sofia, customFields: { topic: 'rates' } }),
    );
    cases.push(...(await Promise.all(slice)));
  }

  const context = await browser.newContext();
  const workstation = await signIn(context, 'riv.supervisor');
  const board = new TeamBoardPage(workstation.page);
  await board.open('Contact Centre');
  await board.filter(stamp, 50);
  await expectAccessible(workstation.page, 'the team board');

  // Offline: all 50 selected and reassigned to Liam Chen in one action, each queued and shown at once.
  await setOnline(context, workstation.page, false);
  await board.caseList().getByRole('button', { name: 'Select all shown' }).click();
  await expect(board.selectedCount()).toHaveText('50 cases selected');
  await board.caseList().getByRole('button', { name: 'Reassign…' }).click();
  const dialog = board.dialog();
  await expect(dialog.getByRole('heading', { name: 'Reassign 50 cases' })).toBeVisible();
  await dialog.getByRole('radio', { name: /^Liam Chen · / }).check();
  await dialog.getByLabel(/^Reason/).fill('Sofia is on leave');
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(dialog).toBeHidden();
  // 50 strict IndexedDB transactions, one per case: a few seconds on a busy machine.
  await expect(board.board().getByRole('status')).toHaveText('50 cases reassigned; they sync when the store is reachable.', { timeout: 30_000 });
  await expect(workstation.pending()).toHaveText('50 changes waiting');
  const report = board.report('Liam Chen');
  await expect(report.getByTestId('outcome-summary')).toHaveText('0 moved, 0 not moved · 50 waiting to sync');
  await expect(board.caseRow(`${stamp} #00`)).toContainText('Liam Chen');
  await expect(board.caseRow(`${stamp} #00`)).toContainText('waiting to sync');

  // Meanwhile, online, Sofia resolves one of them through the store.
  const resolved = cases[17];
  if (!resolved) throw new Error('no case #17');
  await sofiaApi.transition(resolved.id, { action: 'start' });
  // Its playbook's mandatory steps first (the store holds a resolution until they are done).
  const step = (activityKey: string, data: Record<string, unknown>, commentId: string | null = null) => ({ name: 'playbook.completeActivity', args: { id: crypto.randomUUID(), caseId: resolved.id, playbookDefinitionId: resolved.playbookDefinitionId, activityKey, data, commentId } });
  await sofiaApi.push([step('understand_question', {}), step('answer_route', { branch: 'answered' }), step('answer_letter', { body: 'Your rates notice is due on the 30th.' }, crypto.randomUUID())]);
  await sofiaApi.transition(resolved.id, { action: 'resolve', resolutionCode: 'Information provided', resolutionNotes: 'Answered by phone.' });
  expect((await supervisorApi.getCase(cases[0]?.id ?? '')).assignedToId).toBe(sofia);

  // Back online: 49 move, the resolved one is refused and reported in plain words.
  await setOnline(context, workstation.page, true);
  await workstation.waitUntilSynced();
  await expect(report.getByTestId('outcome-summary')).toHaveText('49 moved, 1 not moved');
  const refused = report.getByRole('list', { name: 'Not moved' }).getByRole('listitem');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(resolved.number);
  await expect(refused).toContainText('It was Resolved meanwhile, so it was not moved.');
  await expect(refused.getByRole('button', { name: `Retry ${resolved.number}` })).toBeDisabled();
  await expect(workstation.page.getByTestId('issues')).toHaveText('1 sync issue');
  const stored = await Promise.all(cases.map((c) => supervisorApi.getCase(c.id)));
  expect(stored.filter((c) => c.assignedToId === liam)).toHaveLength(49);
  expect(stored.find((c) => c.id === resolved.id)).toMatchObject({ assignedToId: sofia, state: 'resolved' });
  // The resolved case left the board's open cases; the 49 are Liam's.
  await expect(board.caseList().getByRole('heading', { level: 3 })).toContainText('(49)');
  await expect(board.caseList().getByRole('row').filter({ hasText: 'Liam Chen' })).toHaveCount(49);

  // Discarded: the report keeps the count, the sync issue is gone.
  await refused.getByRole('button', { name: `Discard ${resolved.number}` }).click();
  await expect(report.getByTestId('outcome-summary')).toHaveText('49 moved, 1 not moved · 1 discarded');
  await expect(report.getByRole('list', { name: 'Not moved' })).toHaveCount(0);
  await expect(workstation.page.getByTestId('issues')).toHaveText('0 sync issues');
  await expectAccessible(workstation.page, 'the team board with an outcome report');
  await context.close();
});

test('a case dragged onto an agent is theirs, and the agent is told at once', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const api = await storeAs(request, 'riv.supervisor');
  const pothole = await api.caseType('pothole_report');
  const stamp = `Drag ${Date.now()}`;
  const kase = await api.createCase({ caseTypeId: pothole.id, shortDescription: `${stamp} pothole`, assignmentGroupId: api.groupId('Roads & Footpaths'), customFields: { locationDetail: 'Outside number 12', severity: 'moderate' } });

  // Noah allowed desktop notifications; the page records each one the workstation shows.
  const agentContext = await browser.newContext();
  await agentContext.grantPermissions(['notifications']);
  await agentContext.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { shownNotifications: shown });
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? '' });
        super(title, options);
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording, configurable: true });
  });
  const agent = await signIn(agentContext, 'noah.king');
  await expect(agent.page.getByTestId('assignment-notice')).toHaveCount(0);

  const context = await browser.newContext();
  const workstation = await signIn(context, 'riv.supervisor');
  const board = new TeamBoardPage(workstation.page);
  await board.open('Roads & Footpaths');
  await board.filter(stamp, 1);
  await board.caseRow(stamp).dragTo(board.agentRow('Noah King'));
  const report = board.report('Noah King');
  await expect(report.getByTestId('outcome-summary')).toHaveText('1 moved, 0 not moved', { timeout: 30_000 });
  await expect(board.caseRow(stamp)).toContainText('Noah King');
  await expect.poll(async () => (await api.getCase(kase.id)).assignedToId, { timeout: 15_000 }).toBe(api.userId('noah.king'));

  // Noah's workstation pulls it (poked live) and tells him, with the case to open.
  const notice = agent.page.getByTestId('assignment-notice');
  await expect(notice).toContainText('New case assigned to you', { timeout: 30_000 });
  await expect(notice).toContainText(`${kase.number}: ${stamp} pothole (assigned by Dana Whitfield)`);
  const shown = () => agent.page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications);
  await expect.poll(shown).toEqual([{ title: 'New case assigned to you', body: `${kase.number}: ${stamp} pothole (assigned by Dana Whitfield)` }]);
  await expect(notice.getByRole('button', { name: 'Enable desktop notifications' })).toHaveCount(0);
  await notice.getByRole('button', { name: `Open ${kase.number}` }).click();
  await expect(agent.page.getByRole('heading', { name: new RegExp(`^${kase.number}:`) })).toBeVisible();
  await expect(agent.page.getByTestId('assignment-notice')).toHaveCount(0);
  await agentContext.close();
  await context.close();
});

test('C4, D3: by keyboard: select, Reassign… to the suggested agent or another; a case reassigned meanwhile is refused, then retried', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const api = await storeAs(request, 'riv.supervisor');
  const pothole = await api.caseType('pothole_report');
  const stamp = `Keys ${Date.now()}`;
  const roads = api.groupId('Roads & Footpaths');
  const first = await api.createCase({ caseTypeId: pothole.id, shortDescription: `${stamp} A`, assignmentGroupId: roads, customFields: { locationDetail: 'Outside number 3', severity: 'minor' } });
  const second = await api.createCase({ caseTypeId: pothole.id, shortDescription: `${stamp} B`, assignmentGroupId: roads, customFields: { locationDetail: 'Outside number 5', severity: 'severe' } });

  const context = await browser.newContext();
  const workstation = await signIn(context, 'riv.supervisor');
  const page = workstation.page;
  const board = new TeamBoardPage(page);
  await board.open('Roads & Footpaths');
  await board.filter(stamp, 2);

  // Space selects the case in focus, the arrow keys move; Ctrl+A selects every case shown.
  const boxes = board.caseList().getByRole('checkbox');
  await boxes.first().focus();
  await page.keyboard.press('Space');
  await expect(board.selectedCount()).toHaveText('1 case selected');
  await page.keyboard.press('ArrowDown');
  await expect(boxes.nth(1)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(board.selectedCount()).toHaveText('2 cases selected');
  await page.keyboard.press('Space');
  await expect(board.selectedCount()).toHaveText('1 case selected');
  await page.keyboard.press('Control+KeyA');
  await expect(board.selectedCount()).toHaveText('2 cases selected');

  // The dialog opens on its shortcut with the suggestion chosen, and says why.
  await page.keyboard.press('Alt+Shift+KeyR');
  const dialog = board.dialog();
  await expect(dialog.getByRole('heading', { name: 'Reassign 2 cases' })).toBeVisible();
  const suggested = dialog.getByRole('radio', { checked: true });
  await expect(suggested).toHaveAccessibleDescription(/^Why: has 1 of the 1 skills these cases need \(Roads\) · (Available|Away|Offline) · load \d+$/);
  await expect(dialog.locator('label', { has: page.getByRole('radio', { checked: true }) })).toContainText('Suggested');
  await expect(dialog.getByRole('radio', { name: /^Dana Whitfield/ })).toHaveCount(0);
  await expectAccessible(page, 'the reassign dialog');

  // Offline, to Sofia Rossi; meanwhile Elena moves one of them to Noah in the store.
  await setOnline(context, page, false);
  await dialog.getByRole('radio', { name: /^Sofia Rossi · / }).check();
  await dialog.getByLabel(/^Reason/).fill('Closer to the sites');
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  const elena = await storeAs(request, 'elena.novak');
  await elena.patchCase(second.id, { assignedToId: elena.userId('noah.king') });

  await setOnline(context, page, true);
  await workstation.waitUntilSynced();
  const report = board.report('Sofia Rossi');
  await expect(report.getByTestId('outcome-summary')).toHaveText('1 moved, 1 not moved');
  const refused = report.getByRole('list', { name: 'Not moved' }).getByRole('listitem');
  await expect(refused).toContainText(`${second.number} Someone else reassigned it meanwhile (now with Noah King).`);

  // Retry: queued again in the same batch, expecting Noah as the store has him now.
  await refused.getByRole('button', { name: `Retry ${second.number}` }).click();
  await workstation.waitUntilSynced();
  await expect(report.getByTestId('outcome-summary')).toHaveText('2 moved, 0 not moved');
  await expect(page.getByTestId('issues')).toHaveText('0 sync issues');
  const sofia = api.userId('sofia.rossi');
  expect((await api.getCase(first.id)).assignedToId).toBe(sofia);
  expect((await api.getCase(second.id)).assignedToId).toBe(sofia);
  await context.close();
});
