/** Tasks and work orders of a case: what someone (often a field technician) must do. */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';

export const taskStates = ['open', 'in_progress', 'paused', 'completed', 'cancelled'] as const;
export const partUsedSchema = z.strictObject({
  partNumber: text(60),
  name: text(200),
  quantity: z.number().positive(),
});

/** One stretch of work on a work order, in the device's time: started, and ended by a pause or completion (null while it runs). */
export const workIntervalSchema = z.strictObject({ startedAt: isoDateTime, endedAt: isoDateTime.nullable() });
export type WorkInterval = z.infer<typeof workIntervalSchema>;

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
  /** When work on it ran (start, pause, resume, complete), in device time. */
  workLog: z.array(workIntervalSchema).max(500).default([]),
  partsUsed: z.array(partUsedSchema).max(200).default([]),
  signOff: opt(z.strictObject({ name: text(120), signedAt: isoDateTime, attachmentId: z.guid().nullable() })),
});
export type Task = RecordOf<typeof taskDef>;

export function isOpenTask(state: Task['state']): boolean {
  return state === 'open' || state === 'in_progress' || state === 'paused';
}

/** Whole minutes worked over the intervals, an interval still running counted up to `now`. */
export function minutesWorked(log: readonly WorkInterval[], now: string): number {
  let ms = 0;
  for (const interval of log) {
    const end = Date.parse(interval.endedAt ?? now);
    const start = Date.parse(interval.startedAt);
    if (end > start) ms += end - start;
  }
  return Math.round(ms / 60_000);
}
