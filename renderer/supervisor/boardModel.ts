/**
 * What the team board shows, as pure functions over rows already read from the cache: each agent's
 * load, SLA risk, age bands, backlog counts, who to suggest for a reassignment and what became of
 * a bulk reassignment. The board component only loads records and renders what these return.
 */
import type { Priority } from '../../shared/domain/vocab';
import type { CaseSla } from '../../shared/domain/sla';
import { caseSlaState, type QueueRow, type SlaState } from '../cases/queueModel';

/**
 * An open case's weight in an agent's load, by priority: a critical case (P1) weighs as much as
 * four low ones (P4). Load = the sum of the weights of the agent's open cases.
 */
export const loadWeights = { 1: 4, 2: 3, 3: 2, 4: 1 } as const satisfies Record<Priority, number>;

export function caseWeight(priority: number): number {
  return priority === 1 || priority === 2 || priority === 3 || priority === 4 ? loadWeights[priority] : loadWeights[4];
}

export function loadOf(cases: readonly { priority: number }[]): number {
  return cases.reduce((sum, c) => sum + caseWeight(c.priority), 0);
}

type Clock = Pick<CaseSla, 'startedAt' | 'dueAt' | 'hasBreached' | 'state'>;

/**
 * How an open case stands against its SLA on the board: breached when any clock breached; at risk
 * when a running clock has a quarter or less of its time left (shared/domain/sla.ts). Paused
 * clocks do not count down, so they put nothing at risk; completed ones count only when missed.
 */
export function boardSla(clocks: readonly Clock[] | undefined, now: string): { sla: SlaState; dueAt: string | null } {
  return caseSlaState(boardClocks(clocks ?? []), now);
}

/** The clocks the board judges a case by: running ones, and any that breached. */
export function boardClocks<T extends Clock>(clocks: readonly T[]): T[] {
  return clocks.filter((c) => c.state === 'in_progress' || c.hasBreached);
}

export const boardAgeBands = ['underDay', 'days1to3', 'days3to7', 'days7to30', 'over30'] as const;
export type BoardAgeBand = (typeof boardAgeBands)[number];

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** The age band of a case opened at `openedAt`: under a day, 1–3 days, 3–7, 7–30, over 30 days. */
export function ageBand(openedAt: string, now: string): BoardAgeBand {
  const age = Date.parse(now) - Date.parse(openedAt);
  if (age < dayMs) return 'underDay';
  if (age < 3 * dayMs) return 'days1to3';
  if (age < 7 * dayMs) return 'days3to7';
  if (age < 30 * dayMs) return 'days7to30';
  return 'over30';
}

export function countAgeBands(rows: readonly Pick<QueueRow, 'openedAt'>[], now: string): { band: BoardAgeBand; count: number }[] {
  const counts = new Map<BoardAgeBand, number>(boardAgeBands.map((b) => [b, 0]));
  for (const r of rows) {
    const band = ageBand(r.openedAt, now);
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return boardAgeBands.map((band) => ({ band, count: counts.get(band) ?? 0 }));
}

/**
 * How many cases' SLAs come due in each of the next `hours` hours (hour 0: within the hour), among
 * cases not breached yet, by the earliest due time of their running clocks.
 */
export function dueByHour(rows: readonly Pick<QueueRow, 'sla' | 'slaDueAt'>[], now: string, hours: number): { hour: number; from: string; count: number }[] {
  const start = Date.parse(now);
  const buckets = Array.from({ length: hours }, (_, hour) => ({ hour, from: new Date(start + hour * hourMs).toISOString(), count: 0 }));
  for (const r of rows) {
    if (r.slaDueAt === null || (r.sla !== 'ok' && r.sla !== 'at_risk')) continue;
    const hour = Math.floor((Date.parse(r.slaDueAt) - start) / hourMs);
    const bucket = buckets[hour];
    if (hour >= 0 && bucket) bucket.count += 1;
  }
  return buckets;
}

export type Availability = 'available' | 'away' | 'offline';
const availabilityRank: Record<Availability, number> = { available: 0, away: 1, offline: 2 };

export type Agent = { id: string; name: string; availability: Availability; skillIds: readonly string[]; load: number; openCount: number };

export type AgentBacklog = { id: string | null; name: string; count: number; load: number };

/** The group's open cases per agent (every agent, even with none), then the unassigned ones. */
export function backlogByAgent(rows: readonly Pick<QueueRow, 'assignedToId' | 'priority'>[], agents: readonly Pick<Agent, 'id' | 'name'>[], unassignedName: string): AgentBacklog[] {
  const byAgent = new Map<string | null, { priority: number }[]>();
  for (const r of rows) byAgent.set(r.assignedToId, [...(byAgent.get(r.assignedToId) ?? []), r]);
  const known = new Set(agents.map((a) => a.id));
  const lines: AgentBacklog[] = agents.map((a) => ({ id: a.id, name: a.name, count: byAgent.get(a.id)?.length ?? 0, load: loadOf(byAgent.get(a.id) ?? []) }));
  // Someone outside the group's agents holding one of its cases still shows, by name unknown.
  for (const [id, cases] of byAgent) if (id !== null && !known.has(id)) lines.push({ id, name: id, count: cases.length, load: loadOf(cases) });
  const unassigned = byAgent.get(null) ?? [];
  return [...lines, { id: null, name: unassignedName, count: unassigned.length, load: loadOf(unassigned) }];
}

export type Candidate = {
  agent: Agent;
  /** The required skills of the cases' types that the agent has (skill ids, each once). */
  matchedSkillIds: string[];
  /** The distinct skills the cases' types require. */
  requiredSkillIds: string[];
  /** 0–1: the share of each case's required skills the agent has, averaged over the cases that require any. */
  share: number;
};

/**
 * Who should take these cases: the agent whose skills cover the case types' required skills best,
 * then the available before the away before the offline, then the lowest load, then by name.
 * Cases whose type requires no skill do not separate anyone.
 */
export function rankCandidates(cases: readonly { caseTypeId: string }[], agents: readonly Agent[], skillsByType: ReadonlyMap<string, readonly string[]>): Candidate[] {
  const needing = cases.map((c) => skillsByType.get(c.caseTypeId) ?? []).filter((skills) => skills.length > 0);
  const required = [...new Set(needing.flat())];
  const candidates = agents.map((agent) => {
    const has = new Set(agent.skillIds);
    const share = needing.length === 0 ? 1 : needing.reduce((sum, skills) => sum + skills.filter((s) => has.has(s)).length / skills.length, 0) / needing.length;
    return { agent, matchedSkillIds: required.filter((s) => has.has(s)), requiredSkillIds: required, share };
  });
  return candidates.sort(
    (a, b) => b.share - a.share || availabilityRank[a.agent.availability] - availabilityRank[b.agent.availability] || a.agent.load - b.agent.load || a.agent.name.localeCompare(b.agent.name) || a.agent.id.localeCompare(b.agent.id),
  );
}

/**
 * One bulk reassignment as this device made it: where the cases went, and for each case the id of
 * the last `case.assign` mutation queued for it in this batch (a retry replaces it).
 */
export type Batch = {
  id: string;
  at: string;
  target: Target;
  reason: string | null;
  cases: Record<string, number>;
};

export type Target = { assignmentGroupId: string | null; assignedToId: string | null };

/** A refused `case.assign`, from the sync issues list: the case, where it was to go, and why not. */
export type RefusalIssue = { id: number; mutationId: number; code: string; message: string; isDismissed: 0 | 1; caseId: string; batchId: string | null; target: Target; reason: string | null };

export type Refused = { caseId: string; mutationId: number; issueId: number; code: string; message: string; target: Target; reason: string | null };

export type BatchOutcome = {
  batchId: string;
  total: number;
  moved: number;
  waiting: number;
  /** Refused by the store and not yet retried or discarded. */
  refused: Refused[];
  discarded: number;
};

/**
 * What became of each case of a batch, judged by its last mutation: still in the outbox as pending
 * (waiting), refused by the store (refused, or discarded once its issue is dismissed), else moved
 * (applied: answered by the store, or already gone from the outbox).
 */
export function batchOutcome(batch: Batch, pendingMutationIds: ReadonlySet<number>, issues: readonly RefusalIssue[]): BatchOutcome {
  const byMutation = new Map(issues.map((i) => [i.mutationId, i]));
  const outcome: BatchOutcome = { batchId: batch.id, total: 0, moved: 0, waiting: 0, refused: [], discarded: 0 };
  for (const [caseId, mutationId] of Object.entries(batch.cases)) {
    outcome.total += 1;
    const issue = byMutation.get(mutationId);
    if (pendingMutationIds.has(mutationId)) outcome.waiting += 1;
    else if (!issue) outcome.moved += 1;
    else if (issue.isDismissed === 1) outcome.discarded += 1;
    else outcome.refused.push({ caseId, mutationId, issueId: issue.id, code: issue.code, message: issue.message, target: issue.target, reason: issue.reason });
  }
  return outcome;
}

/**
 * The outcome reports, newest batch first: the batches this device recorded, and any batch known
 * only from refusals (its record lost with the browser's storage), reported from those alone.
 */
export function batchReports(batches: readonly Batch[], pendingMutationIds: ReadonlySet<number>, issues: readonly RefusalIssue[]): BatchOutcome[] {
  const known = new Set(batches.map((b) => b.id));
  const orphans = new Map<string, Batch>();
  for (const issue of issues) {
    if (issue.batchId === null || known.has(issue.batchId) || issue.isDismissed === 1) continue;
    const batch = orphans.get(issue.batchId) ?? { id: issue.batchId, at: '', target: issue.target, reason: issue.reason, cases: {} };
    batch.cases[issue.caseId] = Math.max(issue.mutationId, batch.cases[issue.caseId] ?? 0);
    orphans.set(issue.batchId, batch);
  }
  return [...[...batches].sort((a, b) => b.at.localeCompare(a.at)), ...orphans.values()].map((b) => batchOutcome(b, pendingMutationIds, issues));
}

/**
 * Shift-click: everything between the last row clicked (the anchor) and this one, in the list's
 * order, is added to the selection. Without an anchor in the list, just this row is toggled.
 */
export function selectRange(order: readonly string[], anchor: string | null, target: string, selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(target);
  if (from < 0 || to < 0) {
    if (next.has(target)) next.delete(target);
    else next.add(target);
    return next;
  }
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
    const id = order[i];
    if (id !== undefined) next.add(id);
  }
  return next;
}
