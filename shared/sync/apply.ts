/**
 * What each mutation does to a device's cache, optimistically, before the server has seen it.
 * Pure: it reads records through `read`, takes the time and the user from `ctx`, and returns the
 * records to write (null deletes). The server applies the same intents with its own authority
 * (server/sync/push.ts); when its answer arrives the device re-runs the still-pending mutations
 * on top of the server's records (SPEC D2), so these functions may run many times.
 */
import { applyTransition } from '../domain/caseLifecycle';
import { caseTypeDef } from '../domain/caseType';
import { activitiesOf, stagesSchema, type ActivityDefinition } from '../domain/playbook';
import { caseWrites } from '../domain/playbookEngine';
import { replacementOf } from '../domain/installBase';
import { taskDef, type Task } from '../domain/task';
import { completeWork, pauseWork, startWork } from '../domain/workOrder';
import type { RecordType } from '../domain/records';
import { mutationArgs, type MutationArgs, type MutationName } from './mutations';

export type LocalRecord = Record<string, unknown> & { id: string };
export type RecordKey = { type: RecordType; id: string };
export type RecordWrite = RecordKey & { record: LocalRecord | null };
export type ApplyContext = { userId: string; orgId: string; now: string };
export type Reader = (type: RecordType, id: string) => Promise<LocalRecord | undefined>;

export function recordKey(type: RecordType, id: string): string {
  return `${type}:${id}`;
}

/** The records a mutation writes (so the device can keep the server's copy of each beside it). */
export function touches(name: MutationName, args: unknown): RecordKey[] {
  const a = args as { id: string };
  switch (name) {
    case 'case.create':
    case 'case.update':
    case 'case.transition':
    case 'case.assign':
      return [{ type: 'case', id: a.id }];
    case 'case.addComment':
    case 'case.addWorkNote':
      return [{ type: 'journalEntry', id: a.id }];
    case 'task.create':
    case 'task.update':
      return [{ type: 'task', id: a.id }];
    case 'interaction.create':
    case 'interaction.update':
      return [{ type: 'interaction', id: a.id }];
    case 'consumer.create':
    case 'consumer.update':
      return [{ type: 'consumer', id: a.id }];
    case 'contact.create':
    case 'contact.update':
      return [{ type: 'contact', id: a.id }];
    case 'attachment.create':
      return [{ type: 'attachment', id: a.id }];
    case 'playbook.completeActivity': {
      const c = args as MutationArgs<'playbook.completeActivity'>;
      return [{ type: 'playbookStep', id: c.id }, { type: 'case', id: c.caseId }, ...(c.commentId ? [{ type: 'journalEntry' as const, id: c.commentId }] : [])];
    }
    case 'playbook.skipActivity':
      return [{ type: 'playbookStep', id: a.id }, { type: 'case', id: (args as MutationArgs<'playbook.skipActivity'>).caseId }];
    case 'playbook.requestApproval': {
      const r = args as MutationArgs<'playbook.requestApproval'>;
      return [{ type: 'playbookStep', id: r.id }, { type: 'case', id: r.caseId }, ...r.approvals.map((x) => ({ type: 'approval' as const, id: x.id }))];
    }
    case 'playbook.createTask': {
      const t = args as MutationArgs<'playbook.createTask'>;
      return [{ type: 'playbookStep', id: t.id }, { type: 'case', id: t.caseId }, { type: 'task', id: t.taskId }];
    }
    case 'approval.decide':
      return [{ type: 'approval', id: a.id }];
    case 'workOrder.start':
    case 'workOrder.pause':
    case 'workOrder.complete':
      return [{ type: 'task', id: a.id }];
    case 'installBaseItem.update':
      return [{ type: 'installBaseItem', id: a.id }];
    case 'installBaseItem.replace':
      return [{ type: 'installBaseItem', id: a.id }, { type: 'installBaseItem', id: (args as MutationArgs<'installBaseItem.replace'>).newId }];
    default: {
      const exhaustive: never = name;
      return exhaustive;
    }
  }
}

function created(ctx: ApplyContext, fields: Record<string, unknown>, id: string): LocalRecord {
  return { ...fields, id, orgId: ctx.orgId, createdAt: ctx.now, updatedAt: ctx.now, rev: 0 };
}

async function edited(read: Reader, type: RecordType, id: string, changes: Record<string, unknown>, ctx: ApplyContext): Promise<RecordWrite[]> {
  const current = await read(type, id);
  if (!current) return [];
  return [{ type, id, record: { ...current, ...changes, updatedAt: ctx.now } }];
}

/** The activity a playbook mutation is about, from the definition version it names. */
async function activityOf(read: Reader, definitionId: string, activityKey: string): Promise<ActivityDefinition | null> {
  const definition = await read('playbookDefinition', definitionId);
  const stages = stagesSchema.safeParse(definition?.stages);
  if (!stages.success) return null;
  return activitiesOf(stages.data).find((a) => a.activity.key === activityKey)?.activity ?? null;
}

type StepArgs = { id: string; caseId: string; playbookDefinitionId: string; activityKey: string };

/** A playbook step and the case it pins to the playbook version (if it was not yet), with extra changes to the case. */
async function playbookStep(read: Reader, ctx: ApplyContext, args: StepArgs, step: { action: 'started' | 'completed' | 'skipped'; data: Record<string, unknown>; reason: string | null }, caseChanges: (c: LocalRecord) => LocalRecord = (c) => c): Promise<RecordWrite[] | null> {
  const current = await read('case', args.caseId);
  if (!current) return null;
  const record = created(ctx, { caseId: args.caseId, playbookDefinitionId: args.playbookDefinitionId, activityKey: args.activityKey, ...step, actorId: ctx.userId, deviceTime: ctx.now }, args.id);
  const pinned = current.playbookDefinitionId ? current : { ...current, playbookDefinitionId: args.playbookDefinitionId };
  const changed = caseChanges(pinned);
  const writes: RecordWrite[] = [{ type: 'playbookStep', id: args.id, record }];
  if (changed !== current) writes.push({ type: 'case', id: args.caseId, record: { ...changed, updatedAt: ctx.now } });
  return writes;
}

/** Parses the arguments of `name` (they were validated when queued; this also fills defaults). */
export function parseArgs<N extends MutationName>(name: N, args: unknown): MutationArgs<N> {
  return mutationArgs[name].parse(args) as MutationArgs<N>;
}

export async function applyLocally(name: MutationName, rawArgs: unknown, read: Reader, ctx: ApplyContext): Promise<RecordWrite[]> {
  switch (name) {
    case 'case.create': {
      const args = parseArgs(name, rawArgs);
      const caseType = await read('caseType', args.caseTypeId);
      if (!caseType) return [];
      const lifecycle = caseTypeDef.fields.lifecycle.parse(caseType.lifecycle);
      const service = args.serviceDefinitionId ? await read('serviceDefinition', args.serviceDefinitionId) : undefined;
      const { id, ...fields } = args;
      const record = created(ctx, {
        ...fields,
        assignmentGroupId: fields.assignmentGroupId ?? service?.defaultGroupId ?? null,
        priority: fields.priority ?? caseType.defaultPriority,
        // The store numbers the case; until then the device shows it as not yet numbered.
        number: '',
        state: lifecycle.initial,
        openedById: ctx.userId,
        openedAt: ctx.now,
        resolutionCode: null,
        resolutionNotes: null,
        resolvedAt: null,
        closedAt: null,
      }, id);
      return [{ type: 'case', id, record }];
    }
    case 'case.update': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'case', args.id, args.changes, ctx);
    }
    case 'case.transition': {
      const args = parseArgs(name, rawArgs);
      const current = await read('case', args.id);
      const caseType = current ? await read('caseType', String(current.caseTypeId)) : undefined;
      if (!current || !caseType) return [];
      const lifecycle = caseTypeDef.fields.lifecycle.parse(caseType.lifecycle);
      const tasks = 0; // the store re-checks open tasks; the device offers the action and shows a refusal
      const outcome = applyTransition(lifecycle, { state: String(current.state), closedAt: typeof current.closedAt === 'string' ? current.closedAt : null, openTaskCount: tasks }, args.action, args, ctx.now);
      if (!outcome.ok) return [];
      return [{ type: 'case', id: args.id, record: { ...current, state: outcome.state, ...outcome.changes, updatedAt: ctx.now } }];
    }
    case 'case.assign': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'case', args.id, { assignmentGroupId: args.assignmentGroupId, assignedToId: args.assignedToId }, ctx);
    }
    case 'case.addComment':
    case 'case.addWorkNote': {
      const args = parseArgs(name, rawArgs);
      const record = created(ctx, { caseId: args.caseId, taskId: args.taskId, kind: name === 'case.addComment' ? 'comment' : 'work_note', body: args.body, authorId: ctx.userId, deviceTime: args.deviceTime ?? ctx.now, source: 'agent' }, args.id);
      return [{ type: 'journalEntry', id: args.id, record }];
    }
    case 'task.create': {
      const { id, ...fields } = parseArgs(name, rawArgs);
      return [{ type: 'task', id, record: created(ctx, { ...fields, number: '' }, id) }];
    }
    case 'task.update': {
      const args = parseArgs(name, rawArgs);
      const current = await read('task', args.id);
      if (!current) return [];
      const derived: Record<string, unknown> = {};
      if (args.changes.state === 'in_progress' && current.startedAt === null && !('startedAt' in args.changes)) derived.startedAt = ctx.now;
      if (args.changes.state === 'completed' && !('completedAt' in args.changes)) derived.completedAt = ctx.now;
      return [{ type: 'task', id: args.id, record: { ...current, ...args.changes, ...derived, updatedAt: ctx.now } }];
    }
    case 'interaction.create': {
      const { id, ...fields } = parseArgs(name, rawArgs);
      return [{ type: 'interaction', id, record: created(ctx, { ...fields, number: '' }, id) }];
    }
    case 'interaction.update': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'interaction', args.id, args.changes, ctx);
    }
    case 'consumer.create': {
      const { id, ...fields } = parseArgs(name, rawArgs);
      return [{ type: 'consumer', id, record: created(ctx, fields, id) }];
    }
    case 'consumer.update': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'consumer', args.id, args.changes, ctx);
    }
    case 'contact.create': {
      const { id, ...fields } = parseArgs(name, rawArgs);
      return [{ type: 'contact', id, record: created(ctx, fields, id) }];
    }
    case 'contact.update': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'contact', args.id, args.changes, ctx);
    }
    case 'attachment.create': {
      const { id, ...fields } = parseArgs(name, rawArgs);
      return [{ type: 'attachment', id, record: created(ctx, { ...fields, uploadedById: ctx.userId, state: 'pending', sha256: null }, id) }];
    }
    case 'playbook.completeActivity': {
      const args = parseArgs(name, rawArgs);
      const activity = await activityOf(read, args.playbookDefinitionId, args.activityKey);
      if (!activity) return [];
      const writes = await playbookStep(read, ctx, args, { action: 'completed', data: args.data, reason: null }, (c) => {
        const { fields, customFields } = caseWrites(activity, args.data.answers ?? {});
        if (Object.keys(fields).length === 0 && Object.keys(customFields).length === 0) return c;
        return { ...c, ...fields, customFields: { ...(c.customFields as Record<string, unknown>), ...customFields } };
      });
      if (!writes) return [];
      if (activity.kind === 'communication' && args.commentId && args.data.body) {
        const comment = created(ctx, { caseId: args.caseId, taskId: null, kind: 'comment', body: args.data.body.trim(), authorId: ctx.userId, deviceTime: ctx.now, source: 'agent' }, args.commentId);
        writes.push({ type: 'journalEntry', id: args.commentId, record: comment });
      }
      return writes;
    }
    case 'playbook.skipActivity': {
      const args = parseArgs(name, rawArgs);
      return (await playbookStep(read, ctx, args, { action: 'skipped', data: {}, reason: args.reason })) ?? [];
    }
    case 'playbook.requestApproval': {
      const args = parseArgs(name, rawArgs);
      const writes = await playbookStep(read, ctx, args, { action: 'started', data: { approvalIds: args.approvals.map((a) => a.id) }, reason: null });
      if (!writes) return [];
      for (const a of args.approvals) {
        const approval = created(ctx, { caseId: args.caseId, taskId: null, activityKey: args.activityKey, approverId: a.approverId, approverRole: a.approverRole, state: 'requested', requestedById: ctx.userId, requestedAt: ctx.now, decidedAt: null, decidedById: null, comment: null }, a.id);
        writes.push({ type: 'approval', id: a.id, record: approval });
      }
      return writes;
    }
    case 'playbook.createTask': {
      const args = parseArgs(name, rawArgs);
      const activity = await activityOf(read, args.playbookDefinitionId, args.activityKey);
      if (activity?.kind !== 'task') return [];
      const writes = await playbookStep(read, ctx, args, { action: 'started', data: { taskId: args.taskId }, reason: null });
      if (!writes) return [];
      const fields = taskDef.create.omit({ number: true }).parse({ caseId: args.caseId, ...activity.task, assignmentGroupId: args.assignmentGroupId, assignedToId: args.assignedToId });
      writes.push({ type: 'task', id: args.taskId, record: created(ctx, { ...fields, number: '' }, args.taskId) });
      return writes;
    }
    case 'workOrder.start':
    case 'workOrder.pause':
    case 'workOrder.complete': {
      const args = parseArgs(name, rawArgs);
      const current = await read('task', args.id);
      if (!current) return [];
      const task = current as unknown as Task;
      const outcome = name === 'workOrder.start' ? startWork(task, args.at) : name === 'workOrder.pause' ? pauseWork(task, args.at) : completeWork(task, parseArgs('workOrder.complete', rawArgs));
      if (!outcome.ok) return [];
      return [{ type: 'task', id: args.id, record: { ...current, ...outcome.changes, updatedAt: ctx.now } }];
    }
    case 'installBaseItem.update': {
      const args = parseArgs(name, rawArgs);
      return edited(read, 'installBaseItem', args.id, args.changes, ctx);
    }
    case 'installBaseItem.replace': {
      const args = parseArgs(name, rawArgs);
      const old = await read('installBaseItem', args.id);
      if (!old) return [];
      return [
        { type: 'installBaseItem', id: args.id, record: { ...old, state: 'replaced', updatedAt: ctx.now } },
        { type: 'installBaseItem', id: args.newId, record: created(ctx, replacementOf(old, args), args.newId) },
      ];
    }
    case 'approval.decide': {
      const args = parseArgs(name, rawArgs);
      const current = await read('approval', args.id);
      if (current?.state !== 'requested') return [];
      return [{ type: 'approval', id: args.id, record: { ...current, state: args.decision, comment: args.comment, decidedAt: ctx.now, decidedById: ctx.userId, updatedAt: ctx.now } }];
    }
    default: {
      const exhaustive: never = name;
      return exhaustive;
    }
  }
}
