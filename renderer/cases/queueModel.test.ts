import { describe, expect, it } from 'vitest';
import { caseSlaState, countByState, emptyFilter, filterRows, parseSavedFilters, sortRows, toRow, type Lookups, type QueueRow } from './queueModel';

const now = '2026-12-02T12:00:00.000Z';
const hoursAgo = (h: number): string => new Date(Date.parse(now) - h * 3_600_000).toISOString();

const lookups: Lookups = {
  caseTypes: new Map([
    [
      'ct-water',
      {
        name: 'Water outage',
        states: new Map([
          ['new', { label: 'New', category: 'new' as const }],
          ['in_progress', { label: 'In progress', category: 'active' as const }],
          ['awaiting_info', { label: 'Awaiting info', category: 'waiting' as const }],
          ['resolved', { label: 'Resolved', category: 'resolved' as const }],
        ]),
      },
    ],
  ]),
  groups: new Map([
    ['g-care', 'Customer care'],
    ['g-field', 'Field crews'],
  ]),
  users: new Map([
    ['u-ana', 'Ana Lopez'],
    ['u-ben', 'Ben Carter'],
  ]),
  slas: new Map([
    ['c1', [{ startedAt: hoursAgo(10), dueAt: hoursAgo(-1), hasBreached: false, state: 'in_progress' as const }]],
    ['c2', [{ startedAt: hoursAgo(10), dueAt: hoursAgo(1), hasBreached: false, state: 'in_progress' as const }]],
    ['c3', [{ startedAt: hoursAgo(1), dueAt: hoursAgo(-40), hasBreached: false, state: 'in_progress' as const }]],
  ]),
};

function row(id: string, fields: Partial<Parameters<typeof toRow>[0]>): QueueRow {
  return toRow({ id, number: `CS000000${id.slice(1)}`, shortDescription: `Case ${id}`, state: 'new', priority: 3, caseTypeId: 'ct-water', assignmentGroupId: 'g-care', assignedToId: null, openedAt: hoursAgo(2), ...fields }, lookups, now);
}

const rows = [
  row('c1', { priority: 1, state: 'in_progress', assignedToId: 'u-ana', openedAt: hoursAgo(10) }),
  row('c2', { priority: 2, state: 'in_progress', assignedToId: 'u-ben', openedAt: hoursAgo(30) }),
  row('c3', { priority: 3, state: 'new', openedAt: hoursAgo(1) }),
  row('c4', { priority: 4, state: 'resolved', assignmentGroupId: 'g-field', assignedToId: 'u-ana', openedAt: hoursAgo(24 * 40), shortDescription: 'Leaking hydrant' }),
  row('c5', { priority: 2, state: 'awaiting_info', assignmentGroupId: null, openedAt: hoursAgo(24 * 8) }),
];

describe('queue rows', () => {
  it('names the state, case type, group and assignee, and rates the SLA', () => {
    const [c1, c2, c3, c4] = rows;
    expect(c1).toMatchObject({ stateLabel: 'In progress', category: 'active', caseTypeName: 'Water outage', groupName: 'Customer care', assigneeName: 'Ana Lopez', sla: 'at_risk' });
    expect(c2?.sla).toBe('breached');
    expect(c3?.sla).toBe('ok');
    expect(c4?.sla).toBe('none');
  });

  it('takes the worst running clock and the earliest due time', () => {
    const state = caseSlaState(
      [
        { startedAt: hoursAgo(2), dueAt: hoursAgo(-20), hasBreached: false, state: 'in_progress' },
        { startedAt: hoursAgo(4), dueAt: hoursAgo(-0.5), hasBreached: false, state: 'in_progress' },
        { startedAt: hoursAgo(9), dueAt: hoursAgo(5), hasBreached: false, state: 'completed' },
      ],
      now,
    );
    expect(state).toEqual({ sla: 'at_risk', dueAt: hoursAgo(-0.5) });
  });
});

describe('filters', () => {
  const ids = (list: QueueRow[]): string[] => list.map((r) => r.id);

  it('narrows by state, priority, group, assignee and text', () => {
    expect(ids(filterRows(rows, { ...emptyFilter, state: 'in_progress' }, now))).toEqual(['c1', 'c2']);
    expect(ids(filterRows(rows, { ...emptyFilter, priority: 2 }, now))).toEqual(['c2', 'c5']);
    expect(ids(filterRows(rows, { ...emptyFilter, groupId: 'g-field' }, now))).toEqual(['c4']);
    expect(ids(filterRows(rows, { ...emptyFilter, assignee: 'unassigned' }, now))).toEqual(['c3', 'c5']);
    expect(ids(filterRows(rows, { ...emptyFilter, assignee: 'u-ana' }, now))).toEqual(['c1', 'c4']);
    expect(ids(filterRows(rows, { ...emptyFilter, text: 'hydrant' }, now))).toEqual(['c4']);
    expect(ids(filterRows(rows, { ...emptyFilter, text: '0000003' }, now))).toEqual(['c3']);
  });

  it('narrows by age band, SLA and open only', () => {
    expect(ids(filterRows(rows, { ...emptyFilter, age: 'today' }, now))).toEqual(['c1', 'c3']);
    expect(ids(filterRows(rows, { ...emptyFilter, age: 'week' }, now))).toEqual(['c1', 'c2', 'c3']);
    expect(ids(filterRows(rows, { ...emptyFilter, age: 'older' }, now))).toEqual(['c4']);
    expect(ids(filterRows(rows, { ...emptyFilter, sla: 'breached' }, now))).toEqual(['c2']);
    expect(ids(filterRows(rows, { ...emptyFilter, sla: 'none' }, now))).toEqual(['c4', 'c5']);
    expect(ids(filterRows(rows, { ...emptyFilter, isOpenOnly: true }, now))).toEqual(['c1', 'c2', 'c3', 'c5']);
  });

  it('counts per state in life-cycle order, after the other filters', () => {
    expect(countByState(rows).map((s) => [s.label, s.count])).toEqual([
      ['New', 1],
      ['In progress', 2],
      ['Awaiting info', 1],
      ['Resolved', 1],
    ]);
  });
});

describe('sort', () => {
  const ids = (list: QueueRow[]): string[] => list.map((r) => r.id);

  it('by default puts open cases first, then by priority, then newest', () => {
    expect(ids(sortRows(rows, { key: 'default', direction: 'asc' }))).toEqual(['c1', 'c2', 'c5', 'c3', 'c4']);
  });

  it('sorts by any column in either direction, blanks last', () => {
    expect(ids(sortRows(rows, { key: 'priority', direction: 'desc' }))).toEqual(['c4', 'c3', 'c2', 'c5', 'c1']);
    expect(ids(sortRows(rows, { key: 'assignee', direction: 'asc' }))).toEqual(['c1', 'c4', 'c2', 'c3', 'c5']);
    expect(ids(sortRows(rows, { key: 'age', direction: 'asc' }))).toEqual(['c3', 'c1', 'c2', 'c5', 'c4']);
    expect(ids(sortRows(rows, { key: 'sla', direction: 'asc' }))).toEqual(['c2', 'c1', 'c3', 'c4', 'c5']);
  });
});

describe('saved filters', () => {
  it('reads what was saved and drops what is not a filter', () => {
    const saved = JSON.stringify([{ name: 'Urgent', filter: { priority: 1 }, sort: { key: 'sla', direction: 'desc' } }, { name: '', filter: {}, sort: {} }, 'junk', { name: 'Bad sort', filter: {}, sort: { key: 'nope' } }]);
    const parsed = parseSavedFilters(saved);
    expect(parsed.map((s) => s.name)).toEqual(['Urgent', 'Bad sort']);
    expect(parsed[0]).toEqual({ name: 'Urgent', filter: { ...emptyFilter, priority: 1 }, sort: { key: 'sla', direction: 'desc' } });
    expect(parsed[1]?.sort).toEqual({ key: 'default', direction: 'asc' });
    expect(parseSavedFilters('{not json')).toEqual([]);
  });
});
