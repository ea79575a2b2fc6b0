/** Schema upgrades keep the user's data and queued work (STYLE 20): seed version 1, open the newest. */
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { metaStoresV1, openCache, recordStoresV1 } from './database';

describe('cache schema upgrades', () => {
  it('v1 → v5 keeps records, the outbox and shadows, adds attachment content, playbook steps, item history and the re-snapshot\'s seen keys, and pulls the scope again once', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores({ ...recordStoresV1, ...metaStoresV1 });
    await v1.table('case').put({ id: 'c1', number: 'CS0000001', state: 'new', assignedToId: 'u1' });
    await v1.table('outbox').put({ id: 1, name: 'case.addWorkNote', args: { id: 'j1', caseId: 'c1', body: 'queued before the upgrade' }, deviceTime: '2026-11-20T10:00:00.000Z', status: 'pending' });
    await v1.table('shadows').put({ key: 'journalEntry:j1', type: 'journalEntry', id: 'j1', base: null });
    await v1.table('meta').put({ key: 'sync', deviceId: 'd1', userId: 'u1', orgId: 'o1', cursor: '42.0123456789abcdef.40', lastQueuedId: 1, lastMutationId: 0, lastSyncAt: null, isSnapshotting: false });
    v1.close();

    const db = openCache(name, { durability: 'strict', indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.table('case').get('c1')).toMatchObject({ number: 'CS0000001' });
    expect(await db.outbox.toArray()).toHaveLength(1);
    expect(await db.shadows.get('journalEntry:j1')).toBeTruthy();
    // Playbook steps written before the upgrade lie below the old cursor: the next pull is a snapshot.
    expect(await db.meta.get('sync')).toMatchObject({ cursor: null, lastQueuedId: 1, deviceId: 'd1' });
    await db.table('playbookStep').put({ id: 's1', caseId: 'c1', activityKey: 'intake_check' });
    expect(await db.table('playbookStep').where('[caseId+activityKey]').equals(['c1', 'intake_check']).count()).toBe(1);
    await db.itemHistory.put({ installBaseItemId: 'i1', fetchedAt: '2026-11-20T10:00:00.000Z', cases: [], work: [] });
    expect(await db.itemHistory.get('i1')).toMatchObject({ installBaseItemId: 'i1' });
    await db.table('task').put({ id: 't1', assignedToId: 'u1', scheduledStart: '2026-11-21T09:00:00.000Z' });
    expect(await db.table('task').where('[assignedToId+scheduledStart]').between(['u1', '2026-11-21'], ['u1', '2026-11-22']).count()).toBe(1);
    await db.snapshotSeen.put({ key: 'case:c1' });
    expect(await db.snapshotSeen.get('case:c1')).toEqual({ key: 'case:c1' });
    await db.blobs.put({ id: 'a1', blob: new Blob(['x']), state: 'pending' });
    expect(await db.blobs.where('state').equals('pending').count()).toBe(1);
    db.close();
  });
});
