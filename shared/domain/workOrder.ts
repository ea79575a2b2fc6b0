/**
 * A work order's own life on site: start, pause (and start again), complete. Pure rules used by the
 * device (optimistically) and by the store (with its authority), so both decide the same way. All
 * times are the device's: when the technician did it, however late it reaches the store.
 */
import { minutesWorked, type Task, type WorkInterval } from './task';

export type WorkOrderFields = Pick<Task, 'state' | 'startedAt' | 'completedAt' | 'timeSpentMinutes' | 'workLog' | 'partsUsed' | 'signOff'>;
export type WorkOrderOutcome = { ok: true; changes: Partial<WorkOrderFields> } | { ok: false; code: 'work_order_state' | 'work_order_closed' | 'invalid_time'; message: string };

const closed = (state: Task['state']): boolean => state === 'completed' || state === 'cancelled';

/** A log a technician can trust: a stretch still running is ended at `at`. */
function closeRunning(log: readonly WorkInterval[], at: string): WorkInterval[] {
  return log.map((i) => (i.endedAt === null ? { ...i, endedAt: Date.parse(at) >= Date.parse(i.startedAt) ? at : i.startedAt } : i));
}

export function startWork(task: Pick<Task, 'state' | 'startedAt' | 'workLog'>, at: string): WorkOrderOutcome {
  if (closed(task.state)) return { ok: false, code: 'work_order_closed', message: `the work order is ${task.state}` };
  if (task.state === 'in_progress') return { ok: false, code: 'work_order_state', message: 'the work order is already in progress' };
  const log = closeRunning(task.workLog ?? [], at);
  return { ok: true, changes: { state: 'in_progress', startedAt: task.startedAt ?? at, workLog: [...log, { startedAt: at, endedAt: null }] } };
}

export function pauseWork(task: Pick<Task, 'state' | 'workLog'>, at: string): WorkOrderOutcome {
  if (closed(task.state)) return { ok: false, code: 'work_order_closed', message: `the work order is ${task.state}` };
  if (task.state !== 'in_progress') return { ok: false, code: 'work_order_state', message: 'only work in progress can be paused' };
  const log = closeRunning(task.workLog ?? [], at);
  return { ok: true, changes: { state: 'paused', workLog: log, timeSpentMinutes: minutesWorked(log, at) } };
}

export function completeWork(
  task: Pick<Task, 'state' | 'startedAt' | 'workLog'>,
  input: { at: string; timeSpentMinutes: number | null; partsUsed: Task['partsUsed']; signOff: Task['signOff'] },
): WorkOrderOutcome {
  if (closed(task.state)) return { ok: false, code: 'work_order_closed', message: `the work order is ${task.state} already` };
  if (task.startedAt && Date.parse(input.at) < Date.parse(task.startedAt)) return { ok: false, code: 'invalid_time', message: 'it cannot be completed before it was started' };
  const log = closeRunning(task.workLog ?? [], input.at);
  return {
    ok: true,
    changes: {
      state: 'completed',
      startedAt: task.startedAt ?? input.at,
      completedAt: input.at,
      workLog: log,
      timeSpentMinutes: input.timeSpentMinutes ?? minutesWorked(log, input.at),
      partsUsed: input.partsUsed,
      signOff: input.signOff,
    },
  };
}

/** The kinds of task a technician works on site. */
export const fieldTaskKinds: readonly Task['kind'][] = ['work_order', 'inspection'];
