/**
 * What a case queue shows, as pure functions: rows built from cached records, the filters an
 * agent applies (state, priority, case type, group, assignee, age, SLA, text), the sort, and the
 * counts per state. The queue component only loads records and renders what these return.
 */
import type { Case } from '../../shared/domain/case';
import type { StateCategory } from '../../shared/domain/caseLifecycle';
import { slaStatus, type CaseSla } from '../../shared/domain/sla';

export type SlaState = 'breached' | 'at_risk' | 'ok' | 'done' | 'none';

export type QueueRow = {
  id: string;
  number: string;
  shortDescription: string;
  state: string;
  stateLabel: string;
  category: StateCategory;
  priority: number;
  caseTypeId: string;
  caseTypeName: string;
  assignmentGroupId: string | null;
  groupName: string;
  assignedToId: string | null;
  assigneeName: string;
  openedAt: string;
  /** The earliest due time of the case's running SLA clocks, and how that clock stands. */
  slaDueAt: string | null;
  sla: SlaState;
};

export const ageBands = ['any', 'today', 'week', 'month', 'older'] as const;
export type AgeBand = (typeof ageBands)[number];
export const slaFilters = ['any', 'breached', 'at_risk', 'ok', 'none'] as const;
export type SlaFilter = (typeof slaFilters)[number];

export type QueueFilter = {
  state: string | null;
  priority: number | null;
  caseTypeId: string | null;
  groupId: string | null;
  /** 'any', 'unassigned', or a user id. */
  assignee: string;
  age: AgeBand;
  sla: SlaFilter;
  /** Open cases only (not resolved, closed or cancelled). */
  isOpenOnly: boolean;
  text: string;
};

export const sortKeys = ['default', 'number', 'shortDescription', 'state', 'priority', 'caseType', 'group', 'assignee', 'age', 'sla'] as const;
export type SortKey = (typeof sortKeys)[number];
export type QueueSort = { key: SortKey; direction: 'asc' | 'desc' };

export const emptyFilter: QueueFilter = { state: null, priority: null, caseTypeId: null, groupId: null, assignee: 'any', age: 'any', sla: 'any', isOpenOnly: false, text: '' };
export const defaultSort: QueueSort = { key: 'default', direction: 'asc' };

export type Lookups = {
  /** Per case type: its name and its states' labels and categories. */
  caseTypes: ReadonlyMap<string, { name: string; states: ReadonlyMap<string, { label: string; category: StateCategory }> }>;
  groups: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  /** The SLA clocks by case id. */
  slas: ReadonlyMap<string, readonly Pick<CaseSla, 'startedAt' | 'dueAt' | 'hasBreached' | 'state'>[]>;
};

const slaRank: Record<SlaState, number> = { breached: 0, at_risk: 1, ok: 2, done: 3, none: 4 };

/** How a case's SLA clocks stand together: the worst running clock, else done, else none. */
export function caseSlaState(clocks: readonly Pick<CaseSla, 'startedAt' | 'dueAt' | 'hasBreached' | 'state'>[] | undefined, now: string): { sla: SlaState; dueAt: string | null } {
  if (!clocks || clocks.length === 0) return { sla: 'none', dueAt: null };
  let worst: SlaState = 'none';
  let dueAt: string | null = null;
  for (const clock of clocks) {
    const status = slaStatus(clock, now);
    if (slaRank[status] < slaRank[worst]) worst = status;
    if ((clock.state === 'in_progress' || clock.state === 'paused') && (dueAt === null || clock.dueAt < dueAt)) dueAt = clock.dueAt;
  }
  return { sla: worst, dueAt };
}

export function toRow(c: Pick<Case, 'id' | 'number' | 'shortDescription' | 'state' | 'priority' | 'caseTypeId' | 'assignmentGroupId' | 'assignedToId' | 'openedAt'>, lookups: Lookups, now: string): QueueRow {
  const type = lookups.caseTypes.get(c.caseTypeId);
  const state = type?.states.get(c.state);
  const { sla, dueAt } = caseSlaState(lookups.slas.get(c.id), now);
  return {
    id: c.id,
    number: c.number,
    shortDescription: c.shortDescription,
    state: c.state,
    stateLabel: state?.label ?? c.state.replace(/_/g, ' '),
    category: state?.category ?? 'active',
    priority: c.priority,
    caseTypeId: c.caseTypeId,
    caseTypeName: type?.name ?? '',
    assignmentGroupId: c.assignmentGroupId,
    groupName: c.assignmentGroupId ? (lookups.groups.get(c.assignmentGroupId) ?? '') : '',
    assignedToId: c.assignedToId,
    assigneeName: c.assignedToId ? (lookups.users.get(c.assignedToId) ?? '') : '',
    openedAt: c.openedAt,
    slaDueAt: dueAt,
    sla,
  };
}

const dayMs = 86_400_000;

export function isOpenCategory(category: StateCategory): boolean {
  return category === 'new' || category === 'active' || category === 'waiting';
}

function inAgeBand(openedAt: string, band: AgeBand, nowMs: number): boolean {
  if (band === 'any') return true;
  const age = nowMs - Date.parse(openedAt);
  switch (band) {
    case 'today':
      return age < dayMs;
    case 'week':
      return age < 7 * dayMs;
    case 'month':
      return age < 30 * dayMs;
    case 'older':
      return age >= 30 * dayMs;
    default: {
      const exhaustive: never = band;
      return exhaustive;
    }
  }
}

/** The rows that pass every filter except the state (the counts per state are taken from these). */
export function filterExceptState(rows: readonly QueueRow[], filter: QueueFilter, now: string): QueueRow[] {
  const nowMs = Date.parse(now);
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (filter.priority === null || r.priority === filter.priority) &&
      (filter.caseTypeId === null || r.caseTypeId === filter.caseTypeId) &&
      (filter.groupId === null || r.assignmentGroupId === filter.groupId) &&
      (filter.assignee === 'any' || (filter.assignee === 'unassigned' ? r.assignedToId === null : r.assignedToId === filter.assignee)) &&
      (!filter.isOpenOnly || isOpenCategory(r.category)) &&
      (filter.sla === 'any' || r.sla === filter.sla) &&
      inAgeBand(r.openedAt, filter.age, nowMs) &&
      (text === '' || r.number.toLowerCase().includes(text) || r.shortDescription.toLowerCase().includes(text)),
  );
}

export function filterRows(rows: readonly QueueRow[], filter: QueueFilter, now: string): QueueRow[] {
  const rest = filterExceptState(rows, filter, now);
  return filter.state === null ? rest : rest.filter((r) => r.state === filter.state);
}

export type StateCount = { state: string; label: string; category: StateCategory; count: number };

/** How many rows are in each state, in the order of the life cycle's categories, then by label. */
export function countByState(rows: readonly QueueRow[]): StateCount[] {
  const counts = new Map<string, StateCount>();
  for (const r of rows) {
    const entry = counts.get(r.state);
    if (entry) entry.count += 1;
    else counts.set(r.state, { state: r.state, label: r.stateLabel, category: r.category, count: 1 });
  }
  const order: StateCategory[] = ['new', 'active', 'waiting', 'resolved', 'closed', 'cancelled'];
  return [...counts.values()].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || a.label.localeCompare(b.label));
}

const compareText = (a: string, b: string): number => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a.localeCompare(b));

function compareBy(key: SortKey): (a: QueueRow, b: QueueRow) => number {
  switch (key) {
    case 'default':
      // Open first, most urgent first, newest first: what an agent works through.
      return (a, b) => Number(!isOpenCategory(a.category)) - Number(!isOpenCategory(b.category)) || a.priority - b.priority || b.openedAt.localeCompare(a.openedAt);
    case 'number':
      return (a, b) => compareText(a.number, b.number);
    case 'shortDescription':
      return (a, b) => compareText(a.shortDescription, b.shortDescription);
    case 'state':
      return (a, b) => compareText(a.stateLabel, b.stateLabel);
    case 'priority':
      return (a, b) => a.priority - b.priority;
    case 'caseType':
      return (a, b) => compareText(a.caseTypeName, b.caseTypeName);
    case 'group':
      return (a, b) => compareText(a.groupName, b.groupName);
    case 'assignee':
      return (a, b) => compareText(a.assigneeName, b.assigneeName);
    case 'age':
      // Ascending age: the youngest first.
      return (a, b) => b.openedAt.localeCompare(a.openedAt);
    case 'sla':
      // Ascending SLA: the soonest due first; cases without a running clock last.
      return (a, b) => (a.slaDueAt === b.slaDueAt ? slaRank[a.sla] - slaRank[b.sla] : a.slaDueAt === null ? 1 : b.slaDueAt === null ? -1 : a.slaDueAt.localeCompare(b.slaDueAt));
    default: {
      const exhaustive: never = key;
      return exhaustive;
    }
  }
}

/** A sorted copy; ties keep a stable order by number, so the list never jumps between reloads. */
export function sortRows(rows: readonly QueueRow[], sort: QueueSort): QueueRow[] {
  const compare = compareBy(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || compareText(a.number, b.number) || a.id.localeCompare(b.id));
}

export type SavedFilter = { name: string; filter: QueueFilter; sort: QueueSort };

/** Reads saved filters kept as JSON, dropping anything that is not one (a hand-edited profile). */
export function parseSavedFilters(json: string | null): SavedFilter[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const { name, filter, sort } = item as Record<string, unknown>;
      if (typeof name !== 'string' || name.trim() === '' || typeof filter !== 'object' || filter === null || typeof sort !== 'object' || sort === null) return [];
      const s = sort as Record<string, unknown>;
      const key = sortKeys.find((k) => k === s.key) ?? 'default';
      return [{ name, filter: { ...emptyFilter, ...(filter as Partial<QueueFilter>) }, sort: { key, direction: s.direction === 'desc' ? 'desc' : 'asc' } }];
    });
  } catch {
    return [];
  }
}
