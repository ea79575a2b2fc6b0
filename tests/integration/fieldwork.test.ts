/**
 * Field work through the real store on PGlite and PostgreSQL (SPEC C7, M6, P2/P11): a work order
 * started, paused, resumed and completed by pushed mutations with the device's times kept, its
 * guards refused with their codes, the customer's signature checked to be one of its attachments,
 * install base items updated and replaced (a replaced item cannot be replaced again), and the
 * history route answering only for items the caller's devices may hold, refusing bad input by path.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemHistoryAnswer } from '../../shared/api/fieldwork';
import { holdingsOf, loadMyWork, loadWorkOrder } from '../../renderer/fieldwork/fieldWorkData';
import { prepareForOffline } from '../../renderer/fieldwork/prepare';
import { readiness, warnings } from '../../renderer/fieldwork/readiness';
import { groupBySchedule, workToPrepare } from '../../renderer/fieldwork/schedule';
import { engineDevice } from '../support/engineDevice';
import { call, fingerprint, login, startHarness, testAnchor, type Harness } from '../support/harness';
import { backends } from '../support/stores';
import { TestDevice } from '../support/syncDevice';

type WorkOrder = { id: string; number: string; case_id: string; state: string; install_base_item_id: string | null; case_item_id: string | null };

describe.each(backends)('field work on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 300);
  });
  afterAll(async () => h?.close());

  const rows = async <T>(q: ReturnType<typeof sql<T>>): Promise<T[]> => (await q.execute(h.store.db)).rows;
  const one = async <T>(q: ReturnType<typeof sql<T>>): Promise<T> => {
    const row = (await rows(q))[0];
    if (!row) throw new Error('no row');
    return row;
  };
  /** hwp.tech's open work orders naming an install base item (themselves or through their case), by number. */
  const openWorkOrders = () =>
    rows(sql<WorkOrder>`select t.id, t.number, t.case_id, t.state, t.install_base_item_id, c.install_base_item_id as case_item_id from tasks t
      join users u on u.id = t.assigned_to_id join cases c on c.id = t.case_id
      where u.username = 'hwp.tech' and t.kind = 'work_order' and t.state in ('open', 'paused', 'in_progress') order by t.number`);
  /** The item of the work order the first test completes (its history then holds its work note). */
  let workedItemId = '';
  const taskRow = (id: string) => one(sql<{ state: string; started_at: Date | string | null; completed_at: Date | string | null; time_spent_minutes: number; work_log: unknown; parts_used: unknown; sign_off: unknown }>`select state, started_at, completed_at, time_spent_minutes, work_log, parts_used, sign_off from tasks where id = ${id}`);
  const isoOf = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

  it('C7/M6: start, pause, resume and complete keep the device times; field history records the device time of each push', async () => {
    const tech = await new TestDevice(h, 'hwp.tech').signIn();
    const wo = (await openWorkOrders()).find((w) => w.state === 'open' && w.install_base_item_id !== null);
    if (!wo?.install_base_item_id) throw new Error('hwp.tech has no open work order on an item');
    workedItemId = wo.install_base_item_id;
    const t0 = '2026-11-20T08:00:00.000Z';
    const t1 = '2026-11-20T08:45:00.000Z';
    const t2 = '2026-11-20T09:15:00.000Z';
    const t3 = '2026-11-20T09:40:00.000Z';
    // Queued offline at those times, pushed much later in one batch.
    const pushed = await tech.push([
      tech.mutation('workOrder.start', { id: wo.id, at: t0 }, t0),
      tech.mutation('workOrder.pause', { id: wo.id, at: t1 }, t1),
      tech.mutation('workOrder.start', { id: wo.id, at: t2 }, t2),
      tech.mutation('case.addWorkNote', { id: randomUUID(), caseId: wo.case_id, taskId: wo.id, body: 'Replaced the comms module.', deviceTime: t3 }, t3),
      tech.mutation('workOrder.complete', { id: wo.id, at: t3, timeSpentMinutes: null, partsUsed: [{ partNumber: 'CM-LTE-02', name: 'LTE-M comms module', quantity: 1 }], signOff: null }, t3),
    ]);
    expect(pushed.results.map((r) => r.status), JSON.stringify(pushed.results)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const row = await taskRow(wo.id);
    expect(row.state).toBe('completed');
    expect(isoOf(row.started_at)).toBe(t0);
    expect(isoOf(row.completed_at)).toBe(t3);
    expect(row.work_log).toEqual([
      { startedAt: t0, endedAt: t1 },
      { startedAt: t2, endedAt: t3 },
    ]);
    expect(row.time_spent_minutes).toBe(45 + 25);
    expect(row.parts_used).toEqual([{ partNumber: 'CM-LTE-02', name: 'LTE-M comms module', quantity: 1 }]);
    const history = await rows(sql<{ field: string; device_time: Date | string | null; source: string; new_value: unknown }>`select field, device_time, source, new_value from field_history where record_id = ${wo.id} and field = 'state' order by rev`);
    expect(history.map((x) => [x.new_value, isoOf(x.device_time), x.source])).toEqual([
      ['in_progress', t0, 'mutation:workOrder.start'],
      ['paused', t1, 'mutation:workOrder.pause'],
      ['in_progress', t2, 'mutation:workOrder.start'],
      ['completed', t3, 'mutation:workOrder.complete'],
    ]);
    const note = await one(sql<{ task_id: string; device_time: Date | string | null }>`select task_id, device_time from journal_entries where task_id = ${wo.id}`);
    expect(isoOf(note.device_time)).toBe(t3);
  });

  it('C7: guards are refused with their codes and change nothing', async () => {
    const tech = await new TestDevice(h, 'hwp.tech').signIn();
    const wo = (await openWorkOrders()).find((w) => w.state === 'open');
    if (!wo) throw new Error('hwp.tech needs a second open work order');
    const at = '2026-11-21T10:00:00.000Z';
    expect(await tech.pushOne('workOrder.pause', { id: wo.id, at })).toMatchObject({ status: 'refused', code: 'work_order_state' });
    expect(await tech.pushOne('workOrder.start', { id: wo.id, at })).toMatchObject({ status: 'applied' });
    expect(await tech.pushOne('workOrder.start', { id: wo.id, at })).toMatchObject({ status: 'refused', code: 'work_order_state' });
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at: '2026-11-21T09:00:00.000Z', partsUsed: [] })).toMatchObject({ status: 'refused', code: 'invalid_time' });
    // Someone who may see the work order but is not its assignee (the case's agent) is refused.
    const agentName = await one(sql<{ username: string }>`select u.username from users u join group_members gm on gm.user_id = u.id join cases c on c.assignment_group_id = gm.group_id
      where c.id = ${wo.case_id} and 'agent' = any(select jsonb_array_elements_text(u.roles)) and not ('supervisor' = any(select jsonb_array_elements_text(u.roles))) limit 1`);
    const agent = await new TestDevice(h, agentName.username).signIn();
    expect(await agent.pushOne('workOrder.pause', { id: wo.id, at })).toMatchObject({ status: 'refused', code: 'forbidden' });
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at: '2026-11-21T11:00:00.000Z', partsUsed: [] })).toMatchObject({ status: 'applied' });
    const before = await fingerprint(h.store);
    expect(await tech.pushOne('workOrder.start', { id: wo.id, at })).toMatchObject({ status: 'refused', code: 'work_order_closed' });
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at, partsUsed: [] })).toMatchObject({ status: 'refused', code: 'work_order_closed' });
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at, partsUsed: [], signOff: { name: '  ', signedAt: at, attachmentId: null } })).toMatchObject({ status: 'refused', code: 'too_small' });
    expect(await fingerprint(h.store)).toBe(before);
    expect((await taskRow(wo.id)).state).toBe('completed');
  });

  it('C7: the sign-off signature must be an attachment of the work order', async () => {
    const tech = await new TestDevice(h, 'hwp.tech').signIn();
    const [wo, other] = (await openWorkOrders()).filter((w) => w.state !== 'open');
    if (!wo || !other) throw new Error('hwp.tech needs two work orders in progress');
    const png = (id: string, taskId: string, caseId: string) => ({ id, caseId, taskId, fileName: 'signature.png', contentType: 'image/png', sizeBytes: 1234 });
    const elsewhere = randomUUID();
    // A signature of another work order (of another case): refused, the work order stays open.
    expect(await tech.pushOne('attachment.create', png(elsewhere, other.id, other.case_id))).toMatchObject({ status: 'applied' });
    const at = '2026-11-22T15:30:00.000Z';
    const signOff = (attachmentId: string) => ({ name: 'Ms Jane Citizen', signedAt: at, attachmentId });
    const wrong = await tech.pushOne('workOrder.complete', { id: wo.id, at, partsUsed: [], signOff: signOff(elsewhere) });
    expect(wrong).toMatchObject({ status: 'refused', code: 'invalid' });
    expect(wrong.status === 'refused' && wrong.issues.map((i) => i.path)).toEqual(['signOff.attachmentId']);
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at, partsUsed: [], signOff: signOff(randomUUID()) })).toMatchObject({ status: 'refused', code: 'invalid' });
    expect((await taskRow(wo.id)).state).not.toBe('completed');
    const mine = randomUUID();
    expect(await tech.pushOne('attachment.create', png(mine, wo.id, wo.case_id))).toMatchObject({ status: 'applied' });
    expect(await tech.pushOne('workOrder.complete', { id: wo.id, at, partsUsed: [], signOff: signOff(mine) })).toMatchObject({ status: 'applied' });
    const row = await taskRow(wo.id);
    expect(row).toMatchObject({ state: 'completed', sign_off: { name: 'Ms Jane Citizen', signedAt: at, attachmentId: mine } });
    expect(isoOf(row.completed_at)).toBe(at);
  });

  it('C7: an install base item updated on site, a component replaced once (twice is refused item_replaced)', async () => {
    const tech = await new TestDevice(h, 'hwp.tech').signIn();
    await tech.sync();
    const held = [...tech.table('installBaseItem').values()].filter((i) => i.parentId !== null && i.state !== 'replaced' && i.state !== 'retired');
    const item = held[0];
    if (!item) throw new Error('hwp.tech holds no component');
    const at = '2026-11-22T10:00:00.000Z';
    const updated = await tech.push([tech.mutation('installBaseItem.update', { id: item.id, changes: { state: 'faulty', serialNumber: 'SN-FIELD-1' }, base: { state: item.state, serialNumber: item.serialNumber } }, at)]);
    expect(updated.results[0]).toMatchObject({ status: 'applied' });
    expect(await one(sql<{ state: string; serial_number: string }>`select state, serial_number from install_base_items where id = ${item.id}`)).toEqual({ state: 'faulty', serial_number: 'SN-FIELD-1' });
    const change = await one(sql<{ device_time: Date | string; source: string; old_value: unknown }>`select device_time, source, old_value from field_history where record_id = ${item.id} and field = 'state'`);
    expect([isoOf(change.device_time), change.source, change.old_value]).toEqual([at, 'mutation:installBaseItem.update', item.state]);

    const newId = randomUUID();
    const replaced = await tech.pushOne('installBaseItem.replace', { id: item.id, newId, name: 'Comms module (new)', serialNumber: 'CM-99', productModelId: null, at });
    expect(replaced).toMatchObject({ status: 'applied' });
    const both = await rows(sql<{ id: string; state: string; parent_id: string | null; root_id: string | null; serial_number: string | null; installed_on: string | Date | null }>`select id, state, parent_id, root_id, serial_number, installed_on from install_base_items where id in (${item.id}, ${newId})`);
    const oldRow = both.find((r) => r.id === item.id);
    const newRow = both.find((r) => r.id === newId);
    expect(oldRow?.state).toBe('replaced');
    expect(newRow).toMatchObject({ state: 'in_service', parent_id: item.parentId, root_id: item.rootId, serial_number: 'CM-99' });
    const before = await fingerprint(h.store);
    expect(await tech.pushOne('installBaseItem.replace', { id: item.id, newId: randomUUID(), name: 'Another', serialNumber: null, productModelId: null, at })).toMatchObject({ status: 'refused', code: 'item_replaced' });
    expect(await fingerprint(h.store)).toBe(before);
    // The new component reaches the technician's device, in the same tree.
    await tech.sync();
    expect(tech.table('installBaseItem').get(newId)).toMatchObject({ parentId: item.parentId, state: 'in_service' });
  });

  it('P2/P11: the history route answers for the items the caller holds (with their tree), not for others, and refuses bad input by path', async () => {
    const tech = await login(h, 'hwp.tech');
    const get = (query: string, token: string | null = tech.token) => call(h, 'GET', `/api/fieldwork/history${query}`, { token });
    const itemId = workedItemId;
    // An item of the same org no work of hwp.tech references.
    const foreign = await one(sql<{ id: string }>`select i.id from install_base_items i join organizations o on o.id = i.org_id
      where i.id not in (select coalesce(ii.root_id, ii.id) from install_base_items ii) and i.org_id = (select org_id from users where username = 'hwp.tech')
        and not exists (select 1 from tasks t where t.install_base_item_id in (select x.id from install_base_items x where coalesce(x.root_id, x.id) = coalesce(i.root_id, i.id)))
        and not exists (select 1 from cases c where c.install_base_item_id in (select x.id from install_base_items x where coalesce(x.root_id, x.id) = coalesce(i.root_id, i.id)))
      limit 1`);
    const unknown = randomUUID();
    const answer = await get(`?itemIds=${itemId},${foreign.id},${unknown}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.missing.sort()).toEqual([foreign.id, unknown].sort());
    expect(answer.body.items).toHaveLength(1);
    const entry = answer.body.items[0];
    expect(entry.installBaseItemId).toBe(itemId);
    // Every work order on the item's tree is there, with its assignee, parts and work notes.
    const tree = (await rows(sql<{ id: string }>`select id from install_base_items where coalesce(root_id, id) = (select coalesce(root_id, id) from install_base_items where id = ${itemId})`)).map((r) => r.id);
    const expectedWork = await rows(sql<{ number: string }>`select t.number from tasks t left join cases c on c.id = t.case_id where t.kind in ('work_order', 'inspection')
      and (t.install_base_item_id = any(${`{${tree.join(',')}}`}::uuid[]) or c.install_base_item_id = any(${`{${tree.join(',')}}`}::uuid[]))`);
    expect(entry.work.map((w: { number: string }) => w.number).sort()).toEqual(expectedWork.map((w) => w.number).sort());
    const expectedCases = await rows(sql<{ number: string }>`select number from cases where install_base_item_id = any(${`{${tree.join(',')}}`}::uuid[])`);
    expect(entry.cases.map((c: { number: string }) => c.number).sort()).toEqual(expectedCases.map((c) => c.number).sort());
    for (const c of entry.cases) expect(c).toEqual({ id: expect.any(String), number: expect.any(String), shortDescription: expect.any(String), state: expect.any(String), openedAt: expect.stringMatching(/^\d{4}-/), resolvedAt: c.resolvedAt === null ? null : expect.stringMatching(/^\d{4}-/), resolutionCode: c.resolvedAt === null ? c.resolutionCode : expect.any(String), installBaseItemId: expect.any(String) });
    const done = entry.work.find((w: { notes: string[] }) => w.notes.length > 0);
    expect(done, 'the work order completed in the first test carries its work note').toBeDefined();

    // A desk agent of the same organisation holds the org's install base: it gets the foreign item's history.
    const agent = await login(h, 'hwp.agent');
    const deskAnswer = await get(`?itemIds=${foreign.id}`, agent.token);
    expect(deskAnswer.body).toMatchObject({ missing: [], items: [{ installBaseItemId: foreign.id }] });
    // Another organisation's technician sees nothing of it.
    const other = await login(h, 'riv.tech');
    expect((await get(`?itemIds=${itemId}`, other.token)).body).toEqual({ items: [], missing: [itemId] });

    // Bad input: 400 naming the field; no token: 401.
    const bad = await get(`?itemIds=${itemId},not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([expect.objectContaining({ path: 'itemIds[1]', message: 'must be a UUID' })]);
    expect((await get('')).body.error.issues).toEqual([expect.objectContaining({ path: 'itemIds', code: 'required' })]);
    expect((await get('?itemIds=')).body.error.issues).toEqual([expect.objectContaining({ path: 'itemIds', message: 'name at least one install base item' })]);
    expect((await get(`?itemIds=${itemId}&extra=1`)).body.error.issues).toEqual([expect.objectContaining({ path: 'extra', code: 'unrecognized_key' })]);
    const many = Array.from({ length: 101 }, () => randomUUID()).join(',');
    expect((await get(`?itemIds=${many}`)).status).toBe(400);
    expect((await get(`?itemIds=${itemId}`, null)).status).toBe(401);
    // Repeated parameters work too.
    expect((await get(`?itemIds=${itemId}&itemIds=${unknown}`)).body).toMatchObject({ missing: [unknown], items: [{ installBaseItemId: itemId }] });
  });

  it('A4: prepare for offline on a real device: a sync, the items\' history and the attachments\' content end on the device, and every part is there', async () => {
    // Another device of the technician's attaches a document to one of its cases (content uploaded).
    const laptop = await engineDevice(h, 'hwp.tech');
    await laptop.engine.syncNow();
    const today = testAnchor.toISOString().slice(0, 10);
    const dayOf = (iso: string) => iso.slice(0, 10);
    const withCase = workToPrepare(groupBySchedule(await loadMyWork(laptop.db, laptop.userId), today, 3, dayOf)).find((w) => w.caseId !== null);
    if (!withCase?.caseId) throw new Error('hwp.tech has no open work with a case');
    const docId = randomUUID();
    await laptop.db.blobs.put({ id: docId, blob: new Blob(['Gate code 4411.']), state: 'pending' });
    await laptop.mutate('attachment.create', { id: docId, caseId: withCase.caseId, taskId: null, fileName: 'gate-code.txt', contentType: 'text/plain', sizeBytes: 15 });
    await laptop.engine.syncNow();
    expect(await one(sql<{ state: string }>`select state from attachments where id = ${docId}`)).toEqual({ state: 'uploaded' });

    const tablet = await engineDevice(h, 'hwp.tech');
    const fetchHistory = async (ids: string[]): Promise<ItemHistoryAnswer> => (await call(h, 'GET', `/api/fieldwork/history?itemIds=${ids.join(',')}`, { token: tablet.token })).body;
    const report = await prepareForOffline({
      db: tablet.db,
      userId: tablet.userId,
      days: 3,
      isOnline: true,
      now: () => new Date('2026-11-20T06:00:00.000Z'),
      syncNow: async () => (await tablet.engine.syncNow(), true),
      selectWork: async () => workToPrepare(groupBySchedule(await loadMyWork(tablet.db, tablet.userId), today, 3, dayOf)).map((w) => w.id),
      fetchHistory,
      attachments: tablet.attachments,
    });
    expect(report).toMatchObject({ sync: 'done', days: 3, history: { isFailed: false, missing: 0 }, content: { failed: 0 } });
    expect(report.workOrderIds).toContain(withCase.id);
    expect(report.content.downloaded).toBeGreaterThanOrEqual(1);
    expect(await tablet.db.blobs.get(docId)).toMatchObject({ state: 'downloaded' });
    expect(await (await tablet.db.blobs.get(docId))?.blob.text()).toBe('Gate code 4411.');
    expect(report.history.fetched).toBe(await tablet.db.itemHistory.count());
    expect(report.history.fetched).toBeGreaterThan(0);

    // What the device holds for each prepared work order: nothing referenced is missing.
    for (const id of report.workOrderIds) {
      const view = await loadWorkOrder(tablet.db, id, today);
      if (!view) throw new Error(`work order ${id} is not on the device`);
      expect(warnings(readiness(holdingsOf(view))), view.task.number).toEqual([]);
    }
    const prepared = await loadWorkOrder(tablet.db, withCase.id, today);
    expect(prepared?.attachments.find((a) => a.id === docId)).toMatchObject({ hasContent: true, isOfWorkOrder: false });
  });
});
