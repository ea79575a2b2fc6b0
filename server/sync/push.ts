/**
 * Push (SPEC M1–M6): a device's queued mutations, applied in order, each exactly once (keyed by
 * device and mutation id), each through the same record service and domain rules as the API, and
 * each answered: applied (with any overwritten fields) or refused with the reason. The answer is
 * stored with the mutation, so a repeated push gets the same answer without applying twice.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isOpenState } from '../../shared/domain/caseLifecycle';
import { caseTypeDef } from '../../shared/domain/caseType';
import type { RecordType } from '../../shared/domain/records';
import { mutationArgs, type MutationArgs, type MutationName } from '../../shared/sync/mutations';
import type { FieldConflict, MutationEnvelope, MutationResult, PushResponse } from '../../shared/sync/protocol';
import { errorCodes } from '../../shared/api/errors';
import type { DB } from '../db/schema';
import { ApiFailure, conflict, parseOr400 } from '../http/errors';
import type { Actor } from '../services/actor';
import { transitionCase } from '../services/caseRules';
import { completeActivity, createActivityTask, decideApproval, requestApproval, skipActivity } from '../services/playbookRules';
import { completeWorkOrder, pauseWorkOrder, replaceInstallBaseItem, startWorkOrder } from '../services/fieldworkRules';
import { createRecord, getRecord, lockForWrite, updateRecord, type WriteContext } from '../services/recordService';
import { notifyChange } from './pokes';

type Applied = { conflicts: FieldConflict[] };

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** SPEC C2/C3: different fields merge; a field someone else changed since `base` is overwritten and reported. */
async function edit(ctx: WriteContext, type: RecordType, args: { id: string; changes: Record<string, unknown>; base: Record<string, unknown> }): Promise<Applied> {
  const current = await getRecord(ctx.trx, ctx.actor, type, args.id, true);
  const conflicts: FieldConflict[] = [];
  for (const [field, value] of Object.entries(args.changes)) {
    if (field in args.base && !sameValue(current[field], args.base[field]) && !sameValue(current[field], value)) {
      conflicts.push({ type, id: args.id, field, yours: value, theirs: current[field] ?? null });
    }
  }
  await updateRecord(ctx, type, args.id, args.changes, { expectedRev: null, overwrites: new Set(conflicts.map((c) => c.field)) });
  return { conflicts };
}

/** SPEC C4: a reassignment holds only while the case is still where the device saw it, and still open. */
async function assign(ctx: WriteContext, args: MutationArgs<'case.assign'>): Promise<Applied> {
  const current = await getRecord(ctx.trx, ctx.actor, 'case', args.id, true);
  const row = (await sql<{ lifecycle: unknown }>`select lifecycle from case_types where id = ${current.caseTypeId}`.execute(ctx.trx)).rows[0];
  const lifecycle = caseTypeDef.fields.lifecycle.parse(row?.lifecycle);
  if (!isOpenState(lifecycle, String(current.state))) {
    throw conflict(`case ${String(current.number)} is ${String(current.state)} now; it was not reassigned`, [{ path: 'state', code: 'case_not_open', message: `the case is ${String(current.state)}` }]);
  }
  if (current.assignmentGroupId !== args.expected.assignmentGroupId || current.assignedToId !== args.expected.assignedToId) {
    throw conflict(`case ${String(current.number)} was reassigned by someone else meanwhile`, [{ path: 'assignedToId', code: 'assignment_changed', message: 'someone else reassigned the case' }]);
  }
  await updateRecord(ctx, 'case', args.id, { assignmentGroupId: args.assignmentGroupId, assignedToId: args.assignedToId }, { expectedRev: null, overwrites: new Set() });
  if (args.reason) await createRecord(ctx, 'journalEntry', { caseId: args.id, kind: 'work_note', body: `Reassigned: ${args.reason}`, deviceTime: ctx.deviceTime });
  return { conflicts: [] };
}

async function apply(ctx: WriteContext, name: MutationName, rawArgs: unknown): Promise<Applied> {
  const none: Applied = { conflicts: [] };
  switch (name) {
    case 'case.create':
      await createRecord(ctx, 'case', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'case.update':
      return edit(ctx, 'case', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'case.transition': {
      const args = parseOr400(mutationArgs[name], rawArgs, 'args');
      await transitionCase(ctx, args.id, args);
      return none;
    }
    case 'case.assign':
      return assign(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'case.addComment':
    case 'case.addWorkNote': {
      const args = parseOr400(mutationArgs[name], rawArgs, 'args');
      await createRecord(ctx, 'journalEntry', { ...args, kind: name === 'case.addComment' ? 'comment' : 'work_note', deviceTime: args.deviceTime ?? ctx.deviceTime });
      return none;
    }
    case 'task.create':
      await createRecord(ctx, 'task', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'task.update':
      return edit(ctx, 'task', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'interaction.create':
      await createRecord(ctx, 'interaction', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'interaction.update':
      return edit(ctx, 'interaction', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'consumer.create':
      await createRecord(ctx, 'consumer', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'consumer.update':
      return edit(ctx, 'consumer', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'contact.create':
      await createRecord(ctx, 'contact', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'contact.update':
      return edit(ctx, 'contact', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'attachment.create':
      await createRecord(ctx, 'attachment', parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'playbook.completeActivity':
      await completeActivity(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'playbook.skipActivity':
      await skipActivity(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'playbook.requestApproval':
      await requestApproval(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'playbook.createTask':
      await createActivityTask(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'approval.decide':
      await decideApproval(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'workOrder.start':
      await startWorkOrder(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'workOrder.pause':
      await pauseWorkOrder(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'workOrder.complete':
      await completeWorkOrder(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    case 'installBaseItem.update':
      return edit(ctx, 'installBaseItem', parseOr400(mutationArgs[name], rawArgs, 'args'));
    case 'installBaseItem.replace':
      await replaceInstallBaseItem(ctx, parseOr400(mutationArgs[name], rawArgs, 'args'));
      return none;
    default: {
      const exhaustive: never = name;
      return exhaustive;
    }
  }
}

/** PostgreSQL errors a mutation can cause by its data (not by a fault of the store). */
function refusalFromPg(error: unknown): ApiFailure | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === '23503') return new ApiFailure(409, errorCodes.conflict, 'a referenced record does not exist');
  if (code === '23505') return new ApiFailure(409, errorCodes.conflict, 'a record with this key already exists');
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') return new ApiFailure(400, errorCodes.invalid, 'a value has the wrong format');
  return null;
}

async function lastMutationId(trx: Transaction<DB> | Kysely<DB>, deviceId: string): Promise<number> {
  const row = await trx.selectFrom('mutation_log').select(sql<number | null>`max(mutation_id)`.as('last')).where('device_id', '=', deviceId).executeTakeFirst();
  return Number(row?.last ?? 0);
}

async function log(trx: Transaction<DB>, actor: Actor, m: MutationEnvelope, result: MutationResult & { status: 'applied' | 'refused' }): Promise<void> {
  await trx
    .insertInto('mutation_log')
    .values({ device_id: actor.deviceId, mutation_id: m.id, user_id: actor.userId, org_id: actor.orgId, name: m.name, args: JSON.stringify(m.args ?? null), device_time: m.deviceTime, status: result.status, result: JSON.stringify(result) })
    .execute();
}

/**
 * One push is one transaction (one lock, one commit): each mutation runs in a savepoint, so a
 * refusal undoes only its own effects, and its log row commits together with everything else.
 * A crash before the commit loses the whole push, which the device then sends again.
 */
export async function push(db: Kysely<DB>, actor: Actor, mutations: readonly MutationEnvelope[]): Promise<PushResponse> {
  const ordered = [...mutations].sort((a, b) => a.id - b.id);
  return db.transaction().execute(async (trx) => {
    const sinceRev = await lockForWrite(trx);
    const ids = ordered.map((m) => m.id);
    const stored = new Map(
      (await trx.selectFrom('mutation_log').select(['mutation_id', 'result']).where('device_id', '=', actor.deviceId).where('mutation_id', 'in', ids).execute()).map((r) => [Number(r.mutation_id), r.result as unknown as MutationResult]),
    );
    let expectedId = (await lastMutationId(trx, actor.deviceId)) + 1;
    const results: MutationResult[] = [];
    let hasChanges = false;
    for (const m of ordered) {
      const previous = stored.get(m.id);
      if (previous) {
        results.push(previous);
        continue;
      }
      if (m.id !== expectedId) {
        // Nothing after a gap can apply either; the device resends from expectedId.
        results.push(...ordered.filter((o) => o.id >= m.id).map((o): MutationResult => ({ id: o.id, status: 'out_of_order', expectedId })));
        break;
      }
      const serverTime = new Date().toISOString();
      const ctx: WriteContext = { trx, actor, now: serverTime, source: `mutation:${m.name}`, deviceTime: m.deviceTime };
      await sql`savepoint mutation`.execute(trx);
      try {
        const applied = await apply(ctx, m.name, m.args);
        // Deferred foreign keys are checked here, so a dangling reference refuses this mutation only.
        await sql`set constraints all immediate`.execute(trx);
        await sql`set constraints all deferred`.execute(trx);
        const result = { id: m.id, status: 'applied', serverTime, conflicts: applied.conflicts } as const;
        await log(trx, actor, m, result);
        await sql`release savepoint mutation`.execute(trx);
        results.push(result);
        hasChanges = true;
      } catch (error) {
        const failure = error instanceof ApiFailure ? error : refusalFromPg(error);
        if (!failure) throw error;
        await sql`rollback to savepoint mutation`.execute(trx);
        await sql`set constraints all deferred`.execute(trx);
        const result = { id: m.id, status: 'refused', serverTime, code: failure.issues[0]?.code ?? failure.code, message: failure.message, issues: failure.issues } as const;
        await log(trx, actor, m, result);
        results.push(result);
      }
      expectedId++;
    }
    if (hasChanges) await notifyChange(trx, actor.orgId, sinceRev);
    return { lastMutationId: expectedId - 1, results };
  });
}
