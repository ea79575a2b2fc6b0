/**
 * Revoked devices through the real store on PGlite and PostgreSQL (issue 6, item 7; SPEC D7): an
 * administrator lists the organisation's devices and revokes one; every session of it is then
 * answered `device_revoked` (requests, pushes, a new sign-in from it), so it wipes itself; the
 * report of its queued work is taken once, only from a revoked device, and shown to administrators.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../server/seed/catalog';
import { call, login, startHarness, type Harness } from '../support/harness';
import { backends } from '../support/stores';
import { TestDevice } from '../support/syncDevice';

describe.each(backends)('devices on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 40);
  });
  afterAll(async () => h?.close());

  it('D7: a revoked device is refused everywhere with device_revoked, reports its queued work once, and the administrator sees it', async () => {
    const admin = await login(h, 'riv.admin', 'admin desk');
    const agent = await new TestDevice(h, 'riv.agent').signIn();
    const agentId = (await sql<{ id: string }>`select id from users where username = 'riv.agent'`.execute(h.store.db)).rows[0]?.id;
    const second = await call(h, 'POST', '/api/auth/login', { body: { username: 'sofia.rossi', password: demoPassword, deviceName: 'shared laptop', deviceId: agent.deviceId } });
    expect(second.status).toBe(200);

    // Only administrators list and revoke devices.
    expect((await call(h, 'GET', '/api/admin/devices', { token: agent.token })).status).toBe(403);
    expect((await call(h, 'POST', `/api/admin/devices/${agent.deviceId}/revoke`, { token: agent.token, body: {} })).status).toBe(403);
    const listed = await call(h, 'GET', '/api/admin/devices', { token: admin.token });
    expect(listed.status).toBe(200);
    const device = listed.body.items.find((d: { deviceId: string }) => d.deviceId === agent.deviceId);
    expect(device).toMatchObject({ activeSessions: 2, revocation: null });
    expect(device.users.map((u: { username: string }) => u.username).sort()).toEqual(['riv.agent', 'sofia.rossi']);

    // Bad input changes nothing.
    expect((await call(h, 'POST', '/api/admin/devices/not-a-uuid/revoke', { token: admin.token, body: {} })).status).toBe(400);
    expect((await call(h, 'POST', `/api/admin/devices/${randomUUID()}/revoke`, { token: admin.token, body: {} })).status).toBe(404);
    expect((await call(h, 'POST', `/api/admin/devices/${agent.deviceId}/revoke`, { token: admin.token, body: { reason: 'x'.repeat(401) } })).status).toBe(400);
    const ownDevice = (await sql<{ device_id: string }>`select device_id from device_sessions where token_hash is not null and id = ${admin.sessionId}`.execute(h.store.db)).rows[0]?.device_id;
    const own = await call(h, 'POST', `/api/admin/devices/${ownDevice}/revoke`, { token: admin.token, body: {} });
    expect(own.status).toBe(409);
    expect(own.body.error.issues[0].code).toBe('own_device');
    // A device that is not revoked keeps its data: its report is refused.
    const early = await call(h, 'POST', '/api/devices/wipe-report', { token: agent.token, body: { caches: [] } });
    expect(early.status).toBe(409);
    expect((await call(h, 'GET', '/api/auth/me', { token: agent.token })).status).toBe(200);

    const revoked = await call(h, 'POST', `/api/admin/devices/${agent.deviceId}/revoke`, { token: admin.token, body: { reason: 'Laptop reported stolen' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ deviceId: agent.deviceId, activeSessions: 0, revocation: { reason: 'Laptop reported stolen', reportedAt: null, revokedBy: 'Morgan Blake' } });

    // Every session of the device, and a new sign-in from it, is answered device_revoked.
    const me = await call(h, 'GET', '/api/auth/me', { token: agent.token });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('device_revoked');
    expect((await call(h, 'GET', '/api/auth/me', { token: second.body.token })).body.error.code).toBe('device_revoked');
    const pushed = await call(h, 'POST', '/api/sync/push', { token: agent.token, body: { protocolVersion: 1, mutations: [] } });
    expect(pushed.status).toBe(401);
    expect(pushed.body.error.code).toBe('device_revoked');
    const again = await call(h, 'POST', '/api/auth/login', { body: { username: 'riv.agent', password: demoPassword, deviceName: 'same laptop', deviceId: agent.deviceId } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('device_revoked');
    // A user signing out of another device is not a revoked device: plain unauthenticated.
    const other = await login(h, 'noah.king', 'desk');
    await call(h, 'POST', '/api/auth/logout', { token: other.token });
    expect((await call(h, 'GET', '/api/auth/me', { token: other.token })).body.error.code).toBe('unauthenticated');

    // The report: validated, only caches of users who signed in on the device, kept once.
    const caseRow = (await sql<{ id: string }>`select id from cases where assigned_to_id = ${agentId} limit 1`.execute(h.store.db)).rows[0];
    const queued = { id: 7, name: 'case.addWorkNote', args: { id: randomUUID(), caseId: caseRow?.id, body: 'Written offline, never sent' }, deviceTime: '2026-11-20T09:15:00.000Z' };
    const report = { caches: [{ userId: agentId, queued: [queued], files: [{ id: randomUUID(), fileName: 'site.jpg', size: 48_213 }], openIssues: 1, records: 1234 }] };
    expect((await call(h, 'POST', '/api/devices/wipe-report', { token: agent.token, body: { caches: [{ userId: 'nope' }] } })).status).toBe(400);
    const stranger = await call(h, 'POST', '/api/devices/wipe-report', { token: agent.token, body: { caches: [{ ...report.caches[0], userId: admin.userId }] } });
    expect(stranger.status).toBe(400);
    expect((await call(h, 'POST', '/api/devices/wipe-report', { body: report })).status).toBe(401);
    const taken = await call(h, 'POST', '/api/devices/wipe-report', { token: agent.token, body: report });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    const repeat = await call(h, 'POST', '/api/devices/wipe-report', { token: second.body.token, body: { caches: [] } });
    expect(repeat.body.reportedAt).toBe(taken.body.reportedAt);

    const shown = await call(h, 'GET', `/api/admin/devices/${agent.deviceId}/report`, { token: admin.token });
    expect(shown.status).toBe(200);
    expect(shown.body.report).toEqual(report);
    const after = (await call(h, 'GET', '/api/admin/devices', { token: admin.token })).body.items.find((d: { deviceId: string }) => d.deviceId === agent.deviceId);
    expect(after.revocation).toMatchObject({ queued: 1, files: 1 });
    expect(after.revocation.reportedAt).toBe(taken.body.reportedAt);
    // Reported, not applied: the queued note is not in the store.
    const notes = await sql<{ n: number }>`select count(*)::int as n from journal_entries where body = 'Written offline, never sent'`.execute(h.store.db);
    expect(notes.rows[0]?.n).toBe(0);
    expect((await call(h, 'GET', `/api/admin/devices/${randomUUID()}/report`, { token: admin.token })).status).toBe(404);
  });

  it('a sign-in answers how long the device may be unlocked offline', async () => {
    const r = await call(h, 'POST', '/api/auth/login', { body: { username: 'riv.tech', password: demoPassword, deviceName: 'field laptop' } });
    expect(r.status).toBe(200);
    expect(r.body.offlineUnlockDays).toBe(7);
  });
});
