/**
 * The playbook engine: pure and deterministic. Given a definition, the case and what was done on it
 * (steps, approvals, tasks), it says for every activity whether it is pending, ready, in progress,
 * complete or skipped, and why. The workstation runs it on its cache to draw the guide and check a
 * step before queueing it; the store runs the same code to re-check every step it receives.
 *
 * Rules:
 * - Stages run in order: a stage starts when every activity of the stage before is finished
 *   (complete or skipped). A stage whose `runIf` is false is skipped whole.
 * - An activity starts by its start rule; once started, a false `runIf` skips it, an unknown one
 *   (it reads an activity not finished) keeps it pending.
 * - A step recorded by a person (completed / skipped) always stands.
 * - Approvals complete when their rule is met (any: the first decision settles it; all: every
 *   approver approves, or one rejects); tasks when the task is closed; wait-for when its condition
 *   holds; automatic decisions by the first branch whose condition holds.
 * - What is behind the work does not come back: once a person has acted in a later stage, an
 *   earlier activity that is no longer finished by its conditions (a case field changed back) stays
 *   passed: a wait-for as complete, anything else as skipped.
 * - Mandatory activities that are not finished hold the case's resolution.
 */
import { type FieldProblem, validateFieldValues } from './caseType';
import { activitiesOf, type ActivityDefinition, type StageDefinition } from './playbook';
import { evaluate, type Lookup } from './playbookCondition';

export type StepAction = 'started' | 'completed' | 'skipped';

/** What the engine needs of a playbook step record. */
export type EngineStep = {
  id: string;
  activityKey: string;
  action: StepAction;
  data: Record<string, unknown>;
  reason: string | null;
  actorId: string;
  createdAt: string;
  deviceTime: string | null;
};
export type EngineApproval = { id: string; activityKey: string | null; state: 'requested' | 'approved' | 'rejected' | 'cancelled'; approverId: string | null; approverRole: string | null; decidedById: string | null; decidedAt: string | null; comment: string | null };
export type EngineTask = { id: string; state: string; number: string };

export type PlaybookInput = {
  case: Record<string, unknown>;
  steps: readonly EngineStep[];
  approvals: readonly EngineApproval[];
  tasks: readonly EngineTask[];
};

export type ActivityState = 'pending' | 'ready' | 'in_progress' | 'complete' | 'skipped';

export type ActivityReason =
  | 'stage_not_started'
  | 'stage_skipped'
  | 'waiting_previous'
  | 'waiting_activities'
  | 'waiting_start_condition'
  | 'waiting_run_condition'
  | 'run_condition_false'
  | 'ready'
  | 'awaiting_approval'
  | 'task_open'
  | 'waiting_for_condition'
  | 'decision_waiting'
  | 'completed'
  | 'skipped_by_user'
  | 'approved'
  | 'rejected'
  | 'task_closed'
  | 'condition_met'
  | 'decided_automatically'
  | 'passed';

export type ActivityStatus = {
  key: string;
  stageKey: string;
  definition: ActivityDefinition;
  state: ActivityState;
  reason: ActivityReason;
  /** Activities it still waits for (waiting_previous / waiting_activities). */
  waitingFor: string[];
  /** decision: the branch key; approval: approved / rejected; task: the task's final state; others: done; skipped: skipped. */
  outcome: string | null;
  /** The step that finished it (completed or skipped by a person). */
  step: EngineStep | null;
  /** The step that started it (approval requested, task created). */
  started: EngineStep | null;
  approvals: EngineApproval[];
  task: EngineTask | null;
};

export type StageState = 'pending' | 'active' | 'complete' | 'skipped';
export type StageStatus = { key: string; name: string; state: StageState; done: number; total: number; /** A run condition may skip the whole stage. */ hasCondition: boolean };

export type PlaybookStatus = {
  stages: StageStatus[];
  activities: ActivityStatus[];
  byKey: ReadonlyMap<string, ActivityStatus>;
  /** The first stage that is not finished, or null when the playbook is complete. */
  currentStage: string | null;
  isComplete: boolean;
  /** Mandatory activities not finished: these hold the case's resolution. */
  outstandingMandatory: ActivityStatus[];
};

/** Locale-independent ordering, so every device and the store sort alike. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const finished = (s: ActivityState): boolean => s === 'complete' || s === 'skipped';

/** Kinds the agent completes by hand; the others complete themselves from records. */
export function isManualKind(activity: ActivityDefinition): boolean {
  switch (activity.kind) {
    case 'instruction':
    case 'checklist':
    case 'form':
    case 'communication':
      return true;
    case 'decision':
      return !activity.branches.some((b) => b.when);
    case 'approval':
    case 'task':
    case 'wait_for':
      return false;
    default: {
      const exhaustive: never = activity;
      return exhaustive;
    }
  }
}

function latestSteps(steps: readonly EngineStep[]): { finishing: Map<string, EngineStep>; starting: Map<string, EngineStep> } {
  const finishing = new Map<string, EngineStep>();
  const starting = new Map<string, EngineStep>();
  // Steps arrive in server order; the first finishing step of an activity stands (the store refuses later ones).
  for (const step of steps) {
    const into = step.action === 'started' ? starting : finishing;
    if (!into.has(step.activityKey)) into.set(step.activityKey, step);
  }
  return { finishing, starting };
}

function approvalOutcome(activity: Extract<ActivityDefinition, { kind: 'approval' }>, approvals: EngineApproval[]): 'approved' | 'rejected' | null {
  const live = approvals.filter((a) => a.state !== 'cancelled');
  if (live.length === 0) return null;
  const approved = live.filter((a) => a.state === 'approved').length;
  const rejected = live.filter((a) => a.state === 'rejected').length;
  if (activity.rule === 'any') {
    const first = live.filter((a) => a.state !== 'requested').sort((a, b) => byCodeUnits(a.decidedAt ?? '', b.decidedAt ?? '') || byCodeUnits(a.id, b.id))[0];
    return first ? (first.state === 'approved' ? 'approved' : 'rejected') : null;
  }
  return rejected > 0 ? 'rejected' : approved === live.length ? 'approved' : null;
}

const openTaskStates = new Set(['open', 'in_progress', 'paused']);

export function runPlaybook(stages: readonly StageDefinition[], input: PlaybookInput): PlaybookStatus {
  const { finishing, starting } = latestSteps(input.steps);
  const statuses = new Map<string, ActivityStatus>();
  const order = activitiesOf(stages);
  // The last stage a person has acted in: the stages before it have been passed.
  const stageOf = new Map(order.map((o) => [o.activity.key, stages.indexOf(o.stage)]));
  let lastActedStage = -1;
  for (const step of input.steps) lastActedStage = Math.max(lastActedStage, stageOf.get(step.activityKey) ?? -1);

  const lookup: Lookup = (path) => {
    const [root, first, second] = path.split('.');
    if (root === 'case') {
      if (first === 'customFields') {
        const custom = input.case.customFields;
        const value = custom && typeof custom === 'object' && Object.hasOwn(custom, second ?? '') ? (custom as Record<string, unknown>)[second ?? ''] : undefined;
        return value ?? null;
      }
      return input.case[first ?? ''] ?? null;
    }
    const status = statuses.get(first ?? '');
    if (!status || !finished(status.state)) return undefined;
    if (root === 'outcome') return status.outcome;
    const answers = status.step?.data.answers;
    return answers && typeof answers === 'object' && Object.hasOwn(answers, second ?? '') ? ((answers as Record<string, unknown>)[second ?? ''] ?? null) : null;
  };

  const stageStatuses: StageStatus[] = [];
  let previousStageFinished = true;
  for (const [stageIndex, stage] of stages.entries()) {
    const stageRun: boolean | null = previousStageFinished ? (stage.runIf ? evaluate(stage.runIf, lookup) : true) : null;
    const stageStarted = previousStageFinished && stageRun === true;
    const inStage: ActivityStatus[] = [];
    stage.activities.forEach((activity, i) => {
      const base = { key: activity.key, stageKey: stage.key, definition: activity, waitingFor: [] as string[], outcome: null, step: null, started: starting.get(activity.key) ?? null, approvals: input.approvals.filter((a) => a.activityKey === activity.key), task: null };
      const decided = decide(activity, i, stage, base);
      const isPassed = stageIndex < lastActedStage && !finished(decided.state);
      const status: ActivityStatus = isPassed ? (activity.kind === 'wait_for' ? { ...decided, state: 'complete', reason: 'passed', outcome: 'done' } : { ...decided, state: 'skipped', reason: 'passed', outcome: 'skipped' }) : decided;
      statuses.set(activity.key, status);
      inStage.push(status);
    });
    const done = inStage.filter((s) => finished(s.state)).length;
    const stageFinished = done === inStage.length;
    const state: StageState = stageRun === false ? 'skipped' : stageFinished && previousStageFinished ? 'complete' : stageStarted ? 'active' : 'pending';
    stageStatuses.push({ key: stage.key, name: stage.name, state, done, total: inStage.length, hasCondition: stage.runIf !== null });
    previousStageFinished = previousStageFinished && (stageFinished || stageRun === false);

    function decide(activity: ActivityDefinition, i: number, st: StageDefinition, base: Omit<ActivityStatus, 'state' | 'reason'>): ActivityStatus {
      const step = finishing.get(activity.key);
      if (step) {
        if (step.action === 'skipped') return { ...base, step, state: 'skipped', reason: 'skipped_by_user', outcome: 'skipped' };
        const outcome = activity.kind === 'decision' ? String(step.data.branch ?? '') : 'done';
        return { ...base, step, state: 'complete', reason: 'completed', outcome };
      }
      if (stageRun === false) return { ...base, state: 'skipped', reason: 'stage_skipped', outcome: 'skipped' };
      if (!stageStarted) return { ...base, state: 'pending', reason: 'stage_not_started' };
      // The start rule.
      switch (activity.startRule) {
        case 'after_previous': {
          const previous = i > 0 ? st.activities[i - 1] : undefined;
          if (previous && !finished(statuses.get(previous.key)?.state ?? 'pending')) return { ...base, state: 'pending', reason: 'waiting_previous', waitingFor: [previous.key] };
          break;
        }
        case 'after_activities': {
          const waiting = activity.after.filter((k) => !finished(statuses.get(k)?.state ?? 'pending'));
          if (waiting.length > 0) return { ...base, state: 'pending', reason: 'waiting_activities', waitingFor: waiting };
          break;
        }
        case 'when_condition':
          if (activity.startWhen && evaluate(activity.startWhen, lookup) !== true) return { ...base, state: 'pending', reason: 'waiting_start_condition' };
          break;
        case 'with_stage':
          break;
        default: {
          const exhaustive: never = activity.startRule;
          return exhaustive;
        }
      }
      if (activity.runIf) {
        const run = evaluate(activity.runIf, lookup);
        if (run === false) return { ...base, state: 'skipped', reason: 'run_condition_false', outcome: 'skipped' };
        if (run === null) return { ...base, state: 'pending', reason: 'waiting_run_condition' };
      }
      switch (activity.kind) {
        case 'approval': {
          // Requested approvals that were all withdrawn (cancelled) leave it to be requested again.
          if (base.approvals.every((a) => a.state === 'cancelled')) return { ...base, state: 'ready', reason: 'ready' };
          const outcome = approvalOutcome(activity, base.approvals);
          if (outcome) return { ...base, state: 'complete', reason: outcome, outcome };
          return { ...base, state: 'in_progress', reason: 'awaiting_approval' };
        }
        case 'task': {
          const started = base.started;
          if (!started) return { ...base, state: 'ready', reason: 'ready' };
          const taskId = typeof started.data.taskId === 'string' ? started.data.taskId : '';
          const task = input.tasks.find((t) => t.id === taskId) ?? null;
          if (task && !openTaskStates.has(task.state)) return { ...base, task, state: 'complete', reason: 'task_closed', outcome: task.state };
          return { ...base, task, state: 'in_progress', reason: 'task_open' };
        }
        case 'wait_for': {
          if (evaluate(activity.condition, lookup) === true) return { ...base, state: 'complete', reason: 'condition_met', outcome: 'done' };
          return { ...base, state: 'in_progress', reason: 'waiting_for_condition' };
        }
        case 'decision': {
          if (!activity.branches.some((b) => b.when)) return { ...base, state: 'ready', reason: 'ready' };
          for (const branch of activity.branches) {
            const holds = branch.when ? evaluate(branch.when, lookup) : true;
            if (holds === null) return { ...base, state: 'in_progress', reason: 'decision_waiting' };
            if (holds) return { ...base, state: 'complete', reason: 'decided_automatically', outcome: branch.key };
          }
          return { ...base, state: 'in_progress', reason: 'decision_waiting' };
        }
        case 'instruction':
        case 'checklist':
        case 'form':
        case 'communication':
          return { ...base, state: 'ready', reason: 'ready' };
        default: {
          const exhaustive: never = activity;
          return exhaustive;
        }
      }
    }
  }
  const activities = order.map((o) => statuses.get(o.activity.key)).filter((s): s is ActivityStatus => s !== undefined);
  const current = stageStatuses.find((s) => s.state === 'active' || s.state === 'pending');
  return {
    stages: stageStatuses,
    activities,
    byKey: statuses,
    currentStage: current?.key ?? null,
    isComplete: current === undefined,
    outstandingMandatory: activities.filter((a) => a.definition.mandatory && !finished(a.state)),
  };
}

export type StepProblem = FieldProblem & { code: string };

const problem = (code: string, path: string, message: string): StepProblem => ({ code, path, message });

function activityOrProblem(status: PlaybookStatus, activityKey: string): ActivityStatus | StepProblem {
  const activity = status.byKey.get(activityKey);
  if (!activity) return problem('unknown_activity', 'activityKey', `the playbook has no activity "${activityKey}"`);
  return activity;
}

function notOpen(activity: ActivityStatus): StepProblem | null {
  const name = activity.definition.name;
  switch (activity.state) {
    case 'complete':
      return problem('activity_finished', 'activityKey', `“${name}” is already complete`);
    case 'skipped':
      return problem('activity_finished', 'activityKey', `“${name}” was skipped`);
    case 'pending':
      return problem('activity_not_started', 'activityKey', `“${name}” has not started yet`);
    case 'ready':
    case 'in_progress':
      return null;
    default: {
      const exhaustive: never = activity.state;
      return exhaustive;
    }
  }
}

/** Checks the data of a completion (checklist ticks, form answers, decision branch, message). Empty when it may be recorded. */
export function checkCompletion(status: PlaybookStatus, activityKey: string, data: Record<string, unknown>): StepProblem[] {
  const found = activityOrProblem(status, activityKey);
  if ('code' in found) return [found];
  const closed = notOpen(found);
  if (closed) return [closed];
  const activity = found.definition;
  if (!isManualKind(activity)) return [problem('activity_automatic', 'activityKey', `“${activity.name}” completes by itself (${activity.kind})`)];
  switch (activity.kind) {
    case 'instruction':
      return [];
    case 'checklist': {
      const checked = Array.isArray(data.checked) ? data.checked.filter((x): x is string => typeof x === 'string') : [];
      const known = new Set(activity.items.map((i) => i.key));
      const problems = checked.filter((k) => !known.has(k)).map((k) => problem('invalid', `data.checked`, `"${k}" is not an item of this checklist`));
      for (const item of activity.items) if (item.required && !checked.includes(item.key)) problems.push(problem('invalid', `data.checked.${item.key}`, `“${item.label}” must be ticked`));
      return problems;
    }
    case 'form': {
      const answers = data.answers && typeof data.answers === 'object' && !Array.isArray(data.answers) ? (data.answers as Record<string, unknown>) : {};
      return validateFieldValues(activity.fields, answers, 'data.answers').map((p) => ({ ...p, code: 'invalid' }));
    }
    case 'decision': {
      const branch = typeof data.branch === 'string' ? data.branch : '';
      return activity.branches.some((b) => b.key === branch) ? [] : [problem('invalid', 'data.branch', `must be one of: ${activity.branches.map((b) => b.key).join(', ')}`)];
    }
    case 'communication': {
      const body = typeof data.body === 'string' ? data.body.trim() : '';
      if (body.length === 0) return [problem('invalid', 'data.body', 'the message must not be empty')];
      return body.length > 8000 ? [problem('invalid', 'data.body', 'must be at most 8000 characters')] : [];
    }
    case 'approval':
    case 'task':
    case 'wait_for':
      return [];
    default: {
      const exhaustive: never = activity;
      return exhaustive;
    }
  }
}

/** Whether an activity may be skipped: only an optional one that has not finished. */
export function checkSkip(status: PlaybookStatus, activityKey: string): StepProblem[] {
  const found = activityOrProblem(status, activityKey);
  if ('code' in found) return [found];
  if (found.definition.mandatory) return [problem('activity_mandatory', 'activityKey', `“${found.definition.name}” is mandatory and cannot be skipped`)];
  if (finished(found.state)) return [notOpen(found) ?? problem('activity_finished', 'activityKey', 'already finished')];
  // Skipping into a stage that has not started would pass over the unfinished work before it.
  if (found.reason === 'stage_not_started') return [problem('activity_not_started', 'activityKey', `“${found.definition.name}” is in a stage that has not started yet`)];
  return [];
}

/** Whether an approval may be requested, or a task created, for this activity now. */
export function checkStart(status: PlaybookStatus, activityKey: string, kind: 'approval' | 'task'): StepProblem[] {
  const found = activityOrProblem(status, activityKey);
  if ('code' in found) return [found];
  if (found.definition.kind !== kind) return [problem('invalid', 'activityKey', `“${found.definition.name}” is not ${kind === 'approval' ? 'an approval' : 'a task'}`)];
  if (found.state !== 'ready') return [notOpen(found) ?? problem('activity_started', 'activityKey', kind === 'approval' ? 'the approval was already requested' : 'the task was already created')];
  return [];
}

/** The approvals an approval activity asks for: one per named user (by username), one for the role. */
export function approverPlan(activity: ActivityDefinition, users: readonly { id: string; username: string; isActive: boolean }[]): { approverId: string | null; approverRole: string | null }[] | StepProblem {
  if (activity.kind !== 'approval') return problem('invalid', 'activityKey', 'is not an approval');
  const plan: { approverId: string | null; approverRole: string | null }[] = [];
  for (const username of activity.approvers.users) {
    const user = users.find((u) => u.username === username && u.isActive);
    if (!user) return problem('approver_unknown', 'approvers', `no active user "${username}" to approve`);
    plan.push({ approverId: user.id, approverRole: null });
  }
  if (activity.approvers.role) plan.push({ approverId: null, approverRole: activity.approvers.role });
  return plan;
}

/** Fills {{path}} placeholders; an unknown path stays visible as it was written, so nobody sends a blank. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | number | null | undefined>>): string {
  return template.replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (whole, path: string) => {
    const value = Object.hasOwn(values, path) ? values[path] : undefined;
    return value === null || value === undefined || value === '' ? whole : String(value);
  });
}

/** Form answers to write to the case: case field path → value (only answered fields with writeTo). */
export function caseWrites(activity: ActivityDefinition, answers: Record<string, unknown>): { fields: Record<string, unknown>; customFields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  const customFields: Record<string, unknown> = {};
  if (activity.kind !== 'form') return { fields, customFields };
  for (const field of activity.fields) {
    if (!field.writeTo) continue;
    const value = Object.hasOwn(answers, field.key) ? answers[field.key] : undefined;
    if (value === undefined || value === null || value === '') continue;
    if (field.writeTo.startsWith('customFields.')) customFields[field.writeTo.slice('customFields.'.length)] = value;
    else fields[field.writeTo] = value;
  }
  return { fields, customFields };
}

/**
 * The playbook a new case gets: among the active definitions of its case type, those whose
 * condition holds on the case; the one its service definition names wins, then one with a
 * condition over one without, then the lowest key.
 */
export function selectPlaybook<D extends { id: string; key: string; caseTypeId: string; isActive: boolean; condition: Parameters<typeof evaluate>[0] | null }>(definitions: readonly D[], caseRecord: Record<string, unknown>, preferredId: string | null = null): D | null {
  const lookup: Lookup = (path) => {
    const [, first, second] = path.split('.');
    if (first === 'customFields') return ((caseRecord.customFields ?? {}) as Record<string, unknown>)[second ?? ''] ?? null;
    return caseRecord[first ?? ''] ?? null;
  };
  const candidates = definitions.filter((d) => d.isActive && d.caseTypeId === caseRecord.caseTypeId && (d.condition === null || evaluate(d.condition, lookup) === true));
  candidates.sort((a, b) => Number(b.id === preferredId) - Number(a.id === preferredId) || Number(b.condition !== null) - Number(a.condition !== null) || byCodeUnits(a.key, b.key));
  return candidates[0] ?? null;
}
