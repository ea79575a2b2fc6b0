/**
 * The central store through its real HTTP server, on PGlite and (with DATABASE_URL) on real
 * PostgreSQL: every record type round-trips; bad bodies are refused with the field named and
 * nothing changes; roles and row scopes hold; revoked sessions are refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityDef, recordTypes, type RecordType } from '../../shared/domain/records';
import { call, fingerprint, login, startHarness, type Harness } from '../support/harness';
import { attachmentBody, bodyFrom, recreatedTypes, storeOnlyTypes, storeSetFields } from '../support/samples';
import { backends } from '../support/stores';

describe.each(backends)('central store on $name', (backend) => {
  let h: Harness;
  let admin: string;
  let cityOrgId: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    admin = (await login(h, 'riv.admin')).token;
    cityOrgId = h.seeded.orgs.find((o) => o.name === 'City of Riverton')?.orgId ?? '';
  });
  afterAll(async () => {
    await h?.close();
  });

  async function firstStored(type: RecordType): Promise<Record<string, unknown>> {
    const r = await call(h, 'GET', `/api/records/${type}?limit=1`, { token: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items[0];
  }

  async function newCase(token = admin): Promise<Record<string, unknown>> {
    const ct = (await call(h, 'GET', '/api/records/caseType?key=pothole_report', { token })).body.items[0];
    const sd = (await call(h, 'GET', `/api/records/serviceDefinition?caseTypeId=${String(ct.id)}`, { token })).body.items[0];
    const r = await call(h, 'POST', '/api/records/case', {
      token,
      body: { caseTypeId: ct.id, serviceDefinitionId: sd.id, shortDescription: 'Pothole outside the library', channel: 'phone', customFields: { locationDetail: 'Kerb side', severity: 'severe' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  describe('every record type round-trips', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = String((await newCase()).id);
    });

    const creatable = recordTypes.filter((t) => !storeOnlyTypes.includes(t));
    it.each(creatable)('%s: create, read, list, patch, delete', async (type) => {
      const stored = type === 'attachment' ? null : await firstStored(type);
      if (type !== 'attachment') expect(stored, `the demo seed has ${type} records`).toBeTruthy();
      if (stored && recreatedTypes.includes(type)) {
        expect((await call(h, 'DELETE', `/api/records/${type}/${String(stored.id)}`, { token: admin })).status).toBe(204);
      }
      const body = stored ? bodyFrom(type, stored, caseId) : attachmentBody(caseId);
      const created = await call(h, 'POST', `/api/records/${type}`, { token: admin, body });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      for (const [k, v] of Object.entries(body)) expect(created.body[k], `${type}.${k}`).toEqual(v);
      const id = String(created.body.id);

      const read = await call(h, 'GET', `/api/records/${type}/${id}`, { token: admin });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
      expect(entityDef(type).record.safeParse(read.body).success).toBe(true);

      const listed = await call(h, 'GET', `/api/records/${type}?after=${Number(created.body.rev) - 1}&limit=1000`, { token: admin });
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);

      if (type !== 'journalEntry') {
        const [field, value] = patchFor(type, created.body);
        const patched = await call(h, 'PATCH', `/api/records/${type}/${id}`, { token: admin, body: { [field]: value } });
        expect(patched.status, JSON.stringify(patched.body)).toBe(200);
        expect(patched.body[field]).toEqual(value);
        expect(patched.body.rev).toBeGreaterThan(Number(created.body.rev));
      }
      if (type !== 'case') {
        expect((await call(h, 'DELETE', `/api/records/${type}/${id}`, { token: admin })).status).toBe(204);
        expect((await call(h, 'GET', `/api/records/${type}/${id}`, { token: admin })).status).toBe(404);
        const tomb = await sql<{ n: number }>`select count(*)::int as n from tombstones where record_id = ${id} and record_type = ${type}`.execute(h.store.db);
        expect(tomb.rows[0]?.n).toBe(1);
      }
    });

    it.each(storeOnlyTypes)('%s is written by the store only', async (type) => {
      const r = await call(h, 'POST', `/api/records/${type}`, { token: admin, body: {} });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    });
  });

  describe('bad input is refused with the field named, and changes nothing', () => {
    const creatable = recordTypes.filter((t) => !storeOnlyTypes.includes(t));

    it.each(creatable)('%s: malformed, oversized, wrongly typed, unknown and missing fields', async (type) => {
      const before = await fingerprint(h.store);
      const malformed = await call(h, 'POST', `/api/records/${type}`, { token: admin, raw: '{"name": "unterminated' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/JSON/);

      const oversized = await call(h, 'POST', `/api/records/${type}`, { token: admin, raw: JSON.stringify({ description: 'x'.repeat(1_100_000) }) });
      expect(oversized.status).toBe(413);
      expect(oversized.body.error.code).toBe('too_large');

      const [field, wrong] = wrongValueFor(type);
      const wrongTyped = await call(h, 'POST', `/api/records/${type}`, { token: admin, body: { [field]: wrong } });
      expect(wrongTyped.status).toBe(400);
      expect(wrongTyped.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);

      const unknown = await call(h, 'POST', `/api/records/${type}`, { token: admin, body: { notAField: 1 } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'notAField', code: 'unrecognized_key' })]));
      expect(unknown.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'required' })]));

      const stored = await firstStored(type === 'attachment' ? 'case' : type);
      const badPatch = await call(h, 'PATCH', `/api/records/${type === 'attachment' ? 'case' : type}/${String(stored.id)}`, { token: admin, body: { [field]: wrong } });
      expect(badPatch.status).toBeGreaterThanOrEqual(400);
      expect(badPatch.status).toBeLessThan(500);

      const textBody = await call(h, 'POST', `/api/records/${type}`, { token: admin, raw: 'name=x', headers: { 'content-type': 'text/plain' } });
      expect(textBody.status).toBe(415);
      expect(await fingerprint(h.store)).toBe(before);
    });

    it('every other route with a body refuses malformed and oversized bodies', async () => {
      const before = await fingerprint(h.store);
      const c = await firstStored('case');
      const user = await firstStored('user');
      const routes: [string, string][] = [
        ['POST', '/api/auth/login'],
        ['POST', '/api/auth/password'],
        ['PUT', `/api/users/${String(user.id)}/password`],
        ['POST', `/api/cases/${String(c.id)}/transition`],
        ['PATCH', `/api/records/case/${String(c.id)}`],
      ];
      for (const [method, path] of routes) {
        const malformed = await call(h, method, path, { token: admin, raw: '{"a":' });
        expect(malformed.status, `${method} ${path}`).toBe(400);
        expect(malformed.body.error.issues[0].code).toBe('invalid_json');
        const oversized = await call(h, method, path, { token: admin, raw: JSON.stringify({ a: 'x'.repeat(1_100_000) }) });
        expect(oversized.status, `${method} ${path}`).toBe(413);
        const notObject = await call(h, method, path, { token: admin, body: [1, 2] });
        expect(notObject.status, `${method} ${path}`).toBe(400);
      }
      expect(await fingerprint(h.store)).toBe(before);
    });

    it('login, password and transition bodies are validated too', async () => {
      const before = await fingerprint(h.store);
      const badLogin = await call(h, 'POST', '/api/auth/login', { body: { username: 5 } });
      expect(badLogin.status).toBe(400);
      expect(badLogin.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['username', 'password']));
      const wrongPassword = await call(h, 'POST', '/api/auth/login', { body: { username: 'riv.agent', password: 'not-it' } });
      expect(wrongPassword.status).toBe(401);
      const shortPassword = await call(h, 'POST', '/api/auth/password', { token: admin, body: { currentPassword: 'caseway-demo', newPassword: 'short' } });
      expect(shortPassword.status).toBe(400);
      expect(shortPassword.body.error.issues[0].path).toBe('newPassword');
      const c = await firstStored('case');
      const badTransition = await call(h, 'POST', `/api/cases/${String(c.id)}/transition`, { token: admin, body: { action: 42 } });
      expect(badTransition.status).toBe(400);
      expect(badTransition.body.error.issues[0].path).toBe('action');
      const badId = await call(h, 'GET', '/api/records/case/not-a-uuid', { token: admin });
      expect(badId.status).toBe(400);
      expect(badId.body.error.issues[0].path).toBe('id');
      const badFilter = await call(h, 'GET', '/api/records/case?nope=1', { token: admin });
      expect(badFilter.status).toBe(400);
      expect(badFilter.body.error.issues[0].path).toBe('nope');
      expect((await call(h, 'GET', '/api/records/spaceship', { token: admin })).status).toBe(404);
      expect(await fingerprint(h.store)).toBe(before);
    });
  });

  it('a case opened under an entitlement counted in cases uses one of them, never below zero', async () => {
    const list = (await call(h, 'GET', '/api/records/entitlement?unit=cases&limit=100', { token: admin })).body.items as { id: string; consumerId: string | null; accountId: string | null; remainingUnits: number }[];
    const counted = list.find((e) => e.remainingUnits > 0 && (e.consumerId || e.accountId));
    expect(counted, 'the demo seed has an entitlement counted in cases').toBeTruthy();
    if (!counted) return;
    const ct = (await call(h, 'GET', '/api/records/caseType?key=information_request', { token: admin })).body.items[0];
    const open = async (): Promise<number> => {
      const r = await call(h, 'POST', '/api/records/case', {
        token: admin,
        body: { caseTypeId: ct.id, shortDescription: 'Question under the support plan', channel: 'phone', consumerId: counted.consumerId, accountId: counted.accountId, entitlementId: counted.id, customFields: { topic: 'rates' } },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return (await call(h, 'GET', `/api/records/entitlement/${counted.id}`, { token: admin })).body.remainingUnits as number;
    };
    expect(await open()).toBe(counted.remainingUnits - 1);
    // An unknown entitlement is refused, naming the field, and uses nothing.
    const refused = await call(h, 'POST', '/api/records/case', { token: admin, body: { caseTypeId: ct.id, shortDescription: 'No such plan', channel: 'phone', entitlementId: '00000000-0000-4000-8000-000000000001', customFields: { topic: 'rates' } } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('entitlementId');
    let left = counted.remainingUnits - 1;
    while (left > 0) left = await open();
    expect(await open()).toBe(0);
  });

  it('refuses duplicates with 409 naming the field, and changes nothing', async () => {
    const before = await fingerprint(h.store);
    const user = await firstStored('user');
    const dup = await call(h, 'POST', '/api/records/user', { token: admin, body: { username: user.username, displayName: 'Twin', email: 'twin@example.org', roles: ['agent'] } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.issues[0]).toMatchObject({ path: 'username', code: 'duplicate' });
    const skill = await firstStored('skill');
    const sameId = await call(h, 'POST', '/api/records/skill', { token: admin, body: { id: skill.id, name: 'Other', category: 'Other' } });
    expect(sameId.status).toBe(409);
    expect(sameId.body.error.issues[0].path).toBe('id');
    expect(await fingerprint(h.store)).toBe(before);
  });

  describe('case rules', () => {
    it('numbers a new case, starts it in its life cycle and records transitions in the history', async () => {
      const agent = await login(h, 'riv.agent');
      const admin = await login(h, 'riv.admin');
      // A new case runs its type's current playbook, which holds its resolution; with the playbook
      // switched off, a new case runs none and its life cycle alone decides.
      const withPlaybook = await newCase(agent.token);
      expect(withPlaybook.playbookDefinitionId).toEqual(expect.any(String));
      const playbook = `/api/records/playbookDefinition/${String(withPlaybook.playbookDefinitionId)}`;
      expect((await call(h, 'PATCH', playbook, { token: admin.token, body: { isActive: false } })).status).toBe(200);
      const created = await newCase(agent.token).finally(() => call(h, 'PATCH', playbook, { token: admin.token, body: { isActive: true } }));
      expect(created.playbookDefinitionId).toBeNull();
      expect(created.number).toMatch(/^PSC\d{7}$/);
      expect(created.state).toBe('new');
      expect(created.openedById).toBe(agent.userId);
      const id = String(created.id);
      const missing = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action: 'resolve' } });
      expect(missing.status).toBe(400);
      for (const action of ['start', 'move_to_decision']) {
        const r = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action } });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
      const noCode = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action: 'resolve' } });
      expect(noCode.body.error.issues[0].path).toBe('resolutionCode');
      const badCode = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action: 'resolve', resolutionCode: 'Magic', resolutionNotes: 'x' } });
      expect(badCode.body.error.issues[0].path).toBe('resolutionCode');
      const resolved = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action: 'resolve', resolutionCode: 'Repaired', resolutionNotes: 'Patched with hot mix.' } });
      expect(resolved.body).toMatchObject({ state: 'resolved', resolutionCode: 'Repaired' });
      const closed = await call(h, 'POST', `/api/cases/${id}/transition`, { token: agent.token, body: { action: 'accept_solution' } });
      expect(closed.body.state).toBe('closed_complete');
      const edit = await call(h, 'PATCH', `/api/records/case/${id}`, { token: agent.token, body: { shortDescription: 'changed' } });
      expect(edit.status).toBe(409);
      const comment = await call(h, 'POST', '/api/records/journalEntry', { token: agent.token, body: { caseId: id, kind: 'comment', body: 'late' } });
      expect(comment.status).toBe(409);
      const history = await call(h, 'GET', `/api/records/fieldHistory?caseId=${id}&field=state`, { token: agent.token });
      expect(history.body.items.map((e: { newValue: string }) => e.newValue)).toEqual(['open', 'ready_for_decision', 'resolved', 'closed_complete']);
      expect(history.body.items.every((e: { changedById: string }) => e.changedById === agent.userId)).toBe(true);
    });

    it('refuses a state change through a plain edit, and an assignee outside the group', async () => {
      const c = await newCase();
      const state = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin, body: { state: 'closed_complete' } });
      expect(state.status).toBe(400);
      expect(state.body.error.issues[0]).toMatchObject({ path: 'state', code: 'guarded' });
      const tech = await sql<{ id: string }>`select id from users where username = 'riv.tech'`.execute(h.store.db);
      const outsider = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin, body: { assignedToId: tech.rows[0]?.id } });
      expect(outsider.status).toBe(400);
      expect(outsider.body.error.issues[0].path).toBe('assignedToId');
      const stale = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin, body: { priority: 1 }, headers: { 'if-match': String(Number(c.rev) - 1) } });
      expect(stale.status).toBe(409);
    });

    it('refuses references to records of another organisation', async () => {
      const otherOrgConsumer = await sql<{ id: string }>`select id from consumers where org_id <> ${cityOrgId} limit 1`.execute(h.store.db);
      const c = await newCase();
      const r = await call(h, 'PATCH', `/api/records/case/${String(c.id)}`, { token: admin, body: { consumerId: otherOrgConsumer.rows[0]?.id } });
      expect(r.status).toBe(400);
      expect(r.body.error.issues[0]).toMatchObject({ path: 'consumerId', code: 'missing_reference' });
    });
  });

  describe('roles and row scopes', () => {
    it('an agent sees its groups\' cases only, and cannot administer', async () => {
      const agent = await login(h, 'riv.agent');
      const me = (await call(h, 'GET', '/api/auth/me', { token: agent.token })).body;
      const outside = await sql<{ id: string }>`
        select c.id from cases c where c.org_id = ${cityOrgId}
          and (c.assignment_group_id is null or c.assignment_group_id <> all(${`{${me.groupIds.join(',')}}`}::uuid[]))
          and c.assigned_to_id is distinct from ${agent.userId} and c.opened_by_id <> ${agent.userId}
          and not exists (select 1 from contributors k where k.case_id = c.id and k.user_id = ${agent.userId}) limit 1`.execute(h.store.db);
      const hidden = outside.rows[0]?.id;
      expect(hidden).toBeTruthy();
      expect((await call(h, 'GET', `/api/records/case/${String(hidden)}`, { token: agent.token })).status).toBe(404);
      expect((await call(h, 'PATCH', `/api/records/case/${String(hidden)}`, { token: agent.token, body: { priority: 1 } })).status).toBe(404);
      const comment = await call(h, 'POST', '/api/records/journalEntry', { token: agent.token, body: { caseId: hidden, kind: 'work_note', body: 'peek' } });
      expect(comment.status).toBe(400);
      const all = await call(h, 'GET', '/api/records/case?limit=1000', { token: agent.token });
      expect(all.body.items.length).toBeGreaterThan(0);
      for (const c of all.body.items) {
        const isMine = me.groupIds.includes(c.assignmentGroupId) || c.assignedToId === agent.userId || c.openedById === agent.userId;
        expect(isMine, c.number).toBe(true);
        expect(c.orgId).toBe(cityOrgId);
      }
      const otherOrgCase = await sql<{ id: string }>`select id from cases where org_id <> ${cityOrgId} limit 1`.execute(h.store.db);
      expect((await call(h, 'GET', `/api/records/case/${String(otherOrgCase.rows[0]?.id)}`, { token: agent.token })).status).toBe(404);
      const newUser = await call(h, 'POST', '/api/records/user', { token: agent.token, body: { username: 'sneaky', displayName: 'S', email: 's@example.org', roles: ['administrator'] } });
      expect(newUser.status).toBe(403);
      const ct = (await call(h, 'GET', '/api/records/caseType?limit=1', { token: agent.token })).body.items[0];
      expect((await call(h, 'PATCH', `/api/records/caseType/${String(ct.id)}`, { token: agent.token, body: { name: 'Mine now' } })).status).toBe(403);
      expect((await call(h, 'PUT', `/api/users/${agent.userId}/password`, { token: agent.token, body: { newPassword: 'abcdefghijkl' } })).status).toBe(403);
    });

    it('a contributor sees only the cases it was added to', async () => {
      const partner = await login(h, 'riv.partner');
      const own = await call(h, 'GET', '/api/records/case?limit=1000', { token: partner.token });
      expect(own.status).toBe(200);
      const expected = await sql<{ case_id: string }>`select case_id from contributors where user_id = ${partner.userId}`.execute(h.store.db);
      expect(own.body.items.map((c: { id: string }) => c.id).sort()).toEqual(expected.rows.map((r) => r.case_id).sort());
      expect(expected.rows.length).toBeGreaterThan(0);
      expect((await call(h, 'GET', '/api/records/consumer', { token: partner.token })).status).toBe(403);
      const target = own.body.items.find((c: { closedAt: string | null; state: string }) => c.closedAt === null);
      if (target) {
        const note = await call(h, 'POST', '/api/records/journalEntry', { token: partner.token, body: { caseId: target.id, kind: 'comment', body: 'Crew booked for Monday.' } });
        expect(note.status, JSON.stringify(note.body)).toBe(201);
        expect(note.body.authorId).toBe(partner.userId);
      }
      expect((await call(h, 'PATCH', `/api/records/case/${String(own.body.items[0].id)}`, { token: partner.token, body: { priority: 1 } })).status).toBe(403);
    });

    it('a field technician updates its own work orders, not a colleague\'s', async () => {
      const tech = await login(h, 'riv.tech');
      const mine = await sql<{ id: string }>`select id from tasks where assigned_to_id = ${tech.userId} and state in ('open', 'in_progress') limit 1`.execute(h.store.db);
      const theirs = await sql<{ id: string }>`select t.id from tasks t join users u on u.id = t.assigned_to_id where u.username = 'jack.murphy' and t.state in ('open', 'in_progress') limit 1`.execute(h.store.db);
      const ownCase = await sql<{ case_id: string }>`select case_id from tasks where id = ${mine.rows[0]?.id}`.execute(h.store.db);
      expect((await call(h, 'GET', `/api/records/case/${String(ownCase.rows[0]?.case_id)}`, { token: tech.token })).status).toBe(200);
      const own = await call(h, 'PATCH', `/api/records/task/${String(mine.rows[0]?.id)}`, { token: tech.token, body: { state: 'in_progress', timeSpentMinutes: 25 } });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(own.body.startedAt).not.toBeNull();
      const other = await call(h, 'PATCH', `/api/records/task/${String(theirs.rows[0]?.id)}`, { token: tech.token, body: { timeSpentMinutes: 5 } });
      expect(other.status).toBe(403);
      expect((await call(h, 'POST', '/api/records/account', { token: tech.token, body: {} })).status).toBe(403);
    });

    it('only the named approver decides an approval', async () => {
      const approval = await sql<{ id: string; approver_id: string }>`select a.id, a.approver_id from approvals a join cases c on c.id = a.case_id where a.state = 'requested' and c.closed_at is null limit 1`.execute(h.store.db);
      const row = approval.rows[0];
      expect(row).toBeTruthy();
      const approverName = (await sql<{ username: string }>`select username from users where id = ${row?.approver_id}`.execute(h.store.db)).rows[0]?.username ?? '';
      const otherName = approverName === 'riv.stakeholder' ? 'ahmed.ali' : 'riv.stakeholder';
      const other = await login(h, otherName);
      expect((await call(h, 'PATCH', `/api/records/approval/${String(row?.id)}`, { token: other.token, body: { state: 'approved' } })).status).toBe(403);
      const approver = await login(h, approverName);
      const ok = await call(h, 'PATCH', `/api/records/approval/${String(row?.id)}`, { token: approver.token, body: { state: 'approved', comment: 'Conditions met.' } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({ state: 'approved', decidedById: approver.userId });
    });

    it('refuses requests without a session, and a revoked device session', async () => {
      expect((await call(h, 'GET', '/api/records/case')).status).toBe(401);
      expect((await call(h, 'GET', '/api/records/case', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      const laptop = await login(h, 'riv.supervisor', 'laptop');
      const tablet = await login(h, 'riv.supervisor', 'tablet');
      const sessions = await call(h, 'GET', '/api/auth/sessions', { token: laptop.token });
      expect(sessions.body.items.map((s: { deviceName: string }) => s.deviceName)).toEqual(expect.arrayContaining(['laptop', 'tablet']));
      const revoked = await call(h, 'DELETE', `/api/auth/sessions/${tablet.sessionId}`, { token: laptop.token });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).not.toBeNull();
      const refused = await call(h, 'GET', '/api/auth/me', { token: tablet.token });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toMatch(/revoked/);
      expect((await call(h, 'GET', '/api/auth/me', { token: laptop.token })).status).toBe(200);
      const agent = await login(h, 'riv.agent');
      expect((await call(h, 'DELETE', `/api/auth/sessions/${laptop.sessionId}`, { token: agent.token })).status).toBe(404);
      expect((await call(h, 'DELETE', `/api/auth/sessions/${agent.sessionId}`, { token: admin })).status).toBe(200);
      expect((await call(h, 'GET', '/api/auth/me', { token: agent.token })).status).toBe(401);
    });
  });
});

/** A field and a value of the wrong type for it. */
function wrongValueFor(type: RecordType): [string, unknown] {
  const def = entityDef(type);
  const skip = new Set(storeSetFields[type] ?? []);
  const [field, schema] = Object.entries(def.fields).find(([k]) => !skip.has(k)) ?? [];
  if (!field || !schema) throw new Error(`${type} has no fields`);
  return [field, schema.safeParse(12345).success ? 'not a number' : 12345];
}

/** A field to change in a patch, and its new value. */
function patchFor(type: RecordType, record: Record<string, unknown>): [string, unknown] {
  switch (type) {
    case 'case':
      return ['priority', record.priority === 1 ? 2 : 1];
    case 'relatedParty':
    case 'contributor':
      return type === 'relatedParty' ? ['notes', 'Updated note'] : ['reason', 'Updated reason'];
    case 'user':
      return ['title', 'Senior Officer'];
    case 'householdMember':
      return ['isPrimary', !record.isPrimary];
    case 'groupMember':
      return ['isManager', !record.isManager];
    case 'userSkill':
      return ['level', record.level === 5 ? 4 : 5];
    case 'role':
      return ['description', 'Changed description'];
    case 'approval':
      return ['comment', 'Any update?'];
    case 'attachment':
      return ['fileName', 'meter-photo-2.jpg'];
    case 'task':
      return ['timeSpentMinutes', 42];
    case 'entitlement':
      return ['remainingUnits', 3];
    case 'contractLine':
      return ['quantity', 2];
    case 'serviceDefinition':
    case 'caseType':
    case 'playbookDefinition':
      return ['isActive', false];
    default: {
      const def = entityDef(type);
      const textField = Object.entries(def.fields).find(([k, s]) => (k === 'name' || k === 'line1' || k === 'firstName' || k === 'shortDescription' || k === 'subject') && s.safeParse('Changed by test').success);
      if (textField) return [textField[0], 'Changed by test'];
      throw new Error(`no patch field for ${type}`);
    }
  }
}
