/**
 * Work done on site (SPEC C7): a work order started, paused, completed with its parts, time and the
 * customer's sign-off, and the install base as the technician left it. The store decides with the
 * same rules as the device (shared/domain/workOrder.ts) and keeps the device's time of the work.
 */
import type { MutationArgs } from '../../shared/sync/mutations';
import { replacementOf } from '../../shared/domain/installBase';
import type { Task } from '../../shared/domain/task';
import { completeWork, pauseWork, startWork, type WorkOrderOutcome } from '../../shared/domain/workOrder';
import { conflict, forbidden } from '../http/errors';
import { hasRole } from './actor';
import { createRecord, getRecord, updateRecord, type WriteContext } from './recordService';

async function workOrderFor(ctx: WriteContext, id: string): Promise<Task> {
  const task = (await getRecord(ctx.trx, ctx.actor, 'task', id, true)) as unknown as Task;
  const isMine = task.assignedToId === ctx.actor.userId || (task.assignedToId === null && task.assignmentGroupId !== null && ctx.actor.groupIds.includes(task.assignmentGroupId));
  if (!isMine && !hasRole(ctx.actor, 'supervisor', 'administrator')) throw forbidden(`work order ${task.number} is not assigned to you`);
  return task;
}

function refuseUnless(outcome: WorkOrderOutcome, number: string): asserts outcome is Extract<WorkOrderOutcome, { ok: true }> {
  if (!outcome.ok) throw conflict(`work order ${number}: ${outcome.message}`, [{ path: 'state', code: outcome.code, message: outcome.message }]);
}

export async function startWorkOrder(ctx: WriteContext, args: MutationArgs<'workOrder.start'>): Promise<void> {
  const task = await workOrderFor(ctx, args.id);
  const outcome = startWork(task, args.at);
  refuseUnless(outcome, task.number);
  await updateRecord(ctx, 'task', args.id, outcome.changes, { expectedRev: null, overwrites: new Set() });
}

export async function pauseWorkOrder(ctx: WriteContext, args: MutationArgs<'workOrder.pause'>): Promise<void> {
  const task = await workOrderFor(ctx, args.id);
  const outcome = pauseWork(task, args.at);
  refuseUnless(outcome, task.number);
  await updateRecord(ctx, 'task', args.id, outcome.changes, { expectedRev: null, overwrites: new Set() });
}

export async function completeWorkOrder(ctx: WriteContext, args: MutationArgs<'workOrder.complete'>): Promise<void> {
  const task = await workOrderFor(ctx, args.id);
  const attachmentId = args.signOff?.attachmentId ?? null;
  if (attachmentId) {
    // The drawn signature is an attachment of this work order (or its case), queued before it.
    const signature = await getRecord(ctx.trx, ctx.actor, 'attachment', attachmentId).catch(() => null);
    if (!signature || (signature.taskId !== task.id && (task.caseId === null || signature.caseId !== task.caseId))) {
      throw conflict('the signature is not an attachment of this work order', [{ path: 'signOff.attachmentId', code: 'invalid', message: 'is not an attachment of this work order' }]);
    }
  }
  const outcome = completeWork(task, args);
  refuseUnless(outcome, task.number);
  await updateRecord(ctx, 'task', args.id, outcome.changes, { expectedRev: null, overwrites: new Set() });
}

export async function replaceInstallBaseItem(ctx: WriteContext, args: MutationArgs<'installBaseItem.replace'>): Promise<void> {
  const old = await getRecord(ctx.trx, ctx.actor, 'installBaseItem', args.id, true);
  if (old.state === 'replaced' || old.state === 'retired') {
    throw conflict(`${String(old.name)} was ${String(old.state)} already`, [{ path: 'state', code: 'item_replaced', message: `the item is ${String(old.state)}` }]);
  }
  await updateRecord(ctx, 'installBaseItem', args.id, { state: 'replaced' }, { expectedRev: null, overwrites: new Set() });
  await createRecord(ctx, 'installBaseItem', { id: args.newId, ...replacementOf(old, args) });
}
