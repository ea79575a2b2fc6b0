/**
 * The device's sync engine (renderer/sync, Dexie over fake-indexeddb) against the real store over
 * HTTP. Names carry the SPEC rule ids.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordTypes, entityDefs } from '../../shared/domain/records';
import { recordTable } from '../../renderer/db/database';
import type { SyncTransport } from '../../renderer/sync/engine';
import type { PullResponse } from '../../shared/sync/protocol';
import { purgeTombstones } from '../../server/sync/retention';
import { rowPulled } from '../../server/sync/pullScope';
import { authenticate } from '../../server/services/sessions';
import { call, login, startHarness, type Harness } from '../support/harness';
import { engineDevice, type EngineDevice } from '../support/engineDevice';
import { backends } from '../support/stores';

describe.each(backends)('device sync engine on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 120);
  });
  afterAll(async () => h?.close());

  async function expectMatchesServer(device: EngineDevice): Promise<void> {
    const { actor } = await authenticate(h.store.db, device.token);
    for (const type of recordTypes) {
      const rows = await sql<{ id: string; rev: number }>`select t.id, t.rev from ${sql.table(entityDefs[type].table)} t where ${rowPulled(actor, type, 't')} order by t.id`.execute(h.store.db);
      const local = await recordTable(device.db, type).toArray();
      expect(local.map((r) => `${r.id}@${String(r.rev)}`).sort(), type).toEqual(rows.rows.map((r) => `${r.id}@${r.rev}`).sort());
    }
    expect(await device.db.outbox.count()).toBe(0);
    expect(await device.db.shadows.count()).toBe(0);
    // The engine's own check against the scope's counts never had to repair anything (SPEC P9).
    expect((await device.db.meta.get('sync'))?.lastRepair ?? null).toBeNull();
  }

  /** A transport wrapper that keeps every page the device pulls in `pulls`. */
  function recordPulls(pulls: PullResponse[]): (t: SyncTransport) => SyncTransport {
    return (t) => ({
      push: (r) => t.push(r),
      pull: async (r) => {
        const page = await t.pull(r);
        pulls.push(page);
        return page;
      },
    });
  }

  async function openCase(device: EngineDevice): Promise<Record<string, any>> {
    const cases = await recordTable(device.db, 'case').toArray();
    const found = cases.find((c) => c.closedAt === null && c.resolvedAt === null && c.assignedToId === device.userId) ?? cases.find((c) => c.closedAt === null && c.resolvedAt === null);
    if (!found) throw new Error('no open case');
    return found;
  }

  it('P1/D1: bootstraps in pages into IndexedDB, equal to the server\'s view of the user\'s scope', async () => {
    const device = await engineDevice(h, 'riv.agent', { pageSize: 250 });
    const { pages } = await device.engine.syncNow();
    expect(pages).toBeGreaterThan(2);
    await expectMatchesServer(device);
    const meta = await device.db.meta.get('sync');
    expect(meta).toMatchObject({ isSnapshotting: false });
    expect(meta?.lastSyncAt).not.toBeNull();
  });

  it('D1/M1: work done offline shows at once, survives a restart, and reaches the server once', async () => {
    let device = await engineDevice(h, 'riv.agent');
    await device.engine.syncNow();
    device.setOffline(true);
    const caseType = (await recordTable(device.db, 'caseType').toArray()).find((t) => t.key === 'pothole_report');
    const service = (await recordTable(device.db, 'serviceDefinition').where('caseTypeId').equals(String(caseType?.id)).toArray())[0];
    const caseId = randomUUID();
    const noteId = randomUUID();
    await device.mutate('case.create', { id: caseId, caseTypeId: caseType?.id, serviceDefinitionId: service?.id, shortDescription: 'Offline pothole report', channel: 'walk_in', customFields: { locationDetail: 'Corner shop', severity: 'moderate' } }, '2026-11-19T09:00:00.000Z');
    await device.mutate('case.addWorkNote', { id: noteId, caseId, body: 'Taken at the counter while the network was down', deviceTime: null }, '2026-11-19T09:01:00.000Z');
    const local = await recordTable(device.db, 'case').get(caseId);
    expect(local).toMatchObject({ shortDescription: 'Offline pothole report', state: 'new', number: '', openedById: device.userId, assignmentGroupId: service?.defaultGroupId });
    await expect(device.engine.syncNow()).rejects.toThrow(/offline/);
    device = await device.restart();
    expect(await device.db.outbox.count()).toBe(2);
    expect(await recordTable(device.db, 'journalEntry').get(noteId)).toMatchObject({ body: 'Taken at the counter while the network was down' });
    await device.engine.syncNow();
    const synced = await recordTable(device.db, 'case').get(caseId);
    expect(synced?.number).toMatch(/^PSC\d{7}$/);
    const server = await sql<{ n: number }>`select count(*)::int as n from journal_entries where id = ${noteId}`.execute(h.store.db);
    expect(server.rows[0]?.n).toBe(1);
    const history = await sql<{ device_time: Date | null }>`select device_time from journal_entries where id = ${noteId}`.execute(h.store.db);
    expect(history.rows[0]?.device_time?.toISOString()).toBe('2026-11-19T09:01:00.000Z');
    await expectMatchesServer(device);
  });

  it('M5/D3: a refused offline change is taken back and listed as a sync issue', async () => {
    const device = await engineDevice(h, 'riv.agent');
    await device.engine.syncNow();
    const c = await openCase(device);
    await device.mutate('case.update', { id: c.id, changes: { priority: 1 }, base: { priority: c.priority } });
    await device.mutate('case.transition', { id: c.id, action: 'start' });
    const admin = await engineDevice(h, 'riv.admin');
    await admin.engine.syncNow();
    // Meanwhile the case is cancelled on the server, so "start" is no longer allowed.
    const cancel = await fetch(`${h.baseUrl}/api/cases/${String(c.id)}/transition`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` }, body: JSON.stringify({ action: 'cancel' }) });
    expect(cancel.status).toBe(200);
    await device.engine.syncNow();
    const issues = await device.db.syncIssues.toArray();
    expect(issues.map((i) => [i.name, i.kind])).toEqual(expect.arrayContaining([['case.transition', 'refused']]));
    const local = await recordTable(device.db, 'case').get(String(c.id));
    expect(local?.state).toBe('cancelled');
    await expectMatchesServer(device);
  });

  it('C3: a field overwritten offline by two devices lands in the later one\'s sync issues with both values', async () => {
    const a = await engineDevice(h, 'riv.agent');
    const b = await engineDevice(h, 'riv.supervisor');
    await a.engine.syncNow();
    await b.engine.syncNow();
    const c = await openCase(a);
    const seen = await recordTable(b.db, 'case').get(String(c.id));
    await a.mutate('case.update', { id: c.id, changes: { shortDescription: 'From A' }, base: { shortDescription: c.shortDescription } });
    await b.mutate('case.update', { id: c.id, changes: { shortDescription: 'From B', description: 'B adds detail' }, base: { shortDescription: seen?.shortDescription, description: seen?.description } });
    await a.engine.syncNow();
    await b.engine.syncNow();
    await a.engine.syncNow();
    expect(await recordTable(a.db, 'case').get(String(c.id))).toMatchObject({ shortDescription: 'From B', description: 'B adds detail' });
    expect((await b.db.syncIssues.toArray())[0]).toMatchObject({ kind: 'overwritten', conflicts: [{ field: 'shortDescription', yours: 'From B', theirs: 'From A' }] });
  });

  it('D2: a pending local edit stays on top of a pulled change to another field, then settles to the server', async () => {
    const device = await engineDevice(h, 'riv.agent');
    const other = await engineDevice(h, 'riv.supervisor');
    await device.engine.syncNow();
    await other.engine.syncNow();
    const c = await openCase(device);
    device.setOffline(true);
    await device.mutate('case.update', { id: c.id, changes: { description: 'local, pending' }, base: { description: c.description } });
    await other.mutate('case.update', { id: c.id, changes: { priority: c.priority === 1 ? 2 : 1 }, base: { priority: c.priority } });
    await other.engine.syncNow();
    // Pull only (the push of the pending edit is "lost" on the way).
    device.setOffline(false);
    await device.engine.pullOnce();
    const mixed = await recordTable(device.db, 'case').get(String(c.id));
    expect(mixed).toMatchObject({ description: 'local, pending', priority: c.priority === 1 ? 2 : 1 });
    await device.engine.syncNow();
    await expectMatchesServer(device);
  });

  it('M3: a push whose answer is lost is sent again and applied once', async () => {
    let loseNext = true;
    const device = await engineDevice(h, 'riv.agent', {
      wrap: (t) => ({
        pull: (r) => t.pull(r),
        push: async (r) => {
          const answer = await t.push(r);
          if (loseNext) {
            loseNext = false;
            throw new Error('connection reset after the server applied the push');
          }
          return answer;
        },
      }),
    });
    await device.engine.syncNow().catch(() => undefined);
    await device.engine.syncNow();
    const c = await openCase(device);
    const id = randomUUID();
    loseNext = true;
    await device.mutate('case.addComment', { id, caseId: c.id, body: 'Said once', deviceTime: null });
    await expect(device.engine.syncNow()).rejects.toThrow(/connection reset/);
    await device.engine.syncNow();
    const n = await sql<{ n: number }>`select count(*)::int as n from journal_entries where id = ${id}`.execute(h.store.db);
    expect(n.rows[0]?.n).toBe(1);
    await expectMatchesServer(device);
  });

  it('P1: a bootstrap killed midway resumes from its cursor after a restart', async () => {
    let pagesLeft = 3;
    const options = {
      pageSize: 200,
      wrap: (t: SyncTransport): SyncTransport => ({
        push: (r) => t.push(r),
        pull: (r) => {
          if (pagesLeft-- <= 0) return Promise.reject(new Error('app killed'));
          return t.pull(r);
        },
      }),
    };
    let device = await engineDevice(h, 'riv.agent', options);
    await expect(device.engine.syncNow()).rejects.toThrow(/killed/);
    const cursor = (await device.db.meta.get('sync'))?.cursor;
    expect(cursor).toBeTruthy();
    pagesLeft = 1000;
    device = await device.restart();
    expect((await device.db.meta.get('sync'))?.cursor).toBe(cursor);
    await device.engine.syncNow();
    await expectMatchesServer(device);
  });

  it('P8: a device offline longer than tombstones are kept re-snapshots, keeping its queued work', async () => {
    const pulls: PullResponse[] = [];
    const device = await engineDevice(h, 'riv.agent', {
      wrap: recordPulls(pulls),
    });
    const currentPulls: PullResponse[] = [];
    const current = await engineDevice(h, 'riv.agent', {
      wrap: recordPulls(currentPulls),
    });
    await device.engine.syncNow();
    const c = await openCase(device);
    const comment = (await recordTable(device.db, 'journalEntry').where('caseId').equals(String(c.id)).toArray())[0] ?? null;
    const admin = await login(h, 'riv.admin');
    const doomed = comment ?? (await call(h, 'POST', '/api/records/journalEntry', { token: admin.token, body: { caseId: c.id, kind: 'comment', body: 'soon deleted' } })).body;
    await device.engine.syncNow();
    device.setOffline(true);
    const noteId = randomUUID();
    await device.mutate('case.addWorkNote', { id: noteId, caseId: c.id, body: 'Written on day 1 of a long trip', deviceTime: null });
    expect((await call(h, 'DELETE', `/api/records/journalEntry/${String(doomed.id)}`, { token: admin.token })).status).toBe(204);
    await current.engine.syncNow();
    // Forty days later the store purges the tombstone the offline device never saw.
    await sql`update tombstones set deleted_at = now() - interval '40 days' where record_id = ${String(doomed.id)}`.execute(h.store.db);
    const purge = await purgeTombstones(h.store.db);
    expect(purge.purged).toBeGreaterThanOrEqual(1);
    // A device that synced after the delete keeps its cursor; the one that did not starts over.
    pulls.length = 0;
    currentPulls.length = 0;
    await current.engine.syncNow();
    expect(currentPulls.length).toBeGreaterThan(0);
    expect(currentPulls.some((p) => p.reset)).toBe(false);
    device.setOffline(false);
    await device.engine.syncNow();
    expect(pulls.some((p) => p.reset)).toBe(true);
    expect(await recordTable(device.db, 'journalEntry').get(String(doomed.id))).toBeUndefined();
    const notes = await sql<{ n: number }>`select count(*)::int as n from journal_entries where id = ${noteId}`.execute(h.store.db);
    expect(notes.rows[0]?.n).toBe(1);
    await expectMatchesServer(device);
    await current.engine.syncNow();
    await expectMatchesServer(current);
  });

  it('P9: a cache that diverged from the scope is found within one sync and repaired, keeping queued work', async () => {
    const device = await engineDevice(h, 'riv.agent', { verifyEveryMs: 0 });
    await device.engine.syncNow();
    expect((await device.db.meta.get('sync'))?.lastVerifiedAt).toBeTruthy();
    const c = await openCase(device);
    const others = (await recordTable(device.db, 'case').toArray()).filter((x) => x.id !== c.id);
    const lost = others[0];
    if (!lost) throw new Error('need two cases');
    // Damage no sync would cause: a case vanishes from the cache, a stray household appears.
    await recordTable(device.db, 'case').delete(String(lost.id));
    const stray = { ...(await recordTable(device.db, 'household').toArray())[0], id: randomUUID() };
    await recordTable(device.db, 'household').put(stray as never);
    device.setOffline(true);
    const noteId = randomUUID();
    await device.mutate('case.addWorkNote', { id: noteId, caseId: c.id, body: 'Queued while the cache was damaged', deviceTime: null });
    device.setOffline(false);
    await device.engine.syncNow();
    const meta = await device.db.meta.get('sync');
    expect(meta?.lastRepair?.differences.map((d) => d.type).sort()).toEqual(['case', 'household']);
    expect(await recordTable(device.db, 'case').get(String(lost.id))).toBeDefined();
    expect(await recordTable(device.db, 'household').get(String(stray.id))).toBeUndefined();
    const notes = await sql<{ n: number }>`select count(*)::int as n from journal_entries where id = ${noteId}`.execute(h.store.db);
    expect(notes.rows[0]?.n).toBe(1);
    await device.db.meta.update('sync', { lastRepair: null });
    await expectMatchesServer(device);
  });
  it('D2/P6: a case created offline shows on every page of a fresh snapshot', async () => {
    const pulls: PullResponse[] = [];
    const device = await engineDevice(h, 'elena.novak', {
      pageSize: 40,
      wrap: recordPulls(pulls),
    });
    await device.engine.syncNow();
    const caseType = (await recordTable(device.db, 'caseType').toArray()).find((t) => t.key === 'pothole_report');
    const service = caseType ? (await recordTable(device.db, 'serviceDefinition').where('caseTypeId').equals(caseType.id).toArray())[0] : undefined;
    if (!caseType || !service) throw new Error('no pothole service in the cache');
    device.setOffline(true);
    const id = randomUUID();
    await device.mutate('case.create', { id, caseTypeId: caseType.id, serviceDefinitionId: service.id, shortDescription: 'Sinkhole by the depot', channel: 'walk_in', customFields: { locationDetail: 'Depot gate', severity: 'severe', depthCm: 40 } });
    // Elena joins another team meanwhile: her scope changed, so her next pull starts a fresh snapshot (P6).
    const admin = await login(h, 'riv.admin');
    const group = await sql<{ id: string }>`select g.id from groups g join users u on u.org_id = g.org_id where u.id = ${device.userId} and g.name = 'Benefits & Support'`.execute(h.store.db);
    const joined = await call(h, 'POST', '/api/records/groupMember', { token: admin.token, body: { groupId: group.rows[0]?.id, userId: device.userId, isManager: false } });
    expect(joined.status).toBe(201);
    device.setOffline(false);
    pulls.length = 0;
    for (;;) {
      const page = await device.engine.pullOnce();
      expect(await recordTable(device.db, 'case').get(id), `after pulled page ${pulls.length}`).toMatchObject({ state: 'new', shortDescription: 'Sinkhole by the depot' });
      if (!page.hasMore) break;
    }
    expect(pulls[0]?.reset).toBe(true);
    expect(pulls.length).toBeGreaterThan(2);
    await device.engine.syncNow();
    expect(await recordTable(device.db, 'case').get(id)).toMatchObject({ shortDescription: 'Sinkhole by the depot' });
    await expectMatchesServer(device);
  });

  it('P6/P10: a re-snapshot keeps the held records visible until its end, work queued during it shows, and what left the scope leaves at the end', async () => {
    const pulls: PullResponse[] = [];
    const device = await engineDevice(h, 'elena.novak', { pageSize: 40, wrap: recordPulls(pulls) });
    await device.engine.syncNow();
    const admin = await login(h, 'riv.admin');
    const roads = await sql<{ id: string; member: string }>`select g.id, m.id as member from groups g join group_members m on m.group_id = g.id where m.user_id = ${device.userId} and g.name = 'Roads & Footpaths'`.execute(h.store.db);
    const membership = roads.rows[0];
    if (!membership) throw new Error('elena is not in Roads & Footpaths');
    const roadsCases = (await recordTable(device.db, 'case').where('assignmentGroupId').equals(membership.id).toArray()).filter((c) => c.assignedToId !== device.userId && c.openedById !== device.userId);
    const held = roadsCases[0];
    if (!held) throw new Error('no Roads case held only through the group');
    const caseTypesBefore = await recordTable(device.db, 'caseType').count();
    // Elena leaves Roads: a new scope, so a fresh snapshot (P6) in which Roads' cases no longer come.
    const left = await call(h, 'DELETE', `/api/records/groupMember/${membership.member}`, { token: admin.token });
    expect(left.status).toBe(204);
    pulls.length = 0;
    const first = await device.engine.pullOnce();
    expect(first.reset).toBe(true);
    expect(first.hasMore).toBe(true);
    // P10: the set-up comes first even without own work; the cache has not been emptied meanwhile.
    expect(first.puts.filter((p) => p.type === 'caseType')).toHaveLength(caseTypesBefore);
    expect(await recordTable(device.db, 'case').get(String(held.id))).toBeDefined();
    expect((await device.db.meta.get('sync'))?.isSweeping).toBe(true);
    // Work queued mid-snapshot reads what the device holds and shows at once.
    const noteId = randomUUID();
    device.setOffline(true);
    await device.mutate('case.addWorkNote', { id: noteId, caseId: String(held.id), body: 'Handed over before leaving Roads', deviceTime: null });
    expect(await recordTable(device.db, 'journalEntry').get(noteId)).toMatchObject({ caseId: String(held.id) });
    // A restart mid-snapshot keeps what was noted so far (the keys live in IndexedDB).
    const restarted = await device.restart();
    restarted.setOffline(false);
    expect(await restarted.db.snapshotSeen.count()).toBeGreaterThan(0);
    await restarted.engine.syncNow();
    const meta = await restarted.db.meta.get('sync');
    expect({ isSweeping: meta?.isSweeping, isSnapshotting: meta?.isSnapshotting, seen: await restarted.db.snapshotSeen.count(), repair: meta?.lastRepair ?? null }).toEqual({ isSweeping: false, isSnapshotting: false, seen: 0, repair: null });
    expect(await recordTable(restarted.db, 'case').get(String(held.id))).toBeUndefined();
    expect(await recordTable(restarted.db, 'journalEntry').get(noteId)).toBeUndefined();
    const notes = await sql<{ n: number }>`select count(*)::int as n from journal_entries where id = ${noteId}`.execute(h.store.db);
    expect(notes.rows[0]?.n).toBe(1);
    await expectMatchesServer(restarted);
    const back = await call(h, 'POST', '/api/records/groupMember', { token: admin.token, body: { groupId: membership.id, userId: device.userId, isManager: false } });
    expect(back.status).toBe(201);
  });
});
