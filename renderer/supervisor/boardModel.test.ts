import { describe, expect, it } from 'vitest';
import { ageBand, backlogByAgent, batchOutcome, batchReports, boardSla, caseWeight, countAgeBands, dueByHour, loadOf, rankCandidates, selectRange, type Agent, type Batch, type RefusalIssue } from './boardModel';

const now = '2026-11-20T12:00:00.000Z';
const hoursFromNow = (h: number): string => new Date(Date.parse(now) + h * 3_600_000).toISOString();

describe('load', () => {
  it('weighs open cases by priority: P1 4, P2 3, P3 2, P4 1', () => {
    expect([1, 2, 3, 4].map(caseWeight)).toEqual([4, 3, 2, 1]);
    expect(loadOf([{ priority: 1 }, { priority: 1 }, { priority: 3 }, { priority: 4 }])).toBe(11);
    expect(loadOf([])).toBe(0);
  });

  it('counts the backlog per agent, agents with nothing included, then the unassigned', () => {
    const agents = [
      { id: 'a', name: 'Ana' },
      { id: 'b', name: 'Ben' },
    ];
    const rows = [
      { assignedToId: 'a', priority: 1 },
      { assignedToId: 'a', priority: 4 },
      { assignedToId: null, priority: 2 },
      { assignedToId: 'x', priority: 3 },
    ];
    expect(backlogByAgent(rows, agents, 'Unassigned')).toEqual([
      { id: 'a', name: 'Ana', count: 2, load: 5 },
      { id: 'b', name: 'Ben', count: 0, load: 0 },
      { id: 'x', name: 'x', count: 1, load: 2 },
      { id: null, name: 'Unassigned', count: 1, load: 3 },
    ]);
  });
});

describe('SLA risk', () => {
  const clock = (startedAt: string, dueAt: string, state: 'in_progress' | 'paused' | 'completed' = 'in_progress', hasBreached = false) => ({ startedAt, dueAt, state, hasBreached });

  it('is at risk with a quarter or less of a running clock left, not before', () => {
    // 8 hours allowed: 2 hours left is a quarter.
    expect(boardSla([clock(hoursFromNow(-6), hoursFromNow(2))], now)).toEqual({ sla: 'at_risk', dueAt: hoursFromNow(2) });
    expect(boardSla([clock(hoursFromNow(-5), hoursFromNow(3))], now).sla).toBe('ok');
  });

  it('is breached when a clock ran out or was missed, even once completed', () => {
    expect(boardSla([clock(hoursFromNow(-6), hoursFromNow(-1))], now).sla).toBe('breached');
    expect(boardSla([clock(hoursFromNow(-6), hoursFromNow(-1), 'completed', true), clock(hoursFromNow(-1), hoursFromNow(10))], now).sla).toBe('breached');
  });

  it('puts nothing at risk with a paused clock, and none without clocks', () => {
    expect(boardSla([clock(hoursFromNow(-6), hoursFromNow(1), 'paused')], now)).toEqual({ sla: 'none', dueAt: null });
    expect(boardSla(undefined, now)).toEqual({ sla: 'none', dueAt: null });
  });

  it('buckets the SLAs not yet breached by the hour they come due', () => {
    const rows = [
      { sla: 'at_risk' as const, slaDueAt: hoursFromNow(0.5) },
      { sla: 'ok' as const, slaDueAt: hoursFromNow(0.9) },
      { sla: 'ok' as const, slaDueAt: hoursFromNow(7.5) },
      { sla: 'ok' as const, slaDueAt: hoursFromNow(8) },
      { sla: 'breached' as const, slaDueAt: hoursFromNow(1.5) },
      { sla: 'none' as const, slaDueAt: null },
    ];
    const buckets = dueByHour(rows, now, 8);
    expect(buckets.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 0, 0, 1]);
    expect(buckets[1]?.from).toBe(hoursFromNow(1));
  });
});

describe('aging', () => {
  it('bands open cases by age at the band edges', () => {
    expect(ageBand(hoursFromNow(-23), now)).toBe('underDay');
    expect(ageBand(hoursFromNow(-24), now)).toBe('days1to3');
    expect(ageBand(hoursFromNow(-72), now)).toBe('days3to7');
    expect(ageBand(hoursFromNow(-24 * 7), now)).toBe('days7to30');
    expect(ageBand(hoursFromNow(-24 * 30), now)).toBe('over30');
  });

  it('counts every band, empty ones at 0, in order', () => {
    const rows = [hoursFromNow(-1), hoursFromNow(-2), hoursFromNow(-24 * 40)].map((openedAt) => ({ openedAt }));
    expect(countAgeBands(rows, now)).toEqual([
      { band: 'underDay', count: 2 },
      { band: 'days1to3', count: 0 },
      { band: 'days3to7', count: 0 },
      { band: 'days7to30', count: 0 },
      { band: 'over30', count: 1 },
    ]);
  });
});

describe('the suggested agent', () => {
  const agent = (id: string, skillIds: string[], availability: Agent['availability'], load: number): Agent => ({ id, name: id.toUpperCase(), availability, skillIds, load, openCount: load });
  const skillsByType = new Map([
    ['pothole', ['roads']],
    ['permit', ['code', 'roads']],
    ['info', []],
  ]);

  it('ranks by skill match first, then availability, then load', () => {
    const agents = [agent('busy', ['roads'], 'available', 9), agent('idle', ['roads'], 'available', 2), agent('away', ['roads'], 'away', 0), agent('none', [], 'available', 0)];
    const ranked = rankCandidates([{ caseTypeId: 'pothole' }], agents, skillsByType);
    expect(ranked.map((c) => c.agent.id)).toEqual(['idle', 'busy', 'away', 'none']);
    expect(ranked[0]).toMatchObject({ matchedSkillIds: ['roads'], requiredSkillIds: ['roads'], share: 1 });
    expect(ranked[3]).toMatchObject({ matchedSkillIds: [], share: 0 });
  });

  it('averages the share over the cases that require skills; others do not separate anyone', () => {
    const agents = [agent('roadsOnly', ['roads'], 'available', 0), agent('both', ['roads', 'code'], 'offline', 5)];
    const ranked = rankCandidates([{ caseTypeId: 'pothole' }, { caseTypeId: 'permit' }, { caseTypeId: 'info' }], agents, skillsByType);
    expect(ranked.map((c) => [c.agent.id, c.share])).toEqual([
      ['both', 1],
      ['roadsOnly', 0.75],
    ]);
    const noSkills = rankCandidates([{ caseTypeId: 'info' }], agents, skillsByType);
    expect(noSkills.map((c) => c.agent.id)).toEqual(['roadsOnly', 'both']);
    expect(noSkills[0]?.requiredSkillIds).toEqual([]);
  });
});

describe('outcome of a bulk reassignment', () => {
  const batch: Batch = { id: 'b1', at: '2026-11-20T10:00:00.000Z', target: { assignmentGroupId: 'g', assignedToId: 'u' }, reason: null, cases: { c1: 1, c2: 2, c3: 3, c4: 4 } };
  const issue = (id: number, mutationId: number, caseId: string, isDismissed: 0 | 1 = 0, batchId: string | null = 'b1'): RefusalIssue => ({ id, mutationId, code: 'case_not_open', message: 'closed', isDismissed, caseId, batchId, target: batch.target, reason: null });

  it('counts moved, waiting, refused and discarded by each case’s last mutation', () => {
    const outcome = batchOutcome(batch, new Set([4]), [issue(10, 2, 'c2'), issue(11, 3, 'c3', 1)]);
    expect(outcome).toEqual({ batchId: 'b1', total: 4, moved: 1, waiting: 1, refused: [{ caseId: 'c2', mutationId: 2, issueId: 10, code: 'case_not_open', message: 'closed', target: batch.target, reason: null }], discarded: 1 });
  });

  it('a retry replaces the refused mutation: waiting, then moved once answered', () => {
    const retried: Batch = { ...batch, cases: { ...batch.cases, c2: 9 } };
    const issues = [issue(10, 2, 'c2', 1)];
    expect(batchOutcome(retried, new Set([9]), issues)).toMatchObject({ moved: 3, waiting: 1, refused: [], discarded: 0 });
    expect(batchOutcome(retried, new Set(), issues)).toMatchObject({ moved: 4, waiting: 0, refused: [], discarded: 0 });
  });

  it('reports newest batches first, and batches known only from their refusals', () => {
    const older: Batch = { ...batch, id: 'b0', at: '2026-11-19T10:00:00.000Z', cases: { c9: 20 } };
    const reports = batchReports([older, batch], new Set(), [issue(12, 30, 'c7', 0, 'lost'), issue(13, 31, 'c8', 1, 'lost2'), issue(14, 32, 'c6', 0, null)]);
    expect(reports.map((r) => [r.batchId, r.total, r.moved, r.refused.length])).toEqual([
      ['b1', 4, 4, 0],
      ['b0', 1, 1, 0],
      ['lost', 1, 0, 1],
    ]);
  });
});

describe('selecting a range', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('adds every row between the anchor and the row shift-clicked, either direction', () => {
    expect([...selectRange(order, 'b', 'd', new Set(['a']))].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...selectRange(order, 'e', 'c', new Set())].sort()).toEqual(['c', 'd', 'e']);
  });
  it('toggles the one row when there is no anchor in the list', () => {
    expect([...selectRange(order, null, 'c', new Set(['a']))].sort()).toEqual(['a', 'c']);
    expect([...selectRange(order, 'gone', 'a', new Set(['a']))]).toEqual([]);
  });
});
