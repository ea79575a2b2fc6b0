/**
 * A field technician's day offline, in Chromium against the real store (issue 6): hwp.tech signs
 * in and its work comes down; it prepares three days for offline (sync, install base history, the
 * content of its cases' attachments) and the view says what the device holds; offline, it works
 * two work orders (start, pause, resume, notes, parts, a photo, the item's new state, a drawn
 * customer signature; a completion without name or signature is refused and queues nothing); the
 * app is closed and started again while still offline and unlocked with the password; back online,
 * everything reaches the store with the device's times of the work.
 */
import { createHash } from 'node:crypto';
import { expect, request as playwrightRequest, test, type BrowserContext, type Page } from '@playwright/test';
import { demoPassword } from '../../server/seed/catalog';
import { minutesWorked, type Task } from '../../shared/domain/task';
import { protocolVersion } from '../../shared/sync/protocol';
import { DeviceProfile, goOffline } from './pages/device';
import { createStoreProcess } from './storeProcess';
import { expectAccessible } from './pages/support';
import { WorkstationPage } from './pages/WorkstationPage';

type Row = { id: string; [key: string]: unknown };
type TaskRow = Task & { id: string };

async function setOnline(context: BrowserContext, page: Page, online: boolean): Promise<void> {
  if (online) await context.setOffline(false);
  else await goOffline(context, page);
  await page.evaluate((event) => window.dispatchEvent(new Event(event)), online ? 'online' : 'offline');
}

/** A tiny valid PNG (1×1), as a camera photo stand-in. */
const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function sign(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, box.y + 20, { steps: 8 });
  await page.mouse.move(box.x + (2 * box.width) / 3, box.y + box.height - 20, { steps: 8 });
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

test('a technician prepares for offline, completes two work orders offline across a restart, and the store gets them with device times', async () => {
  test.setTimeout(300_000);
  // A store of its own that the test stops while the device is offline: nothing can reach it then,
  // whatever the browser's offline emulation lets through, so what arrives later arrived on reconnect.
  const store = await createStoreProcess({ cases: 300 });
  await store.start();
  const request = await playwrightRequest.newContext({ baseURL: store.url });
  const login = await request.post('/api/auth/login', { data: { username: 'hwp.tech', password: demoPassword } });
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const headers = { authorization: `Bearer ${token}` };
  const get = async <T>(path: string): Promise<T> => (await request.get(path, { headers })).json() as Promise<T>;
  const tasks = (await get<{ items: TaskRow[] }>(`/api/records/task?assignedToId=${user.id}&limit=500`)).items;
  const open = tasks.filter((t) => t.kind === 'work_order' && t.caseId && (t.state === 'open' || t.state === 'in_progress')).sort((x, y) => (x.scheduledStart ?? '').localeCompare(y.scheduledStart ?? ''));
  const cases = new Map((await Promise.all(open.map((t) => get<Row & { number: string; contractId: string | null }>(`/api/records/case/${t.caseId}`)))).map((c) => [c.id, c]));
  const a = open.find((t) => t.state === 'open' && t.installBaseItemId && cases.get(t.caseId ?? '')?.contractId);
  const b = open.find((t) => t.state === 'in_progress' && t !== a);
  if (!a?.caseId || !a.installBaseItemId || !b?.caseId) throw new Error('hwp.tech needs an open work order on an item under contract and one in progress');
  const history = await get<{ items: { work: { number: string }[] }[] }>(`/api/fieldwork/history?itemIds=${a.installBaseItemId}`);
  const earlier = history.items[0]?.work.find((w) => w.number !== a.number);
  if (!earlier) throw new Error(`no earlier work on the item of ${a.number}`);
  const itemBefore = await get<{ state: string }>(`/api/records/installBaseItem/${a.installBaseItemId}`);
  const newItemState = itemBefore.state === 'in_service' ? { label: 'Faulty', value: 'faulty' } : { label: 'In service', value: 'in_service' };

  // A document on A's case, with its content in the store, for the device to take along.
  const docId = crypto.randomUUID();
  const content = Buffer.from('Meter cabinet key is with the neighbour at no. 14.\n');
  const pushed = await request.post('/api/sync/push', { headers, data: { protocolVersion, mutations: [{ id: 1, name: 'attachment.create', args: { id: docId, caseId: a.caseId, taskId: null, fileName: 'access-notes.txt', contentType: 'text/plain', sizeBytes: content.length }, deviceTime: new Date().toISOString() }] } });
  expect((await pushed.json()).results[0].status).toBe('applied');
  expect((await request.put(`/api/attachments/${docId}/chunks/0`, { headers: { ...headers, 'content-type': 'application/octet-stream' }, data: content })).status()).toBe(204);
  expect((await request.post(`/api/attachments/${docId}/complete`, { headers, data: { sha256: createHash('sha256').update(content).digest('hex') } })).status()).toBe(200);

  // One browser profile kept on disk, so the app can be closed and started again.
  const profile = new DeviceProfile();
  let { context, page } = await profile.launch({ baseURL: store.url });
  try {
    let app = new WorkstationPage(page);
    await app.open();
    await app.signIn('hwp.tech', demoPassword);
    await app.waitUntilSynced();
    await DeviceProfile.waitForOfflineShell(page);
    const openFieldWork = async () => {
      await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Field work' }).click();
      return page.getByRole('region', { name: 'Field work' });
    };
    let view = await openFieldWork();
    const list = () => view.getByRole('navigation', { name: 'My work' });
    await expect(list().getByRole('button', { name: new RegExp(`^${a.number} `) })).toBeVisible();
    await expect(list().getByRole('button', { name: new RegExp(`^${b.number} `) })).toBeVisible();

    // Prepare for offline: three days, everything on the device, when and how much.
    const prepare = view.getByRole('region', { name: 'Prepare for offline' });
    await expect(prepare.getByLabel('Days ahead')).toHaveValue('3');
    await prepare.getByRole('button', { name: 'Prepare for offline' }).click();
    await expect(prepare.getByTestId('fw-prepare-status')).toContainText(/Prepared .* for 3 days\./, { timeout: 120_000 });
    await expect(prepare.getByTestId('fw-prepare-status')).not.toContainText(/could not|did not finish|was offline/);
    const table = prepare.getByRole('table', { name: 'What is on this device' });
    const rowOf = (number: string) => table.getByRole('row', { name: new RegExp(`^${number} `) });
    await expect(rowOf(a.number)).toContainText('Yes'); // case, site, item tree, history
    await expect(rowOf(a.number).getByRole('cell').nth(7)).toHaveText('1 of 1'); // the document's content
    await expect(rowOf(a.number).locator('.fw-missing')).toHaveCount(0);
    await expect(prepare.getByTestId('fw-storage')).toContainText(/attachments kept on this device: \d/);

    // Offline from here on, and the store stopped.
    await setOnline(context, page, false);
    await store.kill();
    const workOn = async (number: string) => {
      const button = list().getByRole('button', { name: new RegExp(`^${number} `) });
      await button.focus();
      await page.keyboard.press('Enter');
      const detail = view.getByRole('article', { name: new RegExp(`^${number}: `) });
      await expect(detail.getByRole('heading', { name: new RegExp(`^${number}: `) })).toBeFocused();
      return detail;
    };
    let detail = await workOn(a.number);
    // What the technician needs on site, all from the device.
    await expect(detail.getByRole('region', { name: 'Site', exact: true })).not.toContainText('not on this device');
    await expect(detail.getByRole('tree', { name: 'Install base at the site' }).getByRole('treeitem').first()).toBeVisible();
    await expect(detail.getByRole('list', { name: 'Earlier work' })).toContainText(earlier.number);
    await expect(detail.getByRole('list', { name: 'People to meet' }).getByRole('listitem').first()).toBeVisible();
    await expect(detail.getByRole('region', { name: 'Contract and entitlement' })).not.toContainText('not on this device');
    await expect(detail.getByRole('list', { name: 'Photos and documents' })).toContainText('access-notes.txt · 1 KB · case · on this device');

    // Work order A: start, pause, resume, a note, a photo, the item's state, then complete.
    const times: Record<string, [string, string]> = {};
    const timed = async (key: string, action: () => Promise<void>, shown: () => Promise<void>) => {
      const before = new Date().toISOString();
      await action();
      await shown();
      times[key] = [before, new Date().toISOString()];
    };
    const actions = detail.getByRole('group', { name: 'Work order actions' });
    // Each time window closes when the UI shows the change (the mutation is queued by then).
    const state = detail.getByTestId('fw-state');
    await timed('aStart', () => actions.getByRole('button', { name: 'Start work' }).click(), () => expect(state).toContainText('In progress'));
    await timed('aPause', () => actions.getByRole('button', { name: 'Pause' }).click(), () => expect(state).toContainText('Paused'));
    await timed('aResume', () => actions.getByRole('button', { name: 'Resume work' }).click(), () => expect(state).toContainText('In progress'));
    await detail.getByRole('textbox', { name: 'Work note' }).fill('Comms module reseated; signal now -85 dBm.');
    await timed('aNote', () => detail.getByRole('button', { name: 'Add work note' }).click(), () => expect(detail.getByRole('list', { name: 'Work notes' })).toContainText('Comms module reseated'));
    await detail.getByLabel('Take a photo').setInputFiles({ name: 'meter-a.png', mimeType: 'image/png', buffer: photo });
    await expect(detail.getByRole('list', { name: 'Photos and documents' })).toContainText('meter-a.png');
    await detail.getByRole('form', { name: 'Save the item' }).getByLabel('State').selectOption({ label: newItemState.label });
    await detail.getByRole('form', { name: 'Save the item' }).getByRole('button', { name: 'Save the item' }).click();
    await expect(detail.getByRole('status').filter({ hasText: 'saved.' })).toBeVisible();

    await actions.getByRole('button', { name: 'Complete…' }).click();
    const form = detail.getByRole('form', { name: `Complete ${a.number}` });
    await form.getByLabel('Part number (row 1)').fill('CM-LTE-02');
    await form.getByLabel('Part name (row 1)').fill('LTE-M comms module');
    await form.getByRole('button', { name: 'Add a part' }).click();
    await form.getByLabel('Part number (row 2)').fill('SEAL-9');
    await form.getByLabel('Part name (row 2)').fill('Cabinet seal');
    await form.getByLabel('Quantity (row 2)').fill('2');
    // No name and no signature: refused on the device, nothing queued.
    const waitingBefore = await app.pending().textContent();
    await form.getByRole('button', { name: 'Complete work order' }).click();
    await expect(form.getByText('Enter the name of the person signing.')).toBeVisible();
    await expect(form.getByText('The signature box is empty: ask the customer to sign.')).toBeVisible();
    await expect(form.getByRole('alert')).toContainText('Correct the 2 fields marked below; nothing was saved.');
    await expect(app.pending()).toHaveText(waitingBefore ?? '');
    await expect(form.getByLabel('Name of the person signing')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'field work with a work order and its refused completion');
    await form.getByLabel('Name of the person signing').fill('Ms Dana Whitlock');
    await sign(page);
    await timed('aComplete', () => form.getByRole('button', { name: 'Complete work order' }).click(), () => expect(detail.getByTestId('fw-completed')).toContainText('Signed by Ms Dana Whitlock.'));

    // Work order B: pause, resume, a note, a photo, time typed in, a part and a signature.
    detail = await workOn(b.number);
    const bActions = detail.getByRole('group', { name: 'Work order actions' });
    const bState = detail.getByTestId('fw-state');
    await timed('bPause', () => bActions.getByRole('button', { name: 'Pause' }).click(), () => expect(bState).toContainText('Paused'));
    await timed('bResume', () => bActions.getByRole('button', { name: 'Resume work' }).click(), () => expect(bState).toContainText('In progress'));
    await detail.getByRole('textbox', { name: 'Work note' }).fill('Valve replaced, pressure back to 450 kPa.');
    await detail.getByRole('button', { name: 'Add work note' }).click();
    await detail.getByLabel('Take a photo').setInputFiles({ name: 'valve-b.png', mimeType: 'image/png', buffer: photo });
    await expect(detail.getByRole('list', { name: 'Photos and documents' })).toContainText('valve-b.png');
    await bActions.getByRole('button', { name: 'Complete…' }).click();
    const bForm = detail.getByRole('form', { name: `Complete ${b.number}` });
    await bForm.getByLabel('Time spent (minutes)').fill('95');
    await bForm.getByLabel('Part number (row 1)').fill('VLV-25');
    await bForm.getByLabel('Part name (row 1)').fill('Isolation valve 25 mm');
    await bForm.getByLabel('Name of the person signing').fill('Mr Ravi Patel');
    await sign(page);
    await timed('bComplete', () => bForm.getByRole('button', { name: 'Complete work order' }).click(), () => expect(detail.getByTestId('fw-completed')).toContainText('95 min'));
    await expect(app.pending()).toHaveText(/^\d+ changes waiting$/);
    const queued = Number((await app.pending().textContent())?.split(' ')[0]);
    expect(queued).toBeGreaterThanOrEqual(14);

    // The app is closed and started again, still offline; the password unlocks it on the device.
    await context.close();
    ({ context, page } = await profile.launch({ offline: true, baseURL: store.url }));
    app = new WorkstationPage(page);
    await app.open();
    await app.signIn('hwp.tech', demoPassword);
    await expect(app.pending()).toHaveText(`${queued} changes waiting`, { timeout: 30_000 });
    view = await openFieldWork();
    const done = view.getByRole('region', { name: /^Done today/ });
    await expect(done.getByRole('button', { name: new RegExp(`^${a.number} `) })).toBeVisible();
    await expect(done.getByRole('button', { name: new RegExp(`^${b.number} `) })).toBeVisible();
    detail = await workOn(a.number);
    await expect(detail.getByTestId('fw-completed')).toContainText('Signed by Ms Dana Whitlock.');
    await expect(detail.getByRole('list', { name: 'Earlier work' })).toContainText(earlier.number);

    // Back online, the store running again: everything arrives, with the device's times.
    const reconnectedAt = new Date().toISOString();
    await store.start();
    expect((await get<TaskRow>(`/api/records/task/${a.id}`)).state).toBe('open');
    await setOnline(context, page, true);
    await app.waitUntilSynced();
    const within = (value: string | null | undefined, [from, to]: [string, string]) => {
      expect(value, `${value} within ${from} – ${to}`).toBeTruthy();
      expect(Date.parse(value ?? '')).toBeGreaterThanOrEqual(Date.parse(from));
      expect(Date.parse(value ?? '')).toBeLessThanOrEqual(Date.parse(to));
    };
    const storedA = await get<TaskRow>(`/api/records/task/${a.id}`);
    expect(storedA).toMatchObject({ state: 'completed', partsUsed: [{ partNumber: 'CM-LTE-02', name: 'LTE-M comms module', quantity: 1 }, { partNumber: 'SEAL-9', name: 'Cabinet seal', quantity: 2 }], signOff: { name: 'Ms Dana Whitlock' } });
    within(storedA.startedAt, times.aStart ?? ['', '']);
    within(storedA.completedAt, times.aComplete ?? ['', '']);
    expect(storedA.workLog).toHaveLength(2);
    within(storedA.workLog[0]?.endedAt, times.aPause ?? ['', '']);
    within(storedA.workLog[1]?.startedAt, times.aResume ?? ['', '']);
    expect(storedA.timeSpentMinutes).toBe(minutesWorked(storedA.workLog, storedA.completedAt ?? ''));
    expect(Date.parse(storedA.completedAt ?? '')).toBeLessThan(Date.parse(reconnectedAt));
    const storedB = await get<TaskRow>(`/api/records/task/${b.id}`);
    expect(storedB).toMatchObject({ state: 'completed', timeSpentMinutes: 95, partsUsed: [{ partNumber: 'VLV-25', name: 'Isolation valve 25 mm', quantity: 1 }], signOff: { name: 'Mr Ravi Patel' } });
    within(storedB.completedAt, times.bComplete ?? ['', '']);

    // The field history keeps each change's device time beside the later server time.
    const changes = (await get<{ items: { field: string; newValue: unknown; deviceTime: string | null; createdAt: string; source: string }[] }>(`/api/records/fieldHistory?recordId=${a.id}&limit=100`)).items.filter((h) => h.field === 'state');
    expect(changes.map((h) => h.newValue)).toEqual(['in_progress', 'paused', 'in_progress', 'completed']);
    within(changes[0]?.deviceTime, times.aStart ?? ['', '']);
    within(changes[3]?.deviceTime, times.aComplete ?? ['', '']);
    for (const h of changes) expect(Date.parse(h.createdAt)).toBeGreaterThanOrEqual(Date.parse(reconnectedAt));
    expect(changes[3]?.source).toBe('mutation:workOrder.complete');

    // Notes, photos and signatures: on the store, tied to their work orders, their content uploaded.
    const notes = (await get<{ items: { taskId: string | null; body: string; deviceTime: string | null }[] }>(`/api/records/journalEntry?caseId=${a.caseId}&limit=200`)).items.filter((n) => n.taskId === a.id);
    expect(notes.map((n) => n.body)).toEqual(['Comms module reseated; signal now -85 dBm.']);
    within(notes[0]?.deviceTime, times.aNote ?? ['', '']);
    for (const wo of [storedA, storedB]) {
      const files = (await get<{ items: { id: string; fileName: string; state: string }[] }>(`/api/records/attachment?taskId=${wo.id}&limit=50`)).items;
      expect(files.map((f) => f.fileName).sort()).toEqual([wo.id === a.id ? 'meter-a.png' : 'valve-b.png', `signature-${wo.number}.png`].sort());
      await expect.poll(async () => (await get<{ items: { state: string }[] }>(`/api/records/attachment?taskId=${wo.id}&limit=50`)).items.map((f) => f.state), { timeout: 30_000 }).toEqual(['uploaded', 'uploaded']);
      const signature = files.find((f) => f.fileName.startsWith('signature-'));
      expect(wo.signOff?.attachmentId).toBe(signature?.id);
      const png = await request.get(`/api/attachments/${signature?.id}/content`, { headers });
      expect((await png.body()).subarray(1, 4).toString()).toBe('PNG');
    }
    expect((await get<{ state: string }>(`/api/records/installBaseItem/${a.installBaseItemId}`)).state).toBe(newItemState.value);
  } finally {
    await context.close();
    profile.dispose();
    await request.dispose();
    await store.dispose();
  }
});
