/**
 * Playbook definitions: a case type's process as ordered stages of activities that guide the agent
 * or technician (DESIGN §2). One schema serves the stored record, the authoring document (JSON or
 * YAML) and the engine (`playbookEngine.ts`). Definitions are versioned: loading a playbook again
 * under the same key adds a version, and a case keeps the version it started with.
 */
import { z } from 'zod';
import { caseDef } from './case';
import { caseFieldShapes, type CaseField } from './caseType';
import { defineEntity, ref, text, type RecordOf } from './entity';
import { comparedValues, conditionComparisons, conditionSchema, conditionPaths, type Condition } from './playbookCondition';
import { roleSchema } from './vocab';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'must be a lowercase key like intake_check' });

export const activityKinds = ['instruction', 'checklist', 'form', 'decision', 'approval', 'task', 'communication', 'wait_for'] as const;
export type ActivityKind = (typeof activityKinds)[number];

/** Case fields a form answer may write to besides the case type's own fields. */
export const writableCaseFields = ['priority', 'shortDescription', 'description'] as const;
const writeTo = z
  .string()
  .regex(/^(priority|shortDescription|description|customFields\.[a-z][a-zA-Z0-9]{0,39})$/, { message: 'must be priority, shortDescription, description or customFields.<field key>' })
  .nullable()
  .default(null);

/** A form field: a case-type field shape, and optionally the case field its answer is written to. */
export const formFieldSchema = z.discriminatedUnion('type', [
  caseFieldShapes.text.extend({ writeTo }),
  caseFieldShapes.number.extend({ writeTo }),
  caseFieldShapes.date.extend({ writeTo }),
  caseFieldShapes.boolean.extend({ writeTo }),
  caseFieldShapes.choice.extend({ writeTo }),
]);
export type FormField = z.infer<typeof formFieldSchema>;

const link = z.strictObject({ label: text(120), url: z.url({ message: 'must be a URL' }).max(2000) });

/** What every activity has, whatever its kind. */
const common = {
  key,
  name: text(160),
  /** Guidance shown on the card. */
  description: text(4000).nullable().default(null),
  /** A mandatory activity cannot be skipped, and the case cannot be resolved until it is done. */
  mandatory: z.boolean().default(true),
  /**
   * after_previous: when the activity before it in its stage is finished (the first starts with the stage);
   * with_stage: when its stage starts (in parallel with the others);
   * after_activities: when every activity named in `after` is finished;
   * when_condition: once its stage has started and `startWhen` holds.
   */
  startRule: z.enum(['after_previous', 'with_stage', 'after_activities', 'when_condition']).default('after_previous'),
  after: z.array(key).max(20).default([]),
  startWhen: conditionSchema.nullable().default(null),
  /** Run condition: once started, the activity is skipped when this is false. */
  runIf: conditionSchema.nullable().default(null),
};

const checklistItem = z.strictObject({ key, label: text(200), required: z.boolean().default(true) });
const branch = z.strictObject({ key, label: text(120), when: conditionSchema.nullable().default(null) });

export const activitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('instruction'), links: z.array(link).max(20).default([]) }),
  z.strictObject({ ...common, kind: z.literal('checklist'), items: z.array(checklistItem).min(1).max(50) }),
  z.strictObject({ ...common, kind: z.literal('form'), fields: z.array(formFieldSchema).min(1).max(40) }),
  /** Branches by the agent's answer, or (when branches carry `when`) by the first that holds; the last is then the default. */
  z.strictObject({ ...common, kind: z.literal('decision'), question: text(400), branches: z.array(branch).min(2).max(12) }),
  z.strictObject({
    ...common,
    kind: z.literal('approval'),
    /** Named approvers (usernames) and/or a role whose holders may decide. */
    approvers: z.strictObject({ users: z.array(z.string().min(1).max(80)).max(20).default([]), role: roleSchema.nullable().default(null) }),
    /** any: the first decision (approve or reject) settles it; all: every approver must approve (one rejection rejects). */
    rule: z.enum(['any', 'all']).default('any'),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('task'),
    task: z.strictObject({
      kind: z.enum(['task', 'work_order', 'inspection']).default('task'),
      shortDescription: text(160),
      description: text(8000).nullable().default(null),
      priority: z.number().int().min(1).max(4).default(3),
    }),
  }),
  /**
   * A customer-visible comment drafted from a template the agent can edit before sending:
   * {{case.<field>}} (number, shortDescription, …), {{case.customFields.<key>}}, {{customer.name}},
   * {{agent.name}}, {{answers.<activity>.<field>}}, {{outcome.<activity>}} (a decision's branch label).
   */
  z.strictObject({ ...common, kind: z.literal('communication'), template: text(8000) }),
  z.strictObject({ ...common, kind: z.literal('wait_for'), condition: conditionSchema }),
]);
export type ActivityDefinition = z.infer<typeof activitySchema>;

export const stageSchema = z.strictObject({
  key,
  name: text(120),
  /** A stage whose condition is false is skipped as a whole (a decision between stages). */
  runIf: conditionSchema.nullable().default(null),
  activities: z.array(activitySchema).min(1).max(40),
});
export type StageDefinition = z.infer<typeof stageSchema>;

type Issue = { path: (string | number)[]; message: string };

const caseFieldNames = new Set(Object.keys(caseDef.fields));

/**
 * Checks what a schema alone cannot: unique keys, `after` naming earlier activities of the same
 * stage, conditions reading only earlier activities and real fields, decisions well formed.
 */
export function stageIssues(stages: readonly StageDefinition[]): Issue[] {
  const issues: Issue[] = [];
  const stageKeys = new Set<string>();
  /** Activities defined so far (the order a condition may look back on). */
  const earlier = new Map<string, ActivityDefinition>();
  const checkCondition = (condition: Condition | null, path: (string | number)[]): void => {
    if (!condition) return;
    for (const { path: p, at } of conditionPaths(condition)) {
      const where = [...path, ...at];
      const [root, first, second] = p.split('.');
      if (root === 'case') {
        if (first === undefined || !caseFieldNames.has(first)) issues.push({ path: where, message: `"${p}": the case has no field "${first ?? ''}"` });
        else if (first === 'customFields' ? second === undefined : second !== undefined) issues.push({ path: where, message: `"${p}": use case.<field> or case.customFields.<key>` });
        continue;
      }
      const activity = first === undefined ? undefined : earlier.get(first);
      if (!activity) {
        issues.push({ path: where, message: `"${p}": no earlier activity "${first ?? ''}" (a condition reads only activities defined before it)` });
        continue;
      }
      if (root === 'answers') {
        if (activity.kind !== 'form') issues.push({ path: where, message: `"${p}": "${activity.key}" is not a form` });
        else if (!activity.fields.some((f) => f.key === second)) issues.push({ path: where, message: `"${p}": form "${activity.key}" has no field "${second ?? ''}"` });
      }
    }
    // An outcome compared with a value it can never have would silently never match.
    for (const { comparison, at } of conditionComparisons(condition)) {
      const [root, first] = comparison.field.split('.');
      const activity = root === 'outcome' && first !== undefined ? earlier.get(first) : undefined;
      if (!activity) continue;
      const possible = outcomesOf(activity);
      comparedValues(comparison).forEach((value, i) => {
        if (value !== null && !possible.includes(String(value))) {
          const valuePath = Array.isArray(comparison.value) ? [...path, ...at, 'value', i] : [...path, ...at, 'value'];
          issues.push({ path: valuePath, message: `"${String(value)}" is not an outcome of "${activity.key}" (one of: ${possible.join(', ')})` });
        }
      });
    }
  };
  stages.forEach((stage, s) => {
    if (stageKeys.has(stage.key)) issues.push({ path: [s, 'key'], message: `stage key "${stage.key}" is used twice` });
    stageKeys.add(stage.key);
    checkCondition(stage.runIf, [s, 'runIf']);
    const inStage = new Set<string>();
    stage.activities.forEach((activity, a) => {
      const at = [s, 'activities', a];
      if (earlier.has(activity.key)) issues.push({ path: [...at, 'key'], message: `activity key "${activity.key}" is used twice` });
      if (activity.startRule === 'after_activities' && activity.after.length === 0) issues.push({ path: [...at, 'after'], message: 'name at least one activity to start after' });
      if (activity.startRule !== 'after_activities' && activity.after.length > 0) issues.push({ path: [...at, 'after'], message: 'is only used with startRule after_activities' });
      activity.after.forEach((k, i) => {
        if (!inStage.has(k)) issues.push({ path: [...at, 'after', i], message: `"${k}" is not an earlier activity of this stage` });
      });
      if (activity.startRule === 'when_condition' && !activity.startWhen) issues.push({ path: [...at, 'startWhen'], message: 'is required with startRule when_condition' });
      if (activity.startRule !== 'when_condition' && activity.startWhen) issues.push({ path: [...at, 'startWhen'], message: 'is only used with startRule when_condition' });
      checkCondition(activity.startWhen, [...at, 'startWhen']);
      checkCondition(activity.runIf, [...at, 'runIf']);
      kindIssues(activity, at, issues, checkCondition);
      earlier.set(activity.key, activity);
      inStage.add(activity.key);
    });
  });
  return issues;
}

/** The outcomes an activity can end with (what `outcome.<activity>` reads). */
export function outcomesOf(activity: ActivityDefinition): string[] {
  switch (activity.kind) {
    case 'decision':
      return [...activity.branches.map((b) => b.key), 'skipped'];
    case 'approval':
      return ['approved', 'rejected', 'skipped'];
    case 'task':
      return ['completed', 'cancelled', 'skipped'];
    default:
      return ['done', 'skipped'];
  }
}

function kindIssues(activity: ActivityDefinition, at: (string | number)[], issues: Issue[], checkCondition: (c: Condition | null, path: (string | number)[]) => void): void {
  const unique = (keys: string[], what: string, path: string) => {
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (seen.has(k)) issues.push({ path: [...at, path, i, 'key'], message: `${what} key "${k}" is used twice` });
      seen.add(k);
    });
  };
  switch (activity.kind) {
    case 'checklist':
      unique(activity.items.map((i) => i.key), 'item', 'items');
      return;
    case 'form':
      unique(activity.fields.map((f) => f.key), 'field', 'fields');
      return;
    case 'decision': {
      unique(activity.branches.map((b) => b.key), 'branch', 'branches');
      const automatic = activity.branches.some((b) => b.when);
      activity.branches.forEach((b, i) => {
        checkCondition(b.when, [...at, 'branches', i, 'when']);
        const isLast = i === activity.branches.length - 1;
        if (automatic && isLast && b.when) issues.push({ path: [...at, 'branches', i, 'when'], message: 'the last branch of an automatic decision is the default: leave out its condition' });
        if (automatic && !isLast && !b.when) issues.push({ path: [...at, 'branches', i, 'when'], message: 'every branch but the last needs a condition in an automatic decision' });
      });
      return;
    }
    case 'approval':
      if (activity.approvers.users.length === 0 && !activity.approvers.role) issues.push({ path: [...at, 'approvers'], message: 'name approver users or an approver role' });
      return;
    case 'wait_for':
      checkCondition(activity.condition, [...at, 'condition']);
      return;
    case 'instruction':
    case 'task':
    case 'communication':
      return;
    default: {
      const exhaustive: never = activity;
      return exhaustive;
    }
  }
}

export const stagesSchema = z
  .array(stageSchema)
  .min(1)
  .max(20)
  .superRefine((stages, ctx) => {
    for (const issue of stageIssues(stages)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export const playbookDefinitionDef = defineEntity('playbookDefinition', 'playbook_definitions', {
  key,
  name: text(160),
  caseTypeId: ref('caseType', 'cascade'),
  version: z.number().int().positive(),
  /** Optional narrowing: the playbook applies only to cases for which this holds (case fields only). */
  condition: conditionSchema.nullable().default(null),
  stages: stagesSchema,
  /** The version new cases get; earlier versions stay for the cases that run them. */
  isActive: z.boolean().default(true),
});
export type PlaybookDefinition = RecordOf<typeof playbookDefinitionDef>;

/**
 * The document an administrator loads (JSON or YAML): the case type by its key; the store numbers
 * the version. `condition` may read only case fields.
 */
export const playbookDocumentSchema = z.strictObject({
  key,
  name: text(160),
  caseType: z.string().min(1).max(40),
  condition: conditionSchema.nullable().default(null),
  stages: stagesSchema,
});
export type PlaybookDocument = z.infer<typeof playbookDocumentSchema>;

/** Checks against the case type: form answers written to fields it has, of the same kind. */
export function caseTypeIssues(stages: readonly StageDefinition[], caseFields: readonly CaseField[], condition: Condition | null, states: readonly string[] | null = null): Issue[] {
  const issues: Issue[] = [];
  const byKey = new Map(caseFields.map((f) => [f.key, f]));
  const checkPaths = (c: Condition | null, path: (string | number)[]) => {
    if (!c) return;
    for (const { path: p, at } of conditionPaths(c)) {
      const [root, first, second] = p.split('.');
      if (root === 'case' && first === 'customFields' && second !== undefined && !byKey.has(second)) issues.push({ path: [...path, ...at], message: `"${p}": the case type has no field "${second}"` });
      if (path.length === 0 && root !== 'case') issues.push({ path: at, message: `"${p}": a playbook's condition may read only case fields` });
    }
    // A state or a choice that does not exist would silently never match.
    for (const { comparison, at } of conditionComparisons(c)) {
      const [root, first, second] = comparison.field.split('.');
      if (root !== 'case') continue;
      const choiceField = first === 'customFields' ? byKey.get(second ?? '') : undefined;
      const allowed = first === 'state' && states ? states : choiceField?.type === 'choice' ? choiceField.choices : null;
      if (!allowed) continue;
      comparedValues(comparison).forEach((value, i) => {
        if (value !== null && !allowed.includes(String(value))) {
          const valuePath = Array.isArray(comparison.value) ? [...path, ...at, 'value', i] : [...path, ...at, 'value'];
          issues.push({ path: valuePath, message: `"${String(value)}" is not ${first === 'state' ? "a state of the case type's life cycle" : `a choice of "${choiceField?.key ?? ''}"`} (one of: ${allowed.join(', ')})` });
        }
      });
    }
  };
  checkPaths(condition, []);
  stages.forEach((stage, s) => {
    checkPaths(stage.runIf, [s, 'runIf']);
    stage.activities.forEach((activity, a) => {
      const at = [s, 'activities', a];
      checkPaths(activity.startWhen, [...at, 'startWhen']);
      checkPaths(activity.runIf, [...at, 'runIf']);
      if (activity.kind === 'wait_for') checkPaths(activity.condition, [...at, 'condition']);
      if (activity.kind === 'decision') activity.branches.forEach((b, i) => checkPaths(b.when, [...at, 'branches', i, 'when']));
      if (activity.kind !== 'form') return;
      activity.fields.forEach((field, f) => {
        if (!field.writeTo?.startsWith('customFields.')) {
          if (field.writeTo === 'priority' && field.type !== 'number') issues.push({ path: [...at, 'fields', f, 'writeTo'], message: 'priority takes a number field' });
          if ((field.writeTo === 'shortDescription' || field.writeTo === 'description') && field.type !== 'text') issues.push({ path: [...at, 'fields', f, 'writeTo'], message: `${field.writeTo} takes a text field` });
          return;
        }
        const target = byKey.get(field.writeTo.slice('customFields.'.length));
        if (!target) issues.push({ path: [...at, 'fields', f, 'writeTo'], message: `the case type has no field "${field.writeTo.slice('customFields.'.length)}"` });
        else if (target.type !== field.type) issues.push({ path: [...at, 'fields', f, 'writeTo'], message: `"${target.key}" is a ${target.type} field; this one is ${field.type}` });
        else if (target.type === 'choice' && field.type === 'choice') {
          const extra = field.choices.filter((choice) => !target.choices.includes(choice));
          if (extra.length > 0) issues.push({ path: [...at, 'fields', f, 'choices'], message: `"${target.key}" does not offer ${extra.map((x) => `"${x}"`).join(', ')}` });
        }
      });
    });
  });
  return issues;
}

/** Every activity in order (stage by stage), with its stage. */
export function activitiesOf(stages: readonly StageDefinition[]): { stage: StageDefinition; activity: ActivityDefinition }[] {
  return stages.flatMap((stage) => stage.activities.map((activity) => ({ stage, activity })));
}
