/**
 * A technician's work by schedule: overdue first, then each of the coming days (empty days kept, so
 * "nothing on Thursday" is visible), then later, unscheduled and what was finished today. Pure: the
 * caller passes today's local date and how an instant maps to a local date (the device's zone).
 */
import { addDays, format, parseISO } from 'date-fns';

export type ScheduledLike = { id: string; number: string; state: string; scheduledStart: string | null; completedAt: string | null };

export type Schedule<T> = {
  overdue: T[];
  days: { date: string; items: T[] }[];
  later: T[];
  unscheduled: T[];
  /** Completed or cancelled today (by the device's time of the work). */
  doneToday: T[];
};

const isOpen = (state: string): boolean => state === 'open' || state === 'in_progress' || state === 'paused';
const bySchedule = (a: ScheduledLike, b: ScheduledLike): number => (a.scheduledStart ?? '').localeCompare(b.scheduledStart ?? '') || a.number.localeCompare(b.number) || a.id.localeCompare(b.id);

/** The local dates `today` … `today + days - 1` (YYYY-MM-DD). */
export function comingDays(today: string, days: number): string[] {
  const start = parseISO(today);
  return Array.from({ length: Math.max(0, days) }, (_, i) => format(addDays(start, i), 'yyyy-MM-dd'));
}

export function groupBySchedule<T extends ScheduledLike>(tasks: readonly T[], today: string, days: number, dayOf: (iso: string) => string): Schedule<T> {
  const dates = comingDays(today, days);
  const last = dates.at(-1) ?? today;
  const byDate = new Map<string, T[]>(dates.map((d) => [d, []]));
  const out: Schedule<T> = { overdue: [], days: [], later: [], unscheduled: [], doneToday: [] };
  for (const task of [...tasks].sort(bySchedule)) {
    if (!isOpen(task.state)) {
      if (task.completedAt !== null && dayOf(task.completedAt) === today) out.doneToday.push(task);
      continue;
    }
    if (task.scheduledStart === null) {
      out.unscheduled.push(task);
      continue;
    }
    const day = dayOf(task.scheduledStart);
    if (day < today) out.overdue.push(task);
    else if (day > last) out.later.push(task);
    else byDate.get(day)?.push(task);
  }
  out.days = dates.map((date) => ({ date, items: byDate.get(date) ?? [] }));
  return out;
}

/** The open work "prepare for offline" takes along: overdue, the coming days and unscheduled. */
export function workToPrepare<T extends ScheduledLike>(schedule: Schedule<T>): T[] {
  return [...schedule.overdue, ...schedule.days.flatMap((d) => d.items), ...schedule.unscheduled];
}
