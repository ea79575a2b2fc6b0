/**
 * The case life cycle as a configurable state machine. Each case type carries its own states and
 * transitions (a CSM case and a public-service case differ), and every rule here is pure: the
 * caller passes `now`, and gets back either the new state with the fields it sets, or why not.
 */
import { z } from 'zod';

/** What a state means to generic code (queues, SLAs, read-only checks), whatever it is called. */
export const stateCategories = ['new', 'active', 'waiting', 'resolved', 'closed', 'cancelled'] as const;
export type StateCategory = (typeof stateCategories)[number];

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be a lowercase key like in_progress' });

export const lifecycleStateSchema = z.strictObject({
  key,
  label: z.string().min(1).max(80),
  category: z.enum(stateCategories),
  /** Public-service cases group statuses into stages (Intake, Review, Process, Decision). */
  stage: z.string().min(1).max(40).nullable().default(null),
});
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;

export const transitionSchema = z.strictObject({
  action: key,
  label: z.string().min(1).max(80),
  from: z.array(key).min(1),
  to: key,
  /** Resolution code and notes must accompany the action (propose solution, close). */
  requiresResolution: z.boolean().default(false),
  /** Every task of the case must be closed first (PSDS: before a solution is proposed). */
  requiresTasksClosed: z.boolean().default(false),
  /** Allowed only within the life cycle's reopen window after the case was closed. */
  withinReopenWindow: z.boolean().default(false),
});
export type Transition = z.infer<typeof transitionSchema>;

export const lifecycleSchema = z
  .strictObject({
    initial: key,
    states: z.array(lifecycleStateSchema).min(2),
    transitions: z.array(transitionSchema).min(1),
    reopenWindowDays: z.number().int().min(0).max(365),
  })
  .superRefine((lc, ctx) => {
    const keys = new Set(lc.states.map((s) => s.key));
    if (keys.size !== lc.states.length) ctx.addIssue({ code: 'custom', path: ['states'], message: 'state keys must be unique' });
    if (!keys.has(lc.initial)) ctx.addIssue({ code: 'custom', path: ['initial'], message: `"${lc.initial}" is not one of the states` });
    lc.transitions.forEach((t, i) => {
      t.from.forEach((f, j) => {
        if (!keys.has(f)) ctx.addIssue({ code: 'custom', path: ['transitions', i, 'from', j], message: `"${f}" is not one of the states` });
      });
      if (!keys.has(t.to)) ctx.addIssue({ code: 'custom', path: ['transitions', i, 'to'], message: `"${t.to}" is not one of the states` });
    });
    const seen = new Set<string>();
    lc.transitions.forEach((t, i) => {
      for (const f of t.from) {
        const pair = `${t.action}:${f}`;
        if (seen.has(pair)) ctx.addIssue({ code: 'custom', path: ['transitions', i], message: `action "${t.action}" is defined twice from "${f}"` });
        seen.add(pair);
      }
    });
  });
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** What the machine needs to know about a case. */
export type LifecycleCase = {
  state: string;
  closedAt: string | null;
  openTaskCount: number;
};

export type TransitionInput = {
  resolutionCode: string | null;
  resolutionNotes: string | null;
};

export type TransitionOutcome =
  | {
      ok: true;
      state: string;
      /** Fields the transition sets on the case besides `state`. */
      changes: { resolvedAt?: string | null; closedAt?: string | null; resolutionCode?: string | null; resolutionNotes?: string | null };
    }
  | { ok: false; code: TransitionErrorCode; message: string; path: string };

export const transitionErrorCodes = {
  unknownState: 'unknown_state',
  notAllowed: 'transition_not_allowed',
  resolutionRequired: 'resolution_required',
  openTasks: 'open_tasks',
  reopenWindowPassed: 'reopen_window_passed',
} as const;
export type TransitionErrorCode = (typeof transitionErrorCodes)[keyof typeof transitionErrorCodes];

export function stateOf(lc: Lifecycle, stateKey: string): LifecycleState | undefined {
  return lc.states.find((s) => s.key === stateKey);
}

/** Closed and cancelled cases cannot be edited. */
export function isReadOnlyState(lc: Lifecycle, stateKey: string): boolean {
  const category = stateOf(lc, stateKey)?.category;
  return category === 'closed' || category === 'cancelled';
}

export function isOpenState(lc: Lifecycle, stateKey: string): boolean {
  const category = stateOf(lc, stateKey)?.category;
  return category === 'new' || category === 'active' || category === 'waiting';
}

const dayMs = 86_400_000;

function withinWindow(lc: Lifecycle, closedAt: string | null, now: string): boolean {
  if (closedAt === null) return false;
  return Date.parse(now) - Date.parse(closedAt) <= lc.reopenWindowDays * dayMs;
}

/** Actions offered for a case right now (guards that need input, like resolution, are not checked). */
export function availableActions(lc: Lifecycle, c: LifecycleCase, now: string): Transition[] {
  return lc.transitions.filter(
    (t) => t.from.includes(c.state) && (!t.withinReopenWindow || withinWindow(lc, c.closedAt, now)),
  );
}

export function applyTransition(lc: Lifecycle, c: LifecycleCase, action: string, input: TransitionInput, now: string): TransitionOutcome {
  const current = stateOf(lc, c.state);
  if (!current) {
    return { ok: false, code: transitionErrorCodes.unknownState, path: 'state', message: `the case is in "${c.state}", which its case type does not define` };
  }
  const t = lc.transitions.find((candidate) => candidate.action === action && candidate.from.includes(c.state));
  if (!t) {
    const allowed = availableActions(lc, c, now).map((a) => a.action);
    return {
      ok: false,
      code: transitionErrorCodes.notAllowed,
      path: 'action',
      message: `"${action}" is not allowed from "${current.label}"; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
    };
  }
  if (t.requiresResolution) {
    if (!input.resolutionCode) return { ok: false, code: transitionErrorCodes.resolutionRequired, path: 'resolutionCode', message: 'a resolution code is required' };
    if (!input.resolutionNotes) return { ok: false, code: transitionErrorCodes.resolutionRequired, path: 'resolutionNotes', message: 'resolution notes are required' };
  }
  if (t.requiresTasksClosed && c.openTaskCount > 0) {
    return { ok: false, code: transitionErrorCodes.openTasks, path: 'tasks', message: `${c.openTaskCount} task(s) must be closed first` };
  }
  if (t.withinReopenWindow && !withinWindow(lc, c.closedAt, now)) {
    return { ok: false, code: transitionErrorCodes.reopenWindowPassed, path: 'action', message: `a case can be reopened only within ${lc.reopenWindowDays} days of closing` };
  }
  const target = stateOf(lc, t.to);
  if (!target) return { ok: false, code: transitionErrorCodes.unknownState, path: 'to', message: `"${t.to}" is not defined` };
  return { ok: true, state: t.to, changes: changesFor(current.category, target.category, input, now) };
}

function changesFor(from: StateCategory, to: StateCategory, input: TransitionInput, now: string): Extract<TransitionOutcome, { ok: true }>['changes'] {
  switch (to) {
    case 'resolved':
      return { resolvedAt: now, resolutionCode: input.resolutionCode, resolutionNotes: input.resolutionNotes };
    case 'closed':
    case 'cancelled': {
      const resolution = input.resolutionCode ? { resolutionCode: input.resolutionCode, resolutionNotes: input.resolutionNotes } : {};
      return from === 'resolved' ? { closedAt: now, ...resolution } : { closedAt: now, resolvedAt: now, ...resolution };
    }
    case 'new':
    case 'active':
    case 'waiting':
      // Leaving resolved or closed (reject solution, reopen) clears the resolution.
      return from === 'resolved' || from === 'closed' || from === 'cancelled'
        ? { resolvedAt: null, closedAt: null, resolutionCode: null, resolutionNotes: null }
        : {};
    default: {
      const exhaustive: never = to;
      return exhaustive;
    }
  }
}

/** The customer-service (CSM) life cycle: new → in progress ⇄ awaiting info → resolved → closed. */
export const csmLifecycle: Lifecycle = lifecycleSchema.parse({
  initial: 'new',
  reopenWindowDays: 14,
  states: [
    { key: 'new', label: 'New', category: 'new' },
    { key: 'in_progress', label: 'In Progress', category: 'active' },
    { key: 'awaiting_info', label: 'Awaiting Info', category: 'waiting' },
    { key: 'resolved', label: 'Resolved', category: 'resolved' },
    { key: 'closed', label: 'Closed', category: 'closed' },
    { key: 'cancelled', label: 'Cancelled', category: 'cancelled' },
  ],
  transitions: [
    { action: 'start', label: 'Accept', from: ['new'], to: 'in_progress' },
    { action: 'request_info', label: 'Request info', from: ['new', 'in_progress'], to: 'awaiting_info' },
    { action: 'resume', label: 'Info received', from: ['awaiting_info'], to: 'in_progress' },
    { action: 'resolve', label: 'Propose solution', from: ['in_progress', 'awaiting_info'], to: 'resolved', requiresResolution: true },
    { action: 'accept_solution', label: 'Accept solution', from: ['resolved'], to: 'closed' },
    { action: 'reject_solution', label: 'Reject solution', from: ['resolved'], to: 'in_progress' },
    { action: 'close', label: 'Close case', from: ['new', 'in_progress', 'awaiting_info'], to: 'closed', requiresResolution: true },
    { action: 'cancel', label: 'Cancel', from: ['new', 'in_progress', 'awaiting_info'], to: 'cancelled' },
    { action: 'reopen', label: 'Reopen', from: ['closed'], to: 'in_progress', withinReopenWindow: true },
  ],
});

/** The public-service (PSDS) life cycle: a status within a stage; tasks closed before a solution. */
export const publicServiceLifecycle: Lifecycle = lifecycleSchema.parse({
  initial: 'new',
  reopenWindowDays: 30,
  states: [
    { key: 'new', label: 'New', category: 'new', stage: 'intake' },
    { key: 'open', label: 'Open', category: 'active', stage: 'review' },
    { key: 'awaiting_info', label: 'Awaiting Info', category: 'waiting', stage: 'review' },
    { key: 'inspection_in_progress', label: 'Inspection in Progress', category: 'active', stage: 'review' },
    { key: 'work_in_progress', label: 'Work in Progress', category: 'active', stage: 'process' },
    { key: 'work_assignment_in_progress', label: 'Work Assignment in Progress', category: 'active', stage: 'process' },
    { key: 'ready_for_decision', label: 'Ready for Decision', category: 'active', stage: 'decision' },
    { key: 'resolved', label: 'Resolved', category: 'resolved', stage: 'decision' },
    { key: 'closed_complete', label: 'Closed Complete', category: 'closed', stage: 'decision' },
    { key: 'cancelled', label: 'Cancelled', category: 'cancelled', stage: 'decision' },
  ],
  transitions: [
    { action: 'start', label: 'Accept', from: ['new'], to: 'open' },
    { action: 'request_info', label: 'Request info', from: ['open', 'inspection_in_progress', 'work_in_progress'], to: 'awaiting_info' },
    { action: 'resume', label: 'Info received', from: ['awaiting_info'], to: 'open' },
    { action: 'request_inspection', label: 'Request inspection', from: ['open'], to: 'inspection_in_progress' },
    { action: 'start_work', label: 'Start work', from: ['open', 'inspection_in_progress'], to: 'work_in_progress' },
    { action: 'assign_work', label: 'Create work order', from: ['work_in_progress'], to: 'work_assignment_in_progress' },
    { action: 'work_done', label: 'Work complete', from: ['work_assignment_in_progress'], to: 'work_in_progress', requiresTasksClosed: true },
    { action: 'move_to_decision', label: 'Move to decision', from: ['open', 'inspection_in_progress', 'work_in_progress'], to: 'ready_for_decision' },
    { action: 'resolve', label: 'Propose solution', from: ['ready_for_decision'], to: 'resolved', requiresResolution: true, requiresTasksClosed: true },
    { action: 'mark_duplicate', label: 'Mark duplicate', from: ['new', 'open', 'awaiting_info'], to: 'resolved', requiresResolution: true },
    { action: 'accept_solution', label: 'Accept solution', from: ['resolved'], to: 'closed_complete' },
    { action: 'reject_solution', label: 'Reject solution', from: ['resolved'], to: 'open' },
    { action: 'cancel', label: 'Cancel', from: ['new', 'open', 'awaiting_info', 'inspection_in_progress', 'work_in_progress', 'ready_for_decision'], to: 'cancelled' },
    { action: 'reopen', label: 'Reopen', from: ['closed_complete'], to: 'open', withinReopenWindow: true },
  ],
});
