import { describe, expect, it } from 'vitest';
import { activitiesOf, caseTypeIssues, playbookDocumentSchema, stageIssues, stagesSchema, type StageDefinition } from './playbook';
import { caseFieldSchema, type CaseField } from './caseType';
import { conditionSchema } from './playbookCondition';

type Raw = Record<string, unknown>;
const stage = (key: string, activities: Raw[], extra: Raw = {}): Raw => ({ key, name: `Stage ${key}`, activities, ...extra });
const instruction = (key: string, extra: Raw = {}): Raw => ({ key, name: `Do ${key}`, kind: 'instruction', ...extra });
const form = (key: string, extra: Raw = {}): Raw => ({ key, name: `Form ${key}`, kind: 'form', fields: [{ key: 'amount', label: 'Amount', type: 'number' }], ...extra });
const decision = (key: string, extra: Raw = {}): Raw => ({
  key,
  name: `Decide ${key}`,
  kind: 'decision',
  question: 'Which way?',
  branches: [
    { key: 'left', label: 'Left' },
    { key: 'right', label: 'Right' },
  ],
  ...extra,
});

/** The issues (path and message) the stages schema reports. */
function issues(stages: Raw[]): { path: PropertyKey[]; message: string }[] {
  const result = stagesSchema.safeParse(stages);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
}
const define = (...stages: Raw[]): StageDefinition[] => stagesSchema.parse(stages);

describe('playbook definition schema', () => {
  it('accepts a well-formed definition and fills the defaults', () => {
    const stages = define(
      stage('intake', [
        form('claim'),
        decision('route', { runIf: { field: 'answers.claim.amount', op: 'gt', value: 10 } }),
        instruction('note', { startRule: 'after_activities', after: ['claim', 'route'] }),
        { key: 'sign_off', name: 'Sign off', kind: 'approval', approvers: { role: 'supervisor' } },
      ]),
      stage('work', [{ key: 'meter', name: 'Meter back', kind: 'wait_for', condition: { field: 'outcome.route', value: 'left' } }], { runIf: { field: 'outcome.sign_off', value: 'approved' } }),
    );
    expect(stages[0]?.activities[0]).toMatchObject({ mandatory: true, startRule: 'after_previous', after: [], startWhen: null, runIf: null, description: null });
    expect(stages[0]?.activities[3]).toMatchObject({ approvers: { users: [], role: 'supervisor' }, rule: 'any' });
    expect(activitiesOf(stages).map((a) => [a.stage.key, a.activity.key])).toEqual([
      ['intake', 'claim'],
      ['intake', 'route'],
      ['intake', 'note'],
      ['intake', 'sign_off'],
      ['work', 'meter'],
    ]);
    expect(stageIssues(stages)).toEqual([]);
  });

  it('refuses an activity key used twice, in the same or another stage', () => {
    expect(issues([stage('s', [instruction('a'), instruction('a')])])).toEqual([{ path: [0, 'activities', 1, 'key'], message: 'activity key "a" is used twice' }]);
    expect(issues([stage('s', [instruction('a')]), stage('t', [instruction('b'), instruction('a')])])).toEqual([{ path: [1, 'activities', 1, 'key'], message: 'activity key "a" is used twice' }]);
  });

  it('refuses an outcome compared with a value the activity can never end with', () => {
    expect(
      issues([
        stage('s', [
          decision('route'),
          { key: 'ok', name: 'OK', kind: 'approval', approvers: { role: 'supervisor' } },
          instruction('a', { runIf: { field: 'outcome.route', op: 'in', value: ['left', 'up'] } }),
          instruction('b', { runIf: { field: 'outcome.ok', value: 'approve' } }),
          instruction('c', { runIf: { any: [{ field: 'outcome.route', value: 'right' }, { field: 'outcome.a', value: 'skipped' }] } }),
        ]),
      ]),
    ).toEqual([
      { path: [0, 'activities', 2, 'runIf', 'value', 1], message: '"up" is not an outcome of "route" (one of: left, right, skipped)' },
      { path: [0, 'activities', 3, 'runIf', 'value'], message: '"approve" is not an outcome of "ok" (one of: approved, rejected, skipped)' },
    ]);
  });

  it('refuses a stage key used twice', () => {
    expect(issues([stage('s', [instruction('a')]), stage('s', [instruction('b')])])).toEqual([{ path: [1, 'key'], message: 'stage key "s" is used twice' }]);
  });

  it('refuses `after` naming a later, unknown or other-stage activity', () => {
    const later = issues([stage('s', [instruction('a', { startRule: 'after_activities', after: ['b'] }), instruction('b')])]);
    expect(later).toEqual([{ path: [0, 'activities', 0, 'after', 0], message: '"b" is not an earlier activity of this stage' }]);
    const unknown = issues([stage('s', [instruction('a'), instruction('b', { startRule: 'after_activities', after: ['a', 'ghost'] })])]);
    expect(unknown).toEqual([{ path: [0, 'activities', 1, 'after', 1], message: '"ghost" is not an earlier activity of this stage' }]);
    const otherStage = issues([stage('s', [instruction('a')]), stage('t', [instruction('b', { startRule: 'after_activities', after: ['a'] })])]);
    expect(otherStage).toEqual([{ path: [1, 'activities', 0, 'after', 0], message: '"a" is not an earlier activity of this stage' }]);
    const itself = issues([stage('s', [instruction('a', { startRule: 'after_activities', after: ['a'] })])]);
    expect(itself).toEqual([{ path: [0, 'activities', 0, 'after', 0], message: '"a" is not an earlier activity of this stage' }]);
  });

  it('refuses after_activities without `after`, and `after` with another start rule', () => {
    expect(issues([stage('s', [instruction('a'), instruction('b', { startRule: 'after_activities' })])])).toEqual([{ path: [0, 'activities', 1, 'after'], message: 'name at least one activity to start after' }]);
    expect(issues([stage('s', [instruction('a'), instruction('b', { after: ['a'] })])])).toEqual([{ path: [0, 'activities', 1, 'after'], message: 'is only used with startRule after_activities' }]);
  });

  it('refuses when_condition without startWhen, and startWhen with another start rule', () => {
    expect(issues([stage('s', [instruction('a', { startRule: 'when_condition' })])])).toEqual([{ path: [0, 'activities', 0, 'startWhen'], message: 'is required with startRule when_condition' }]);
    expect(issues([stage('s', [instruction('a', { startWhen: { field: 'case.priority', value: 1 } })])])).toEqual([{ path: [0, 'activities', 0, 'startWhen'], message: 'is only used with startRule when_condition' }]);
  });

  it('refuses a condition reading a later activity (or itself), at the path of the bad part', () => {
    expect(issues([stage('s', [instruction('a', { runIf: { field: 'outcome.b', value: 'done' } }), instruction('b')])])).toEqual([
      { path: [0, 'activities', 0, 'runIf', 'field'], message: '"outcome.b": no earlier activity "b" (a condition reads only activities defined before it)' },
    ]);
    expect(issues([stage('s', [instruction('a', { runIf: { all: [{ field: 'case.priority', value: 1 }, { not: { field: 'outcome.a', value: 'done' } }] } })])])).toEqual([
      { path: [0, 'activities', 0, 'runIf', 'all', 1, 'not', 'field'], message: '"outcome.a": no earlier activity "a" (a condition reads only activities defined before it)' },
    ]);
    expect(issues([stage('s', [instruction('a', { startRule: 'when_condition', startWhen: { field: 'outcome.ghost', value: 'done' } })])]).map((i) => i.path)).toEqual([[0, 'activities', 0, 'startWhen', 'field']]);
    // A stage's condition reads only earlier stages.
    expect(issues([stage('s', [instruction('a')], { runIf: { field: 'outcome.a', value: 'done' } })])).toEqual([
      { path: [0, 'runIf', 'field'], message: '"outcome.a": no earlier activity "a" (a condition reads only activities defined before it)' },
    ]);
    expect(issues([stage('s', [instruction('a')]), stage('t', [instruction('b')], { runIf: { field: 'outcome.a', value: 'done' } })])).toEqual([]);
  });

  it('refuses answers.<activity>.<field> on an activity that is not a form, or a field the form lacks', () => {
    expect(issues([stage('s', [instruction('note'), instruction('b', { runIf: { field: 'answers.note.amount', value: 1 } })])])).toEqual([
      { path: [0, 'activities', 1, 'runIf', 'field'], message: '"answers.note.amount": "note" is not a form' },
    ]);
    expect(issues([stage('s', [form('claim'), instruction('b', { runIf: { field: 'answers.claim.colour', value: 'red' } })])])).toEqual([
      { path: [0, 'activities', 1, 'runIf', 'field'], message: '"answers.claim.colour": form "claim" has no field "colour"' },
    ]);
    expect(issues([stage('s', [form('claim'), instruction('b', { runIf: { field: 'answers.claim.amount', op: 'gt', value: 1 } })])])).toEqual([]);
  });

  it('refuses a case path the case does not have', () => {
    expect(issues([stage('s', [instruction('a', { runIf: { field: 'case.colour', value: 'red' } })])])).toEqual([{ path: [0, 'activities', 0, 'runIf', 'field'], message: '"case.colour": the case has no field "colour"' }]);
    expect(issues([stage('s', [instruction('a', { runIf: { field: 'case.customFields', op: 'set' } })])])).toEqual([
      { path: [0, 'activities', 0, 'runIf', 'field'], message: '"case.customFields": use case.<field> or case.customFields.<key>' },
    ]);
    expect(issues([stage('s', [instruction('a', { runIf: { field: 'case.priority.level', value: 1 } })])])).toEqual([
      { path: [0, 'activities', 0, 'runIf', 'field'], message: '"case.priority.level": use case.<field> or case.customFields.<key>' },
    ]);
  });

  it('refuses an automatic decision whose last branch has a condition, or another branch has none', () => {
    const lastWithCondition = decision('route', {
      branches: [
        { key: 'left', label: 'Left', when: { field: 'case.priority', value: 1 } },
        { key: 'right', label: 'Right', when: { field: 'case.priority', value: 2 } },
      ],
    });
    expect(issues([stage('s', [lastWithCondition])])).toEqual([
      { path: [0, 'activities', 0, 'branches', 1, 'when'], message: 'the last branch of an automatic decision is the default: leave out its condition' },
    ]);
    const middleWithout = decision('route', {
      branches: [
        { key: 'left', label: 'Left', when: { field: 'case.priority', value: 1 } },
        { key: 'mid', label: 'Mid' },
        { key: 'right', label: 'Right' },
      ],
    });
    expect(issues([stage('s', [middleWithout])])).toEqual([{ path: [0, 'activities', 0, 'branches', 1, 'when'], message: 'every branch but the last needs a condition in an automatic decision' }]);
    const branchReadsLater = decision('route', { branches: [{ key: 'left', label: 'Left', when: { field: 'outcome.later', value: 'done' } }, { key: 'right', label: 'Right' }] });
    expect(issues([stage('s', [branchReadsLater, instruction('later')])]).map((i) => i.path)).toEqual([[0, 'activities', 0, 'branches', 0, 'when', 'field']]);
  });

  it('refuses a branch, checklist item or form field key used twice', () => {
    expect(issues([stage('s', [decision('route', { branches: [{ key: 'x', label: 'X' }, { key: 'x', label: 'X again' }] })])])).toEqual([{ path: [0, 'activities', 0, 'branches', 1, 'key'], message: 'branch key "x" is used twice' }]);
    const items = [
      { key: 'a', label: 'A' },
      { key: 'b', label: 'B' },
      { key: 'a', label: 'A again' },
    ];
    expect(issues([stage('s', [{ key: 'c', name: 'C', kind: 'checklist', items }])])).toEqual([{ path: [0, 'activities', 0, 'items', 2, 'key'], message: 'item key "a" is used twice' }]);
    const fields = [
      { key: 'n', label: 'N', type: 'number' },
      { key: 'n', label: 'N', type: 'text' },
    ];
    expect(issues([stage('s', [form('f', { fields })])])).toEqual([{ path: [0, 'activities', 0, 'fields', 1, 'key'], message: 'field key "n" is used twice' }]);
  });

  it('refuses an approval with no approvers', () => {
    expect(issues([stage('s', [{ key: 'sign_off', name: 'Sign off', kind: 'approval', approvers: {} }])])).toEqual([{ path: [0, 'activities', 0, 'approvers'], message: 'name approver users or an approver role' }]);
    expect(issues([stage('s', [{ key: 'sign_off', name: 'Sign off', kind: 'approval', approvers: { users: ['ann'] } }])])).toEqual([]);
    expect(issues([stage('s', [{ key: 'sign_off', name: 'Sign off', kind: 'approval', approvers: { role: 'wizard' } }])]).map((i) => i.path)).toEqual([[0, 'activities', 0, 'approvers', 'role']]);
  });

  it('refuses a checklist with no items', () => {
    const out = issues([stage('s', [{ key: 'c', name: 'C', kind: 'checklist', items: [] }])]);
    expect(out.map((i) => i.path)).toEqual([[0, 'activities', 0, 'items']]);
    expect(out[0]?.message).toMatch(/>=1/);
  });

  it('refuses a bad key format', () => {
    const message = 'must be a lowercase key like intake_check';
    expect(issues([stage('s', [instruction('Intake')])])).toEqual([{ path: [0, 'activities', 0, 'key'], message }]);
    expect(issues([stage('s', [instruction('1st')])])).toEqual([{ path: [0, 'activities', 0, 'key'], message }]);
    expect(issues([stage('s', [instruction('with-dash')])])).toEqual([{ path: [0, 'activities', 0, 'key'], message }]);
    expect(issues([stage('Stage', [instruction('a')])])).toEqual([{ path: [0, 'key'], message }]);
    expect(issues([stage('s', [decision('d', { branches: [{ key: 'Left', label: 'L' }, { key: 'right', label: 'R' }] })])])).toEqual([{ path: [0, 'activities', 0, 'branches', 0, 'key'], message }]);
  });

  it('refuses an unknown kind, unknown properties, and a bad writeTo', () => {
    expect(issues([stage('s', [{ key: 'a', name: 'A', kind: 'dance' }])]).map((i) => i.path)).toEqual([[0, 'activities', 0, 'kind']]);
    expect(issues([stage('s', [instruction('a', { colour: 'red' })])]).map((i) => i.path)).toEqual([[0, 'activities', 0]]);
    expect(issues([stage('s', [form('f', { fields: [{ key: 'n', label: 'N', type: 'number', writeTo: 'state' }] })])])).toEqual([
      { path: [0, 'activities', 0, 'fields', 0, 'writeTo'], message: 'must be priority, shortDescription, description or customFields.<field key>' },
    ]);
  });

  it('refuses a bad condition inside an activity at its path', () => {
    expect(issues([stage('s', [instruction('a', { runIf: { field: 'case.priority', op: 'in', value: 1 } })])])).toEqual([{ path: [0, 'activities', 0, 'runIf', 'value'], message: '"in" takes a list of values' }]);
  });

  it('refuses no stages and a stage with no activities', () => {
    expect(issues([]).map((i) => i.path)).toEqual([[]]);
    expect(issues([stage('s', [])]).map((i) => i.path)).toEqual([[0, 'activities']]);
  });
});

describe('playbook document', () => {
  const doc = { key: 'water_leak', name: 'Water leak', caseType: 'water_outage', stages: [stage('s', [instruction('a')])] };

  it('accepts a document and defaults its condition to none', () => {
    expect(playbookDocumentSchema.parse(doc)).toMatchObject({ key: 'water_leak', condition: null, stages: [{ key: 's', runIf: null }] });
  });

  it('reports a stage problem under stages', () => {
    const result = playbookDocumentSchema.safeParse({ ...doc, stages: [stage('s', [instruction('a'), instruction('a')])] });
    expect(result.success ? [] : result.error.issues.map((i) => [i.path, i.message])).toEqual([[['stages', 0, 'activities', 1, 'key'], 'activity key "a" is used twice']]);
  });

  it('refuses a bad playbook key and unknown properties', () => {
    const bad = playbookDocumentSchema.safeParse({ ...doc, key: 'Water Leak' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path)).toEqual([['key']]);
    expect(playbookDocumentSchema.safeParse({ ...doc, version: 2 }).success).toBe(false);
  });
});

describe('caseTypeIssues', () => {
  const caseFields: CaseField[] = [
    caseFieldSchema.parse({ key: 'meterSerial', label: 'Meter serial', type: 'text' }),
    caseFieldSchema.parse({ key: 'reading', label: 'Reading', type: 'number' }),
    caseFieldSchema.parse({ key: 'urgent', label: 'Urgent', type: 'boolean' }),
  ];
  const withFields = (fields: Raw[]) => define(stage('s', [form('f', { fields })]));
  const cond = (c: unknown) => conditionSchema.parse(c);

  it('accepts answers written to fields the case type has, of the same kind', () => {
    const stages = withFields([
      { key: 'serial', label: 'Serial', type: 'text', writeTo: 'customFields.meterSerial' },
      { key: 'reading', label: 'Reading', type: 'number', writeTo: 'customFields.reading' },
      { key: 'prio', label: 'Priority', type: 'number', writeTo: 'priority' },
      { key: 'summary', label: 'Summary', type: 'text', writeTo: 'shortDescription' },
      { key: 'details', label: 'Details', type: 'text', writeTo: 'description' },
      { key: 'free', label: 'Free', type: 'date' },
    ]);
    expect(caseTypeIssues(stages, caseFields, cond({ field: 'case.customFields.urgent', value: true }))).toEqual([]);
  });

  it('refuses a writeTo to a field the case type does not have', () => {
    const stages = withFields([
      { key: 'serial', label: 'Serial', type: 'text', writeTo: 'customFields.meterSerial' },
      { key: 'colour', label: 'Colour', type: 'text', writeTo: 'customFields.colour' },
    ]);
    expect(caseTypeIssues(stages, caseFields, null)).toEqual([{ path: [0, 'activities', 0, 'fields', 1, 'writeTo'], message: 'the case type has no field "colour"' }]);
  });

  it('refuses a writeTo of a mismatched type', () => {
    const stages = withFields([
      { key: 'reading', label: 'Reading', type: 'text', writeTo: 'customFields.reading' },
      { key: 'prio', label: 'Priority', type: 'text', writeTo: 'priority' },
      { key: 'summary', label: 'Summary', type: 'number', writeTo: 'shortDescription' },
      { key: 'details', label: 'Details', type: 'boolean', writeTo: 'description' },
    ]);
    expect(caseTypeIssues(stages, caseFields, null)).toEqual([
      { path: [0, 'activities', 0, 'fields', 0, 'writeTo'], message: '"reading" is a number field; this one is text' },
      { path: [0, 'activities', 0, 'fields', 1, 'writeTo'], message: 'priority takes a number field' },
      { path: [0, 'activities', 0, 'fields', 2, 'writeTo'], message: 'shortDescription takes a text field' },
      { path: [0, 'activities', 0, 'fields', 3, 'writeTo'], message: 'description takes a text field' },
    ]);
  });

  it('refuses a playbook condition that reads answers or outcomes', () => {
    const stages = define(stage('s', [instruction('a')]));
    expect(caseTypeIssues(stages, caseFields, cond({ field: 'answers.f.amount', value: 1 }))).toEqual([{ path: ['field'], message: '"answers.f.amount": a playbook\'s condition may read only case fields' }]);
    expect(caseTypeIssues(stages, caseFields, cond({ any: [{ field: 'case.priority', value: 1 }, { field: 'outcome.a', value: 'done' }] }))).toEqual([
      { path: ['any', 1, 'field'], message: '"outcome.a": a playbook\'s condition may read only case fields' },
    ]);
  });

  it('refuses a condition reading a custom field the case type does not have, wherever it is', () => {
    const colour = { field: 'case.customFields.colour', value: 'red' };
    const stages = define(
      stage(
        's',
        [
          instruction('a', { runIf: colour }),
          instruction('b', { startRule: 'when_condition', startWhen: colour }),
          { key: 'w', name: 'W', kind: 'wait_for', condition: colour },
          decision('d', { branches: [{ key: 'x', label: 'X', when: colour }, { key: 'y', label: 'Y' }] }),
        ],
        { runIf: colour },
      ),
    );
    const message = '"case.customFields.colour": the case type has no field "colour"';
    expect(caseTypeIssues(stages, caseFields, cond(colour))).toEqual([
      { path: ['field'], message },
      { path: [0, 'runIf', 'field'], message },
      { path: [0, 'activities', 0, 'runIf', 'field'], message },
      { path: [0, 'activities', 1, 'startWhen', 'field'], message },
      { path: [0, 'activities', 2, 'condition', 'field'], message },
      { path: [0, 'activities', 3, 'branches', 0, 'when', 'field'], message },
    ]);
  });

  it('refuses a state the life cycle does not have and a choice the field does not offer, naming the value', () => {
    const fields = [...caseFields, caseFieldSchema.parse({ key: 'cause', label: 'Cause', type: 'choice', choices: ['main break', 'planned works'] })];
    const stages = define(
      stage('s', [
        { key: 'w', name: 'W', kind: 'wait_for', condition: { field: 'case.state', op: 'notIn', value: ['new', 'nwe'] } },
        instruction('a', { runIf: { field: 'case.customFields.cause', value: 'planned work' } }),
        form('f', { fields: [{ key: 'cause', label: 'Cause', type: 'choice', choices: ['main break', 'burst pipe'], writeTo: 'customFields.cause' }] }),
      ]),
    );
    expect(caseTypeIssues(stages, fields, null, ['new', 'open', 'resolved'])).toEqual([
      { path: [0, 'activities', 0, 'condition', 'value', 1], message: '"nwe" is not a state of the case type\'s life cycle (one of: new, open, resolved)' },
      { path: [0, 'activities', 1, 'runIf', 'value'], message: '"planned work" is not a choice of "cause" (one of: main break, planned works)' },
      { path: [0, 'activities', 2, 'fields', 0, 'choices'], message: '"cause" does not offer "burst pipe"' },
    ]);
    // Without the life cycle's states, states are not checked; real ones pass.
    expect(caseTypeIssues(define(stage('s', [{ key: 'w', name: 'W', kind: 'wait_for', condition: { field: 'case.state', value: 'open' } }])), fields, null, ['new', 'open'])).toEqual([]);
  });

  it('lets stage and activity conditions read answers and outcomes', () => {
    const stages = define(stage('s', [form('f'), instruction('b', { runIf: { field: 'answers.f.amount', op: 'gt', value: 1 } })]), stage('t', [instruction('c')], { runIf: { field: 'outcome.b', value: 'done' } }));
    expect(caseTypeIssues(stages, caseFields, null)).toEqual([]);
  });
});
