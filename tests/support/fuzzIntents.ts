/**
 * Random intents for the convergence test, chosen from what the device shows (its cache), the way
 * a user would: edits with the values seen as `base`, life-cycle actions the case type offers,
 * guarded reassignments (one at a time, and a supervisor's bulk moves), comments, new cases and work
 * orders, work on site in device time and the install base as the technician leaves it. A share of
 * them is meant to be refused by the store (a closed case, a stale guard, a missing resolution, a
 * role that may not, a work order no longer in the state the device saw).
 */
import { sql } from 'kysely';
import { availableActions, type Lifecycle } from '../../shared/domain/caseLifecycle';
import { caseTypeDef } from '../../shared/domain/caseType';
import { channels } from '../../shared/domain/vocab';
import type { LocalRecord } from '../../shared/sync/apply';
import type { MutationName } from '../../shared/sync/mutations';
import { recordTable } from '../../renderer/db/database';
import type { Random } from '../../server/seed/random';
import type { FuzzDevice } from './fuzzDevice';
import type { Harness } from './harness';

export const groupKeys = ['roads', 'contact', 'benefits', 'permits', 'crews'] as const;
export type GroupKey = (typeof groupKeys)[number];

/** The city organisation's set-up, read once from the store (it does not change during the test). */
export type World = {
  orgId: string;
  users: Map<string, string>;
  staffIds: string[];
  groups: Record<GroupKey, string>;
  technicianIds: string[];
  caseTypes: Map<string, { key: string; lifecycle: Lifecycle; resolutionCodes: string[] }>;
  caseTypeIds: Map<string, string>;
  services: Map<string, string[]>;
};

const groupNames: Record<GroupKey, string> = { roads: 'Roads & Footpaths', contact: 'Contact Centre', benefits: 'Benefits & Support', permits: 'Building Permits', crews: 'Road Maintenance Crews' };

export async function loadWorld(h: Harness): Promise<World> {
  const orgId = h.seeded.orgs.find((o) => o.name === 'City of Riverton')?.orgId;
  if (!orgId) throw new Error('no city organisation in the seed');
  const users = await sql<{ id: string; username: string; is_external: boolean }>`select id, username, is_external from users where org_id = ${orgId} order by id`.execute(h.store.db);
  const groups = await sql<{ id: string; name: string }>`select id, name from groups where org_id = ${orgId}`.execute(h.store.db);
  const types = await sql<{ id: string; key: string; lifecycle: unknown; resolution_codes: string[] }>`select id, key, lifecycle, resolution_codes from case_types where org_id = ${orgId} order by id`.execute(h.store.db);
  const services = await sql<{ id: string; case_type_id: string }>`select id, case_type_id from service_definitions where org_id = ${orgId} order by id`.execute(h.store.db);
  const groupId = (key: GroupKey): string => {
    const found = groups.rows.find((g) => g.name === groupNames[key]);
    if (!found) throw new Error(`no group ${groupNames[key]}`);
    return found.id;
  };
  const userMap = new Map(users.rows.map((u) => [u.username, u.id]));
  const serviceMap = new Map<string, string[]>();
  for (const s of services.rows) serviceMap.set(s.case_type_id, [...(serviceMap.get(s.case_type_id) ?? []), s.id]);
  return {
    orgId,
    users: userMap,
    staffIds: users.rows.filter((u) => !u.is_external).map((u) => u.id),
    groups: { roads: groupId('roads'), contact: groupId('contact'), benefits: groupId('benefits'), permits: groupId('permits'), crews: groupId('crews') },
    technicianIds: ['riv.tech', 'jack.murphy'].map((u) => userMap.get(u) ?? ''),
    caseTypes: new Map(types.rows.map((t) => [t.id, { key: t.key, lifecycle: caseTypeDef.fields.lifecycle.parse(t.lifecycle), resolutionCodes: t.resolution_codes }])),
    caseTypeIds: new Map(types.rows.map((t) => [t.key, t.id])),
    services: serviceMap,
  };
}

export type Intent = { name: MutationName; args: Record<string, unknown>; createdId: string | null };

type Ctx = { r: Random; d: FuzzDevice; world: World; round: number; cases: LocalRecord[]; tasks: LocalRecord[] };

const isOpen = (c: LocalRecord): boolean => c.closedAt === null && c.resolvedAt === null;

/** Mostly open cases, and among them mostly the same few (lowest ids), so devices collide. */
function pickCase(x: Ctx, filter: (c: LocalRecord) => boolean = () => true): LocalRecord | null {
  const all = x.cases.filter(filter);
  const open = all.filter(isOpen);
  const pools = ([[open.slice(0, 6), 5], [open, 4], [all, 1]] as const).filter(([pool]) => pool.length > 0);
  if (pools.length === 0) return null;
  return x.r.pick(x.r.weighted(pools));
}

function baseOf(record: LocalRecord, changes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, record[k] ?? null]));
}

function potholeFields(r: Random, isValid: boolean): Record<string, unknown> {
  return isValid ? { locationDetail: `Outside number ${r.int(1, 200)}`, severity: r.pick(['minor', 'moderate', 'severe']), depthCm: r.int(2, 30) } : { severity: 'catastrophic' };
}

function caseUpdate(x: Ctx): Intent | null {
  const c = pickCase(x);
  if (!c) return null;
  const { r } = x;
  const changes: Record<string, unknown> = {};
  for (const field of r.pick([['shortDescription'], ['description'], ['priority'], ['channel'], ['shortDescription', 'priority'], ['description', 'channel'], ['customFields']])) {
    if (field === 'shortDescription') changes.shortDescription = `${x.d.spec.label} retitled it in round ${x.round}`;
    if (field === 'description') changes.description = `${x.d.spec.label} noted round ${x.round}`;
    if (field === 'priority') changes.priority = r.int(1, 4);
    if (field === 'channel') changes.channel = r.pick(channels);
    // Custom fields are checked by the store against the case type: an invalid set is refused.
    if (field === 'customFields') changes.customFields = x.world.caseTypes.get(String(c.caseTypeId))?.key === 'pothole_report' ? potholeFields(r, r.chance(0.8)) : { topic: 'rates' };
  }
  return { name: 'case.update', args: { id: c.id, changes, base: baseOf(c, changes) }, createdId: null };
}

function caseTransition(x: Ctx): Intent | null {
  const c = pickCase(x);
  const type = c ? x.world.caseTypes.get(String(c.caseTypeId)) : undefined;
  if (!c || !type) return null;
  const { r } = x;
  const offered = availableActions(type.lifecycle, { state: String(c.state), closedAt: typeof c.closedAt === 'string' ? c.closedAt : null, openTaskCount: 0 }, new Date().toISOString());
  const t = offered.length === 0 || r.chance(0.1) ? r.pick(type.lifecycle.transitions) : r.pick(offered);
  const roll = r.next();
  const code = !t.requiresResolution && roll < 0.8 ? null : roll < 0.9 ? r.pick(type.resolutionCodes) : roll < 0.95 ? 'Not one of the codes' : null;
  return { name: 'case.transition', args: { id: c.id, action: t.action, resolutionCode: code, resolutionNotes: code ? `Closed out by ${x.d.spec.label}` : null }, createdId: null };
}

async function caseAssign(x: Ctx): Promise<Intent | null> {
  const c = pickCase(x);
  if (!c) return null;
  const { r, world } = x;
  const current = groupKeys.find((k) => world.groups[k] === c.assignmentGroupId) ?? 'roads';
  const groupId = world.groups[r.weighted([[current, 4], ['roads', 2], ['contact', 2], ['benefits', 1], ['permits', 1]] as const)];
  const members = (await recordTable(x.d.device.db, 'groupMember').where('groupId').equals(groupId).toArray()).map((m) => String(m.userId));
  const roll = r.next();
  // Someone outside the group is refused by the store (the device does not check).
  const assignedToId = roll < 0.65 && members.length ? r.pick(members) : roll < 0.88 ? null : r.pick(world.staffIds);
  const isStale = r.chance(0.12);
  const expected = { assignmentGroupId: c.assignmentGroupId ?? null, assignedToId: isStale ? r.pick(world.staffIds) : (c.assignedToId ?? null) };
  return { name: 'case.assign', args: { id: c.id, assignmentGroupId: groupId, assignedToId, expected, reason: r.chance(0.3) ? `Rebalanced by ${x.d.spec.label}` : null }, createdId: null };
}

function journal(x: Ctx, name: 'case.addComment' | 'case.addWorkNote'): Intent | null {
  const c = pickCase(x);
  if (!c) return null;
  const id = x.r.uuid();
  return { name, args: { id, caseId: c.id, body: `${x.d.spec.label}, round ${x.round}`, deviceTime: null }, createdId: id };
}

function caseCreate(x: Ctx): Intent | null {
  const { r, world } = x;
  const key = r.chance(0.7) ? 'pothole_report' : 'information_request';
  const caseTypeId = world.caseTypeIds.get(key);
  const services = caseTypeId ? world.services.get(caseTypeId) : undefined;
  if (!caseTypeId || !services?.length) return null;
  const isValid = r.chance(0.9);
  const customFields = key === 'pothole_report' ? potholeFields(r, isValid) : isValid ? { topic: r.pick(['rates', 'parking', 'events']) } : {};
  const id = r.uuid();
  const priority = r.chance(0.3) ? { priority: r.int(1, 4) } : {};
  return { name: 'case.create', args: { id, caseTypeId, serviceDefinitionId: r.pick(services), shortDescription: `New from ${x.d.spec.label} in round ${x.round}`, channel: r.pick(channels), customFields, ...priority }, createdId: id };
}

/** A work order for a pothole, often at an install base item (a street light): its site's tree enters the crew's scope. */
async function taskCreate(x: Ctx): Promise<Intent | null> {
  const c = pickCase(x, (k) => x.world.caseTypes.get(String(k.caseTypeId))?.key === 'pothole_report');
  if (!c) return null;
  const id = x.r.uuid();
  const assignedToId = x.r.pick([...x.world.technicianIds, null]);
  const items = x.r.chance(0.6) ? (await recordTable(x.d.device.db, 'installBaseItem').toArray()).filter((i) => i.state !== 'replaced' && i.state !== 'retired') : [];
  const installBaseItemId = items.length ? x.r.pick(items).id : null;
  return { name: 'task.create', args: { id, caseId: c.id, kind: 'work_order', shortDescription: `Attend: ${String(c.shortDescription).slice(0, 100)}`, assignmentGroupId: x.world.groups.crews, assignedToId, installBaseItemId }, createdId: id };
}

function taskUpdate(x: Ctx): Intent | null {
  const { r, d } = x;
  // Mostly open work (a task of a closed case is read-only), and a technician's own.
  const open = x.tasks.filter((t) => t.state === 'open' || t.state === 'in_progress' || t.state === 'paused');
  const mine = open.filter((t) => t.assignedToId === d.userId);
  const pool = d.spec.role === 'technician' && mine.length && r.chance(0.85) ? mine : open.length && r.chance(0.85) ? open : x.tasks;
  if (pool.length === 0) return null;
  const t = r.pick(pool);
  let changes: Record<string, unknown>;
  if (d.spec.role === 'technician') {
    const next: Record<string, Record<string, unknown>[]> = {
      open: [{ state: 'in_progress' }],
      in_progress: [{ state: 'completed', timeSpentMinutes: Number(t.timeSpentMinutes) + 30 }, { state: 'paused' }, { timeSpentMinutes: Number(t.timeSpentMinutes) + 15 }],
      paused: [{ state: 'in_progress' }],
    };
    changes = r.pick(next[String(t.state)] ?? [{ description: `Site visited by ${d.spec.label}` }]);
  } else {
    changes = r.pick([{ assignedToId: r.pick([...x.world.technicianIds, null]) }, { assignmentGroupId: r.pick([x.world.groups.crews, null]) }, { priority: r.int(1, 4) }, { description: `Instructions from ${d.spec.label}, round ${x.round}` }]);
  }
  return { name: 'task.update', args: { id: t.id, changes, base: baseOf(t, changes) }, createdId: null };
}

/** The customer of a case: reference data every desk device holds, a technician only through its work. */
async function consumerUpdate(x: Ctx): Promise<Intent | null> {
  const c = pickCase(x, (k) => typeof k.consumerId === 'string');
  const consumer = c ? await recordTable(x.d.device.db, 'consumer').get(String(c.consumerId)) : undefined;
  if (!consumer) return null;
  const changes = x.r.chance(0.5) ? { preferredChannel: x.r.pick(channels) } : { firstName: `${x.d.spec.label}${x.round}` };
  return { name: 'consumer.update', args: { id: consumer.id, changes, base: baseOf(consumer, changes) }, createdId: null };
}

/** The device's clock when the user acts: now, or now and then a clock running hours behind (C7 keeps it). */
function deviceTime(r: Random): string {
  const behindMs = r.chance(0.08) ? r.int(1, 48) * 3_600_000 : 0;
  return new Date(Date.now() - behindMs).toISOString();
}

const isWorkOpen = (t: LocalRecord): boolean => t.state === 'open' || t.state === 'in_progress' || t.state === 'paused';
const workOrderNames = ['workOrder.start', 'workOrder.pause', 'workOrder.complete'] as const;

/**
 * Start, pause or complete a work order as the field work view offers it for the task the device
 * holds (renderer/fieldwork/WorkActions.tsx), mostly the technician's own open work. A share is
 * not what the view offers (a stale view, another's work, a closed one): refused by C7.
 */
function workOrder(x: Ctx): Intent | null {
  const { r, d } = x;
  const field = x.tasks.filter((t) => t.kind === 'work_order' || t.kind === 'inspection');
  const open = field.filter(isWorkOpen);
  const mine = open.filter((t) => t.assignedToId === d.userId || (t.assignedToId === null && t.assignmentGroupId === x.world.groups.crews));
  const pool = mine.length && r.chance(0.85) ? mine : open.length && r.chance(0.8) ? open : field;
  if (pool.length === 0) return null;
  const t = r.pick(pool);
  const at = deviceTime(r);
  const offered = t.state === 'in_progress' ? (['workOrder.pause', 'workOrder.complete'] as const) : isWorkOpen(t) ? (['workOrder.start', 'workOrder.start', 'workOrder.complete'] as const) : [];
  const name = offered.length && r.chance(0.92) ? r.pick(offered) : r.pick(workOrderNames);
  if (name !== 'workOrder.complete') return { name, args: { id: t.id, at }, createdId: null };
  const partsUsed = r.chance(0.5) ? [] : [{ partNumber: r.pick(['CM-LTE-02', 'LED-90W', 'AS-PATCH-25']), name: `Used by ${d.spec.label}`, quantity: r.int(1, 3) }];
  const roll = r.next();
  // A signature that is no attachment of the work order is refused (C7); the test uploads no files.
  const signOff = roll < 0.5 ? null : { name: `Resident of round ${x.round}`, signedAt: at, attachmentId: roll < 0.95 ? null : r.uuid() };
  return { name, args: { id: t.id, at, timeSpentMinutes: r.chance(0.6) ? null : r.int(5, 240), partsUsed, signOff }, createdId: null };
}

/** Install base items at the sites of the technician's work (the trees it holds), else any it holds. */
async function pickItem(x: Ctx): Promise<LocalRecord | null> {
  const items = await recordTable(x.d.device.db, 'installBaseItem').toArray();
  const byId = new Map(items.map((i) => [String(i.id), i]));
  const rootOf = (i: LocalRecord): string => String(i.rootId ?? i.id);
  const sites = new Set(x.tasks.flatMap((t) => (t.assignedToId === x.d.userId && typeof t.installBaseItemId === 'string' && byId.has(t.installBaseItemId) ? [rootOf(byId.get(t.installBaseItemId) as LocalRecord)] : [])));
  const atSites = items.filter((i) => sites.has(rootOf(i)));
  const pool = atSites.length && x.r.chance(0.85) ? atSites : items;
  if (pool.length === 0) return null;
  // Mostly one still in place (the view offers no other); a replaced or retired one is refused on replace.
  const live = pool.filter((i) => i.state !== 'replaced' && i.state !== 'retired');
  return x.r.pick(live.length && x.r.chance(0.9) ? live : pool);
}

/** A component's state or serial number as the technician found it (renderer/fieldwork/ItemActions.tsx). */
async function itemUpdate(x: Ctx): Promise<Intent | null> {
  const item = await pickItem(x);
  if (!item) return null;
  const { r } = x;
  const changes: Record<string, unknown> = r.chance(0.7) ? { state: r.pick(['in_service', 'faulty', 'under_repair', 'installed'] as const) } : { serialNumber: r.chance(0.85) ? `SN-${x.d.spec.label}-${x.round}-${r.int(100, 999)}` : null };
  if (r.chance(0.2)) changes.state = r.pick(['in_service', 'faulty'] as const);
  return { name: 'installBaseItem.update', args: { id: item.id, changes, base: { state: item.state ?? null, serialNumber: item.serialNumber ?? null } }, createdId: null };
}

/** A component swapped for a new one in its place in the tree. */
async function itemReplace(x: Ctx): Promise<Intent | null> {
  const item = await pickItem(x);
  if (!item) return null;
  const { r } = x;
  const newId = r.uuid();
  const serialNumber = r.chance(0.6) ? `SN-${x.d.spec.label}-${x.round}-${r.int(100, 999)}` : null;
  const productModelId = r.chance(0.7) && typeof item.productModelId === 'string' ? item.productModelId : null;
  return { name: 'installBaseItem.replace', args: { id: item.id, newId, name: `Replacement by ${x.d.spec.label} in round ${x.round}`, serialNumber, productModelId, at: deviceTime(r) }, createdId: newId };
}

/**
 * A supervisor's bulk move on the team board (renderer/supervisor/reassign.ts): 2–6 open cases of
 * one of its groups to one target, one guarded `case.assign` each with a common batch id (C8),
 * cases already there left out. Some guards are stale (refused on their own, C4).
 */
async function bulkAssign(x: Ctx): Promise<Intent[] | null> {
  const { r, d, world } = x;
  const db = d.device.db;
  const groupIds = [...new Set((await recordTable(db, 'groupMember').where('userId').equals(d.userId).toArray()).map((m) => String(m.groupId)))].sort();
  if (groupIds.length === 0) return null;
  const from = r.pick(groupIds);
  const board = x.cases.filter((c) => c.assignmentGroupId === from && isOpen(c));
  // Mostly among the first cases, so that supervisors, agents and the administrator collide.
  const pool = r.chance(0.6) ? board.slice(0, 10) : board;
  if (pool.length < 2) return null;
  const chosen = new Map<string, LocalRecord>();
  for (let n = r.int(2, Math.min(6, pool.length)); chosen.size < n; ) {
    const c = r.pick(pool);
    chosen.set(c.id, c);
  }
  const targetGroupId = r.weighted([[from, 4], [r.pick(groupIds), 2], [world.groups[r.pick(groupKeys)], 1]] as const);
  const members = (await recordTable(db, 'groupMember').where('groupId').equals(targetGroupId).toArray()).map((m) => String(m.userId)).sort();
  const roll = r.next();
  // Someone outside the target group is refused by the store, case by case.
  const assignedToId = roll < 0.7 && members.length ? r.pick(members) : roll < 0.92 ? null : r.pick(world.staffIds);
  const reason = r.chance(0.5) ? `Bulk move by ${d.spec.label} in round ${x.round}` : null;
  const batchId = r.uuid();
  const intents: Intent[] = [];
  for (const c of chosen.values()) {
    const isStale = r.chance(0.08);
    if (c.assignmentGroupId === targetGroupId && (c.assignedToId ?? null) === assignedToId) continue;
    const expected = { assignmentGroupId: c.assignmentGroupId ?? null, assignedToId: isStale ? r.pick(world.staffIds) : (c.assignedToId ?? null) };
    intents.push({ name: 'case.assign', args: { id: c.id, assignmentGroupId: targetGroupId, assignedToId, expected, reason, batchId }, createdId: null });
  }
  return intents.length ? intents : null;
}

/**
 * One intent the device's user might have now, or several of one bulk action (to be queued
 * together, through mutateMany), or null when its cache offers nothing to act on.
 */
export async function randomIntent(d: FuzzDevice, world: World, round: number): Promise<Intent | Intent[] | null> {
  const r = d.r;
  const x: Ctx = { r, d, world, round, cases: await recordTable(d.device.db, 'case').toArray(), tasks: await recordTable(d.device.db, 'task').toArray() };
  type Kind = 'update' | 'transition' | 'assign' | 'bulkAssign' | 'comment' | 'note' | 'create' | 'taskCreate' | 'taskUpdate' | 'workOrder' | 'itemUpdate' | 'itemReplace' | 'consumer';
  const weights: Record<FuzzDevice['spec']['role'], (readonly [Kind, number])[]> = {
    agent: [['update', 25], ['transition', 15], ['assign', 12], ['comment', 15], ['note', 10], ['create', 8], ['taskCreate', 5], ['taskUpdate', 10], ['consumer', 5]],
    supervisor: [['update', 15], ['transition', 15], ['assign', 18], ['bulkAssign', 12], ['comment', 10], ['note', 15], ['create', 5], ['taskCreate', 5], ['taskUpdate', 10], ['consumer', 3]],
    // A technician may not change a case's state or customer, or open cases, and may update only its own tasks.
    technician: [['workOrder', 35], ['taskUpdate', 25], ['itemUpdate', 12], ['itemReplace', 4], ['note', 12], ['comment', 6], ['transition', 3], ['create', 3], ['consumer', 3]],
    // A contributor may comment; edits of the case or its tasks, and work on its work orders, are refused.
    partner: [['comment', 70], ['note', 10], ['update', 10], ['taskUpdate', 7], ['workOrder', 3]],
  };
  const kind = r.weighted(weights[d.spec.role]);
  switch (kind) {
    case 'update':
      return caseUpdate(x);
    case 'transition':
      return caseTransition(x);
    case 'assign':
      return caseAssign(x);
    case 'bulkAssign':
      return bulkAssign(x);
    case 'comment':
      return journal(x, 'case.addComment');
    case 'note':
      return journal(x, 'case.addWorkNote');
    case 'create':
      return caseCreate(x);
    case 'taskCreate':
      return taskCreate(x);
    case 'taskUpdate':
      return taskUpdate(x);
    case 'workOrder':
      return workOrder(x);
    case 'itemUpdate':
      return itemUpdate(x);
    case 'itemReplace':
      return itemReplace(x);
    case 'consumer':
      return consumerUpdate(x);
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}
