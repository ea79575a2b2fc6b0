/** Tasks and work orders of a case: what someone (often a field technician) must do. */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';

export const taskStates = ['open', 'in_progress', 'paused', 'completed', 'cancelled'] as const;
export const partUsedSchema = z.strictObject({
  partNumber: text(60),
  name: text(200),
  quantity: z.number().positive(),
});

export const taskDef = defineEntity('task', 'tasks', {
  number: text(40),
  caseId: opt(ref('case', 'cascade')),
  kind: z.enum(['task', 'work_order', 'inspection', 'approval_task']),
  shortDescription: text(160),
  description: opt(text(8000)),
  state: z.enum(taskStates).default('open'),
  priority: z.number().int().min(1).max(4).default(3),
  assignmentGroupId: opt(ref('group')),
  assignedToId: opt(ref('user')),
  scheduledStart: opt(isoDateTime),
  scheduledEnd: opt(isoDateTime),
  locationId: opt(ref('businessLocation')),
  addressId: opt(ref('address')),
  installBaseItemId: opt(ref('installBaseItem')),
  startedAt: opt(isoDateTime),
  completedAt: opt(isoDateTime),
  timeSpentMinutes: z.number().int().nonnegative().default(0),
  partsUsed: z.array(partUsedSchema).max(200).default([]),
  signOff: opt(z.strictObject({ name: text(120), signedAt: isoDateTime, attachmentId: z.guid().nullable() })),
});
export type Task = RecordOf<typeof taskDef>;

export function isOpenTask(state: Task['state']): boolean {
  return state === 'open' || state === 'in_progress' || state === 'paused';
}
