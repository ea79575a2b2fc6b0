/**
 * The domain rules of cases, tasks, comments and approvals as the store applies them: numbering,
 * the case type's fields and life cycle, assignment within groups, read-only closed cases.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { caseDef, caseGuardedFields } from '../../shared/domain/case';
import { applyTransition, isReadOnlyState, type Lifecycle } from '../../shared/domain/caseLifecycle';
import { caseTypeDef, validateCustomFields, type CaseField } from '../../shared/domain/caseType';
import { approvalDef } from '../../shared/domain/approval';
import { interactionDef } from '../../shared/domain/interaction';
import { journalEntryDef } from '../../shared/domain/journal';
import { isOpenTask, taskDef } from '../../shared/domain/task';
import { prioritySchema } from '../../shared/domain/vocab';
import type { TransitionBody } from '../../shared/api/auth';
import { ApiFailure, conflict, forbidden, invalid } from '../http/errors';
import { errorCodes } from '../../shared/api/errors';
import { hasRole } from './actor';
import { formatNumber, nextNumber } from './numbers';
import { getRecord, recordHistory, registerRules, type AnyRow, type WriteContext } from './recordService';
import { assertPlaybookAllowsResolution, checkCasePlaybook, playbookForNewCase } from './playbookRules';

type CaseTypeInfo = { lifecycle: Lifecycle; fields: CaseField[]; defaultPriority: number; resolutionCodes: string[] };

async function caseTypeInfo(ctx: WriteContext, caseTypeId: string): Promise<CaseTypeInfo> {
  const row = (await sql<AnyRow>`select lifecycle, fields, default_priority, resolution_codes, is_active from case_types where id = ${caseTypeId} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows[0];
  if (!row) throw invalid('caseTypeId', 'no case type with this id', 'missing_reference');
  const lifecycle = caseTypeDef.fields.lifecycle.parse(row.lifecycle);
  const fields = caseTypeDef.fields.fields.parse(row.fields);
  return { lifecycle, fields, defaultPriority: Number(row.default_priority), resolutionCodes: z.array(z.string()).parse(row.resolution_codes) };
}

async function checkAssignment(ctx: WriteContext, groupId: unknown, userId: unknown): Promise<void> {
  if (typeof userId !== 'string') return;
  const user = (await sql<{ is_active: boolean; is_external: boolean }>`select is_active, is_external from users where id = ${userId} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows[0];
  if (!user) throw invalid('assignedToId', 'no user with this id', 'missing_reference');
  if (!user.is_active) throw invalid('assignedToId', 'the user is inactive');
  if (typeof groupId === 'string') {
    const member = await sql`select 1 from group_members where group_id = ${groupId} and user_id = ${userId}`.execute(ctx.trx);
    if (member.rows.length === 0) throw invalid('assignedToId', 'the user is not a member of the assignment group');
  }
}

/**
 * A case opened under an entitlement counted in cases uses one of them (never below zero: the
 * case is still taken, and the entitlement then reads as used up).
 */
async function consumeEntitlement(ctx: WriteContext, entitlementId: string): Promise<void> {
  const found = await sql`select 1 from entitlements where id = ${entitlementId} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx);
  if (found.rows.length === 0) throw invalid('entitlementId', 'no entitlement with this id', 'missing_reference');
  await sql`update entitlements set remaining_units = greatest(remaining_units - 1, 0), updated_at = ${ctx.now}
    where id = ${entitlementId} and unit = 'cases' and remaining_units is not null`.execute(ctx.trx);
}

const caseCreateSchema = caseDef.create
  .omit({ number: true, state: true, openedById: true, openedAt: true, resolvedAt: true, closedAt: true, resolutionCode: true, resolutionNotes: true })
  .extend({ priority: prioritySchema.optional() });

registerRules('case', {
  createSchema: caseCreateSchema,
  async prepareCreate(ctx, input) {
    const caseTypeId = String(input.caseTypeId);
    const info = await caseTypeInfo(ctx, caseTypeId);
    let assignmentGroupId = input.assignmentGroupId ?? null;
    let servicePlaybookId: string | null = null;
    if (typeof input.serviceDefinitionId === 'string') {
      const sd = (await sql<{ case_type_id: string; default_group_id: string | null; playbook_definition_id: string | null }>`select case_type_id, default_group_id, playbook_definition_id from service_definitions where id = ${input.serviceDefinitionId} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows[0];
      if (!sd) throw invalid('serviceDefinitionId', 'no service definition with this id', 'missing_reference');
      if (sd.case_type_id !== caseTypeId) throw invalid('serviceDefinitionId', 'belongs to another case type');
      assignmentGroupId ??= sd.default_group_id;
      servicePlaybookId = sd.playbook_definition_id;
    }
    const problems = validateCustomFields(info.fields, (input.customFields ?? {}) as Record<string, unknown>);
    if (problems.length > 0) throw new ApiFailure(400, errorCodes.invalid, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems.map((p) => ({ ...p, code: 'invalid' })));
    await checkAssignment(ctx, assignmentGroupId, input.assignedToId);
    if (typeof input.entitlementId === 'string') await consumeEntitlement(ctx, input.entitlementId);
    // The playbook version the device chose when it opened the case stands; otherwise the store picks the current one.
    if (typeof input.playbookDefinitionId === 'string') await checkCasePlaybook(ctx, input.playbookDefinitionId, caseTypeId);
    const playbookDefinitionId = typeof input.playbookDefinitionId === 'string' ? input.playbookDefinitionId : await playbookForNewCase(ctx, { ...input, caseTypeId, priority: input.priority ?? info.defaultPriority }, servicePlaybookId);
    const prefix = (await sql<{ case_number_prefix: string }>`select case_number_prefix from organizations where id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows[0]?.case_number_prefix ?? 'CS';
    return {
      ...input,
      assignmentGroupId,
      playbookDefinitionId,
      priority: input.priority ?? info.defaultPriority,
      number: formatNumber(prefix, await nextNumber(ctx.trx, ctx.actor.orgId, 'case')),
      state: info.lifecycle.initial,
      openedById: ctx.actor.userId,
      openedAt: ctx.now,
    };
  },
  async beforeUpdate(ctx, before, patch) {
    for (const field of caseGuardedFields) {
      if (field in patch) throw invalid(field, 'changes only through a life-cycle action (POST /api/cases/:id/transition)', 'guarded');
    }
    if ('caseTypeId' in patch && patch.caseTypeId !== before.caseTypeId) throw invalid('caseTypeId', 'cannot change; open a new case of the other type');
    const info = await caseTypeInfo(ctx, String(before.caseTypeId));
    if (isReadOnlyState(info.lifecycle, String(before.state))) throw conflict(`case ${String(before.number)} is ${String(before.state)} and read-only`);
    if ('customFields' in patch) {
      const problems = validateCustomFields(info.fields, (patch.customFields ?? {}) as Record<string, unknown>);
      if (problems.length > 0) throw new ApiFailure(400, errorCodes.invalid, problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems.map((p) => ({ ...p, code: 'invalid' })));
    }
    if ('assignedToId' in patch || 'assignmentGroupId' in patch) {
      const groupId = 'assignmentGroupId' in patch ? patch.assignmentGroupId : before.assignmentGroupId;
      const userId = 'assignedToId' in patch ? patch.assignedToId : before.assignedToId;
      // Moving a case to another group without naming an agent leaves it unassigned in that group.
      if ('assignmentGroupId' in patch && !('assignedToId' in patch) && groupId !== before.assignmentGroupId) patch.assignedToId = null;
      else await checkAssignment(ctx, groupId, userId);
    }
    return patch;
  },
});

async function openTaskCount(ctx: WriteContext, caseId: string): Promise<number> {
  const rows = (await sql<{ state: string }>`select state from tasks where case_id = ${caseId}`.execute(ctx.trx)).rows;
  return rows.filter((r) => isOpenTask(taskDef.fields.state.parse(r.state))).length;
}

/** A life-cycle action on a case (accept, resolve, close, reopen, …), checked by the case type's machine. */
export async function transitionCase(ctx: WriteContext, caseId: string, body: TransitionBody & { expectedRev?: number }): Promise<AnyRow> {
  if (!hasRole(ctx.actor, 'administrator', 'supervisor', 'agent')) throw forbidden('your roles may not change the state of a case');
  const before = await getRecord(ctx.trx, ctx.actor, 'case', caseId, true);
  if (body.expectedRev !== undefined && before.rev !== body.expectedRev) throw conflict(`the case changed since rev ${body.expectedRev}`, [{ path: 'rev', code: 'stale', message: `now ${String(before.rev)}` }]);
  const info = await caseTypeInfo(ctx, String(before.caseTypeId));
  const resolutionCode = body.resolutionCode ?? null;
  if (resolutionCode !== null && !info.resolutionCodes.includes(resolutionCode)) throw invalid('resolutionCode', `must be one of: ${info.resolutionCodes.join(', ')}`);
  const outcome = applyTransition(
    info.lifecycle,
    { state: String(before.state), closedAt: typeof before.closedAt === 'string' ? before.closedAt : null, openTaskCount: await openTaskCount(ctx, caseId) },
    body.action,
    { resolutionCode, resolutionNotes: body.resolutionNotes ?? null },
    ctx.now,
  );
  if (outcome.ok && ['resolved', 'closed'].includes(info.lifecycle.states.find((s) => s.key === outcome.state)?.category ?? '')) await assertPlaybookAllowsResolution(ctx, before);
  if (!outcome.ok) throw new ApiFailure(outcome.code === 'transition_not_allowed' || outcome.code === 'resolution_required' ? 400 : 409, outcome.code === 'open_tasks' || outcome.code === 'reopen_window_passed' ? errorCodes.conflict : errorCodes.invalid, outcome.message, [{ path: outcome.path, code: outcome.code, message: outcome.message }]);
  const changes: AnyRow = { state: outcome.state, ...outcome.changes };
  const changed = Object.entries(changes).filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null));
  const sets = changed.map(([k, v]) => sql`${sql.ref(k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))} = ${v ?? null}`);
  sets.push(sql`updated_at = ${ctx.now}`);
  await sql`update cases set ${sql.join(sets)} where id = ${caseId}`.execute(ctx.trx);
  await recordHistory(ctx, 'case', before, changed, caseId);
  return getRecord(ctx.trx, ctx.actor, 'case', caseId);
}

async function assertCaseWritable(ctx: WriteContext, caseId: unknown): Promise<void> {
  if (typeof caseId !== 'string') return;
  const row = (await sql<{ state: string; lifecycle: unknown }>`select c.state, ct.lifecycle from cases c join case_types ct on ct.id = c.case_type_id where c.id = ${caseId}`.execute(ctx.trx)).rows[0];
  if (row && isReadOnlyState(caseTypeDef.fields.lifecycle.parse(row.lifecycle), row.state)) throw conflict('the case is closed and read-only');
}

registerRules('task', {
  createSchema: taskDef.create.omit({ number: true }),
  async prepareCreate(ctx, input) {
    await assertCaseWritable(ctx, input.caseId);
    await checkAssignment(ctx, input.assignmentGroupId, input.assignedToId);
    const isWorkOrder = input.kind === 'work_order';
    const value = await nextNumber(ctx.trx, ctx.actor.orgId, isWorkOrder ? 'work_order' : 'task');
    return { ...input, number: formatNumber(isWorkOrder ? 'WO' : 'TSK', value) };
  },
  async beforeUpdate(ctx, before, patch) {
    await assertCaseWritable(ctx, before.caseId);
    if (hasRole(ctx.actor, 'field_technician') && !hasRole(ctx.actor, 'administrator', 'supervisor', 'agent') && before.assignedToId !== ctx.actor.userId) {
      throw forbidden('a field technician may update only tasks assigned to them');
    }
    if (patch.state === 'in_progress' && before.startedAt === null && !('startedAt' in patch)) patch.startedAt = ctx.now;
    if (patch.state === 'completed' && !('completedAt' in patch)) patch.completedAt = ctx.now;
    return patch;
  },
});

registerRules('interaction', {
  createSchema: interactionDef.create.omit({ number: true }),
  async prepareCreate(ctx, input) {
    return { ...input, number: formatNumber('IMS', await nextNumber(ctx.trx, ctx.actor.orgId, 'interaction')) };
  },
  beforeUpdate(_ctx, before, patch) {
    if ('number' in patch && patch.number !== before.number) throw invalid('number', 'is set by the store');
    return Promise.resolve(patch);
  },
});

registerRules('journalEntry', {
  createSchema: journalEntryDef.create.omit({ authorId: true, source: true }),
  async prepareCreate(ctx, input) {
    await assertCaseWritable(ctx, input.caseId);
    return { ...input, authorId: ctx.actor.userId, source: 'agent', deviceTime: input.deviceTime ?? null };
  },
});

registerRules('approval', {
  createSchema: approvalDef.create.omit({ requestedById: true, requestedAt: true, decidedAt: true, decidedById: true, state: true }),
  async prepareCreate(ctx, input) {
    await assertCaseWritable(ctx, input.caseId);
    if (input.approverId === null && input.approverRole === null) throw invalid('approverId', 'name an approver or an approver role');
    return { ...input, state: 'requested', requestedById: ctx.actor.userId, requestedAt: ctx.now, decidedAt: null, decidedById: null };
  },
  async beforeUpdate(ctx, before, patch) {
    for (const field of ['caseId', 'requestedById', 'requestedAt', 'decidedAt', 'decidedById'] as const) {
      if (field in patch && patch[field] !== before[field]) throw invalid(field, 'is set by the store');
    }
    if (patch.state === 'approved' || patch.state === 'rejected') {
      if (before.state !== 'requested') throw conflict(`the approval is already ${String(before.state)}`);
      const isApprover = before.approverId === ctx.actor.userId || (typeof before.approverRole === 'string' && ctx.actor.roles.some((r) => r === before.approverRole));
      if (!isApprover && !hasRole(ctx.actor, 'administrator')) throw forbidden('only the named approver (or a holder of the approver role) may decide');
      patch.decidedAt = ctx.now;
      patch.decidedById = ctx.actor.userId;
    }
    return patch;
  },
});
