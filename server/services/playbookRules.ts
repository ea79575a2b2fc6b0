/**
 * Playbooks as the store runs them: every step a device sends is re-checked with the same engine
 * the device ran (shared/domain/playbookEngine.ts) against the store's records, then recorded with
 * its effects (answers written to the case, the approvals asked for, the task created, the message
 * sent). A case runs one playbook version: the one it was opened with, or, for a case opened
 * before its case type had one, the version its first step names.
 */
import { sql } from 'kysely';
import { playbookWorkerRoles } from '../../shared/access/policy';
import { caseTypeDef } from '../../shared/domain/caseType';
import { isReadOnlyState } from '../../shared/domain/caseLifecycle';
import { activitiesOf, stagesSchema, type ActivityDefinition, type StageDefinition } from '../../shared/domain/playbook';
import { conditionSchema } from '../../shared/domain/playbookCondition';
import { approverPlan, caseWrites, checkCompletion, checkSkip, checkStart, runPlaybook, selectPlaybook, type EngineApproval, type EngineStep, type PlaybookStatus, type StepProblem } from '../../shared/domain/playbookEngine';
import type { MutationArgs } from '../../shared/sync/mutations';
import { errorCodes } from '../../shared/api/errors';
import { ApiFailure, conflict, forbidden, invalid } from '../http/errors';
import { createRecord, getRecord, insertSystemRecord, recordHistory, updateRecord, type AnyRow, type WriteContext } from './recordService';

type Definition = { id: string; key: string; name: string; version: number; caseTypeId: string; isActive: boolean; stages: StageDefinition[]; condition: ReturnType<typeof conditionSchema.parse> | null };

async function definitionById(ctx: WriteContext, id: string): Promise<Definition | null> {
  const row = (await sql<AnyRow>`select id, key, name, version, case_type_id, is_active, stages, condition from playbook_definitions where id = ${id} and org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows[0];
  return row ? toDefinition(row) : null;
}

function toDefinition(row: AnyRow): Definition {
  return {
    id: String(row.id),
    key: String(row.key),
    name: String(row.name),
    version: Number(row.version),
    caseTypeId: String(row.case_type_id),
    isActive: row.is_active === true,
    stages: stagesSchema.parse(row.stages),
    condition: row.condition === null ? null : conditionSchema.parse(row.condition),
  };
}

/** The playbook a new case of this type gets (the newest active version whose condition holds). */
export async function playbookForNewCase(ctx: WriteContext, caseRecord: AnyRow, servicePlaybookId: string | null): Promise<string | null> {
  const rows = (await sql<AnyRow>`select id, key, name, version, case_type_id, is_active, stages, condition from playbook_definitions
    where org_id = ${ctx.actor.orgId} and case_type_id = ${caseRecord.caseTypeId} and is_active`.execute(ctx.trx)).rows;
  return selectPlaybook(rows.map(toDefinition), caseRecord, servicePlaybookId)?.id ?? null;
}

/** Checks a playbook version named by a new case: it must exist and belong to the case's type. */
export async function checkCasePlaybook(ctx: WriteContext, definitionId: string, caseTypeId: string): Promise<void> {
  const definition = await definitionById(ctx, definitionId);
  if (!definition) throw invalid('playbookDefinitionId', 'no playbook definition with this id', 'missing_reference');
  if (definition.caseTypeId !== caseTypeId) throw invalid('playbookDefinitionId', 'is a playbook of another case type');
}

export type PlaybookRun = { caseRecord: AnyRow; definition: Definition; status: PlaybookStatus };

/** The engine's view of a case's playbook from the store's records. */
export async function loadRun(ctx: WriteContext, caseRecord: AnyRow, definition: Definition): Promise<PlaybookRun> {
  const caseId = String(caseRecord.id);
  const steps = (await sql<AnyRow>`select id, activity_key, action, data, reason, actor_id, created_at, device_time from playbook_steps where case_id = ${caseId} and playbook_definition_id = ${definition.id} order by rev`.execute(ctx.trx)).rows;
  const approvals = (await sql<AnyRow>`select id, activity_key, state, approver_id, approver_role, decided_by_id, decided_at, comment from approvals where case_id = ${caseId}`.execute(ctx.trx)).rows;
  const tasks = (await sql<AnyRow>`select id, state, number from tasks where case_id = ${caseId}`.execute(ctx.trx)).rows;
  const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
  const status = runPlaybook(definition.stages, {
    case: caseRecord,
    steps: steps.map((s): EngineStep => ({ id: String(s.id), activityKey: String(s.activity_key), action: s.action as EngineStep['action'], data: (s.data ?? {}) as Record<string, unknown>, reason: (s.reason as string | null) ?? null, actorId: String(s.actor_id), createdAt: iso(s.created_at), deviceTime: s.device_time ? iso(s.device_time) : null })),
    approvals: approvals.map((a): EngineApproval => ({ id: String(a.id), activityKey: (a.activity_key as string | null) ?? null, state: a.state as EngineApproval['state'], approverId: (a.approver_id as string | null) ?? null, approverRole: (a.approver_role as string | null) ?? null, decidedById: (a.decided_by_id as string | null) ?? null, decidedAt: a.decided_at ? iso(a.decided_at) : null, comment: (a.comment as string | null) ?? null })),
    tasks: tasks.map((t) => ({ id: String(t.id), state: String(t.state), number: String(t.number) })),
  });
  return { caseRecord, definition, status };
}

/** The run of the case's pinned playbook, for checks outside playbook steps (resolution). Null when it runs none. */
export async function pinnedRun(ctx: WriteContext, caseRecord: AnyRow): Promise<PlaybookRun | null> {
  if (typeof caseRecord.playbookDefinitionId !== 'string') return null;
  const definition = await definitionById(ctx, caseRecord.playbookDefinitionId);
  return definition ? loadRun(ctx, caseRecord, definition) : null;
}

function refuse(problems: StepProblem[]): ApiFailure {
  const first = problems[0];
  const isState = first !== undefined && ['activity_finished', 'activity_not_started', 'activity_started', 'activity_mandatory', 'activity_automatic'].includes(first.code);
  return new ApiFailure(isState ? 409 : 400, isState ? errorCodes.conflict : errorCodes.invalid, problems.map((p) => p.message).join('; '), problems.map((p) => ({ path: p.path, code: p.code, message: p.message })));
}

/** Opens the case for a step: visible, writable, running this version (pinned now if it ran none). */
async function openRun(ctx: WriteContext, args: { caseId: string; playbookDefinitionId: string }): Promise<PlaybookRun> {
  if (!ctx.actor.roles.some((r) => playbookWorkerRoles.includes(r))) throw forbidden('your roles may not work a playbook');
  const caseRecord = await getRecord(ctx.trx, ctx.actor, 'case', args.caseId, true).catch((error: unknown) => {
    throw error instanceof ApiFailure && error.status === 404 ? invalid('caseId', 'no case with this id that you may see', 'missing_reference') : error;
  });
  const lifecycleRow = (await sql<{ lifecycle: unknown }>`select lifecycle from case_types where id = ${caseRecord.caseTypeId}`.execute(ctx.trx)).rows[0];
  if (isReadOnlyState(caseTypeDef.fields.lifecycle.parse(lifecycleRow?.lifecycle), String(caseRecord.state))) throw conflict(`case ${String(caseRecord.number)} is ${String(caseRecord.state)} and read-only`);
  const definition = await definitionById(ctx, args.playbookDefinitionId);
  if (!definition) throw invalid('playbookDefinitionId', 'no playbook definition with this id', 'missing_reference');
  if (definition.caseTypeId !== caseRecord.caseTypeId) throw invalid('playbookDefinitionId', 'is a playbook of another case type');
  const pinned = caseRecord.playbookDefinitionId;
  if (typeof pinned === 'string' && pinned !== definition.id) {
    const running = await definitionById(ctx, pinned);
    throw conflict(`case ${String(caseRecord.number)} runs version ${running?.version ?? '?'} of its playbook, not version ${definition.version}`, [{ path: 'playbookDefinitionId', code: 'playbook_version', message: 'the case runs another version' }]);
  }
  if (typeof pinned !== 'string') {
    await sql`update cases set playbook_definition_id = ${definition.id}, updated_at = ${ctx.now} where id = ${args.caseId}`.execute(ctx.trx);
    await recordHistory(ctx, 'case', caseRecord, [['playbookDefinitionId', definition.id]], args.caseId);
    caseRecord.playbookDefinitionId = definition.id;
  }
  return loadRun(ctx, caseRecord, definition);
}

function activityIn(run: PlaybookRun, key: string): ActivityDefinition {
  const found = activitiesOf(run.definition.stages).find((a) => a.activity.key === key)?.activity;
  if (!found) throw invalid('activityKey', `the playbook has no activity "${key}"`, 'unknown_activity');
  return found;
}

async function recordStep(ctx: WriteContext, args: { id: string; caseId: string; playbookDefinitionId: string; activityKey: string }, action: EngineStep['action'], data: Record<string, unknown>, reason: string | null): Promise<void> {
  const exists = await sql`select 1 from playbook_steps where id = ${args.id}`.execute(ctx.trx);
  if (exists.rows.length > 0) throw conflict(`a playbook step with id ${args.id} already exists`, [{ path: 'id', code: 'duplicate', message: 'already exists' }]);
  await insertSystemRecord(ctx, 'playbookStep', { id: args.id, caseId: args.caseId, playbookDefinitionId: args.playbookDefinitionId, activityKey: args.activityKey, action, data, reason, actorId: ctx.actor.userId, deviceTime: ctx.deviceTime });
}

export async function completeActivity(ctx: WriteContext, args: MutationArgs<'playbook.completeActivity'>): Promise<void> {
  const run = await openRun(ctx, args);
  const problems = checkCompletion(run.status, args.activityKey, args.data);
  if (problems.length > 0) throw refuse(problems);
  const activity = activityIn(run, args.activityKey);
  if (activity.kind === 'form') {
    const { fields, customFields } = caseWrites(activity, args.data.answers ?? {});
    if (Object.keys(fields).length > 0 || Object.keys(customFields).length > 0) {
      const merged = Object.keys(customFields).length > 0 ? { customFields: { ...(run.caseRecord.customFields as Record<string, unknown>), ...customFields } } : {};
      await updateRecord(ctx, 'case', args.caseId, { ...fields, ...merged }, { expectedRev: null, overwrites: new Set(), authorisedByRule: true });
    }
  }
  if (activity.kind === 'communication') {
    if (!args.commentId) throw invalid('commentId', 'a message needs the id of the comment it sends');
    await createRecord(ctx, 'journalEntry', { id: args.commentId, caseId: args.caseId, kind: 'comment', body: (args.data.body ?? '').trim(), deviceTime: ctx.deviceTime });
  }
  await recordStep(ctx, args, 'completed', args.data, null);
}

export async function skipActivity(ctx: WriteContext, args: MutationArgs<'playbook.skipActivity'>): Promise<void> {
  const run = await openRun(ctx, args);
  const problems = checkSkip(run.status, args.activityKey);
  if (problems.length > 0) throw refuse(problems);
  await recordStep(ctx, args, 'skipped', {}, args.reason);
}

export async function requestApproval(ctx: WriteContext, args: MutationArgs<'playbook.requestApproval'>): Promise<void> {
  const run = await openRun(ctx, args);
  const problems = checkStart(run.status, args.activityKey, 'approval');
  if (problems.length > 0) throw refuse(problems);
  const users = (await sql<{ id: string; username: string; is_active: boolean }>`select id, username, is_active from users where org_id = ${ctx.actor.orgId}`.execute(ctx.trx)).rows;
  const plan = approverPlan(activityIn(run, args.activityKey), users.map((u) => ({ id: u.id, username: u.username, isActive: u.is_active })));
  if (!Array.isArray(plan)) throw refuse([plan]);
  const same = plan.length === args.approvals.length && plan.every((p, i) => p.approverId === args.approvals[i]?.approverId && p.approverRole === args.approvals[i]?.approverRole);
  if (!same) throw conflict('the approvers of this activity changed since the device read them; ask again', [{ path: 'approvals', code: 'approvers_changed', message: 'the approvers changed' }]);
  for (const a of args.approvals) {
    await createRecord(ctx, 'approval', { id: a.id, caseId: args.caseId, taskId: null, activityKey: args.activityKey, approverId: a.approverId, approverRole: a.approverRole, comment: null });
  }
  await recordStep(ctx, args, 'started', { approvalIds: args.approvals.map((a) => a.id) }, null);
}

export async function createActivityTask(ctx: WriteContext, args: MutationArgs<'playbook.createTask'>): Promise<void> {
  const run = await openRun(ctx, args);
  const problems = checkStart(run.status, args.activityKey, 'task');
  if (problems.length > 0) throw refuse(problems);
  const activity = activityIn(run, args.activityKey);
  if (activity.kind !== 'task') throw invalid('activityKey', 'is not a task');
  await createRecord(ctx, 'task', { id: args.taskId, caseId: args.caseId, ...activity.task, assignmentGroupId: args.assignmentGroupId, assignedToId: args.assignedToId });
  await recordStep(ctx, args, 'started', { taskId: args.taskId }, null);
}

/** An approver's decision; the approval's own rules check who decides and that it is still open. */
export async function decideApproval(ctx: WriteContext, args: MutationArgs<'approval.decide'>): Promise<void> {
  const decided = await updateRecord(ctx, 'approval', args.id, { state: args.decision, comment: args.comment }, { expectedRev: null, overwrites: new Set(), authorisedByRule: true });
  // Once the activity's rule is settled, the approvals nobody needs to decide any more are withdrawn.
  if (typeof decided.activityKey !== 'string') return;
  const caseRecord = await getRecord(ctx.trx, ctx.actor, 'case', String(decided.caseId));
  const run = await pinnedRun(ctx, caseRecord);
  const activity = run?.status.byKey.get(decided.activityKey);
  if (!activity || activity.definition.kind !== 'approval' || activity.state !== 'complete') return;
  for (const other of activity.approvals.filter((a) => a.state === 'requested')) {
    await updateRecord(ctx, 'approval', other.id, { state: 'cancelled', comment: `Not needed: the approval was ${String(activity.outcome)}.` }, { expectedRev: null, overwrites: new Set(), authorisedByRule: true });
  }
}

/** Mandatory activities not finished hold a resolution (or a closure) of a case that runs a playbook. */
export async function assertPlaybookAllowsResolution(ctx: WriteContext, caseRecord: AnyRow): Promise<void> {
  const run = await pinnedRun(ctx, caseRecord);
  if (!run || run.status.outstandingMandatory.length === 0) return;
  const names = run.status.outstandingMandatory.map((a) => `“${a.definition.name}”`).join(', ');
  throw conflict(`the playbook has mandatory activities not done: ${names}`, [{ path: 'playbook', code: 'playbook_incomplete', message: names }]);
}
