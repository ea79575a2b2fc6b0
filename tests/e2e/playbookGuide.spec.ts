/**
 * The playbook guide beside the case form, in Chromium against the real store: a building permit
 * case opened by the store (and pinned to its playbook) is worked through its intake form (the
 * answers written to the case's own fields), a checklist refused on the device while an item is
 * missing (nothing queued), the resolution held while mandatory steps are open, the next stage
 * reached by the case's Accept action, an optional step skipped with a reason, the approval asked
 * for and decided by the approver in "To approve", the inspection task created and closed, the
 * inspection result, the automatic permit decision and the grant letter sent from its template —
 * with an accessibility scan of the guide in the light and dark themes and of the approvals view.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken, expectAccessible } from './pages/support';

type Row = { id: string; [key: string]: unknown };

async function setTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.getByLabel('Theme').selectOption({ label: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
}

test('an agent works a building permit through its playbook guide', async ({ browser, page, request }) => {
  // A whole playbook, two people and six accessibility scans: longer than the default minute.
  test.setTimeout(180_000);
  const token = await apiToken(request, 'grace.kelly');
  const headers = { authorization: `Bearer ${token}` };
  const get = async (path: string) => (await request.get(path, { headers })).json();
  const caseType = (await get('/api/records/caseType?key=building_permit')).items[0] as Row;
  const permits = ((await get('/api/records/group?limit=100')).items as Row[]).find((g) => g.name === 'Building Permits');
  const grace = ((await get('/api/records/user?limit=200')).items as Row[]).find((u) => u.username === 'grace.kelly');
  const consumer = (await get('/api/records/consumer?limit=1')).items[0] as Row & { firstName: string; lastName: string };
  expect(caseType && permits && grace && consumer, 'the demo store has the permit case type, group, agent and a customer').toBeTruthy();

  // A new application, opened by the store: it pins the case to the current playbook version.
  const created = await request.post('/api/records/case', {
    headers,
    data: {
      caseTypeId: caseType.id,
      shortDescription: 'Rear deck and pergola',
      channel: 'portal',
      consumerId: consumer.id,
      assignmentGroupId: permits?.id,
      assignedToId: grace?.id,
      customFields: { parcelId: 'LOT-1000-DP10000', permitType: 'extension', projectValue: 45000, heritageListed: true },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const kase = (await created.json()) as Row & { number: string; playbookDefinitionId: string | null };
  expect(kase.playbookDefinitionId, 'the store pins a new case to its playbook').toBeTruthy();

  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('grace.kelly', demoPassword);
  await workstation.waitUntilSynced();
  await workstation.openCase(kase.number);

  const guide = page.getByRole('complementary', { name: 'Playbook: Building permit assessment' });
  await expect(guide).toBeVisible();
  await expect(guide.getByTestId('playbook-version')).toContainText('this case runs this version');
  const stages = guide.getByRole('list', { name: 'Stages' });
  await expect(stages.getByRole('listitem')).toHaveCount(4);
  await expect(stages.locator('[aria-current="step"]')).toContainText('Intake');
  await expect(stages.locator('[aria-current="step"]')).toContainText('0 of 3 done');
  await expect(guide.getByTestId('playbook-hold')).toContainText('Intake check');
  await expect(guide.getByRole('list', { name: 'Coming up' })).toContainText('Document checklist: waits for “Intake check”');
  await expectAccessible(page, 'the playbook guide (system theme)');

  // The resolution is held while mandatory steps are open: the notice shows, nothing is queued.
  await page.keyboard.press('Alt+R');
  await expect(page.getByTestId('resolution-held')).toContainText('Intake check');
  await expect(page.getByRole('group', { name: 'Resolution' })).toHaveCount(0);
  await expect(workstation.pending()).toHaveText('0 changes waiting');

  // Alt+G: to the first card to work on now.
  await page.keyboard.press('Alt+G');
  await expect(guide.getByRole('heading', { name: 'Intake check' })).toBeFocused();

  // The intake form: a required answer missing is refused on the device, beside its field.
  const intake = guide.getByRole('region', { name: 'Intake check' });
  const parcel = intake.getByLabel(/^Parcel ID/);
  await expect(parcel).toHaveValue('LOT-1000-DP10000');
  await parcel.fill('');
  await intake.getByRole('button', { name: 'Complete' }).click();
  await expect(parcel).toHaveAttribute('aria-invalid', 'true');
  await expect(intake.getByText(/Parcel ID .* is required/)).toBeVisible();
  await expect(parcel).toBeFocused();
  await expect(workstation.pending()).toHaveText('0 changes waiting');
  await parcel.fill('LOT-4321-DP98765');
  await intake.getByLabel(/^Project value/).fill('250000');
  await intake.getByRole('checkbox', { name: /^Owner's consent on file/ }).check();
  await intake.getByRole('button', { name: 'Complete' }).click();
  // The card goes; focus moves to the next card; the answers are written to the case's own fields.
  await expect(intake).toHaveCount(0);
  await expect(guide.getByRole('heading', { name: 'Document checklist' })).toBeFocused();
  const details = page.getByRole('form', { name: 'Details' });
  await expect(details.getByLabel(/^Parcel ID/)).toHaveValue('LOT-4321-DP98765');
  await expect(details.getByLabel(/^Project value/)).toHaveValue('250000');
  await expect(workstation.pending()).toHaveText('0 changes waiting');

  // The checklist: completed with an item missing, it is refused on the device and names the item.
  const documents = guide.getByRole('region', { name: 'Document checklist' });
  await documents.getByRole('checkbox', { name: /^Site plan/ }).check();
  await documents.getByRole('checkbox', { name: /^Floor plans/ }).check();
  await documents.getByRole('button', { name: 'Complete' }).click();
  const refused = documents.getByTestId('checklist-refused');
  await expect(refused).toContainText('Structural engineering certificate');
  await expect(refused).not.toContainText('Floor plans');
  await expect(documents.getByRole('checkbox', { name: /^Structural engineering/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(workstation.pending()).toHaveText('0 changes waiting');
  await documents.getByRole('checkbox', { name: /^Structural engineering/ }).check();
  await documents.getByRole('button', { name: 'Complete' }).click();
  await expect(documents).toHaveCount(0);
  const accept = guide.getByRole('region', { name: 'Accept the application' });
  await expect(accept.getByRole('heading', { name: 'Accept the application' })).toBeFocused();
  await expect(accept).toContainText('Waits until case.state not in new.');
  await expect(accept.getByRole('button')).toHaveCount(0);
  await expect(stages.locator('[aria-current="step"]')).toContainText('2 of 3 done');

  // What was done: collapsed, with who did it and what it recorded.
  const done = guide.getByRole('list', { name: 'Done' });
  const intakeDone = done.locator('details').filter({ hasText: 'Intake check' });
  await expect(intakeDone).toContainText('Grace Kelly');
  await intakeDone.locator('summary').click();
  await expect(intakeDone).toContainText('LOT-4321-DP98765');

  // Still held: the accept step is mandatory.
  await page.keyboard.press('Alt+R');
  await expect(page.getByTestId('resolution-held')).toContainText('Accept the application');
  await expect(workstation.pending()).toHaveText('0 changes waiting');

  await setTheme(page, 'Light');
  await expectAccessible(page, 'the playbook guide (light theme)');
  await setTheme(page, 'Dark');
  await expectAccessible(page, 'the playbook guide (dark theme)');

  // The case's Accept action moves the playbook on to merit review.
  await page.getByRole('group', { name: 'Case actions' }).getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(stages.locator('[aria-current="step"]')).toContainText('Merit review');
  await expect(stages.getByRole('listitem').first()).toContainText('complete');

  // The heritage referral (optional, with knowledge links) is skipped with a required reason.
  const heritage = guide.getByRole('region', { name: 'Heritage referral' });
  await expect(heritage.getByRole('link', { name: /Heritage overlay referral guideline/ })).toHaveAttribute('target', '_blank');
  await heritage.getByRole('button', { name: 'Skip' }).click();
  const reason = heritage.getByLabel('Why is “Heritage referral” skipped?');
  await expect(reason).toBeFocused();
  await heritage.getByRole('button', { name: 'Confirm skip' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(heritage.getByText('Say why it is skipped.')).toBeVisible();
  await reason.fill('Advisor already reviewed these plans at pre-lodgement');
  await heritage.getByRole('button', { name: 'Confirm skip' }).click();
  await expect(heritage).toHaveCount(0);
  await expect(done.locator('details').filter({ hasText: 'Heritage referral' })).toContainText('Skipped');

  // Merit review, then the approval card names who is asked and the rule.
  const merit = guide.getByRole('region', { name: 'Merit review' });
  await merit.getByLabel(/^Assessment/).selectOption('meets with conditions');
  await merit.getByLabel(/^Conditions of consent/).fill('Pergola to stay 900 mm from the side boundary.');
  await merit.getByRole('button', { name: 'Complete' }).click();
  const approval = guide.getByRole('region', { name: 'Approval by the merit review panel' });
  await expect(approval.getByRole('heading', { name: 'Approval by the merit review panel' })).toBeFocused();
  const approvers = approval.getByRole('list', { name: 'Who is asked' });
  await expect(approvers).toContainText('Priya Raman');
  await expect(approvers).toContainText('Ahmed Ali');
  await expect(approval).toContainText('The first decision settles it.');
  await approval.getByRole('button', { name: 'Request approval' }).click();
  const decisions = approval.getByRole('list', { name: 'Decisions' });
  await expect(decisions).toContainText('Priya Raman: waiting');
  await expect(decisions).toContainText('Ahmed Ali: waiting');
  await expect(approval.getByRole('heading', { name: 'Approval by the merit review panel' })).toBeFocused();
  await workstation.waitUntilSynced();

  // The store recorded the steps and wrote the answers to the case.
  const steps = (await get(`/api/records/playbookStep?caseId=${kase.id}&limit=100`)).items as { activityKey: string; action: string }[];
  expect(steps.map((s) => `${s.activityKey}:${s.action}`).sort()).toEqual(['approval:started', 'documents:completed', 'heritage_referral:skipped', 'intake_check:completed', 'merit_review:completed']);
  const stored = (await get(`/api/records/case/${kase.id}`)) as { customFields: Record<string, unknown> };
  expect(stored.customFields).toMatchObject({ parcelId: 'LOT-4321-DP98765', projectValue: 250000 });
  await expectAccessible(page, 'the playbook guide with an approval in progress (dark theme)');

  // The approver decides in "To approve" (their own window): a rejection needs a comment.
  const approverContext = await browser.newContext();
  const approverPage = await approverContext.newPage();
  const approver = new WorkstationPage(approverPage);
  await approver.open();
  await approver.signIn('riv.stakeholder', demoPassword);
  await approver.waitUntilSynced();
  const approverNav = approverPage.getByRole('navigation', { name: 'Workspace' });
  // The navigation counts what waits (the demo data holds other approvals for this approver too).
  const navItem = approverNav.getByRole('button', { name: /^To approve/ });
  await expect(navItem).toHaveText(/^To approve \(\d+\)$/);
  const waitingCount = Number((await navItem.innerText()).replace(/\D/g, ''));
  await approverPage.keyboard.press('Alt+6');
  const toApprove = approverPage.getByRole('region', { name: 'To approve' });
  await expect(toApprove.getByRole('heading', { name: 'To approve' })).toBeFocused();
  const item = toApprove.getByRole('article', { name: new RegExp(`^${kase.number}:`) });
  await expect(item).toContainText('Approval by the merit review panel · requested by Grace Kelly');
  await expectAccessible(approverPage, 'the approvals view');
  await item.getByRole('button', { name: 'Reject' }).click();
  await expect(item.getByText('Say why you reject it.')).toBeVisible();
  await expect(item.getByLabel('Comment (required to reject)')).toHaveAttribute('aria-invalid', 'true');
  await expect(approver.pending()).toHaveText('0 changes waiting');
  await item.getByLabel('Comment (required to reject)').fill('The conditions address the side setback.');
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);
  await expect(toApprove.getByRole('list', { name: 'Decided by me' })).toContainText(kase.number);
  await expect(navItem).toHaveText(waitingCount > 1 ? `To approve (${waitingCount - 1})` : 'To approve');
  await approver.waitUntilSynced();
  await approverContext.close();

  // Back with the agent: the approval settles, the inspection stage starts with its task card.
  await expect(stages.locator('[aria-current="step"]')).toContainText('Inspection');
  await expect(done.locator('details').filter({ hasText: 'Approval by the merit review panel' })).toContainText('Approved');
  const inspection = guide.getByRole('region', { name: 'Book the site inspection' });
  await expect(inspection).toContainText('Pre-commencement site inspection');
  await expect(inspection.getByLabel('Group')).toHaveValue(String(permits?.id));
  await inspection.getByLabel('Group').selectOption({ label: 'Building Inspections' });
  await inspection.getByLabel('Assign to').selectOption({ label: 'Ethan Ryan' });
  await inspection.getByRole('button', { name: 'Create task' }).click();
  await expect(inspection.getByRole('heading', { name: 'Book the site inspection' })).toBeFocused();
  await workstation.waitUntilSynced();
  const inspectionTask = inspection.getByTestId('playbook-task');
  await expect(inspectionTask).toContainText('Ethan Ryan');
  await expect(inspectionTask).not.toContainText('new (not synced)');
  await expect(page.getByRole('region', { name: 'Tasks' }).getByRole('listitem').filter({ hasText: 'Pre-commencement site inspection' })).toBeVisible();
  await inspection.getByRole('button', { name: /^Complete / }).click();

  // The inspection result: a decision needs an answer.
  const result = guide.getByRole('region', { name: 'Inspection result' });
  await expect(result.getByRole('heading', { name: 'Inspection result' })).toBeFocused();
  await result.getByRole('button', { name: 'Confirm' }).click();
  await expect(result.getByText('Choose an answer.')).toBeVisible();
  await result.getByRole('radio', { name: 'Passed' }).check();
  await result.getByRole('button', { name: 'Confirm' }).click();

  // The permit decision is automatic; the grant letter is drafted from its template.
  await expect(done.locator('details').filter({ hasText: 'Permit decision' })).toContainText('Done');
  const letter = guide.getByRole('region', { name: 'Send the grant letter' });
  const message = letter.getByLabel('Message to the customer');
  await expect(message).toHaveValue(new RegExp(`^Dear ${consumer.firstName} ${consumer.lastName},`));
  await expect(message).toHaveValue(new RegExp(`Building permit application ${kase.number}: Rear deck and pergola`));
  await expect(message).toHaveValue(/Merit review assessment: meets with conditions/);
  await expect(message).toHaveValue(/Pergola to stay 900 mm from the side boundary\./);
  await expect(message).toHaveValue(/Kind regards,\nGrace Kelly/);
  await message.fill('');
  await letter.getByRole('button', { name: 'Send to customer' }).click();
  await expect(letter.getByText('Write the message before sending it.')).toBeVisible();
  await message.fill(`Dear ${consumer.firstName} ${consumer.lastName},\n\nYour building permit ${kase.number} has been granted.\n\nGrace Kelly`);
  await letter.getByRole('button', { name: 'Send to customer' }).click();
  await expect(guide).toContainText('The playbook is complete.');
  await expect(guide.getByTestId('playbook-hold')).toHaveCount(0);
  await expect(stages.locator('[aria-current="step"]')).toHaveCount(0);
  const decision = done.locator('details').filter({ hasText: 'Permit decision' });
  await decision.locator('summary').click();
  await expect(decision).toContainText('Decided automatically: Grant the permit');
  await expect(done.locator('details').filter({ hasText: 'Send the refusal letter' })).toContainText('Skipped');
  await expect(workstation.activity().getByRole('listitem').filter({ hasText: `Your building permit ${kase.number} has been granted.` })).toContainText('Comment');
  await workstation.waitUntilSynced();
  const comments = (await get(`/api/records/journalEntry?caseId=${kase.id}&limit=100`)).items as { kind: string; body: string }[];
  expect(comments.find((c) => c.body.includes('has been granted'))?.kind).toBe('comment');
  await expectAccessible(page, 'the completed playbook guide (dark theme)');
});
