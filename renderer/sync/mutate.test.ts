/**
 * Several intents of one action queued together (a supervisor's bulk reassignment), over a real
 * IndexedDB implementation and real Dexie: all applied and queued in order in one transaction, or,
 * when one of them is bad, none of them (the cache and the outbox as they were).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openCache, recordTable } from '../db/database';
import { initCache } from './engine';
import { MutationInputError, mutateMany } from './mutate';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const group = id(900);
const ana = id(901);
const ben = id(902);
const ctx = { userId: id(999), orgId: id(998), now: '2026-11-20T10:00:00.000Z' };
const assign = (n: number, to: string) => ({ name: 'case.assign' as const, args: { id: id(n), assignmentGroupId: group, assignedToId: to, expected: { assignmentGroupId: group, assignedToId: ana }, reason: null, batchId: id(500) } });

async function cacheWithCases() {
  const db = openCache(`mutate-${crypto.randomUUID()}`, { durability: 'strict', indexedDB, IDBKeyRange });
  await initCache(db, { userId: ctx.userId, orgId: ctx.orgId, deviceId: id(997) });
  for (const n of [1, 2, 3]) await recordTable(db, 'case').put({ id: id(n), number: `CS000000${n}`, state: 'open', assignmentGroupId: group, assignedToId: ana });
  return db;
}

describe('mutateMany', () => {
  it('applies and queues every intent in order, with consecutive ids', async () => {
    const db = await cacheWithCases();
    const ids = await mutateMany(db, [assign(1, ben), assign(2, ben), assign(3, ben)], ctx);
    expect(ids).toEqual([1, 2, 3]);
    expect((await db.outbox.toArray()).map((m) => [m.id, m.name, (m.args as { id: string }).id])).toEqual([
      [1, 'case.assign', id(1)],
      [2, 'case.assign', id(2)],
      [3, 'case.assign', id(3)],
    ]);
    expect((await recordTable(db, 'case').toArray()).map((c) => c.assignedToId)).toEqual([ben, ben, ben]);
    expect((await db.meta.get('sync'))?.lastQueuedId).toBe(3);
    db.close();
  });

  it('queues nothing when one intent is bad, naming it', async () => {
    const db = await cacheWithCases();
    const bad = { name: 'case.assign' as const, args: { ...assign(3, ben).args, assignedToId: 'not-a-uuid' } };
    const error = await mutateMany(db, [assign(1, ben), assign(2, ben), bad], ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MutationInputError);
    expect((error as MutationInputError).issues[0]?.path).toBe('[2].assignedToId');
    expect(await db.outbox.count()).toBe(0);
    expect((await recordTable(db, 'case').toArray()).map((c) => c.assignedToId)).toEqual([ana, ana, ana]);
    expect((await db.meta.get('sync'))?.lastQueuedId).toBe(0);
    db.close();
  });
});
