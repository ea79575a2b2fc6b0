/**
 * The case form in Chromium against the real store: the case type's own fields (a bad value is
 * refused on the device and nothing is queued), assignment to a group and an agent, tasks,
 * attachments, comments beside work notes, and the field history of each change in one
 * timeline, all of which the store then holds.
 */
import { expect, test } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { WorkstationPage } from './pages/WorkstationPage';
import { apiToken } from './pages/support';

type StoredCase = { id: string; number: string; state: string; resolvedAt: string | null; closedAt: string | null; priority: number; caseTypeId: string; customFields: Record<string, unknown>; assignmentGroupId: string; assignedToId: string | null };

test('an agent works a case in its form: own fields, assignment, tasks, attachments, comments and history', async ({ page, request }) => {
  const agent = await apiToken(request, 'riv.agent');
  const get = async (path: string) => (await request.get(path, { headers: { authorization: `Bearer ${agent}` } })).json();
  const potholes = (await get('/api/records/caseType?key=pothole_report')).items[0] as { id: string };
  const mine = (await get('/api/cases/mine?limit=500')).items as StoredCase[];
  const target = mine.find((c) => c.caseTypeId === potholes.id && c.resolvedAt === null && c.closedAt === null);
  expect(target, 'riv.agent has an open pothole report').toBeTruthy();
  if (!target) return;
  const newPriority = target.priority === 4 ? 3 : target.priority + 1;
  const roads = ((await get('/api/records/group?limit=100')).items as { id: string; name: string }[]).find((g) => g.id === target.assignmentGroupId);

  const workstation = new WorkstationPage(page);
  await workstation.open();
  await workstation.signIn('riv.agent', demoPassword);
  await workstation.waitUntilSynced();
  await workstation.openCase(target.number);
  await expect(page.getByRole('region', { name: 'Related records' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Service levels' })).toContainText('resolution');

  // A required field of the case type left empty: refused on the device, nothing queued.
  const details = page.getByRole('form', { name: 'Details' });
  await details.getByLabel(/^Location detail/).fill('');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByText('Location detail is required')).toBeVisible();
  await expect(workstation.pending()).toHaveText('0 changes waiting');
  await details.getByLabel(/^Location detail/).fill('In front of number 12, kerb side');
  await details.getByLabel(/^Depth/).fill('14');
  await details.getByLabel('Priority').selectOption(String(newPriority));
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByText('Saved on this device.')).toBeVisible();

  // Reassign within the group, to another agent, with a reason.
  const assign = page.getByRole('form', { name: 'Assignment' });
  await assign.getByRole('combobox', { name: /^Agent/ }).selectOption({ label: 'Sofia Rossi' });
  await assign.getByLabel('Reason (optional)').fill('Sofia covers this suburb');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('case-assignment')).toHaveText(`Assigned to Sofia Rossi in ${roads?.name ?? ''}`);

  // A task, a file and a customer-visible comment, made offline: each shows at once, waiting to sync.
  await page.context().setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  const tasks = page.getByRole('region', { name: 'Tasks' });
  await tasks.getByLabel('New task').fill('Mark the pothole for the crew');
  await tasks.getByRole('button', { name: 'Add task' }).click();
  await expect(tasks.getByRole('listitem').filter({ hasText: 'Mark the pothole for the crew' })).toContainText('waiting to sync');
  const attachments = page.getByRole('region', { name: 'Attachments' });
  await attachments.getByLabel('Attach a file').setInputFiles({ name: 'site-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Depth measured at 14 cm.\n') });
  await expect(attachments.getByRole('button', { name: 'Open site-notes.txt' })).toBeVisible();
  await page.getByRole('radio', { name: 'Comment (customer-visible)' }).check();
  await page.getByRole('textbox', { name: 'Comment to the customer' }).fill('Thanks, a crew will repair it this week.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(workstation.activity().getByRole('listitem').filter({ hasText: 'Thanks, a crew will repair it this week.' })).toContainText('waiting to sync');

  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await workstation.waitUntilSynced();
  const activity = workstation.activity();
  await expect(activity.getByRole('listitem').filter({ hasText: 'Thanks, a crew will repair it this week.' })).toContainText('Comment');
  // The store's field history of the edits shows in the same timeline, with who made them.
  await expect(activity.getByRole('listitem').filter({ hasText: `Priority: ${target.priority} → ${newPriority}` })).toContainText('Ana Lopez');
  await expect(activity.getByRole('listitem').filter({ hasText: 'Depth (cm):' })).toContainText('→ 14');
  await expect(activity.getByRole('listitem').filter({ hasText: 'Location detail:' })).toContainText('→ In front of number 12, kerb side');
  await expect(activity.getByRole('listitem').filter({ hasText: 'Assigned to: Ana Lopez → Sofia Rossi' })).toBeVisible();
  await expect(activity.getByRole('listitem').filter({ hasText: 'Reassigned: Sofia covers this suburb' })).toBeVisible();
  await expect(tasks.getByRole('listitem').filter({ hasText: 'Mark the pothole for the crew' })).not.toContainText('waiting to sync');
  await expect(attachments.getByRole('listitem').filter({ hasText: 'site-notes.txt' })).not.toContainText('not uploaded yet', { timeout: 30_000 });

  // The store holds all of it.
  const stored = (await get(`/api/records/case/${target.id}`)) as StoredCase;
  expect(stored.priority).toBe(newPriority);
  expect(stored.customFields).toMatchObject({ locationDetail: 'In front of number 12, kerb side', depthCm: 14 });
  const sofia = ((await get('/api/records/user?limit=200')).items as { id: string; displayName: string }[]).find((u) => u.displayName === 'Sofia Rossi');
  expect(stored.assignedToId).toBe(sofia?.id);
  const storedTasks = (await get(`/api/records/task?caseId=${target.id}&limit=100`)).items as { shortDescription: string; number: string }[];
  expect(storedTasks.find((t) => t.shortDescription === 'Mark the pothole for the crew')?.number).toMatch(/\S/);
  const files = (await get(`/api/records/attachment?caseId=${target.id}&limit=100`)).items as { fileName: string; state: string }[];
  expect(files.find((f) => f.fileName === 'site-notes.txt')?.state).toBe('uploaded');
  const comments = (await get(`/api/records/journalEntry?caseId=${target.id}&limit=500`)).items as { kind: string; body: string }[];
  expect(comments.find((j) => j.body === 'Thanks, a crew will repair it this week.')?.kind).toBe('comment');

  // The crew marked it: the task is completed from the form.
  const task = tasks.getByRole('listitem').filter({ hasText: 'Mark the pothole for the crew' });
  await task.getByRole('button', { name: /^Complete / }).click();
  await expect(task).toContainText('Completed');
  await expect(task.getByRole('button')).toHaveCount(0);
});
