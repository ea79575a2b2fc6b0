import { describe, expect, it } from 'vitest';
import { stagesSchema, type ActivityDefinition, type StageDefinition } from './playbook';
import {
  approverPlan,
  caseWrites,
  checkCompletion,
  checkSkip,
  checkStart,
  isManualKind,
  renderTemplate,
  runPlaybook,
  selectPlaybook,
  type EngineApproval,
  type EngineStep,
  type EngineTask,
  type PlaybookInput,
  type PlaybookStatus,
  type StepAction,
} from './playbookEngine';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

type Raw = Record<string, unknown>;

const define = (...stages: Raw[]): StageDefinition[] => stagesSchema.parse(stages);
const stage = (key: string, activities: Raw[], extra: Raw = {}): Raw => ({ key, name: `Stage ${key}`, activities, ...extra });

const instruction = (key: string, extra: Raw = {}): Raw => ({ key, name: `Do ${key}`, kind: 'instruction', ...extra });
const checklist = (key: string, extra: Raw = {}): Raw => ({
  key,
  name: `Check ${key}`,
  kind: 'checklist',
  items: [
    { key: 'water_off', label: 'Water turned off' },
    { key: 'photo', label: 'Photo taken' },
    { key: 'note', label: 'Neighbour told', required: false },
  ],
  ...extra,
});
const form = (key: string, extra: Raw = {}): Raw => ({
  key,
  name: `Form ${key}`,
  kind: 'form',
  fields: [
    { key: 'name', label: 'Name', type: 'text', required: true },
    { key: 'amount', label: 'Amount', type: 'number', min: 0 },
    { key: 'visit', label: 'Visit', type: 'date' },
  ],
  ...extra,
});
const decision = (key: string, extra: Raw = {}): Raw => ({
  key,
  name: `Decide ${key}`,
  kind: 'decision',
  question: 'Repair or replace?',
  branches: [
    { key: 'repair', label: 'Repair' },
    { key: 'replace', label: 'Replace' },
  ],
  ...extra,
});
const approval = (key: string, extra: Raw = {}): Raw => ({ key, name: `Approve ${key}`, kind: 'approval', approvers: { users: ['ann', 'bob'] }, ...extra });
const taskActivity = (key: string, extra: Raw = {}): Raw => ({ key, name: `Task ${key}`, kind: 'task', task: { shortDescription: 'Replace the meter' }, ...extra });
const communication = (key: string, extra: Raw = {}): Raw => ({ key, name: `Tell ${key}`, kind: 'communication', template: 'Dear {{customer.name}}, case {{case.number}} is under way.', ...extra });
const waitFor = (key: string, condition: Raw, extra: Raw = {}): Raw => ({ key, name: `Wait ${key}`, kind: 'wait_for', condition, ...extra });

let stepCount = 0;
function step(activityKey: string, action: StepAction, data: Record<string, unknown> = {}, reason: string | null = null): EngineStep {
  stepCount += 1;
  return { id: `step-${activityKey}-${action}`, activityKey, action, data, reason, actorId: 'user-1', createdAt: `2026-11-20T10:00:${String(stepCount % 60).padStart(2, '0')}.000Z`, deviceTime: null };
}
const completed = (activityKey: string, data: Record<string, unknown> = {}) => step(activityKey, 'completed', data);
const skipped = (activityKey: string) => step(activityKey, 'skipped', {}, 'not needed');
const started = (activityKey: string, data: Record<string, unknown> = {}) => step(activityKey, 'started', data);

function approvalRecord(id: string, activityKey: string | null, state: EngineApproval['state'], decidedAt: string | null = null): EngineApproval {
  const decided = state === 'approved' || state === 'rejected';
  return { id, activityKey, state, approverId: `approver-${id}`, approverRole: null, decidedById: decided ? `approver-${id}` : null, decidedAt: decided ? (decidedAt ?? '2026-11-20T12:00:00.000Z') : decidedAt, comment: null };
}
const taskRecord = (id: string, state: string): EngineTask => ({ id, state, number: `TASK${id}` });

const baseCase = { number: 'CS0000123', priority: 3, shortDescription: 'Meter broken', description: null, customFields: {} };
function run(stages: StageDefinition[], input: Partial<PlaybookInput> = {}): PlaybookStatus {
  return runPlaybook(stages, { case: baseCase, steps: [], approvals: [], tasks: [], ...input });
}

/** state / reason / outcome of one activity. */
function of(status: PlaybookStatus, key: string) {
  const a = status.byKey.get(key);
  if (!a) throw new Error(`no activity ${key}`);
  return { state: a.state, reason: a.reason, outcome: a.outcome };
}
/** key → state of every activity. */
const states = (status: PlaybookStatus) => Object.fromEntries(status.activities.map((a) => [a.key, a.state]));

function activityOf(stages: StageDefinition[], key: string): ActivityDefinition {
  for (const s of stages) for (const a of s.activities) if (a.key === key) return a;
  throw new Error(`no activity ${key}`);
}

// ---------------------------------------------------------------------------------------------
// Activity kinds
// ---------------------------------------------------------------------------------------------

describe('playbook engine: manual activity kinds', () => {
  const manual: [string, Raw, Record<string, unknown>, string][] = [
    ['instruction', instruction('a'), {}, 'done'],
    ['checklist', checklist('a'), { checked: ['water_off', 'photo'] }, 'done'],
    ['form', form('a'), { answers: { name: 'Ann' } }, 'done'],
    ['communication', communication('a'), { body: 'Hello' }, 'done'],
    ['agent decision', decision('a'), { branch: 'replace' }, 'replace'],
  ];
  for (const [label, activity, data, outcome] of manual) {
    it(`${label}: ready, then complete after a completed step`, () => {
      const stages = define(stage('s', [activity]));
      expect(of(run(stages), 'a')).toEqual({ state: 'ready', reason: 'ready', outcome: null });
      const done = run(stages, { steps: [completed('a', data)] });
      expect(of(done, 'a')).toEqual({ state: 'complete', reason: 'completed', outcome });
      expect(done.byKey.get('a')?.step?.data).toEqual(data);
    });
  }

  it('form answers are read by later conditions as answers.<activity>.<field>', () => {
    const stages = define(stage('s', [form('intake'), instruction('big_claim', { runIf: { field: 'answers.intake.amount', op: 'gt', value: 1000 } })]));
    expect(of(run(stages), 'big_claim')).toMatchObject({ state: 'pending', reason: 'waiting_previous' });
    expect(of(run(stages, { steps: [completed('intake', { answers: { name: 'Ann', amount: 5000 } })] }), 'big_claim')).toMatchObject({ state: 'ready' });
    expect(of(run(stages, { steps: [completed('intake', { answers: { name: 'Ann', amount: 10 } })] }), 'big_claim')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
    // An unanswered field is known to be empty once the form is done.
    const emptyCheck = define(stage('s', [form('intake'), instruction('no_amount', { runIf: { field: 'answers.intake.amount', op: 'empty' } })]));
    expect(of(run(emptyCheck, { steps: [completed('intake', { answers: { name: 'Ann' } })] }), 'no_amount')).toMatchObject({ state: 'ready' });
  });

  it('a manual decision’s outcome (the branch key) is read by later conditions', () => {
    const stages = define(stage('s', [decision('route'), instruction('after_replace', { runIf: { field: 'outcome.route', value: 'replace' } })]));
    expect(of(run(stages, { steps: [completed('route', { branch: 'replace' })] }), 'after_replace')).toMatchObject({ state: 'ready' });
    expect(of(run(stages, { steps: [completed('route', { branch: 'repair' })] }), 'after_replace')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });
});

describe('playbook engine: approvals', () => {
  const anyRule = define(stage('s', [approval('sign_off'), instruction('next')]));
  const allRule = define(stage('s', [approval('sign_off', { rule: 'all' }), instruction('next')]));
  /** Approvals of sign_off: a state, or a state and the hour it was decided at ("approved@9"). */
  const withApprovals = (stages: StageDefinition[], ...list: string[]) =>
    run(stages, {
      approvals: list.map((entry, i) => {
        const [state, hour] = entry.split('@') as [EngineApproval['state'], string | undefined];
        return approvalRecord(`a${i}`, 'sign_off', state, hour === undefined ? null : `2026-11-20T${hour.padStart(2, '0')}:00:00.000Z`);
      }),
    });

  it('is ready with no approvals and in progress while they are requested', () => {
    expect(of(run(anyRule), 'sign_off')).toEqual({ state: 'ready', reason: 'ready', outcome: null });
    expect(of(withApprovals(anyRule, 'requested', 'requested'), 'sign_off')).toEqual({ state: 'in_progress', reason: 'awaiting_approval', outcome: null });
    expect(of(withApprovals(allRule, 'requested'), 'sign_off')).toEqual({ state: 'in_progress', reason: 'awaiting_approval', outcome: null });
    expect(withApprovals(anyRule, 'requested').byKey.get('sign_off')?.approvals.map((a) => a.id)).toEqual(['a0']);
    expect(of(withApprovals(anyRule, 'requested'), 'next')).toMatchObject({ state: 'pending', reason: 'waiting_previous' });
  });

  it('rule any: the first decision settles it, approve or reject', () => {
    expect(of(withApprovals(anyRule, 'requested', 'approved@10'), 'sign_off')).toEqual({ state: 'complete', reason: 'approved', outcome: 'approved' });
    expect(of(withApprovals(anyRule, 'requested', 'rejected@10'), 'sign_off')).toEqual({ state: 'complete', reason: 'rejected', outcome: 'rejected' });
    expect(of(withApprovals(anyRule, 'approved@11', 'rejected@9'), 'sign_off')).toEqual({ state: 'complete', reason: 'rejected', outcome: 'rejected' });
    expect(of(withApprovals(anyRule, 'rejected@11', 'approved@9'), 'sign_off')).toEqual({ state: 'complete', reason: 'approved', outcome: 'approved' });
    expect(of(withApprovals(anyRule, 'approved@10'), 'next')).toMatchObject({ state: 'ready' });
  });

  it('rule any: decisions at the same time are settled by approval id, whatever their order in the input', () => {
    const at = '2026-11-20T10:00:00.000Z';
    const pair = [approvalRecord('b-2', 'sign_off', 'approved', at), approvalRecord('b-1', 'sign_off', 'rejected', at)];
    expect(of(run(anyRule, { approvals: pair }), 'sign_off')).toMatchObject({ state: 'complete', outcome: 'rejected' });
    expect(of(run(anyRule, { approvals: [...pair].reverse() }), 'sign_off')).toMatchObject({ state: 'complete', outcome: 'rejected' });
  });

  it('rule all: every approver must approve; one rejection rejects', () => {
    expect(of(withApprovals(allRule, 'approved', 'requested'), 'sign_off')).toMatchObject({ state: 'in_progress', reason: 'awaiting_approval' });
    expect(of(withApprovals(allRule, 'approved', 'approved'), 'sign_off')).toEqual({ state: 'complete', reason: 'approved', outcome: 'approved' });
    expect(of(withApprovals(allRule, 'approved@9', 'rejected@10'), 'sign_off')).toEqual({ state: 'complete', reason: 'rejected', outcome: 'rejected' });
    expect(of(withApprovals(allRule, 'requested', 'rejected'), 'sign_off')).toEqual({ state: 'complete', reason: 'rejected', outcome: 'rejected' });
  });

  it('ignores cancelled approvals', () => {
    expect(of(withApprovals(allRule, 'approved', 'cancelled'), 'sign_off')).toEqual({ state: 'complete', reason: 'approved', outcome: 'approved' });
    expect(of(withApprovals(allRule, 'approved', 'cancelled', 'requested'), 'sign_off')).toMatchObject({ state: 'in_progress' });
    // A cancelled approval with an earlier time does not decide an any-rule approval.
    expect(of(withApprovals(anyRule, 'cancelled@8', 'rejected@10'), 'sign_off')).toEqual({ state: 'complete', reason: 'rejected', outcome: 'rejected' });
    expect(of(withApprovals(anyRule, 'cancelled@8', 'approved@10'), 'sign_off')).toEqual({ state: 'complete', reason: 'approved', outcome: 'approved' });
    expect(of(withApprovals(anyRule, 'cancelled', 'requested'), 'sign_off')).toMatchObject({ state: 'in_progress' });
  });

  it('counts only the approvals of its own activity', () => {
    const status = run(anyRule, { approvals: [approvalRecord('x', 'other_activity', 'approved'), approvalRecord('y', null, 'approved')] });
    expect(of(status, 'sign_off')).toMatchObject({ state: 'ready' });
  });

  // Nothing is requested any more, so it must not wait for ever: it may be requested again.
  it('is ready again (may be requested again) when every approval was cancelled', () => {
    const status = withApprovals(anyRule, 'cancelled', 'cancelled');
    expect(of(status, 'sign_off')).toMatchObject({ state: 'ready' });
    expect(checkStart(status, 'sign_off', 'approval')).toEqual([]);
  });

  it('an approval’s outcome is read by later conditions', () => {
    const stages = define(stage('s', [approval('sign_off'), instruction('on_reject', { runIf: { field: 'outcome.sign_off', value: 'rejected' } })]));
    expect(of(withApprovals(stages, 'rejected'), 'on_reject')).toMatchObject({ state: 'ready' });
    expect(of(withApprovals(stages, 'approved'), 'on_reject')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });
});

describe('playbook engine: tasks', () => {
  const stages = define(stage('s', [taskActivity('fix'), instruction('after_cancel', { runIf: { field: 'outcome.fix', value: 'cancelled' } })]));
  const withTask = (state: string) => run(stages, { steps: [started('fix', { taskId: 't1' })], tasks: [taskRecord('t1', state), taskRecord('t2', 'completed')] });

  it('is ready before its task is created', () => {
    expect(of(run(stages), 'fix')).toEqual({ state: 'ready', reason: 'ready', outcome: null });
  });

  it('is in progress while the task is open, in progress or paused', () => {
    for (const state of ['open', 'in_progress', 'paused']) {
      const status = withTask(state);
      expect({ state, status: of(status, 'fix') }).toEqual({ state, status: { state: 'in_progress', reason: 'task_open', outcome: null } });
      expect(status.byKey.get('fix')?.task?.id).toBe('t1');
      expect(status.byKey.get('fix')?.started?.data).toEqual({ taskId: 't1' });
    }
  });

  it('is in progress while the created task is not known yet', () => {
    expect(of(run(stages, { steps: [started('fix', { taskId: 't9' })], tasks: [taskRecord('t1', 'completed')] }), 'fix')).toMatchObject({ state: 'in_progress', reason: 'task_open' });
  });

  it('completes with the task’s state as outcome when the task is completed or cancelled', () => {
    expect(of(withTask('completed'), 'fix')).toEqual({ state: 'complete', reason: 'task_closed', outcome: 'completed' });
    expect(of(withTask('cancelled'), 'fix')).toEqual({ state: 'complete', reason: 'task_closed', outcome: 'cancelled' });
    expect(of(withTask('cancelled'), 'after_cancel')).toMatchObject({ state: 'ready' });
    expect(of(withTask('completed'), 'after_cancel')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });
});

describe('playbook engine: wait-for', () => {
  const stages = define(stage('s', [waitFor('meter_back', { field: 'case.customFields.meterOnline', value: true }), instruction('confirm'), instruction('close_out')]), stage('t', [instruction('report')]));
  const withMeter = (meterOnline: boolean | undefined, steps: EngineStep[] = []) => run(stages, { case: { ...baseCase, customFields: meterOnline === undefined ? {} : { meterOnline } }, steps });

  it('is in progress until its condition holds on the case', () => {
    expect(of(withMeter(false), 'meter_back')).toEqual({ state: 'in_progress', reason: 'waiting_for_condition', outcome: null });
    expect(of(withMeter(undefined), 'meter_back')).toMatchObject({ state: 'in_progress' });
    expect(of(withMeter(false), 'confirm')).toMatchObject({ state: 'pending', reason: 'waiting_previous' });
    expect(of(withMeter(true), 'meter_back')).toEqual({ state: 'complete', reason: 'condition_met', outcome: 'done' });
    expect(of(withMeter(true), 'confirm')).toMatchObject({ state: 'ready' });
  });

  it('stays complete (passed) once a person has acted in a later stage, even if the condition no longer holds', () => {
    const steps = [completed('confirm'), completed('close_out'), started('report')];
    expect(of(withMeter(true, steps), 'report')).toMatchObject({ state: 'ready' });
    const changedBack = withMeter(false, steps);
    expect(of(changedBack, 'meter_back')).toEqual({ state: 'complete', reason: 'passed', outcome: 'done' });
    expect(changedBack.stages.map((s) => s.state)).toEqual(['complete', 'active']);
    expect(of(withMeter(false, [completed('confirm'), completed('close_out'), completed('report')]), 'meter_back')).toMatchObject({ state: 'complete', reason: 'passed' });
  });

  // Per the rules as now documented at the top of playbookEngine.ts, only work in a later *stage*
  // passes it: a step on a later activity of the same stage does not.
  it('goes back to waiting when the condition no longer holds and only its own stage was worked on', () => {
    const status = withMeter(false, [completed('confirm')]);
    expect(of(status, 'meter_back')).toMatchObject({ state: 'in_progress', reason: 'waiting_for_condition' });
    expect(of(status, 'close_out')).toMatchObject({ state: 'ready' });
    expect(of(status, 'report')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });
  });

  it('is not passed by a step on an earlier activity', () => {
    const later = define(stage('s', [instruction('first'), waitFor('meter_back', { field: 'case.customFields.meterOnline', value: true })]));
    expect(of(run(later, { steps: [completed('first')] }), 'meter_back')).toMatchObject({ state: 'in_progress', reason: 'waiting_for_condition' });
  });
});

describe('playbook engine: passed work', () => {
  const stages = define(
    stage('one', [instruction('a'), instruction('extra', { startRule: 'with_stage', runIf: { field: 'case.priority', value: 1 } }), taskActivity('fix', { startRule: 'with_stage' })]),
    stage('two', [instruction('b'), instruction('c')]),
  );
  const worked = [completed('a'), started('fix', { taskId: 't1' }), completed('b')];

  it('keeps an earlier activity passed (skipped) once a later stage was worked on and its conditions change back', () => {
    const before = run(stages, { steps: worked, tasks: [taskRecord('t1', 'completed')] });
    expect(states(before)).toEqual({ a: 'complete', extra: 'skipped', fix: 'complete', b: 'complete', c: 'ready' });
    // Priority 1 would start "extra" and the reopened task would put "fix" back in progress.
    const after = run(stages, { case: { ...baseCase, priority: 1 }, steps: worked, tasks: [taskRecord('t1', 'open')] });
    expect(of(after, 'extra')).toEqual({ state: 'skipped', reason: 'passed', outcome: 'skipped' });
    expect(of(after, 'fix')).toEqual({ state: 'skipped', reason: 'passed', outcome: 'skipped' });
    expect(of(after, 'c')).toMatchObject({ state: 'ready' });
    expect(after.outstandingMandatory.map((a) => a.key)).toEqual(['c']);
  });

  it('does not pass anything while only the first stage was worked on', () => {
    const status = run(stages, { case: { ...baseCase, priority: 1 }, steps: [completed('a')], tasks: [] });
    expect(states(status)).toEqual({ a: 'complete', extra: 'ready', fix: 'ready', b: 'pending', c: 'pending' });
  });

  it('refuses to skip an optional activity of a stage that has not started (it would pass the open work before it)', () => {
    const optionalLater = define(stage('one', [instruction('a')]), stage('two', [instruction('b', { mandatory: false }), instruction('c')]));
    const before = run(optionalLater);
    expect(checkSkip(before, 'b')).toEqual([expect.objectContaining({ code: 'activity_not_started', path: 'activityKey' })]);
    const after = run(optionalLater, { steps: [completed('a')] });
    expect(checkSkip(after, 'b')).toEqual([]);
    expect(states(run(optionalLater, { steps: [completed('a'), skipped('b')] }))).toEqual({ a: 'complete', b: 'skipped', c: 'ready' });
  });
});

describe('playbook engine: automatic decisions', () => {
  const byPriority = define(
    stage('s', [
      decision('triage', {
        branches: [
          { key: 'high', label: 'High', when: { field: 'case.priority', op: 'lte', value: 2 } },
          { key: 'mid', label: 'Mid', when: { field: 'case.priority', op: 'lte', value: 3 } },
          { key: 'low', label: 'Low' },
        ],
      }),
    ]),
  );
  const withPriority = (priority: number) => of(run(byPriority, { case: { ...baseCase, priority } }), 'triage');

  it('takes the first branch whose condition holds, the last one by default', () => {
    expect(withPriority(1)).toEqual({ state: 'complete', reason: 'decided_automatically', outcome: 'high' });
    expect(withPriority(2)).toEqual({ state: 'complete', reason: 'decided_automatically', outcome: 'high' });
    expect(withPriority(3)).toEqual({ state: 'complete', reason: 'decided_automatically', outcome: 'mid' });
    expect(withPriority(4)).toEqual({ state: 'complete', reason: 'decided_automatically', outcome: 'low' });
  });

  it('waits while a branch condition reads an activity that has not finished', () => {
    const stages = define(
      stage('s', [
        form('intake'),
        decision('triage', {
          startRule: 'with_stage',
          branches: [
            { key: 'early', label: 'Urgent', when: { field: 'case.priority', value: 1 } },
            { key: 'big', label: 'Big', when: { field: 'answers.intake.amount', op: 'gt', value: 1000 } },
            { key: 'small', label: 'Small' },
          ],
        }),
        instruction('big_only', { startRule: 'with_stage', runIf: { field: 'outcome.triage', value: 'big' } }),
      ]),
    );
    const before = run(stages);
    expect(of(before, 'triage')).toEqual({ state: 'in_progress', reason: 'decision_waiting', outcome: null });
    expect(of(before, 'big_only')).toMatchObject({ state: 'pending', reason: 'waiting_run_condition' });
    // An earlier branch that holds decides without waiting for a later one.
    expect(of(run(stages, { case: { ...baseCase, priority: 1 } }), 'triage')).toMatchObject({ state: 'complete', outcome: 'early' });
    const big = run(stages, { steps: [completed('intake', { answers: { name: 'Ann', amount: 5000 } })] });
    expect(of(big, 'triage')).toMatchObject({ state: 'complete', outcome: 'big' });
    expect(of(big, 'big_only')).toMatchObject({ state: 'ready' });
    const small = run(stages, { steps: [completed('intake', { answers: { name: 'Ann', amount: 5 } })] });
    expect(of(small, 'triage')).toMatchObject({ state: 'complete', outcome: 'small' });
    expect(of(small, 'big_only')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });

  it('isManualKind: the agent completes instruction, checklist, form, communication and a decision without conditions', () => {
    const stages = define(
      stage('s', [
        instruction('i'),
        checklist('c'),
        form('f'),
        communication('m'),
        decision('d'),
        decision('auto', { branches: [{ key: 'x', label: 'X', when: { field: 'case.priority', value: 1 } }, { key: 'y', label: 'Y' }] }),
        approval('ap'),
        taskActivity('t'),
        waitFor('w', { field: 'case.priority', value: 1 }),
      ]),
    );
    const manual = stages[0]?.activities.filter(isManualKind).map((a) => a.key);
    expect(manual).toEqual(['i', 'c', 'f', 'm', 'd']);
  });
});

// ---------------------------------------------------------------------------------------------
// Start rules and run conditions
// ---------------------------------------------------------------------------------------------

describe('playbook engine: start rules', () => {
  it('after_previous: the first starts with the stage, each next waits for the one before', () => {
    const stages = define(stage('s', [instruction('a'), instruction('b'), instruction('c')]));
    const first = run(stages);
    expect(states(first)).toEqual({ a: 'ready', b: 'pending', c: 'pending' });
    expect(first.byKey.get('b')).toMatchObject({ reason: 'waiting_previous', waitingFor: ['a'] });
    expect(first.byKey.get('c')).toMatchObject({ reason: 'waiting_previous', waitingFor: ['b'] });
    expect(states(run(stages, { steps: [completed('a')] }))).toEqual({ a: 'complete', b: 'ready', c: 'pending' });
    expect(states(run(stages, { steps: [completed('a'), completed('b')] }))).toEqual({ a: 'complete', b: 'complete', c: 'ready' });
  });

  it('after_previous: the first activity of a later stage does not wait for the last of the stage before', () => {
    const stages = define(stage('one', [instruction('a')]), stage('two', [instruction('b'), instruction('c')]));
    expect(states(run(stages, { steps: [completed('a')] }))).toEqual({ a: 'complete', b: 'ready', c: 'pending' });
  });

  it('with_stage: starts with its stage, in parallel', () => {
    const stages = define(stage('s', [instruction('a'), instruction('b', { startRule: 'with_stage' }), instruction('c', { startRule: 'with_stage' })]));
    expect(states(run(stages))).toEqual({ a: 'ready', b: 'ready', c: 'ready' });
  });

  it('after_activities: waits for every named activity (a skipped one counts as finished)', () => {
    const stages = define(
      stage('s', [instruction('a'), instruction('b', { startRule: 'with_stage', mandatory: false }), instruction('c', { startRule: 'after_activities', after: ['a', 'b'] })]),
    );
    expect(run(stages).byKey.get('c')).toMatchObject({ state: 'pending', reason: 'waiting_activities', waitingFor: ['a', 'b'] });
    expect(run(stages, { steps: [completed('a')] }).byKey.get('c')).toMatchObject({ state: 'pending', reason: 'waiting_activities', waitingFor: ['b'] });
    expect(run(stages, { steps: [completed('b')] }).byKey.get('c')).toMatchObject({ state: 'pending', waitingFor: ['a'] });
    expect(of(run(stages, { steps: [completed('a'), skipped('b')] }), 'c')).toMatchObject({ state: 'ready' });
  });

  it('when_condition: pending until startWhen holds, without waiting for the one before', () => {
    const stages = define(stage('s', [instruction('a'), instruction('b', { startRule: 'when_condition', startWhen: { field: 'case.priority', value: 1 } })]));
    expect(of(run(stages), 'b')).toEqual({ state: 'pending', reason: 'waiting_start_condition', outcome: null });
    expect(states(run(stages, { case: { ...baseCase, priority: 1 } }))).toEqual({ a: 'ready', b: 'ready' });
  });

  it('when_condition: pending while startWhen reads an activity that has not finished', () => {
    const stages = define(stage('s', [form('intake'), instruction('b', { startRule: 'when_condition', startWhen: { field: 'answers.intake.amount', op: 'gt', value: 10 } })]));
    expect(of(run(stages), 'b')).toMatchObject({ state: 'pending', reason: 'waiting_start_condition' });
    expect(of(run(stages, { steps: [completed('intake', { answers: { name: 'A', amount: 11 } })] }), 'b')).toMatchObject({ state: 'ready' });
    expect(of(run(stages, { steps: [completed('intake', { answers: { name: 'A', amount: 9 } })] }), 'b')).toMatchObject({ state: 'pending', reason: 'waiting_start_condition' });
  });

  it('when_condition: waits for its stage even when startWhen holds', () => {
    const stages = define(stage('one', [instruction('a')]), stage('two', [instruction('b', { startRule: 'when_condition', startWhen: { field: 'case.priority', value: 1 } })]));
    expect(of(run(stages, { case: { ...baseCase, priority: 1 } }), 'b')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });
  });
});

describe('playbook engine: run conditions and branches', () => {
  it('skips an activity whose runIf is false, with reason run_condition_false', () => {
    const stages = define(stage('s', [instruction('a', { runIf: { field: 'case.priority', value: 1 } }), instruction('b')]));
    const status = run(stages);
    expect(of(status, 'a')).toEqual({ state: 'skipped', reason: 'run_condition_false', outcome: 'skipped' });
    expect(of(status, 'b')).toMatchObject({ state: 'ready' });
    expect(of(run(stages, { case: { ...baseCase, priority: 1 } }), 'a')).toMatchObject({ state: 'ready' });
  });

  it('evaluates runIf only once the activity has started', () => {
    const stages = define(stage('s', [instruction('a'), instruction('b', { runIf: { field: 'case.priority', value: 1 } })]));
    expect(of(run(stages), 'b')).toMatchObject({ state: 'pending', reason: 'waiting_previous' });
    expect(of(run(stages, { steps: [completed('a')] }), 'b')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });

  it('keeps an activity pending while its runIf reads an activity that has not finished', () => {
    const stages = define(stage('s', [decision('route'), instruction('b', { startRule: 'with_stage', runIf: { field: 'outcome.route', value: 'repair' } })]));
    expect(of(run(stages), 'b')).toEqual({ state: 'pending', reason: 'waiting_run_condition', outcome: null });
  });

  it('reads a skipped activity’s outcome as "skipped"', () => {
    const stages = define(stage('s', [instruction('a', { mandatory: false }), instruction('b', { runIf: { field: 'outcome.a', value: 'skipped' } })]));
    expect(of(run(stages, { steps: [skipped('a')] }), 'b')).toMatchObject({ state: 'ready' });
    expect(of(run(stages, { steps: [completed('a')] }), 'b')).toMatchObject({ state: 'skipped', reason: 'run_condition_false' });
  });

  it('runs the chosen branch and skips the other', () => {
    const stages = define(
      stage('s', [
        decision('route'),
        instruction('repair_job', { startRule: 'after_activities', after: ['route'], runIf: { field: 'outcome.route', value: 'repair' } }),
        instruction('replace_job', { startRule: 'after_activities', after: ['route'], runIf: { field: 'outcome.route', value: 'replace' } }),
        instruction('wrap_up', { startRule: 'after_activities', after: ['repair_job', 'replace_job'] }),
      ]),
    );
    expect(states(run(stages))).toEqual({ route: 'ready', repair_job: 'pending', replace_job: 'pending', wrap_up: 'pending' });
    const replace = run(stages, { steps: [completed('route', { branch: 'replace' })] });
    expect(states(replace)).toEqual({ route: 'complete', repair_job: 'skipped', replace_job: 'ready', wrap_up: 'pending' });
    expect(replace.byKey.get('wrap_up')?.waitingFor).toEqual(['replace_job']);
    const repair = run(stages, { steps: [completed('route', { branch: 'repair' }), completed('repair_job')] });
    expect(states(repair)).toEqual({ route: 'complete', repair_job: 'complete', replace_job: 'skipped', wrap_up: 'ready' });
  });

  it('skips a whole stage whose runIf is false and starts the next', () => {
    const stages = define(
      stage('intake', [decision('route')]),
      stage('repair', [instruction('book_crew'), instruction('fix', { startRule: 'with_stage' })], { runIf: { field: 'outcome.route', value: 'repair' } }),
      stage('close', [instruction('close_out')]),
    );
    const before = run(stages);
    expect(before.stages.map((s) => s.state)).toEqual(['active', 'pending', 'pending']);
    expect(of(before, 'book_crew')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });

    const replace = run(stages, { steps: [completed('route', { branch: 'replace' })] });
    expect(replace.stages.map((s) => [s.key, s.state])).toEqual([
      ['intake', 'complete'],
      ['repair', 'skipped'],
      ['close', 'active'],
    ]);
    expect(of(replace, 'book_crew')).toEqual({ state: 'skipped', reason: 'stage_skipped', outcome: 'skipped' });
    expect(of(replace, 'fix')).toEqual({ state: 'skipped', reason: 'stage_skipped', outcome: 'skipped' });
    expect(of(replace, 'close_out')).toMatchObject({ state: 'ready' });
    expect(replace.currentStage).toBe('close');

    const repair = run(stages, { steps: [completed('route', { branch: 'repair' })] });
    expect(repair.stages.map((s) => s.state)).toEqual(['complete', 'active', 'pending']);
    expect(states(repair)).toEqual({ route: 'complete', book_crew: 'ready', fix: 'ready', close_out: 'pending' });
  });
});

// ---------------------------------------------------------------------------------------------
// Stages and the playbook as a whole
// ---------------------------------------------------------------------------------------------

describe('playbook engine: stages', () => {
  const stages = define(stage('one', [instruction('a'), instruction('b', { startRule: 'with_stage', mandatory: false })]), stage('two', [instruction('c'), instruction('d')]));

  it('starts a stage only when every activity of the one before is finished', () => {
    const none = run(stages);
    expect(of(none, 'c')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });
    expect(of(none, 'd')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });
    expect(none.currentStage).toBe('one');
    const half = run(stages, { steps: [completed('a')] });
    expect(of(half, 'c')).toMatchObject({ state: 'pending', reason: 'stage_not_started' });
    expect(half.stages.map((s) => s.state)).toEqual(['active', 'pending']);
    const all = run(stages, { steps: [completed('a'), completed('b')] });
    expect(of(all, 'c')).toMatchObject({ state: 'ready' });
    expect(of(all, 'd')).toMatchObject({ state: 'pending', reason: 'waiting_previous' });
    expect(all.stages.map((s) => s.state)).toEqual(['complete', 'active']);
    expect(all.currentStage).toBe('two');
  });

  it('counts an activity skipped by a person as finished', () => {
    const status = run(stages, { steps: [completed('a'), skipped('b')] });
    expect(of(status, 'b')).toEqual({ state: 'skipped', reason: 'skipped_by_user', outcome: 'skipped' });
    expect(status.byKey.get('b')?.step?.reason).toBe('not needed');
    expect(of(status, 'c')).toMatchObject({ state: 'ready' });
  });

  it('lets a completed step stand, even on an activity still waiting for the one before', () => {
    const status = run(stages, { steps: [completed('a'), completed('b'), completed('d')] });
    expect(of(status, 'd')).toEqual({ state: 'complete', reason: 'completed', outcome: 'done' });
    expect(of(status, 'c')).toMatchObject({ state: 'ready' });
    expect(status.stages.map((s) => [s.state, s.done, s.total])).toEqual([
      ['complete', 2, 2],
      ['active', 1, 2],
    ]);
  });

  it('lets a completed step stand for an activity of a stage not started', () => {
    expect(of(run(stages, { steps: [completed('d')] }), 'd')).toEqual({ state: 'complete', reason: 'completed', outcome: 'done' });
  });

  it('lets a completed step stand against a false run condition and a skipped stage', () => {
    const conditional = define(stage('one', [instruction('a', { runIf: { field: 'case.priority', value: 1 } })]), stage('two', [instruction('b')], { runIf: { field: 'case.priority', value: 1 } }));
    const status = run(conditional, { steps: [completed('a'), completed('b')] });
    expect(states(status)).toEqual({ a: 'complete', b: 'complete' });
  });

  it('keeps the first finishing step of an activity', () => {
    const optional = define(stage('s', [instruction('a', { mandatory: false })]));
    expect(of(run(optional, { steps: [skipped('a'), completed('a')] }), 'a')).toMatchObject({ state: 'skipped', reason: 'skipped_by_user' });
    expect(of(run(optional, { steps: [completed('a'), skipped('a')] }), 'a')).toMatchObject({ state: 'complete', reason: 'completed' });
  });

  it('ignores steps for activities the playbook does not have', () => {
    expect(states(run(stages, { steps: [completed('nope')] }))).toEqual({ a: 'ready', b: 'ready', c: 'pending', d: 'pending' });
  });
});

describe('playbook engine: outstanding work and completion', () => {
  const stages = define(
    stage('one', [
      instruction('a'),
      instruction('b', { startRule: 'with_stage', mandatory: false }),
      instruction('c', { startRule: 'with_stage', runIf: { field: 'case.priority', value: 1 } }),
      instruction('d', { startRule: 'with_stage', mandatory: false, runIf: { field: 'case.priority', value: 1 } }),
    ]),
    stage('two', [instruction('e')]),
  );

  it('lists mandatory activities not finished, not those skipped by condition or optional', () => {
    const status = run(stages);
    expect(status.outstandingMandatory.map((a) => a.key)).toEqual(['a', 'e']);
    expect(status.isComplete).toBe(false);
    expect(status.currentStage).toBe('one');
    expect(status.stages).toEqual([
      { key: 'one', name: 'Stage one', state: 'active', done: 2, total: 4, hasCondition: false },
      { key: 'two', name: 'Stage two', state: 'pending', done: 0, total: 1, hasCondition: false },
    ]);
  });

  it('lists a mandatory activity the run condition makes due', () => {
    expect(run(stages, { case: { ...baseCase, priority: 1 } }).outstandingMandatory.map((a) => a.key)).toEqual(['a', 'c', 'e']);
  });

  it('is complete when every stage is finished', () => {
    const almost = run(stages, { steps: [completed('a'), skipped('b')] });
    expect(almost.outstandingMandatory.map((a) => a.key)).toEqual(['e']);
    expect(almost.isComplete).toBe(false);
    expect(almost.currentStage).toBe('two');
    expect(almost.stages.map((s) => [s.done, s.total])).toEqual([
      [4, 4],
      [0, 1],
    ]);

    const done = run(stages, { steps: [completed('a'), skipped('b'), completed('e')] });
    expect(done.outstandingMandatory).toEqual([]);
    expect(done.isComplete).toBe(true);
    expect(done.currentStage).toBeNull();
    expect(done.stages.map((s) => s.state)).toEqual(['complete', 'complete']);
  });

  it('is not complete while an optional activity is open, though nothing mandatory is outstanding', () => {
    const withOptional = define(stage('one', [instruction('a'), instruction('maybe', { startRule: 'with_stage', mandatory: false })]));
    const status = run(withOptional, { steps: [completed('a')] });
    expect(status.outstandingMandatory).toEqual([]);
    expect(status.isComplete).toBe(false);
    expect(status.currentStage).toBe('one');
    expect(run(withOptional, { steps: [completed('a'), skipped('maybe')] }).isComplete).toBe(true);
  });

  it('is complete when the last stage is skipped by its condition', () => {
    const skippedLast = define(stage('one', [instruction('a')]), stage('two', [instruction('b')], { runIf: { field: 'case.priority', value: 1 } }));
    const status = run(skippedLast, { steps: [completed('a')] });
    expect(status.isComplete).toBe(true);
    expect(status.currentStage).toBeNull();
    expect(status.outstandingMandatory).toEqual([]);
    expect(status.stages.map((s) => s.state)).toEqual(['complete', 'skipped']);
  });

  it('lists activities in definition order', () => {
    expect(run(stages).activities.map((a) => [a.stageKey, a.key])).toEqual([
      ['one', 'a'],
      ['one', 'b'],
      ['one', 'c'],
      ['one', 'd'],
      ['two', 'e'],
    ]);
  });
});

describe('playbook engine: determinism', () => {
  it('gives the same output for the same input, and leaves the input alone', () => {
    const stages = define(
      stage('one', [form('intake'), decision('route', { startRule: 'with_stage' }), approval('sign_off', { startRule: 'after_activities', after: ['intake'] }), taskActivity('fix', { startRule: 'with_stage' })]),
      stage('two', [waitFor('meter_back', { field: 'case.customFields.meterOnline', value: true }), communication('tell')], { runIf: { field: 'outcome.route', value: 'repair' } }),
    );
    const input: PlaybookInput = {
      case: { ...baseCase, customFields: { meterOnline: false } },
      steps: [completed('intake', { answers: { name: 'Ann', amount: 3 } }), completed('route', { branch: 'repair' }), started('fix', { taskId: 't1' })],
      approvals: [approvalRecord('p1', 'sign_off', 'approved'), approvalRecord('p2', 'sign_off', 'requested')],
      tasks: [taskRecord('t1', 'completed')],
    };
    const copy: unknown = JSON.parse(JSON.stringify(input));
    const first = runPlaybook(stages, input);
    const second = runPlaybook(stages, input);
    expect(second).toEqual(first);
    expect(input).toEqual(copy);
    expect(states(first)).toEqual({ intake: 'complete', route: 'complete', sign_off: 'complete', fix: 'complete', meter_back: 'in_progress', tell: 'pending' });
  });
});

// ---------------------------------------------------------------------------------------------
// Checking a step before it is recorded
// ---------------------------------------------------------------------------------------------

describe('checkCompletion', () => {
  const stages = define(
    stage('one', [
      instruction('read_me'),
      checklist('safety', { startRule: 'with_stage' }),
      form('intake', { startRule: 'with_stage' }),
      decision('route', { startRule: 'with_stage' }),
      communication('tell', { startRule: 'with_stage' }),
      approval('sign_off', { startRule: 'with_stage' }),
      taskActivity('fix', { startRule: 'with_stage' }),
      waitFor('meter_back', { field: 'case.customFields.meterOnline', value: true }, { startRule: 'with_stage' }),
      decision('auto', {
        startRule: 'with_stage',
        branches: [
          { key: 'big', label: 'Big', when: { field: 'answers.intake.amount', op: 'gt', value: 10 } },
          { key: 'small', label: 'Small' },
        ],
      }),
      instruction('last', { mandatory: false }),
    ]),
  );
  const status = run(stages);

  it('accepts an instruction', () => {
    expect(checkCompletion(status, 'read_me', {})).toEqual([]);
  });

  it('checklist: names each required item not ticked and each unknown item', () => {
    expect(checkCompletion(status, 'safety', { checked: ['water_off', 'photo'] })).toEqual([]);
    expect(checkCompletion(status, 'safety', { checked: ['water_off', 'photo', 'note'] })).toEqual([]);
    expect(checkCompletion(status, 'safety', { checked: ['water_off'] })).toEqual([{ code: 'invalid', path: 'data.checked.photo', message: '“Photo taken” must be ticked' }]);
    expect(checkCompletion(status, 'safety', {}).map((p) => p.path)).toEqual(['data.checked.water_off', 'data.checked.photo']);
    expect(checkCompletion(status, 'safety', { checked: ['water_off', 'photo', 'ladder'] })).toEqual([{ code: 'invalid', path: 'data.checked', message: '"ladder" is not an item of this checklist' }]);
  });

  it('form: names each required or invalid answer at data.answers.<field>', () => {
    expect(checkCompletion(status, 'intake', { answers: { name: 'Ann', amount: 4, visit: '2026-11-21' } })).toEqual([]);
    expect(checkCompletion(status, 'intake', { answers: {} })).toEqual([{ code: 'invalid', path: 'data.answers.name', message: 'Name is required' }]);
    expect(checkCompletion(status, 'intake', {})).toEqual([{ code: 'invalid', path: 'data.answers.name', message: 'Name is required' }]);
    const problems = checkCompletion(status, 'intake', { answers: { name: 'Ann', amount: -1, visit: '21.11.2026', colour: 'red' } });
    expect(problems).toEqual([
      { code: 'invalid', path: 'data.answers.colour', message: 'is not a field of this form' },
      { code: 'invalid', path: 'data.answers.amount', message: 'must be at least 0' },
      { code: 'invalid', path: 'data.answers.visit', message: 'must be a date (YYYY-MM-DD)' },
    ]);
  });

  it('decision: refuses a branch it does not have', () => {
    expect(checkCompletion(status, 'route', { branch: 'repair' })).toEqual([]);
    expect(checkCompletion(status, 'route', { branch: 'demolish' })).toEqual([{ code: 'invalid', path: 'data.branch', message: 'must be one of: repair, replace' }]);
    expect(checkCompletion(status, 'route', {})).toEqual([{ code: 'invalid', path: 'data.branch', message: 'must be one of: repair, replace' }]);
  });

  it('communication: refuses an empty or over-long message', () => {
    expect(checkCompletion(status, 'tell', { body: 'Dear Ann' })).toEqual([]);
    expect(checkCompletion(status, 'tell', { body: '   ' })).toEqual([{ code: 'invalid', path: 'data.body', message: 'the message must not be empty' }]);
    expect(checkCompletion(status, 'tell', {})).toEqual([{ code: 'invalid', path: 'data.body', message: 'the message must not be empty' }]);
    expect(checkCompletion(status, 'tell', { body: 'x'.repeat(8001) })).toEqual([{ code: 'invalid', path: 'data.body', message: 'must be at most 8000 characters' }]);
  });

  it('refuses kinds that complete by themselves', () => {
    expect(status.byKey.get('auto')?.state).toBe('in_progress');
    expect(status.byKey.get('meter_back')?.state).toBe('in_progress');
    for (const key of ['sign_off', 'fix', 'meter_back', 'auto']) {
      const problems = checkCompletion(status, key, { branch: 'big' });
      expect({ key, codes: problems.map((p) => [p.code, p.path]) }).toEqual({ key, codes: [['activity_automatic', 'activityKey']] });
    }
    expect(checkCompletion(status, 'sign_off', {})[0]?.message).toBe('“Approve sign_off” completes by itself (approval)');
  });

  it('refuses a pending, a finished or an unknown activity', () => {
    expect(checkCompletion(status, 'last', {})).toEqual([{ code: 'activity_not_started', path: 'activityKey', message: '“Do last” has not started yet' }]);
    const after = run(stages, { steps: [completed('read_me'), skipped('last')] });
    expect(checkCompletion(after, 'read_me', {})).toEqual([{ code: 'activity_finished', path: 'activityKey', message: '“Do read_me” is already complete' }]);
    expect(checkCompletion(after, 'last', {})).toEqual([{ code: 'activity_finished', path: 'activityKey', message: '“Do last” was skipped' }]);
    expect(checkCompletion(status, 'nope', {})).toEqual([{ code: 'unknown_activity', path: 'activityKey', message: 'the playbook has no activity "nope"' }]);
  });
});

describe('checkSkip', () => {
  const stages = define(stage('s', [instruction('must'), instruction('may', { startRule: 'with_stage', mandatory: false }), instruction('later', { mandatory: false })]));

  it('refuses a mandatory activity', () => {
    expect(checkSkip(run(stages), 'must')).toEqual([{ code: 'activity_mandatory', path: 'activityKey', message: '“Do must” is mandatory and cannot be skipped' }]);
  });

  it('allows an optional activity that has not finished', () => {
    expect(checkSkip(run(stages), 'may')).toEqual([]);
    expect(checkSkip(run(stages), 'later')).toEqual([]);
  });

  it('refuses an optional activity that has finished, and an unknown one', () => {
    expect(checkSkip(run(stages, { steps: [completed('may')] }), 'may')).toEqual([{ code: 'activity_finished', path: 'activityKey', message: '“Do may” is already complete' }]);
    expect(checkSkip(run(stages, { steps: [skipped('may')] }), 'may')).toEqual([{ code: 'activity_finished', path: 'activityKey', message: '“Do may” was skipped' }]);
    expect(checkSkip(run(stages), 'nope').map((p) => p.code)).toEqual(['unknown_activity']);
  });
});

describe('checkStart', () => {
  const stages = define(stage('s', [approval('sign_off'), taskActivity('fix', { startRule: 'with_stage' }), approval('second'), instruction('note', { startRule: 'with_stage' })]));

  it('allows a ready approval or task', () => {
    const status = run(stages);
    expect(checkStart(status, 'sign_off', 'approval')).toEqual([]);
    expect(checkStart(status, 'fix', 'task')).toEqual([]);
  });

  it('refuses the wrong kind', () => {
    const status = run(stages);
    expect(checkStart(status, 'fix', 'approval')).toEqual([{ code: 'invalid', path: 'activityKey', message: '“Task fix” is not an approval' }]);
    expect(checkStart(status, 'sign_off', 'task')).toEqual([{ code: 'invalid', path: 'activityKey', message: '“Approve sign_off” is not a task' }]);
    expect(checkStart(status, 'note', 'task').map((p) => p.code)).toEqual(['invalid']);
    expect(checkStart(status, 'nope', 'task').map((p) => p.code)).toEqual(['unknown_activity']);
  });

  it('refuses one that is not ready yet', () => {
    expect(checkStart(run(stages), 'second', 'approval')).toEqual([{ code: 'activity_not_started', path: 'activityKey', message: '“Approve second” has not started yet' }]);
  });

  it('refuses one already started or finished', () => {
    const requested = run(stages, { approvals: [approvalRecord('p1', 'sign_off', 'requested')], steps: [started('fix', { taskId: 't1' })], tasks: [taskRecord('t1', 'open')] });
    expect(checkStart(requested, 'sign_off', 'approval')).toEqual([{ code: 'activity_started', path: 'activityKey', message: 'the approval was already requested' }]);
    expect(checkStart(requested, 'fix', 'task')).toEqual([{ code: 'activity_started', path: 'activityKey', message: 'the task was already created' }]);
    const decided = run(stages, { approvals: [approvalRecord('p1', 'sign_off', 'approved')] });
    expect(checkStart(decided, 'sign_off', 'approval')).toEqual([{ code: 'activity_finished', path: 'activityKey', message: '“Approve sign_off” is already complete' }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers for the store and the workstation
// ---------------------------------------------------------------------------------------------

describe('approverPlan', () => {
  const users = [
    { id: 'u-ann', username: 'ann', isActive: true },
    { id: 'u-bob', username: 'bob', isActive: true },
    { id: 'u-cid', username: 'cid', isActive: false },
  ];
  const stages = define(
    stage('s', [
      approval('both', { approvers: { users: ['ann', 'bob'], role: 'supervisor' } }),
      approval('role_only', { approvers: { role: 'business_stakeholder' } }),
      approval('inactive', { approvers: { users: ['ann', 'cid'] } }),
      approval('unknown', { approvers: { users: ['zed'] } }),
      instruction('note'),
    ]),
  );

  it('asks each named user (by username) and the role', () => {
    expect(approverPlan(activityOf(stages, 'both'), users)).toEqual([
      { approverId: 'u-ann', approverRole: null },
      { approverId: 'u-bob', approverRole: null },
      { approverId: null, approverRole: 'supervisor' },
    ]);
    expect(approverPlan(activityOf(stages, 'role_only'), users)).toEqual([{ approverId: null, approverRole: 'business_stakeholder' }]);
  });

  it('refuses an inactive or unknown user', () => {
    expect(approverPlan(activityOf(stages, 'inactive'), users)).toEqual({ code: 'approver_unknown', path: 'approvers', message: 'no active user "cid" to approve' });
    expect(approverPlan(activityOf(stages, 'unknown'), users)).toEqual({ code: 'approver_unknown', path: 'approvers', message: 'no active user "zed" to approve' });
  });

  it('picks the active one of two accounts with the same username', () => {
    expect(approverPlan(activityOf(stages, 'unknown'), [{ id: 'old', username: 'zed', isActive: false }, { id: 'new', username: 'zed', isActive: true }])).toEqual([{ approverId: 'new', approverRole: null }]);
  });

  it('refuses an activity that is not an approval', () => {
    expect(approverPlan(activityOf(stages, 'note'), users)).toEqual({ code: 'invalid', path: 'activityKey', message: 'is not an approval' });
  });
});

describe('renderTemplate', () => {
  it('fills known placeholders and leaves unknown or empty ones as written', () => {
    const out = renderTemplate('Dear {{customer.name}}, case {{ case.number }}: {{answers.intake.amount}} litres. {{agent.name}}{{answers.intake.visit}}{{unknown.path}}', {
      'customer.name': 'Ann Lee',
      'case.number': 'CS0000123',
      'answers.intake.amount': 0,
      'agent.name': null,
      'answers.intake.visit': '',
    });
    expect(out).toBe('Dear Ann Lee, case CS0000123: 0 litres. {{agent.name}}{{answers.intake.visit}}{{unknown.path}}');
  });

  it('fills every occurrence and leaves text without placeholders alone', () => {
    expect(renderTemplate('{{a}} and {{a}}', { a: 'x' })).toBe('x and x');
    expect(renderTemplate('no placeholders {here}', { here: 'x' })).toBe('no placeholders {here}');
  });

  // Only the values' own keys count: an Object.prototype member is not a known placeholder.
  it('leaves a placeholder naming an Object.prototype member as written', () => {
    expect(renderTemplate('Hi {{constructor}} {{toString}}', {})).toBe('Hi {{constructor}} {{toString}}');
  });
});

describe('caseWrites', () => {
  const stages = define(
    stage('s', [
      form('intake', {
        fields: [
          { key: 'serial', label: 'Serial', type: 'text', writeTo: 'customFields.meterSerial' },
          { key: 'urgent', label: 'Urgent', type: 'boolean', writeTo: 'customFields.urgent' },
          { key: 'reading', label: 'Reading', type: 'number', writeTo: 'customFields.reading' },
          { key: 'prio', label: 'Priority', type: 'number', writeTo: 'priority' },
          { key: 'summary', label: 'Summary', type: 'text', writeTo: 'shortDescription' },
          { key: 'details', label: 'Details', type: 'text', writeTo: 'description' },
          { key: 'note', label: 'Note', type: 'text' },
        ],
      }),
      instruction('note'),
    ]),
  );
  const intake = activityOf(stages, 'intake');

  it('splits written answers into custom fields and plain case fields', () => {
    expect(caseWrites(intake, { serial: 'NSM-1', urgent: false, reading: 0, prio: 2, summary: 'Leak', details: 'Under the sink', note: 'not written' })).toEqual({
      fields: { priority: 2, shortDescription: 'Leak', description: 'Under the sink' },
      customFields: { meterSerial: 'NSM-1', urgent: false, reading: 0 },
    });
  });

  it('does not write empty answers', () => {
    expect(caseWrites(intake, { serial: '', urgent: null, prio: 1 })).toEqual({ fields: { priority: 1 }, customFields: {} });
    expect(caseWrites(intake, {})).toEqual({ fields: {}, customFields: {} });
  });

  it('writes nothing for an activity that is not a form', () => {
    expect(caseWrites(activityOf(stages, 'note'), { serial: 'NSM-1' })).toEqual({ fields: {}, customFields: {} });
  });
});

describe('selectPlaybook', () => {
  type Def = Parameters<typeof selectPlaybook>[0][number];
  const def = (id: string, key: string, fields: Partial<Def> = {}): Def => ({ id, key, caseTypeId: 'type-water', isActive: true, condition: null, ...fields });
  const urgent = { field: 'case.priority', op: 'eq', value: 1 } as const;
  const meters = { field: 'case.customFields.meterSerial', op: 'set' } as const;
  const caseOf = (fields: Record<string, unknown> = {}) => ({ caseTypeId: 'type-water', priority: 3, customFields: {}, ...fields });

  it('takes the active definition of the case type', () => {
    const defs = [def('1', 'water', { isActive: false }), def('2', 'other', { caseTypeId: 'type-gas' }), def('3', 'water_v2')];
    expect(selectPlaybook(defs, caseOf())?.id).toBe('3');
  });

  it('ignores inactive definitions and other case types', () => {
    expect(selectPlaybook([def('1', 'water', { isActive: false })], caseOf())).toBeNull();
    expect(selectPlaybook([def('2', 'water', { caseTypeId: 'type-gas' })], caseOf())).toBeNull();
    expect(selectPlaybook([def('1', 'urgent', { isActive: false, condition: urgent }), def('2', 'plain')], caseOf({ priority: 1 }))?.id).toBe('2');
  });

  it('prefers a matching conditional definition over an unconditional one', () => {
    const defs = [def('1', 'a_plain'), def('2', 'z_urgent', { condition: urgent })];
    expect(selectPlaybook(defs, caseOf({ priority: 1 }))?.id).toBe('2');
    expect(selectPlaybook([...defs].reverse(), caseOf({ priority: 1 }))?.id).toBe('2');
  });

  it('ignores a conditional definition that does not match', () => {
    const defs = [def('1', 'a_plain'), def('2', 'z_urgent', { condition: urgent }), def('3', 'b_meters', { condition: meters })];
    expect(selectPlaybook(defs, caseOf({ priority: 3 }))?.id).toBe('1');
    expect(selectPlaybook(defs, caseOf({ priority: 3, customFields: { meterSerial: 'NSM-1' } }))?.id).toBe('3');
    expect(selectPlaybook([def('2', 'z_urgent', { condition: urgent })], caseOf())).toBeNull();
  });

  it("takes the service definition's playbook when it applies, and otherwise the usual choice", () => {
    const defs = [def('1', 'a_plain'), def('2', 'z_urgent', { condition: urgent }), def('3', 'm_service')];
    expect(selectPlaybook(defs, caseOf({ priority: 1 }), '3')?.id).toBe('3');
    expect(selectPlaybook(defs, caseOf({ priority: 3 }), '2')?.id).toBe('1');
    expect(selectPlaybook([def('1', 'a_plain'), def('3', 'm_service', { isActive: false })], caseOf(), '3')?.id).toBe('1');
  });

  it('breaks a tie by the lowest key', () => {
    expect(selectPlaybook([def('1', 'b_plan'), def('2', 'a_plan')], caseOf())?.id).toBe('2');
    expect(selectPlaybook([def('1', 'b_plan', { condition: urgent }), def('2', 'a_plan', { condition: urgent })], caseOf({ priority: 1 }))?.id).toBe('2');
  });
});
