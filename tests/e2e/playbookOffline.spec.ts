/**
 * A building permit application worked through its whole playbook offline, in Chromium against the
 * real store: the intake form, the checklist, the case accepted, merit review and the approval
 * requested, all while disconnected (queued, shown at once); back online, the store holds every
 * step; the approver decides in another session, itself offline until it reconnects; the agent
 * then goes offline again for the inspection, its result, the automatic decision and the grant
 * letter, reconnects, and resolves the case. The store ends with every step, the approval, the
 * other approver's request withdrawn, the letter as a customer-visible comment, and the case
 * resolved.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken } from './pages/support';

type Row = { id: string; [key: string]: unknown };

async function setOnline(context: BrowserContext, page: Page, online: boolean): Promise<void> {
  await context.setOffline(!online);
  await page.evaluate((event) => window.dispatchEvent(new Event(event)), online ? 'online' : 'offline');
}

test('a permit application worked through its playbook offline; the approver approves from another session', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const token = await apiToken(request, 'grace.kelly');
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path: string) => (await request.get(path, { headers })).json();
  const caseType = (await get('/api/records/caseType?key=building_permit')).items[0] as Row;
  const users = (await get('/api/records/user?limit=200')).items as (Row & { username: string })[];
  const grace = users.find((u) => u.username === 'grace.kelly');
  const consumer = (await get('/api/records/consumer?limit=1')).items[0] as Row;
  const created = await request.post('/api/records/case', {
    headers,
    data: { caseTypeId: caseType.id, shortDescription: `Granny flat, offline ${Date.now()}`, channel: 'walk_in', consumerId: consumer.id, assignedToId: grace?.id, customFields: { parcelId: 'LOT-2000-DP20000', permitType: 'new dwelling', projectValue: 180000 } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = (await created.json()) as Row & { number: string; playbookDefinitionId: string };

  const agentContext = await browser.newContext();
  const page = await agentContext.newPage();
  const agent = new WorkstationPage(page);
  await agent.open();
  await agent.signIn('grace.kelly', demoPassword);
  await agent.waitUntilSynced();
  await agent.openCase(kase.number);
  const guide = page.getByRole('complementary', { name: /^Playbook: / });
  const stages = guide.getByRole('list', { name: 'Stages' });
  const done = guide.getByRole('list', { name: 'Done' });
  await expect(stages.locator('[aria-current="step"]')).toContainText('Intake');
  // What holds the resolution; steps a condition may still skip say so.
  const hold = guide.getByTestId('playbook-hold');
  await expect(hold).toContainText('Intake check');
  await expect(hold).toContainText('Book the site inspection (if it applies)');
  await expect(hold).toContainText('Send the refusal letter (if it applies)');

  // Offline from here: every step is applied on the device and queued.
  await setOnline(agentContext, page, false);
  const intake = guide.getByRole('region', { name: 'Intake check' });
  await intake.getByLabel(/^Project value/).fill('185000');
  await intake.getByRole('checkbox', { name: /^Owner's consent on file/ }).check();
  await intake.getByRole('button', { name: 'Complete' }).click();
  await expect(intake).toHaveCount(0);
  const documents = guide.getByRole('region', { name: 'Document checklist' });
  for (const item of [/^Site plan/, /^Floor plans/, /^Structural engineering/]) await documents.getByRole('checkbox', { name: item }).check();
  await documents.getByRole('button', { name: 'Complete' }).click();
  await expect(documents).toHaveCount(0);
  await page.getByRole('group', { name: 'Case actions' }).getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(stages.locator('[aria-current="step"]')).toContainText('Merit review');
  const merit = guide.getByRole('region', { name: 'Merit review' });
  await merit.getByLabel(/^Assessment/).selectOption('meets requirements');
  await merit.getByRole('button', { name: 'Complete' }).click();
  const approval = guide.getByRole('region', { name: 'Approval by the merit review panel' });
  await approval.getByRole('button', { name: 'Request approval' }).click();
  await expect(approval.getByRole('list', { name: 'Decisions' })).toContainText('Priya Raman: waiting');
  // Still held, and nothing has reached the store.
  await expect(guide.getByTestId('playbook-hold')).toContainText('Approval by the merit review panel');
  await expect(agent.pending()).toHaveText(/^[1-9]\d* changes? waiting$/);
  expect((await get(`/api/records/playbookStep?caseId=${kase.id}&limit=100`)).items).toEqual([]);

  // Back online: the store has every step, re-checked by its engine, and the approvals.
  await setOnline(agentContext, page, true);
  await agent.waitUntilSynced();
  const stepsNow = async () => ((await get(`/api/records/playbookStep?caseId=${kase.id}&limit=100`)).items as { activityKey: string; action: string }[]).map((s) => `${s.activityKey}:${s.action}`).sort();
  expect(await stepsNow()).toEqual(['approval:started', 'documents:completed', 'intake_check:completed', 'merit_review:completed']);
  const storedCase = (await get(`/api/records/case/${kase.id}`)) as { state: string; customFields: Record<string, unknown> };
  expect(storedCase).toMatchObject({ state: 'open', customFields: { projectValue: 185000 } });
  // The heritage referral did not apply (not heritage listed): skipped by its condition, no step.
  await expect(done.locator('details').filter({ hasText: 'Heritage referral' })).toContainText('Skipped');

  // The approver, in another session, decides offline; it reaches the store when they reconnect.
  const approverContext = await browser.newContext();
  const approverPage = await approverContext.newPage();
  const approver = new WorkstationPage(approverPage);
  await approver.open();
  await approver.signIn('riv.stakeholder', demoPassword);
  await approver.waitUntilSynced();
  await approverPage.keyboard.press('Alt+6');
  const item = approverPage.getByRole('region', { name: 'To approve' }).getByRole('article', { name: new RegExp(`^${kase.number}:`) });
  await expect(item).toContainText('Approval by the merit review panel · requested by Grace Kelly');
  // The approver can open the case and follow its playbook, but not work it.
  await item.getByRole('heading').getByRole('button').click();
  const followed = approverPage.getByRole('complementary', { name: /^Playbook: / });
  await expect(followed).toContainText('You follow this playbook; the agents working the case complete its steps.');
  await expect(followed.getByRole('button', { name: 'Request approval' })).toHaveCount(0);
  await approverPage.keyboard.press('Alt+6');
  await setOnline(approverContext, approverPage, false);
  await item.getByLabel('Comment (required to reject)').fill('Meets the planning controls.');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);
  await expect(approver.pending()).toHaveText('1 change waiting');
  await expect(guide.getByRole('region', { name: 'Approval by the merit review panel' })).toBeVisible();
  await setOnline(approverContext, approverPage, true);
  await approver.waitUntilSynced();
  await approverContext.close();

  // The agent's guide moves on by itself (pushed to it live): approved, inspection next.
  await expect(stages.locator('[aria-current="step"]')).toContainText('Inspection', { timeout: 30_000 });
  await expect(done.locator('details').filter({ hasText: 'Approval by the merit review panel' })).toContainText('Approved');

  // Offline again for the rest of the playbook.
  await setOnline(agentContext, page, false);
  const inspection = guide.getByRole('region', { name: 'Book the site inspection' });
  await inspection.getByRole('button', { name: 'Create task' }).click();
  await expect(inspection.getByTestId('playbook-task')).toContainText('new (not synced)');
  await inspection.getByRole('button', { name: /^Complete / }).click();
  const result = guide.getByRole('region', { name: 'Inspection result' });
  await result.getByRole('radio', { name: 'Passed' }).check();
  await result.getByRole('button', { name: 'Confirm' }).click();
  const letter = guide.getByRole('region', { name: 'Send the grant letter' });
  await expect(letter.getByLabel('Message to the customer')).toHaveValue(new RegExp(`Building permit application ${kase.number}`));
  await letter.getByRole('button', { name: 'Send to customer' }).click();
  await expect(guide).toContainText('The playbook is complete.');
  await expect(guide.getByTestId('playbook-hold')).toHaveCount(0);
  await page.getByRole('group', { name: 'Case actions' }).getByRole('button', { name: 'Move to decision' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Ready for Decision');
  await page.keyboard.press('Alt+KeyR');
  await page.getByLabel('Resolution code').selectOption('Approved');
  await page.getByLabel('Resolution notes').fill('Granted after inspection.');
  await page.getByRole('group', { name: 'Resolution' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('case-state')).toHaveText('Resolved');

  // Reconnected: the store accepted all of it, in order.
  await setOnline(agentContext, page, true);
  await agent.waitUntilSynced();
  await expect(page.getByTestId('issues')).toHaveText('0 sync issues');
  expect(await stepsNow()).toEqual(['approval:started', 'documents:completed', 'grant_letter:completed', 'inspection:started', 'inspection_result:completed', 'intake_check:completed', 'merit_review:completed']);
  const final = (await get(`/api/records/case/${kase.id}`)) as { state: string; resolutionCode: string };
  expect(final).toMatchObject({ state: 'resolved', resolutionCode: 'Approved' });
  const approvals = (await get(`/api/records/approval?caseId=${kase.id}&limit=10`)).items as { approverId: string; state: string; comment: string | null }[];
  const byUser = new Map(users.map((u) => [u.id, u.username]));
  expect(approvals.map((a) => `${byUser.get(a.approverId) ?? ''}:${a.state}`).sort()).toEqual(['ahmed.ali:cancelled', 'riv.stakeholder:approved']);
  const tasks = (await get(`/api/records/task?caseId=${kase.id}&limit=10`)).items as { kind: string; state: string; number: string }[];
  expect(tasks).toEqual([expect.objectContaining({ kind: 'inspection', state: 'completed', number: expect.stringMatching(/^TSK\d+/) })]);
  const comments = (await get(`/api/records/journalEntry?caseId=${kase.id}&kind=comment&limit=10`)).items as { body: string }[];
  expect(comments.some((c) => c.body.includes(`Building permit application ${kase.number}`))).toBe(true);
  await agentContext.close();
});
