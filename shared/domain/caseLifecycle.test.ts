import { describe, expect, it } from 'vitest';
import { applyTransition, availableActions, csmLifecycle, isReadOnlyState, lifecycleSchema, publicServiceLifecycle, type Lifecycle } from './caseLifecycle';

const now = '2026-11-20T10:00:00.000Z';
const none = { resolutionCode: null, resolutionNotes: null };
const resolution = { resolutionCode: 'Supply restored', resolutionNotes: 'Crew replaced the valve.' };

function walk(lc: Lifecycle, actions: string[], start = lc.initial): string {
  let state = start;
  let closedAt: string | null = null;
  for (const action of actions) {
    const out = applyTransition(lc, { state, closedAt, openTaskCount: 0 }, action, resolution, now);
    if (!out.ok) throw new Error(`${action} from ${state}: ${out.message}`);
    state = out.state;
    if (out.changes.closedAt !== undefined) closedAt = out.changes.closedAt;
  }
  return state;
}

describe('CSM case life cycle', () => {
  it('runs new → in progress → awaiting info → in progress → resolved → closed', () => {
    expect(walk(csmLifecycle, ['start', 'request_info', 'resume', 'resolve', 'accept_solution'])).toBe('closed');
  });

  it('sends a rejected solution back to in progress and clears the resolution', () => {
    const out = applyTransition(csmLifecycle, { state: 'resolved', closedAt: null, openTaskCount: 0 }, 'reject_solution', none, now);
    expect(out).toEqual({ ok: true, state: 'in_progress', changes: { resolvedAt: null, closedAt: null, resolutionCode: null, resolutionNotes: null } });
  });

  it('requires a resolution code and notes to propose a solution', () => {
    const noCode = applyTransition(csmLifecycle, { state: 'in_progress', closedAt: null, openTaskCount: 0 }, 'resolve', none, now);
    expect(noCode).toMatchObject({ ok: false, code: 'resolution_required', path: 'resolutionCode' });
    const noNotes = applyTransition(csmLifecycle, { state: 'in_progress', closedAt: null, openTaskCount: 0 }, 'resolve', { resolutionCode: 'x', resolutionNotes: null }, now);
    expect(noNotes).toMatchObject({ ok: false, path: 'resolutionNotes' });
    const ok = applyTransition(csmLifecycle, { state: 'in_progress', closedAt: null, openTaskCount: 0 }, 'resolve', resolution, now);
    expect(ok).toEqual({ ok: true, state: 'resolved', changes: { resolvedAt: now, ...resolution } });
  });

  it('refuses actions the current state does not allow, and lists the allowed ones', () => {
    const out = applyTransition(csmLifecycle, { state: 'new', closedAt: null, openTaskCount: 0 }, 'accept_solution', none, now);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.code).toBe('transition_not_allowed');
      expect(out.message).toContain('start');
    }
  });

  it('cancels from any open state and treats closed and cancelled as read-only', () => {
    for (const state of ['new', 'in_progress', 'awaiting_info']) {
      expect(walk(csmLifecycle, ['cancel'], state)).toBe('cancelled');
    }
    expect(isReadOnlyState(csmLifecycle, 'closed')).toBe(true);
    expect(isReadOnlyState(csmLifecycle, 'cancelled')).toBe(true);
    expect(isReadOnlyState(csmLifecycle, 'resolved')).toBe(false);
    expect(availableActions(csmLifecycle, { state: 'cancelled', closedAt: now, openTaskCount: 0 }, now)).toEqual([]);
  });

  it('reopens a closed case only within the reopen window', () => {
    const closedAt = '2026-11-10T10:00:00.000Z';
    const inside = applyTransition(csmLifecycle, { state: 'closed', closedAt, openTaskCount: 0 }, 'reopen', none, now);
    expect(inside).toMatchObject({ ok: true, state: 'in_progress' });
    const later = '2026-11-30T10:00:00.000Z';
    const outside = applyTransition(csmLifecycle, { state: 'closed', closedAt, openTaskCount: 0 }, 'reopen', none, later);
    expect(outside).toMatchObject({ ok: false, code: 'reopen_window_passed' });
    expect(availableActions(csmLifecycle, { state: 'closed', closedAt, openTaskCount: 0 }, later).map((t) => t.action)).not.toContain('reopen');
  });
});

describe('public-service case life cycle', () => {
  it('moves through intake, review, process and decision stages', () => {
    expect(walk(publicServiceLifecycle, ['start', 'request_inspection', 'start_work', 'assign_work', 'work_done', 'move_to_decision', 'resolve', 'accept_solution'])).toBe('closed_complete');
  });

  it('needs every task closed before a solution is proposed', () => {
    const out = applyTransition(publicServiceLifecycle, { state: 'ready_for_decision', closedAt: null, openTaskCount: 2 }, 'resolve', resolution, now);
    expect(out).toMatchObject({ ok: false, code: 'open_tasks', path: 'tasks' });
  });

  it('sends a duplicate straight to the decision', () => {
    const out = applyTransition(publicServiceLifecycle, { state: 'new', closedAt: null, openTaskCount: 0 }, 'mark_duplicate', { resolutionCode: 'Void/Cancelled, Duplicate Issue', resolutionNotes: 'Same as PSC0000012' }, now);
    expect(out).toMatchObject({ ok: true, state: 'resolved' });
  });
});

describe('life-cycle configuration', () => {
  it('is configurable per case type and validated', () => {
    const custom = lifecycleSchema.parse({
      initial: 'draft',
      reopenWindowDays: 0,
      states: [
        { key: 'draft', label: 'Draft', category: 'new' },
        { key: 'done', label: 'Done', category: 'closed' },
      ],
      transitions: [{ action: 'finish', label: 'Finish', from: ['draft'], to: 'done' }],
    });
    expect(walk(custom, ['finish'])).toBe('done');
  });

  it('rejects transitions that name unknown states, with the path of the bad field', () => {
    const result = lifecycleSchema.safeParse({
      initial: 'nope',
      reopenWindowDays: 1,
      states: [
        { key: 'a', label: 'A', category: 'new' },
        { key: 'b', label: 'B', category: 'closed' },
      ],
      transitions: [{ action: 'go', label: 'Go', from: ['a', 'x'], to: 'c' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['initial', 'transitions.0.from.1', 'transitions.0.to']));
  });
});
