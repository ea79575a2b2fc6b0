/**
 * Randomized convergence of the whole sync system with real parts: the store over HTTP (PGlite,
 * and PostgreSQL when DATABASE_URL is set), ten device engines on fake-indexeddb used by agents
 * sharing groups, their supervisors, two field technicians and an outside contributor, and an
 * administrator changing things through the API. Devices go offline and online, queue random
 * intents (some meant to be refused; work on site in device time; supervisors' bulk moves queued
 * in one transaction), sync in part or in full (in rush hours all at once), and crash, also in
 * mid-sync. After every step, what a device still has queued must show in its cache
 * and nothing else may be overlaid (D1/D2). At the end, once everything is synced, every device
 * must hold exactly its user's scope, and every mutation it made must be applied once or listed as
 * refused. Names carry the SPEC rule ids.
 *
 * A failure names its seed; replay it with CASEWAY_FUZZ_SEED=<seed> (CASEWAY_FUZZ_ROUNDS to vary
 * the length). Each device and the administrator draw from their own stream of the seed, so the
 * same seed makes the same choices; what can differ between runs is only what the machine
 * schedules: devices syncing at once in a rush hour, and a restart racing the killed app's last page.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityDefs, recordTypes, type RecordType } from '../../shared/domain/records';
import { recordKey, touches } from '../../shared/sync/apply';
import { mutationArgs, type MutationName } from '../../shared/sync/mutations';
import type { FieldConflict, MutationResult } from '../../shared/sync/protocol';
import { recordTable } from '../../renderer/db/database';
import { createRandom, type Random } from '../../server/seed/random';
import { authenticate } from '../../server/services/sessions';
import { rowPulled } from '../../server/sync/pullScope';
import { FuzzAdmin } from '../support/fuzzAdmin';
import { FuzzDevice, isInterruption, type FuzzDeviceSpec } from '../support/fuzzDevice';
import { loadWorld, randomIntent, type World } from '../support/fuzzIntents';
import { startHarness, type Harness } from '../support/harness';
import { backends } from '../support/stores';
import { TestDevice } from '../support/syncDevice';

const seed = Number(process.env.CASEWAY_FUZZ_SEED ?? randomInt(1, 2 ** 31 - 1));
const rounds = Number(process.env.CASEWAY_FUZZ_ROUNDS ?? 30);

/** The seed of the `i`th actor's own stream of choices. */
const stream = (i: number): number => (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;

/** Agents of the same groups (one user on two devices), supervisors of those groups, the crews' technicians, the partner. */
const specs: FuzzDeviceSpec[] = [
  { label: 'ana-laptop', username: 'riv.agent', role: 'agent', pageSize: 400 },
  { label: 'ana-phone', username: 'riv.agent', role: 'agent', pageSize: 90, verifyEveryMs: 0 },
  { label: 'sofia', username: 'sofia.rossi', role: 'agent', pageSize: 250 },
  { label: 'noah', username: 'noah.king', role: 'agent', pageSize: 250 },
  { label: 'liam', username: 'liam.chen', role: 'agent', pageSize: 250, verifyEveryMs: 0 },
  { label: 'dana', username: 'riv.supervisor', role: 'supervisor', pageSize: 300 },
  { label: 'elena', username: 'elena.novak', role: 'supervisor', pageSize: 300 },
  { label: 'tom', username: 'riv.tech', role: 'technician', pageSize: 150 },
  { label: 'jack', username: 'jack.murphy', role: 'technician', pageSize: 150, verifyEveryMs: 0 },
  { label: 'kofi', username: 'riv.partner', role: 'partner', pageSize: 100 },
];

/** Where a mutation's new record lands, and which records the test's edits change. */
const createdTable: Partial<Record<MutationName, RecordType>> = { 'case.create': 'case', 'case.addComment': 'journalEntry', 'case.addWorkNote': 'journalEntry', 'task.create': 'task', 'installBaseItem.replace': 'installBaseItem' };
const editedTable: Partial<Record<MutationName, RecordType>> = { 'case.update': 'case', 'task.update': 'task', 'consumer.update': 'consumer', 'installBaseItem.update': 'installBaseItem' };
/** The fields a work-order intent may write: what they show depends on the task as held (C7), so an earlier edit's value is no longer expected. */
const workOrderFields = ['state', 'startedAt', 'completedAt', 'timeSpentMinutes', 'workLog', 'partsUsed', 'signOff'];

type FieldWrite = { type: RecordType; recordId: string; field: string; value: unknown };

/**
 * What a queued mutation shows, beyond `editedTable`: `set` fields with known values, `unset`
 * fields whose value now depends on the record as held, and the record it `creates` with the
 * record it is made from (shown only while that one is held).
 */
function queuedEffects(name: MutationName, args: Record<string, unknown>): { set: FieldWrite[]; unset: Omit<FieldWrite, 'value'>[]; creates: { type: RecordType; id: string; from: { type: RecordType; id: string } | null } | null } {
  const id = String(args.id);
  const created = createdTable[name];
  const edited = editedTable[name];
  const set: FieldWrite[] = edited ? Object.entries((args.changes ?? {}) as Record<string, unknown>).map(([field, value]) => ({ type: edited, recordId: id, field, value })) : [];
  switch (name) {
    case 'case.assign':
      set.push({ type: 'case', recordId: id, field: 'assignmentGroupId', value: args.assignmentGroupId }, { type: 'case', recordId: id, field: 'assignedToId', value: args.assignedToId });
      break;
    case 'installBaseItem.replace':
      set.push({ type: 'installBaseItem', recordId: id, field: 'state', value: 'replaced' });
      return { set, unset: [], creates: { type: 'installBaseItem', id: String(args.newId), from: { type: 'installBaseItem', id } } };
    case 'workOrder.start':
    case 'workOrder.pause':
    case 'workOrder.complete':
      return { set, unset: workOrderFields.map((field) => ({ type: 'task', recordId: id, field })), creates: null };
    default:
      break;
  }
  return { set, unset: [], creates: created ? { type: created, id, from: null } : null };
}

type LogRow = { mutation_id: number | string; name: string; args: unknown; status: 'applied' | 'refused'; result: MutationResult };

describe.each(backends)('sync convergence on $name', (backend) => {
  let h: Harness;
  let world: World;
  let harnessMs = 0;
  beforeAll(async () => {
    const started = performance.now();
    h = await startHarness(backend, 120);
    world = await loadWorld(h);
    harnessMs = Math.round(performance.now() - started);
  });
  afterAll(async () => h?.close());

  /** Runs `fn`, naming the seed, round and device if it fails, so the failure can be replayed. */
  async function at<T>(where: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`seed ${seed}, ${where}: ${message}`, { cause: error });
    }
  }

  /** SPEC D2/P7: after a full sync nothing is pending, nothing overlays the server's records. */
  async function expectSettled(d: FuzzDevice): Promise<void> {
    const outbox = await d.device.db.outbox.toArray();
    const shadows = await d.device.db.shadows.toArray();
    if (outbox.length || shadows.length) throw new Error(`after a full sync ${outbox.length} mutations are still queued (${outbox.map((m) => `${m.id} ${m.name} ${m.status}`).join(', ')}) and ${shadows.length} shadows left (${shadows.map((s) => s.key).join(', ')})`);
  }

  /**
   * SPEC D1/D2, between any two steps: everything still queued shows on top of the server's records
   * (a created record is there, a replacement while the item it replaces is held; an edited or
   * reassigned field has the last queued value, if the record is held),
   * and no record keeps a shadow that no queued mutation needs. Read in one transaction, so a page
   * an app killed in mid-sync is still writing is seen whole or not at all.
   */
  async function expectQueuedShown(d: FuzzDevice): Promise<void> {
    const db = d.device.db;
    await db.transaction('r', db.tables, async () => {
      const queued = await db.outbox.orderBy('id').toArray();
      const edits = new Map<string, FieldWrite & { id: number }>();
      const touched = new Set(queued.flatMap((m) => touches(m.name, m.args).map((k) => recordKey(k.type, k.id))));
      for (const m of queued) {
        const { set, unset, creates } = queuedEffects(m.name, m.args as Record<string, unknown>);
        const isMadeFromHeld = !creates?.from || (await recordTable(db, creates.from.type).get(creates.from.id)) !== undefined;
        if (creates && isMadeFromHeld && !(await recordTable(db, creates.type).get(creates.id))) throw new Error(`queued ${m.name} #${m.id} (${m.status}) does not show: no ${creates.type} ${creates.id}`);
        for (const e of unset) edits.delete(`${e.type}:${e.recordId}:${e.field}`);
        for (const e of set) edits.set(`${e.type}:${e.recordId}:${e.field}`, { ...e, id: m.id });
      }
      for (const e of edits.values()) {
        const record = await recordTable(db, e.type).get(e.recordId);
        if (record && !isDeepStrictEqual(record[e.field] ?? null, e.value ?? null)) throw new Error(`queued #${e.id} set ${e.type} ${e.recordId} ${e.field} to ${JSON.stringify(e.value)}, the device shows ${JSON.stringify(record[e.field])}`);
      }
      const stray = (await db.shadows.toCollection().primaryKeys()).map(String).filter((k) => !touched.has(k));
      if (stray.length) throw new Error(`shadows no queued mutation needs: ${stray.join(', ')}`);
    });
  }

  async function sync(d: FuzzDevice, kind: 'sync' | 'push' | 'pull'): Promise<void> {
    try {
      if (kind === 'push') await d.device.engine.pushOnce();
      else if (kind === 'pull') await d.device.engine.pullOnce();
      else {
        await d.device.engine.syncNow();
        await expectSettled(d);
      }
    } catch (error) {
      if (!isInterruption(error)) throw error;
    }
  }

  /**
   * One turn of one device: maybe change connectivity, act 0–3 times, then choose to sync (in full
   * or in part), crash or restart; `run` does the latter, so a rush hour can run all devices' at once.
   */
  async function turn(d: FuzzDevice, round: number): Promise<{ action: string; run: () => Promise<void> }> {
    const { r } = d;
    if (r.chance(0.12)) d.setOffline(!d.isOffline);
    for (let n = r.weighted([[0, 3], [1, 4], [2, 2], [3, 1]] as const); n > 0; n--) {
      const intent = await randomIntent(d, world, round);
      if (Array.isArray(intent)) await d.mutateMany(intent);
      else if (intent) await d.mutate(intent.name, intent.args, intent.createdId);
    }
    await expectQueuedShown(d);
    const action = r.weighted([['idle', 30], ['sync', 40], ['push', 8], ['pull', 8], ['crash', 6], ['crashNow', 4], ['restart', 4]] as const);
    const nth = r.int(1, 4);
    const isKillSent = r.chance(0.6);
    const run = async (): Promise<void> => {
      switch (action) {
        case 'idle':
          break;
        case 'sync':
        case 'push':
        case 'pull':
          await sync(d, action);
          break;
        case 'crash':
          await d.crashDuringSync(nth, isKillSent, true);
          break;
        case 'crashNow':
          await d.crashDuringSync(Math.min(nth, 3), isKillSent, false);
          break;
        case 'restart':
          await d.restart();
          break;
        default: {
          const exhaustive: never = action;
          return exhaustive;
        }
      }
      await expectQueuedShown(d);
    };
    return { action, run };
  }

  /**
   * One round: every device takes a turn, the administrator writes zero to two times, in an order
   * the round's stream decides. In a rush hour (a quarter of the rounds) the devices choose in that
   * order, then all sync at once with the administrator's writes, as a busy morning does (SPEC P1:
   * pulls read snapshots while pushes commit). Rush hours are where a replay may interleave differently.
   */
  async function playRound(r: Random, round: number, devices: FuzzDevice[], admin: FuzzAdmin, adminR: Random, actions: Map<string, number>): Promise<void> {
    const turns: (FuzzDevice | FuzzAdmin)[] = [...devices, ...(r.chance(0.6) ? [admin] : []), ...(r.chance(0.3) ? [admin] : [])];
    const order = turns.map((who) => ({ who, key: r.next() })).sort((a, b) => a.key - b.key);
    const isRush = r.chance(0.25);
    const runs: { where: string; run: () => Promise<void> }[] = [];
    for (const { who } of order) {
      const where = `round ${round}${isRush ? ' (rush hour)' : ''}, ${who instanceof FuzzAdmin ? 'admin' : who.spec.label}`;
      const step = who instanceof FuzzAdmin ? { action: 'admin', run: () => who.act(adminR) } : await at(where, () => turn(who, round));
      actions.set(step.action, (actions.get(step.action) ?? 0) + 1);
      if (isRush) runs.push({ where, run: step.run });
      else await at(where, step.run);
    }
    const settled = await Promise.allSettled(runs.map((x) => at(x.where, x.run)));
    const failed = settled.find((x) => x.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Everyone online, syncing in turn until a whole pass pushes nothing: the store no longer changes. */
  async function syncUntilQuiet(devices: FuzzDevice[]): Promise<number> {
    for (const d of devices) d.setOffline(false);
    for (let pass = 1; pass <= 8; pass++) {
      let pushed = 0;
      for (const d of devices) {
        pushed += (await at(`final pass ${pass}, ${d.spec.label}`, () => d.device.engine.syncNow())).pushed;
        await at(`final pass ${pass}, ${d.spec.label}`, () => expectSettled(d));
      }
      if (pushed === 0) return pass;
    }
    throw new Error(`seed ${seed}: the devices did not quiesce in 8 passes`);
  }

  /** SPEC P1–P6: the cache holds exactly the records of the user's scope, as a fresh snapshot brings them. */
  async function cacheDifferences(d: FuzzDevice): Promise<string[]> {
    const fresh = await new TestDevice(h, d.spec.username).signIn();
    await fresh.sync(1000);
    const { actor } = await authenticate(h.store.db, fresh.token);
    const out: string[] = [];
    for (const type of recordTypes) {
      const local = new Map((await recordTable(d.device.db, type).toArray()).map((x) => [String(x.id), x as Record<string, unknown>]));
      const server = fresh.table(type);
      for (const [id, record] of local) {
        const expected = server.get(id);
        if (!expected) out.push(`${type} ${id} is on the device but not in the scope`);
        else if (!isDeepStrictEqual(record, expected)) {
          const fields = Object.keys({ ...record, ...expected }).filter((k) => !isDeepStrictEqual(record[k], expected[k]));
          out.push(`${type} ${id} differs in ${fields.map((k) => `${k} (device ${JSON.stringify(record[k])}, store ${JSON.stringify(expected[k])})`).join(', ')}`);
        }
      }
      for (const id of server.keys()) if (!local.has(id)) out.push(`${type} ${id} is in the scope but not on the device`);
      // The fresh snapshot is itself checked against the scope rule (P2).
      const scoped = await sql<{ id: string }>`select t.id from ${sql.table(entityDefs[type].table)} t where ${rowPulled(actor, type, 't')} order by t.id`.execute(h.store.db);
      const snapshotIds = fresh.ids(type);
      if (!isDeepStrictEqual(scoped.rows.map((x) => x.id).sort(), snapshotIds)) out.push(`${type}: a fresh snapshot (${snapshotIds.length}) is not the scope (${scoped.rows.length})`);
    }
    return out;
  }

  /** SPEC M2/M3/M5/D3: each queued mutation was processed once, in order, and is applied or listed as refused. */
  async function expectEveryMutationAccountedFor(d: FuzzDevice, deletedJournal: ReadonlySet<string>): Promise<void> {
    const label = d.spec.label;
    const log = (await sql<LogRow>`select mutation_id, name, args, status, result from mutation_log where device_id = ${d.device.deviceId} order by mutation_id`.execute(h.store.db)).rows;
    expect(d.ledger.map((q) => q.id), `${label}: ids 1, 2, 3, … as queued`).toEqual(d.ledger.map((_, i) => i + 1));
    expect(log.map((l) => Number(l.mutation_id)), `${label}: the store processed each once`).toEqual(d.ledger.map((q) => q.id));
    const queued = d.ledger.map((q) => ({ name: q.name, args: JSON.parse(JSON.stringify(mutationArgs[q.name].parse(q.args))) as unknown }));
    expect(log.map((l) => ({ name: l.name, args: l.args })), `${label}: the store got what was queued`).toEqual(queued);
    const issues = await d.device.db.syncIssues.toArray();
    const refused = (kind: 'device' | 'store') => (kind === 'device' ? issues.filter((i) => i.kind === 'refused').map((i) => [i.mutationId, i.code]) : log.flatMap((l) => (l.result.status === 'refused' ? [[Number(l.mutation_id), l.result.code]] : [])));
    expect(refused('device').sort((a, b) => Number(a[0]) - Number(b[0])), `${label}: refusals listed once each`).toEqual(refused('store'));
    const overwritten = (kind: 'device' | 'store'): [number, FieldConflict[]][] =>
      kind === 'device' ? issues.filter((i) => i.kind === 'overwritten').map((i) => [i.mutationId, i.conflicts]) : log.flatMap((l): [number, FieldConflict[]][] => (l.result.status === 'applied' && l.result.conflicts.length ? [[Number(l.mutation_id), l.result.conflicts]] : []));
    expect(overwritten('device').sort((a, b) => a[0] - b[0]), `${label}: overwrites listed once each (C3)`).toEqual(overwritten('store'));
    for (const q of d.ledger) {
      const type = createdTable[q.name];
      if (!type || !q.createdId) continue;
      const isApplied = log[q.id - 1]?.status === 'applied';
      const n = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(entityDefs[type].table)} where id = ${q.createdId}`.execute(h.store.db);
      expect(n.rows[0]?.n, `${label}: ${q.name} #${q.id} created ${q.createdId} ${isApplied ? 'once' : 'never'}`).toBe(isApplied && !deletedJournal.has(q.createdId) ? 1 : 0);
    }
  }

  async function expectNothingPending(d: FuzzDevice): Promise<void> {
    const label = d.spec.label;
    expect(await d.device.db.outbox.toArray(), `${label}: outbox`).toEqual([]);
    expect(await d.device.db.shadows.toArray(), `${label}: shadows`).toEqual([]);
    const meta = await d.device.db.meta.get('sync');
    expect({ lastQueuedId: meta?.lastQueuedId, lastMutationId: meta?.lastMutationId, isSnapshotting: meta?.isSnapshotting }, `${label}: checkpoint`).toEqual({ lastQueuedId: d.ledger.length, lastMutationId: d.ledger.length, isSnapshotting: false });
    // A repair (P9) means an incremental sync had diverged from the scope: never expected here.
    expect(meta?.lastRepair ?? null, `${label}: P9 repair`).toBeNull();
  }

  it(`M2/M3/M5/C1–C4/C7/C8/D1–D4/P1–P11: ${specs.length} devices working offline, refused, crashing and changing scope converge to their users' scopes (seed ${seed}, ${rounds} rounds)`, async () => {
    console.info(`[convergence ${backend.name}] seed ${seed}, ${rounds} rounds; replay with CASEWAY_FUZZ_SEED=${seed}`);
    const started = performance.now();
    const r = createRandom(seed);
    const adminR = createRandom(stream(specs.length));
    const devices: FuzzDevice[] = [];
    for (const [i, spec] of specs.entries()) {
      const d = await FuzzDevice.start(h, spec, createRandom(stream(i)), randomUUID(), `caseway-fuzz-${backend.name}-${spec.label}-${seed}`);
      await at(`bootstrap, ${spec.label}`, () => d.device.engine.syncNow());
      devices.push(d);
    }
    const admin = await FuzzAdmin.start(h, world);
    const bootstrapped = performance.now();
    const actions = new Map<string, number>();
    for (let round = 1; round <= rounds; round++) await playRound(r, round, devices, admin, adminR, actions);
    const played = performance.now();
    const passes = await syncUntilQuiet(devices);
    const quiet = performance.now();
    const deviceIds = sql`${`{${devices.map((d) => d.device.deviceId).join(',')}}`}::uuid[]`;
    const log = (await sql<{ status: string; conflicts: number; n: number }>`select status, (jsonb_array_length(coalesce(result->'conflicts', '[]'::jsonb)) > 0)::int as conflicts, count(*)::int as n from mutation_log where device_id = any(${deviceIds}) group by 1, 2 order by 1, 2`.execute(h.store.db)).rows;
    const codes = (await sql<{ name: string; code: string; n: number }>`select name, result->>'code' as code, count(*)::int as n from mutation_log where status = 'refused' and device_id = any(${deviceIds}) group by 1, 2 order by 3 desc, 1, 2`.execute(h.store.db)).rows;
    const names = (await sql<{ name: string; n: number; batches: number }>`select name, count(*)::int as n, count(distinct args->>'batchId')::int as batches from mutation_log where device_id = any(${deviceIds}) group by 1 order by 2 desc, 1`.execute(h.store.db)).rows;
    const summary = {
      ms: { store: harnessMs, bootstrap: Math.round(bootstrapped - started), rounds: Math.round(played - bootstrapped), final: Math.round(quiet - played) },
      passes,
      mutations: log.map((l) => `${l.status}${l.conflicts ? ' with overwrites' : ''}: ${l.n}`).join(', '),
      refusals: codes.map((c) => `${c.name} ${c.code}: ${c.n}`).join(', '),
      intents: names.map((x) => `${x.name}: ${x.n}${x.batches ? ` (${x.batches} bulk moves among them)` : ''}`).join(', '),
      devices: devices.map((d) => `${d.spec.label}: ${d.ledger.length} queued, ${d.crashes} crashes, ${d.resets} resets, ${d.caseDeletes} case deletes`).join('; '),
      actions: Object.fromEntries(actions),
      admin: Object.fromEntries(admin.writes),
    };
    console.info(`[convergence ${backend.name}] seed ${seed}: ${JSON.stringify(summary)}`);
    expect(log.some((l) => l.status === 'refused'), 'some mutations were refused').toBe(true);
    expect(log.some((l) => l.status === 'applied'), 'some mutations were applied').toBe(true);

    const differences: string[] = [];
    for (const d of devices) differences.push(...(await cacheDifferences(d)).map((x) => `${d.spec.label} (${d.spec.username}): ${x}`));
    expect(differences, `seed ${seed}: every cache equals a fresh snapshot of its user's scope`).toEqual([]);
    for (const d of devices) {
      await expectNothingPending(d);
      await expectEveryMutationAccountedFor(d, admin.deletedJournal);
    }
  });
});
