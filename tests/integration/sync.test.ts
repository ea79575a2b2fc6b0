/**
 * The sync protocol against the real store over HTTP, on PGlite and real PostgreSQL. Test names
 * carry the SPEC rule ids they prove (shared/sync/SPEC.md).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTypes } from '../../shared/domain/records';
import { casePulled, rowPulled } from '../../server/sync/pullScope';
import { authenticate } from '../../server/services/sessions';
import { call, login, startHarness, type Harness } from '../support/harness';
import { TestDevice } from '../support/syncDevice';
import { backends } from '../support/stores';
import { entityDefs } from '../../shared/domain/records';
import type { Actor } from '../../server/services/actor';

describe.each(backends)('sync protocol on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 120);
  });
  afterAll(async () => h?.close());

  async function openCaseOf(device: TestDevice, where = sql`true`): Promise<Record<string, any>> {
    await device.sync();
    const open = [...device.table('case').values()].filter((c) => c.closedAt === null && c.resolvedAt === null);
    const ids = open.map((c) => String(c.id));
    const row = await sql<{ id: string }>`select id from cases where id = any(${`{${ids.join(',')}}`}::uuid[]) and ${where} order by number limit 1`.execute(h.store.db);
    const found = device.table('case').get(String(row.rows[0]?.id));
    if (!found) throw new Error('no open case on the device');
    return found;
  }

  async function actorOf(device: TestDevice): Promise<Actor> {
    return (await authenticate(h.store.db, device.token)).actor;
  }

  /** What the server says the device's user should hold, per type, evaluated from scratch. */
  async function expectedScope(device: TestDevice): Promise<Record<string, string[]>> {
    const actor = await actorOf(device);
    const out: Record<string, string[]> = {};
    for (const type of recordTypes) {
      const rows = await sql<{ id: string }>`select t.id from ${sql.table(entityDefs[type].table)} t where ${rowPulled(actor, type, 't')} order by t.id`.execute(h.store.db);
      out[type] = rows.rows.map((r) => r.id).sort();
    }
    return out;
  }

  it('P1/P2: a bootstrap in pages brings exactly the user\'s scope', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const pages = await agent.sync(300);
    expect(pages).toBeGreaterThan(1);
    const expected = await expectedScope(agent);
    for (const type of recordTypes) expect(agent.ids(type), type).toEqual(expected[type]);
    const actor = await actorOf(agent);
    const cases = agent.ids('case');
    expect(cases.length).toBeGreaterThan(0);
    const otherOrg = await sql<{ n: number }>`select count(*)::int as n from cases where id = any(${`{${cases.join(',')}}`}::uuid[]) and org_id <> ${actor.orgId}`.execute(h.store.db);
    expect(otherOrg.rows[0]?.n).toBe(0);
    const tech = await new TestDevice(h, 'riv.tech').signIn();
    await tech.sync();
    const techExpected = await expectedScope(tech);
    for (const type of recordTypes) expect(tech.ids(type), `technician ${type}`).toEqual(techExpected[type]);
    const workOrders = await sql<{ case_id: string }>`select distinct t.case_id from tasks t join users u on u.id = t.assigned_to_id where u.username = 'riv.tech' and t.case_id is not null`.execute(h.store.db);
    expect(workOrders.rows.length).toBeGreaterThan(0);
    for (const w of workOrders.rows) expect(tech.table('case').has(w.case_id)).toBe(true);
    const partner = await new TestDevice(h, 'riv.partner').signIn();
    await partner.sync();
    const contributed = await sql<{ case_id: string }>`select case_id from contributors where user_id = (select id from users where username = 'riv.partner')`.execute(h.store.db);
    expect(partner.ids('case')).toEqual(contributed.rows.map((r) => r.case_id).sort());
    expect(partner.ids('consumer')).toEqual([]);
    expect(partner.ids('user')).toEqual([]);
  });

  it('M2/M3: a duplicated push applies once; a reordered push applies in id order; a gap waits', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const c = await openCaseOf(agent);
    const first = agent.mutation('case.addWorkNote', { id: randomUUID(), caseId: c.id, body: 'first', deviceTime: null });
    const second = agent.mutation('case.addWorkNote', { id: randomUUID(), caseId: c.id, body: 'second', deviceTime: null });
    const reordered = await agent.push([second, first]);
    expect(reordered.results.map((r) => [r.id, r.status])).toEqual([[first.id, 'applied'], [second.id, 'applied']]);
    const again = await agent.push([first, second]);
    expect(again.results).toEqual(reordered.results);
    const notes = await sql<{ body: string; rev: number }>`select body, rev from journal_entries where case_id = ${c.id} and body in ('first', 'second') order by rev`.execute(h.store.db);
    expect(notes.rows.map((n) => n.body)).toEqual(['first', 'second']);
    const gap = agent.mutation('case.addWorkNote', { id: randomUUID(), caseId: c.id, body: 'third', deviceTime: null });
    agent.nextId++;
    const ahead = agent.mutation('case.addWorkNote', { id: randomUUID(), caseId: c.id, body: 'fifth', deviceTime: null });
    const waited = await agent.push([ahead]);
    expect(waited.results[0]).toEqual({ id: ahead.id, status: 'out_of_order', expectedId: gap.id });
    expect(waited.lastMutationId).toBe(second.id);
  });

  it('M5/M6: a refused mutation is answered and logged, later ones still apply, history keeps device time', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const c = await openCaseOf(agent);
    const deviceTime = '2026-11-19T08:15:00.000Z';
    const refused = agent.mutation('case.transition', { id: c.id, action: 'accept_solution' });
    const ok = agent.mutation('case.update', { id: c.id, changes: { priority: 1 }, base: { priority: c.priority } }, deviceTime);
    const response = await agent.push([refused, ok]);
    expect(response.results[0]).toMatchObject({ status: 'refused', code: 'transition_not_allowed' });
    expect(response.results[1]).toMatchObject({ status: 'applied', conflicts: [] });
    const logged = await sql<{ status: string }>`select status from mutation_log where device_id = ${agent.deviceId} order by mutation_id`.execute(h.store.db);
    expect(logged.rows.map((r) => r.status)).toEqual(['refused', 'applied']);
    const history = await call(h, 'GET', `/api/records/fieldHistory?caseId=${c.id}&field=priority`, { token: agent.token });
    const entry = history.body.items.at(-1);
    expect(entry).toMatchObject({ newValue: 1, deviceTime, deviceId: agent.deviceId, source: 'mutation:case.update' });
  });

  it('C2/C3: two devices edit the same case offline and reconnect, in both orders', async () => {
    for (const order of ['a-first', 'b-first'] as const) {
      const a = await new TestDevice(h, 'riv.agent').signIn();
      const b = await new TestDevice(h, 'riv.supervisor').signIn();
      const c = await openCaseOf(a);
      await b.sync();
      const seen = b.table('case').get(String(c.id));
      expect(seen).toBeTruthy();
      const editA = a.mutation('case.update', { id: c.id, changes: { shortDescription: `A ${order}`, priority: 2 }, base: { shortDescription: c.shortDescription, priority: c.priority } });
      const editB = b.mutation('case.update', { id: c.id, changes: { shortDescription: `B ${order}`, description: `B described ${order}` }, base: { shortDescription: seen?.shortDescription, description: seen?.description } });
      const [first, second] = order === 'a-first' ? [[a, editA], [b, editB]] as const : [[b, editB], [a, editA]] as const;
      const r1 = await first[0].push([first[1]]);
      const r2 = await second[0].push([second[1]]);
      expect(r1.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
      expect(r2.results[0]).toMatchObject({ status: 'applied', conflicts: [{ field: 'shortDescription', theirs: `${order === 'a-first' ? 'A' : 'B'} ${order}` }] });
      await a.sync();
      await b.sync();
      const final = a.table('case').get(String(c.id));
      expect(final).toEqual(b.table('case').get(String(c.id)));
      expect(final).toMatchObject({ shortDescription: `${order === 'a-first' ? 'B' : 'A'} ${order}`, priority: 2, description: `B described ${order}` });
      const history = await sql<{ old_value: unknown; new_value: unknown; outcome: string }>`select old_value, new_value, outcome from field_history where record_id = ${c.id} and field = 'shortDescription' order by rev desc limit 1`.execute(h.store.db);
      expect(history.rows[0]).toMatchObject({ old_value: `${order === 'a-first' ? 'A' : 'B'} ${order}`, outcome: 'overwritten' });
    }
  });

  it('C4: a supervisor reassigns offline while the agent resolves online: refused, and says why', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const supervisor = await new TestDevice(h, 'riv.supervisor').signIn();
    const c = await openCaseOf(agent, sql`state in ('open', 'in_progress') and assigned_to_id is not null and not exists (select 1 from tasks t where t.case_id = cases.id and t.state in ('open', 'in_progress', 'paused'))`);
    await supervisor.sync();
    const seen = supervisor.table('case').get(String(c.id));
    const other = await sql<{ user_id: string }>`select user_id from group_members where group_id = ${c.assignmentGroupId} and user_id <> ${c.assignedToId} limit 1`.execute(h.store.db);
    const reassign = supervisor.mutation('case.assign', { id: c.id, assignmentGroupId: c.assignmentGroupId, assignedToId: other.rows[0]?.user_id, expected: { assignmentGroupId: seen?.assignmentGroupId, assignedToId: seen?.assignedToId }, reason: 'Rebalancing' });
    const ct = await sql<{ lifecycle: { transitions: { action: string; from: string[] }[] } }>`select lifecycle from case_types where id = ${c.caseTypeId}`.execute(h.store.db);
    const path = c.state === 'open' ? ['move_to_decision', 'resolve'] : ['resolve'];
    for (const action of path) {
      const codes = await sql<{ resolution_codes: string[] }>`select resolution_codes from case_types where id = ${c.caseTypeId}`.execute(h.store.db);
      const r = await agent.pushOne('case.transition', { id: c.id, action, resolutionCode: codes.rows[0]?.resolution_codes[0], resolutionNotes: 'Done.' });
      expect(r.status, JSON.stringify(r)).toBe('applied');
    }
    expect(ct.rows.length).toBe(1);
    const result = (await supervisor.push([reassign])).results[0];
    expect(result).toMatchObject({ status: 'refused', code: 'case_not_open' });
    const still = await sql<{ assigned_to_id: string }>`select assigned_to_id from cases where id = ${c.id}`.execute(h.store.db);
    expect(still.rows[0]?.assigned_to_id).toBe(c.assignedToId);
  });

  it('C4: a reassignment made after someone else reassigned the case is refused', async () => {
    const a = await new TestDevice(h, 'riv.supervisor').signIn();
    const b = await new TestDevice(h, 'elena.novak').signIn();
    const c = await openCaseOf(a, sql`assigned_to_id is not null and assignment_group_id in (select group_id from group_members gm join users u on u.id = gm.user_id where u.username = 'elena.novak')`);
    await b.sync();
    const members = await sql<{ user_id: string }>`select user_id from group_members where group_id = ${c.assignmentGroupId} and user_id <> ${c.assignedToId}`.execute(h.store.db);
    const expected = { assignmentGroupId: c.assignmentGroupId, assignedToId: c.assignedToId };
    const first = await b.pushOne('case.assign', { id: c.id, assignmentGroupId: c.assignmentGroupId, assignedToId: members.rows[0]?.user_id, expected, reason: null });
    expect(first.status).toBe('applied');
    const second = await a.pushOne('case.assign', { id: c.id, assignmentGroupId: c.assignmentGroupId, assignedToId: members.rows[1]?.user_id ?? null, expected, reason: null });
    expect(second).toMatchObject({ status: 'refused', code: 'assignment_changed' });
  });

  it('P3/P4: a case reassigned out of the agent\'s groups leaves its device; moved back, it returns with its comments', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const admin = await login(h, 'riv.admin');
    const actor = await actorOf(agent);
    const c = await openCaseOf(agent, sql`assigned_to_id is distinct from ${actor.userId} and opened_by_id <> ${actor.userId} and not exists (select 1 from contributors k where k.case_id = cases.id)`);
    const note = await call(h, 'POST', '/api/records/journalEntry', { token: admin.token, body: { caseId: c.id, kind: 'work_note', body: 'kept across moves' } });
    expect(note.status).toBe(201);
    await agent.sync();
    expect(agent.table('journalEntry').has(String(note.body.id))).toBe(true);
    const permits = await sql<{ id: string }>`select g.id from groups g where g.name = 'Building Permits'`.execute(h.store.db);
    const moved = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin.token, body: { assignmentGroupId: permits.rows[0]?.id } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await agent.sync();
    expect(agent.table('case').has(String(c.id))).toBe(false);
    expect(agent.table('journalEntry').has(String(note.body.id))).toBe(false);
    const back = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin.token, body: { assignmentGroupId: c.assignmentGroupId } });
    expect(back.status).toBe(200);
    await agent.sync();
    expect(agent.table('case').get(String(c.id))?.assignmentGroupId).toBe(c.assignmentGroupId);
    expect(agent.table('journalEntry').has(String(note.body.id))).toBe(true);
    const expected = await expectedScope(agent);
    for (const type of recordTypes) expect(agent.ids(type), type).toEqual(expected[type]);
  });

  it('P3/P4: a contributor added to a case gets it with its bundle, and loses it when removed', async () => {
    const tech = await new TestDevice(h, 'riv.tech').signIn();
    await tech.sync();
    const techExpected = await expectedScope(tech);
    for (const type of recordTypes) expect(tech.ids(type), `technician ${type}`).toEqual(techExpected[type]);
    const workOrders = await sql<{ case_id: string }>`select distinct t.case_id from tasks t join users u on u.id = t.assigned_to_id where u.username = 'riv.tech' and t.case_id is not null`.execute(h.store.db);
    expect(workOrders.rows.length).toBeGreaterThan(0);
    for (const w of workOrders.rows) expect(tech.table('case').has(w.case_id)).toBe(true);
    const partner = await new TestDevice(h, 'riv.partner').signIn();
    await partner.sync();
    const admin = await login(h, 'riv.admin');
    const partnerId = (await actorOf(partner)).userId;
    const c = await sql<{ id: string }>`select c.id from cases c where c.org_id = (select org_id from users where id = ${partnerId}) and not exists (select 1 from contributors k where k.case_id = c.id and k.user_id = ${partnerId}) and exists (select 1 from journal_entries j where j.case_id = c.id) limit 1`.execute(h.store.db);
    const caseId = String(c.rows[0]?.id);
    const added = await call(h, 'POST', '/api/records/contributor', { token: admin.token, body: { caseId, userId: partnerId, reason: 'Asphalt crew' } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await partner.sync();
    expect(partner.table('case').has(caseId)).toBe(true);
    const journal = await sql<{ id: string }>`select id from journal_entries where case_id = ${caseId}`.execute(h.store.db);
    for (const j of journal.rows) expect(partner.table('journalEntry').has(j.id)).toBe(true);
    expect((await call(h, 'DELETE', `/api/records/contributor/${String(added.body.id)}`, { token: admin.token })).status).toBe(204);
    await partner.sync();
    expect(partner.table('case').has(caseId)).toBe(false);
    expect([...partner.table('journalEntry').values()].some((j) => j.caseId === caseId)).toBe(false);
  });

  it('P5: a deleted record disappears from the device', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const admin = await login(h, 'riv.admin');
    const c = await openCaseOf(agent);
    const note = await call(h, 'POST', '/api/records/journalEntry', { token: admin.token, body: { caseId: c.id, kind: 'comment', body: 'to be removed' } });
    await agent.sync();
    expect(agent.table('journalEntry').has(String(note.body.id))).toBe(true);
    expect((await call(h, 'DELETE', `/api/records/journalEntry/${String(note.body.id)}`, { token: admin.token })).status).toBe(204);
    await agent.sync();
    expect(agent.table('journalEntry').has(String(note.body.id))).toBe(false);
  });

  it('P6: a change of the user\'s groups restarts the snapshot, which then matches the new scope', async () => {
    const agent = await new TestDevice(h, 'hanh.tran').signIn();
    await agent.sync();
    const admin = await login(h, 'riv.admin');
    const before = agent.ids('case').length;
    const userId = (await actorOf(agent)).userId;
    const permits = await sql<{ id: string }>`select id from groups where name = 'Building Permits'`.execute(h.store.db);
    const joined = await call(h, 'POST', '/api/records/groupMember', { token: admin.token, body: { groupId: permits.rows[0]?.id, userId, isManager: false } });
    expect(joined.status).toBe(201);
    await agent.signIn();
    const page = await agent.pullOnce();
    expect(page.reset).toBe(true);
    agent.cursor = null;
    agent.records.clear();
    await agent.sync();
    expect(agent.ids('case').length).toBeGreaterThan(before);
    const expected = await expectedScope(agent);
    for (const type of recordTypes) expect(agent.ids(type), type).toEqual(expected[type]);
  });

  it('P10: a snapshot begins with the user\'s own open work, its records and the set-up, then completes', async () => {
    for (const username of ['riv.agent', 'riv.tech']) {
      const device = await new TestDevice(h, username).signIn();
      const actor = await actorOf(device);
      const own = await sql<{ id: string }>`select t.id from cases t where t.closed_at is null and (t.assigned_to_id = ${actor.userId} or exists (select 1 from tasks k where k.case_id = t.id and k.assigned_to_id = ${actor.userId})) and ${casePulled(actor, 't')}`.execute(h.store.db);
      expect(own.rows.length, username).toBeGreaterThan(0);
      const first = await device.pullOnce(2000);
      expect(first).toMatchObject({ reset: true, hasMore: true });
      const firstCases = first.puts.filter((p) => p.type === 'case').map((p) => String(p.record.id)).sort();
      expect(firstCases, username).toEqual(own.rows.map((r) => r.id).sort());
      const types = new Set(first.puts.map((p) => p.type));
      for (const type of ['caseType', 'serviceDefinition', 'journalEntry', 'task']) expect(types.has(type as never), `${username} ${type}`).toBe(true);
      // Every case's customer came with it.
      for (const c of first.puts.filter((p) => p.type === 'case')) {
        if (c.record.consumerId) expect(first.puts.some((p) => p.type === 'consumer' && p.record.id === c.record.consumerId)).toBe(true);
      }
      await device.sync();
      const expected = await expectedScope(device);
      for (const type of recordTypes) expect(device.ids(type), `${username} ${type}`).toEqual(expected[type]);
    }
  });

  it('P11: a field technician loses the customer of a work order taken off it, keeps what its other work needs', async () => {
    const tech = await new TestDevice(h, 'jack.murphy').signIn();
    await tech.sync();
    const admin = await login(h, 'riv.admin');
    const techId = (await actorOf(tech)).userId;
    // An open case of the city whose customer the technician's device does not hold.
    const candidates = await sql<{ id: string; consumer_id: string }>`select c.id, c.consumer_id from cases c join organizations o on o.id = c.org_id where o.case_number_prefix = 'PSC' and c.closed_at is null and c.consumer_id is not null order by c.number`.execute(h.store.db);
    const c = candidates.rows.find((x) => !tech.table('consumer').has(x.consumer_id));
    if (!c) throw new Error('no case with a customer new to the technician');
    const heldBefore = tech.ids('consumer');
    const order = await call(h, 'POST', '/api/records/task', { token: admin.token, body: { caseId: c.id, kind: 'work_order', shortDescription: 'Attend the site', assignmentGroupId: null, assignedToId: techId } });
    expect(order.status).toBe(201);
    await tech.sync();
    expect(tech.table('case').has(c.id)).toBe(true);
    expect(tech.table('consumer').has(c.consumer_id)).toBe(true);
    expect((await call(h, 'PATCH', `/api/records/task/${String(order.body.id)}`, { token: admin.token, body: { assignedToId: null } })).status).toBe(200);
    await tech.sync();
    expect(tech.table('case').has(c.id)).toBe(false);
    expect(tech.table('consumer').has(c.consumer_id)).toBe(false);
    expect(tech.ids('consumer')).toEqual(heldBefore);
    const expected = await expectedScope(tech);
    for (const type of recordTypes) expect(tech.ids(type), type).toEqual(expected[type]);
  });

  it('refuses an unknown protocol version and a foreign cursor', async () => {
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const old = await call(h, 'POST', '/api/sync/pull', { token: agent.token, body: { protocolVersion: 0, cursor: null } });
    expect(old.status).toBe(400);
    expect(old.body.error.issues[0]).toMatchObject({ path: 'protocolVersion', code: 'protocol_too_old' });
    const bad = await call(h, 'POST', '/api/sync/pull', { token: agent.token, body: { protocolVersion: 1, cursor: "1; drop table cases" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe('cursor');
    const badMutation = await call(h, 'POST', '/api/sync/push', { token: agent.token, body: { protocolVersion: 1, mutations: [{ id: 1, name: 'case.explode', args: {}, deviceTime: new Date().toISOString() }] } });
    expect(badMutation.status).toBe(400);
    expect(badMutation.body.error.issues[0].path).toBe('mutations[0].name');
    void casePulled;
  });
});
