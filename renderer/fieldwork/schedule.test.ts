import { describe, expect, it } from 'vitest';
import { comingDays, groupBySchedule, workToPrepare, type ScheduledLike } from './schedule';

const task = (number: string, state: string, scheduledStart: string | null, completedAt: string | null = null): ScheduledLike => ({ id: `id-${number}`, number, state, scheduledStart, completedAt });
// The device's zone in these tests: UTC+10 (an instant's local date is 10 hours ahead).
const dayOf = (iso: string): string => new Date(Date.parse(iso) + 10 * 3_600_000).toISOString().slice(0, 10);

describe('work by schedule', () => {
  it('lists the coming days in order across a month end, empty days included', () => {
    expect(comingDays('2026-11-29', 4)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    const s = groupBySchedule([], '2026-11-29', 3, dayOf);
    expect(s.days).toEqual([
      { date: '2026-11-29', items: [] },
      { date: '2026-11-30', items: [] },
      { date: '2026-12-01', items: [] },
    ]);
  });

  it('puts open work before today as overdue, in range by local day, beyond as later, none as unscheduled', () => {
    const tasks = [
      task('WO3', 'open', '2026-11-30T23:30:00.000Z'), // 1 Dec 09:30 local
      task('WO1', 'in_progress', '2026-11-27T22:00:00.000Z'), // 28 Nov local: overdue
      task('WO2', 'open', '2026-11-28T15:00:00.000Z'), // 29 Nov 01:00 local: today
      task('WO4', 'paused', '2026-12-05T00:00:00.000Z'),
      task('WO5', 'open', null),
      task('WO6', 'open', '2026-11-28T13:00:00.000Z'), // 28 Nov 23:00 local: overdue
    ];
    const s = groupBySchedule(tasks, '2026-11-29', 3, dayOf);
    expect(s.overdue.map((t) => t.number)).toEqual(['WO1', 'WO6']);
    expect(s.days.map((d) => [d.date, d.items.map((t) => t.number)])).toEqual([
      ['2026-11-29', ['WO2']],
      ['2026-11-30', []],
      ['2026-12-01', ['WO3']],
    ]);
    expect(s.later.map((t) => t.number)).toEqual(['WO4']);
    expect(s.unscheduled.map((t) => t.number)).toEqual(['WO5']);
    expect(workToPrepare(s).map((t) => t.number)).toEqual(['WO1', 'WO6', 'WO2', 'WO3', 'WO5']);
  });

  it('keeps work finished today (device time) and drops older finished work', () => {
    const tasks = [task('WO7', 'completed', '2026-11-29T00:00:00.000Z', '2026-11-29T01:00:00.000Z'), task('WO8', 'completed', '2026-11-20T00:00:00.000Z', '2026-11-20T03:00:00.000Z'), task('WO9', 'cancelled', null, null)];
    const s = groupBySchedule(tasks, '2026-11-29', 3, dayOf);
    expect(s.doneToday.map((t) => t.number)).toEqual(['WO7']);
    expect([...s.overdue, ...s.days.flatMap((d) => d.items), ...s.later, ...s.unscheduled]).toEqual([]);
  });
});
