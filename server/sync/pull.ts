/**
 * Pull (SPEC P1–P6): one page of the device's scope since its cursor, in global change order,
 * read from one snapshot. New and changed records come as puts, deleted records and cases that
 * left the scope as deletes; a case that entered the scope brings its whole bundle. A cursor made
 * for another scope (the user's roles or groups changed) restarts the device's snapshot.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { recordPolicies } from '../../shared/access/policy';
import { entityDef, isRecordType, recordTypes, type RecordType } from '../../shared/domain/records';
import type { PullResponse, PulledDelete, PulledRecord } from '../../shared/sync/protocol';
import type { DB } from '../db/schema';
import { invalid } from '../http/errors';
import type { Actor } from '../services/actor';
import { lockForWrite } from '../services/recordService';
import { fromRow } from '../services/rowMapping';
import { casePulled, rowPulled } from './pullScope';

/** Bump when the scope rules change, so every device re-snapshots. */
const scopeRulesVersion = 1;

type Item = { rev: number; put?: PulledRecord; del?: PulledDelete };

export function scopeHash(actor: Actor): string {
  const key = JSON.stringify([scopeRulesVersion, actor.userId, [...actor.roles].sort(), [...actor.groupIds].sort()]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * A cursor is `rev.scopeHash.floor.base`. `floor` is the last rev committed when the device's
 * snapshot began: nothing at or below it can have been deleted from, or have left, a snapshot that
 * started empty, so deletes and leaves are looked for only above it (a bootstrap does not carry the
 * deletes of the whole organisation). `base` is the rev of the device's last complete checkpoint:
 * while it catches up page by page, a case whose scope changed after `base` may have entered or
 * left its scope even if that change lies behind the page's own rev (SPEC P3, P4).
 */
type Cursor = { from: number; floor: number; base: number; reset: boolean };

function parseCursor(cursor: string | null, hash: string): Cursor | null {
  if (cursor === null) return null;
  const match = /^(\d+)\.([0-9a-f]{16})\.(\d+)(?:\.(\d+))?$/.exec(cursor);
  if (!match) throw invalid('cursor', 'is not a cursor this store made');
  if (match[2] !== hash) return null;
  const from = Number(match[1]);
  const base = match[4] === undefined ? from : Number(match[4]);
  if (base > from) throw invalid('cursor', 'is not a cursor this store made');
  return { from, floor: Number(match[3]), base, reset: false };
}

/** The highest committed rev, read while no writer is in flight (writers hold the same lock). */
async function committedWatermark(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute((trx) => lockForWrite(trx));
}

const caseChildTypes = recordTypes.filter((t) => recordPolicies[t].scope === 'caseChild' || recordPolicies[t].scope === 'task');
const technicianBundleTypes: RecordType[] = ['consumer', 'contact', 'account', 'household', 'householdMember', 'address', 'soldProduct', 'installBaseItem', 'asset', 'serviceContract', 'contractLine', 'entitlement', 'interaction'];

/**
 * Every change of the actor's scope with a rev in (lo, hi]: puts, and (above `since`) tombstones
 * and cases that left the scope. Each table gives at most `cap` rows, a prefix in rev order.
 */
async function changesIn(trx: Transaction<DB>, actor: Actor, heads: Heads, lo: number, hi: number, since: number, scopeSince: number, cap: number): Promise<Item[]> {
  const items: Item[] = [];
  const changed = changedAbove(heads, lo);
  for (const type of changed.filter(isRecordType)) {
    const def = entityDef(type);
    const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where t.org_id = ${actor.orgId} and t.rev > ${lo} and t.rev <= ${hi} and ${rowPulled(actor, type, 't')} order by t.rev limit ${cap}`.execute(trx);
    items.push(...rows.rows.map((r) => ({ rev: Number(r.rev), put: { type, record: fromRow(def, r) } })));
  }
  const above = Math.max(lo, since);
  // Deletes, cases that left and loose work orders that moved need a delete, a case or a task written.
  if (hi > above && changed.includes('tombstone')) {
    const tombs = await sql<{ rev: number; record_type: string; record_id: string }>`select rev, record_type, record_id from tombstones where org_id = ${actor.orgId} and rev > ${above} and rev <= ${hi} order by rev limit ${cap}`.execute(trx);
    items.push(...tombs.rows.filter((t) => isRecordType(t.record_type)).map((t) => ({ rev: Number(t.rev), del: { type: t.record_type as RecordType, id: t.record_id } })));
  }
  if (hi > above && changed.includes('case')) {
    const left = await sql<{ rev: number; id: string }>`select t.rev, t.id from cases t where t.org_id = ${actor.orgId} and t.rev > ${above} and t.rev <= ${hi} and t.scope_rev > ${scopeSince} and not ${casePulled(actor, 't')} order by t.rev limit ${cap}`.execute(trx);
    items.push(...left.rows.map((r) => ({ rev: Number(r.rev), del: { type: 'case' as const, id: r.id } })));
  }
  if (hi > above && changed.includes('task')) {
    // A work order of no case that changed and is no longer the user's (reassigned) leaves too.
    const looseTasks = await sql<{ rev: number; id: string }>`select t.rev, t.id from tasks t where t.org_id = ${actor.orgId} and t.rev > ${above} and t.rev <= ${hi} and t.case_id is null and not ${rowPulled(actor, 'task', 't')} order by t.rev limit ${cap}`.execute(trx);
    items.push(...looseTasks.rows.map((r) => ({ rev: Number(r.rev), del: { type: 'task' as const, id: r.id } })));
  }
  return items;
}

/** The newest rev of each record type (and `tombstone`) of the organisation, as the pull's snapshot sees them. */
type Heads = ReadonlyMap<string, number>;

/**
 * The record types (and `tombstone`) with anything above rev `lo`, a superset of those changed in
 * (lo, hi]: read off the change heads (migration 0006), not off every table.
 */
function changedAbove(heads: Heads, lo: number): string[] {
  return [...heads].filter(([, rev]) => rev > lo).map(([key]) => key);
}

/**
 * Collects up to `limit` changes above `from`, window by window over the rev sequence. A rev is
 * used once, so a window of w revs holds at most w changes: the first window is `limit` wide, and
 * later ones are sized by the scope's density seen so far. Returns the page and the rev it covers
 * through (the last change returned when the page is full, else the end of the last window).
 */
async function collectChanges(trx: Transaction<DB>, actor: Actor, heads: Heads, from: number, since: number, scopeSince: number, head: number, limit: number): Promise<{ page: Item[]; through: number }> {
  const items: Item[] = [];
  let lo = from;
  let width = limit;
  while (lo < head && items.length <= limit) {
    const hi = Math.min(head, lo + width);
    const found = await changesIn(trx, actor, heads, lo, hi, since, scopeSince, limit + 1);
    items.push(...found);
    const density = found.length / (hi - lo);
    lo = hi;
    const remaining = limit + 1 - items.length;
    width = Math.min(limit * 64, Math.ceil(remaining / Math.max(density, 1 / 64)));
  }
  items.sort((a, b) => a.rev - b.rev);
  if (items.length <= limit) return { page: items, through: lo };
  const page = items.slice(0, limit);
  return { page, through: page.at(-1)?.rev ?? from };
}

/**
 * What a pull's snapshot starts from, in one round trip: the sync horizon (SPEC P8), the change
 * heads of the organisation and so the highest rev it sees, and the device's last processed
 * mutation (P7). Writers take revs and commit one at a time (the write lock), so a snapshot sees
 * every rev up to its head and none above: a page may cover through it, and whatever commits later
 * comes with a higher rev.
 */
async function snapshotStart(trx: Transaction<DB>, actor: Actor): Promise<{ purgedThrough: number; heads: Heads; head: number; lastMutationId: number }> {
  const row = await sql<{ purged: number | null; heads: Record<string, number | string> | null; last: number | null }>`select
    (select purged_through from sync_horizon limit 1) as purged,
    (select json_object_agg(record_type, rev) from change_heads where org_id = ${actor.orgId}) as heads,
    (select max(mutation_id) from mutation_log where device_id = ${actor.deviceId}) as last`.execute(trx);
  const r = row.rows[0];
  const heads = new Map(Object.entries(r?.heads ?? {}).map(([key, rev]) => [key, Number(rev)]));
  return { purgedThrough: Number(r?.purged ?? 0), heads, head: Math.max(0, ...heads.values()), lastMutationId: Number(r?.last ?? 0) };
}

/** Thrown inside a pull's snapshot when the cursor is below the sync horizon (SPEC P8). */
class CursorTooOld extends Error {}

export type PullOptions = { verify?: boolean };

export async function pull(db: Kysely<DB>, actor: Actor, cursor: string | null, limit: number, options: PullOptions = {}): Promise<PullResponse> {
  try {
    return await pullPage(db, actor, cursor, limit, options);
  } catch (error) {
    // Deletes the device has not seen may have been purged: it re-snapshots, keeping its outbox.
    if (error instanceof CursorTooOld) return pullPage(db, actor, null, limit, options);
    throw error;
  }
}

/** How many records of each type the actor's scope holds, in the caller's snapshot (SPEC P9). */
export async function scopeCounts(trx: Kysely<DB>, actor: Actor): Promise<Record<RecordType, number>> {
  const branches = recordTypes.map((type, i) => sql`select ${i}::int as i, count(*)::int as n from ${sql.table(entityDef(type).table)} t where ${rowPulled(actor, type, 't')}`);
  const rows = await sql<{ i: number; n: number }>`${sql.join(branches, sql` union all `)}`.execute(trx);
  const counts = Object.fromEntries(recordTypes.map((t) => [t, 0])) as Record<RecordType, number>;
  for (const r of rows.rows) {
    const type = recordTypes[r.i];
    if (type) counts[type] = r.n;
  }
  return counts;
}

async function pullPage(db: Kysely<DB>, actor: Actor, cursor: string | null, limit: number, options: PullOptions): Promise<PullResponse> {
  const hash = scopeHash(actor);
  const parsed = parseCursor(cursor, hash);
  if (parsed === null) {
    const floor = await committedWatermark(db);
    const first = await ownWorkFirst(db, actor, limit);
    // The rest of the snapshot starts from the beginning; what came first simply comes again.
    return { ...first, cursor: `0.${hash}.${floor}` };
  }
  const { from, floor, base, reset } = parsed;
  const since = Math.max(from, floor);
  const scopeSince = Math.max(base, floor);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const { purgedThrough, heads, head, lastMutationId } = await snapshotStart(trx, actor);
      if (!reset && purgedThrough > since) throw new CursorTooOld();
      const { page, through } = await collectChanges(trx, actor, heads, from, reset ? Number.MAX_SAFE_INTEGER : since, reset ? Number.MAX_SAFE_INTEGER : scopeSince, head, limit);
      const hasMore = through < head;
      const puts = page.flatMap((i) => (i.put ? [i.put] : []));
      const deletes = page.flatMap((i) => (i.del ? [i.del] : []));
      if (!reset) puts.push(...(await movedInBundles(trx, actor, scopeSince, from, puts)));
      const nextFrom = Math.max(from, through);
      const counts = options.verify && !hasMore ? { counts: await scopeCounts(trx, actor) } : {};
      const retain = isTechnicianOnly(actor) && !hasMore && from < head && mayMoveReferences(heads, from) ? { retain: await technicianRetain(trx, actor) } : {};
      // A complete checkpoint becomes the new base; mid catch-up the base stays.
      const nextBase = hasMore ? base : nextFrom;
      return { cursor: `${nextFrom}.${hash}.${floor}.${nextBase}`, reset, hasMore, puts, deletes, lastMutationId, serverTime: new Date().toISOString(), ...counts, ...retain };
    });
}

/** A field technician's people, sites and contracts follow its work, not the organisation. */
function isTechnicianOnly(actor: Actor): boolean {
  return actor.roles.includes('field_technician') && !actor.roles.some((r) => r === 'agent' || r === 'supervisor' || r === 'administrator' || r === 'business_stakeholder');
}

/**
 * Whether anything in (from, head] may have changed which people, sites and contracts a
 * technician's work references: a case, a work order or one of those records written, or a delete.
 * Comments and notes, the bulk of a busy day, do not; a checkpoint covering only them skips the
 * retain lists (SPEC P11).
 */
function mayMoveReferences(heads: Heads, from: number): boolean {
  const changed = changedAbove(heads, from);
  return ['case', 'task', 'tombstone', ...technicianBundleTypes].some((key) => changed.includes(key));
}

/**
 * SPEC P11: when a work order leaves a technician, the customers, sites and contracts only it
 * referenced leave too, though none of them changed. The checkpoint lists what the technician's
 * scope still holds of those types (a few hundred ids) and the device drops the rest.
 */
async function technicianRetain(trx: Transaction<DB>, actor: Actor): Promise<{ type: RecordType; ids: string[] }[]> {
  const out: { type: RecordType; ids: string[] }[] = [];
  for (const type of technicianBundleTypes) {
    const rows = await sql<{ id: string }>`select t.id from ${sql.table(entityDef(type).table)} t where t.org_id = ${actor.orgId} and ${rowPulled(actor, type, 't')}`.execute(trx);
    out.push({ type, ids: rows.rows.map((r) => r.id) });
  }
  return out;
}

/** At most this many of the user's own open cases lead a snapshot. */
const ownWorkCases = 200;

/**
 * The first page of a snapshot (SPEC P10): the user's own open work — cases assigned to it or with
 * a work order assigned to it — with their records, the customers they name and the organisation's
 * set-up, so the workstation can show today's work while the rest downloads (and can open a case
 * of any type from the first page on, even for a user with no open work of its own).
 */
async function ownWorkFirst(db: Kysely<DB>, actor: Actor, limit: number): Promise<Omit<PullResponse, 'cursor'>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const me = actor.userId;
      const own = await sql<Record<string, unknown>>`select t.* from cases t
        where t.closed_at is null and (t.assigned_to_id = ${me} or exists (select 1 from tasks cw_o where cw_o.case_id = t.id and cw_o.assigned_to_id = ${me}))
          and ${casePulled(actor, 't')}
        order by t.updated_at desc limit ${Math.max(1, Math.min(ownWorkCases, Math.floor(limit / 10)))}`.execute(trx);
      const caseRecords = own.rows.map((r) => fromRow(entityDef('case'), r));
      const ids = sql`${`{${caseRecords.map((c) => String(c.id)).join(',')}}`}::uuid[]`;
      const puts: PulledRecord[] = caseRecords.map((record) => ({ type: 'case', record }));
      for (const type of caseChildTypes) {
        const def = entityDef(type);
        const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where t.case_id = any(${ids}) and ${rowPulled(actor, type, 't')}`.execute(trx);
        puts.push(...rows.rows.map((r) => ({ type, record: fromRow(def, r) })));
      }
      for (const type of recordTypes) {
        const def = entityDef(type);
        if (recordPolicies[type].scope === 'config') {
          const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where ${rowPulled(actor, type, 't')}`.execute(trx);
          puts.push(...rows.rows.map((r) => ({ type, record: fromRow(def, r) })));
        }
      }
      for (const [type, field] of ownWorkReferences) {
        const def = entityDef(type);
        const referenced = [...new Set(caseRecords.map((c) => c[field]).filter((v): v is string => typeof v === 'string'))];
        if (referenced.length === 0) continue;
        const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where t.id = any(${`{${referenced.join(',')}}`}::uuid[]) and ${rowPulled(actor, type, 't')}`.execute(trx);
        puts.push(...rows.rows.map((r) => ({ type, record: fromRow(def, r) })));
      }
      const mutation = await trx.selectFrom('mutation_log').select(sql<number | null>`max(mutation_id)`.as('last')).where('device_id', '=', actor.deviceId).executeTakeFirst();
      return { reset: true, hasMore: true, puts, deletes: [], lastMutationId: Number(mutation?.last ?? 0), serverTime: new Date().toISOString() };
    });
}

/** The people and things a case names that its row in a work list shows. */
const ownWorkReferences: readonly [RecordType, string][] = [
  ['consumer', 'consumerId'],
  ['contact', 'contactId'],
  ['account', 'accountId'],
  ['household', 'householdId'],
  ['installBaseItem', 'installBaseItemId'],
  ['businessLocation', 'locationId'],
];

/** Cases that may have just entered the scope bring the records a device that never had them needs. */
async function movedInBundles(trx: Transaction<DB>, actor: Actor, scopeSince: number, from: number, puts: PulledRecord[]): Promise<PulledRecord[]> {
  const moved = puts.filter((p) => p.type === 'case').map((p) => String(p.record.id));
  if (moved.length === 0) return [];
  const scoped = await sql<{ id: string }>`select id from cases where id = any(${`{${moved.join(',')}}`}::uuid[]) and scope_rev > ${scopeSince}`.execute(trx);
  const ids = scoped.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const idArray = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const out: PulledRecord[] = [];
  for (const type of caseChildTypes) {
    const def = entityDef(type);
    const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where t.case_id = any(${idArray}) and ${rowPulled(actor, type, 't')}`.execute(trx);
    out.push(...rows.rows.map((r) => ({ type, record: fromRow(def, r) })));
  }
  if (isTechnicianOnly(actor)) {
    for (const type of technicianBundleTypes) {
      const def = entityDef(type);
      const rows = await sql<Record<string, unknown>>`select t.* from ${sql.table(def.table)} t where t.rev <= ${from} and ${rowPulled(actor, type, 't')}`.execute(trx);
      out.push(...rows.rows.map((r) => ({ type, record: fromRow(def, r) })));
    }
  }
  return out;
}
