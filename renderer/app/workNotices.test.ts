/**
 * What the workspace tells the signed-in user of, read from a real IndexedDB (fake-indexeddb) with
 * real Dexie: approvals asked of them by name or of their role, their open cases whose SLA breaches
 * within 30 minutes (as the team board reads the clocks), each told once per device.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { csmLifecycle } from '../../shared/domain/caseLifecycle';
import { openCache, recordTable } from '../db/database';
import { initCache } from '../sync/engine';
import { notifiedMemory } from './notifiedMemory';
import { nearBreach, slaNoticeWindowMs, toTell, watchApprovals, watchMyClocks, type ClockedCase } from './workNotices';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const me = id(1);
const other = id(2);
const now = '2026-11-20T12:00:00.000Z';
const minutes = (m: number): string => new Date(Date.parse(now) + m * 60_000).toISOString();

async function cache() {
  const db = openCache(`notices-${crypto.randomUUID()}`, { durability: 'strict', indexedDB, IDBKeyRange });
  await initCache(db, { userId: me, orgId: id(998), deviceId: id(997) });
  await db.meta.update('sync', { isSnapshotting: false });
  await recordTable(db, 'caseType').put({ id: id(50), key: 'pothole', name: 'Pothole', lifecycle: csmLifecycle });
  await recordTable(db, 'user').bulkPut([
    { id: me, displayName: 'Sofia Rossi' },
    { id: other, displayName: 'Dana Whitfield' },
  ]);
  return db;
}

function memoryStore() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('approval notices', () => {
  it('reads the requested approvals asked of me or of my role, with their case and who asked', async () => {
    const db = await cache();
    await recordTable(db, 'case').bulkPut([
      { id: id(10), number: 'CS0000010', shortDescription: 'Deck permit', state: 'in_progress', caseTypeId: id(50), assignedToId: other },
      { id: id(11), number: 'CS0000011', shortDescription: 'Fence permit', state: 'in_progress', caseTypeId: id(50), assignedToId: other },
    ]);
    await recordTable(db, 'approval').bulkPut([
      { id: id(20), caseId: id(10), approverId: me, approverRole: null, state: 'requested', requestedById: other },
      { id: id(21), caseId: id(11), approverId: null, approverRole: 'supervisor', state: 'requested', requestedById: other },
      { id: id(22), caseId: id(11), approverId: me, approverRole: null, state: 'approved', requestedById: other },
      { id: id(23), caseId: id(11), approverId: other, approverRole: null, state: 'requested', requestedById: me },
    ]);
    const watched = await watchApprovals(db, { id: me, roles: ['agent', 'supervisor'] });
    expect(watched.isSnapshotting).toBe(false);
    expect(watched.items.map((a) => [a.key, a.number, a.shortDescription, a.byName]).sort()).toEqual([
      [id(20), 'CS0000010', 'Deck permit', 'Dana Whitfield'],
      [id(21), 'CS0000011', 'Fence permit', 'Dana Whitfield'],
    ]);
    expect((await watchApprovals(db, { id: me, roles: ['agent'] })).items.map((a) => a.key)).toEqual([id(20)]);
    db.close();
  });

  it('learns what is there on the first run without telling, then tells each new one once, never what I asked myself', () => {
    const storage = memoryStore();
    const item = (n: number, by = other) => ({ key: id(n), requestedById: by });
    const quiet = { isFirstRunQuiet: true, isQuiet: (a: { requestedById: string }) => a.requestedById === me };
    expect(toTell([item(1)], notifiedMemory(storage, 'k', 10), quiet)).toEqual([]);
    expect(toTell([item(1), item(2), item(3, me)], notifiedMemory(storage, 'k', 10), quiet)).toEqual([item(2)]);
    // The next read (a reload, another pull) tells nothing again.
    expect(toTell([item(1), item(2), item(3, me)], notifiedMemory(storage, 'k', 10), quiet)).toEqual([]);
  });

  it('learns quietly on a first run with nothing to learn, so the next arrival is told', () => {
    const storage = memoryStore();
    const quiet = { isFirstRunQuiet: true, isQuiet: () => false };
    expect(toTell([], notifiedMemory(storage, 'k', 10), quiet)).toEqual([]);
    expect(toTell([{ key: 'a' }], notifiedMemory(storage, 'k', 10), quiet)).toEqual([{ key: 'a' }]);
  });
});

describe('SLA notices', () => {
  const clock = (dueAt: string, extra: Partial<ClockedCase['clocks'][number]> = {}) => ({ startedAt: minutes(-480), dueAt, hasBreached: false, state: 'in_progress' as const, ...extra });
  const kase = (n: number, clocks: ClockedCase['clocks']): ClockedCase => ({ id: id(n), number: `CS00000${n}`, shortDescription: `Case ${n}`, clocks });

  it('tells of running clocks due within 30 minutes, soonest first; not breached, paused, done or later ones', () => {
    const cases = [
      kase(10, [clock(minutes(25))]),
      kase(11, [clock(minutes(5)), clock(minutes(600))]),
      kase(12, [clock(minutes(45))]),
      kase(13, [clock(minutes(-5))]),
      kase(14, [clock(minutes(10), { hasBreached: true })]),
      kase(15, [clock(minutes(10), { state: 'paused' })]),
      kase(16, [clock(minutes(10), { state: 'completed' })]),
      kase(17, []),
      kase(18, [clock(minutes(30))]),
    ];
    expect(nearBreach(cases, now, slaNoticeWindowMs).map((c) => [c.number, c.dueAt])).toEqual([
      ['CS0000011', minutes(5)],
      ['CS0000010', minutes(25)],
      ['CS0000018', minutes(30)],
    ]);
  });

  it('keys each breach by case and due time, so a clock due again later is told again', () => {
    const storage = memoryStore();
    const tell = (dueAt: string) => toTell(nearBreach([kase(10, [clock(dueAt)])], now, slaNoticeWindowMs), notifiedMemory(storage, 'sla', 10), { isFirstRunQuiet: false, isQuiet: () => false }).length;
    expect(tell(minutes(20))).toBe(1);
    expect(tell(minutes(20))).toBe(0);
    expect(tell(minutes(25))).toBe(1);
  });

  it("reads the user's open cases with their clocks, not others' or closed ones", async () => {
    const db = await cache();
    await recordTable(db, 'case').bulkPut([
      { id: id(10), number: 'CS0000010', shortDescription: 'Mine, open', state: 'in_progress', caseTypeId: id(50), assignedToId: me },
      { id: id(11), number: 'CS0000011', shortDescription: 'Mine, resolved', state: 'resolved', caseTypeId: id(50), assignedToId: me },
      { id: id(12), number: 'CS0000012', shortDescription: 'Not mine', state: 'new', caseTypeId: id(50), assignedToId: other },
    ]);
    await recordTable(db, 'caseSla').bulkPut([
      { id: id(30), caseId: id(10), ...clock(minutes(20)) },
      { id: id(31), caseId: id(11), ...clock(minutes(20)) },
      { id: id(32), caseId: id(12), ...clock(minutes(20)) },
    ]);
    const watched = await watchMyClocks(db, me);
    expect(watched.cases.map((c) => [c.number, c.clocks.length])).toEqual([['CS0000010', 1]]);
    expect(nearBreach(watched.cases, now, slaNoticeWindowMs).map((c) => c.number)).toEqual(['CS0000010']);
    db.close();
  });
});
