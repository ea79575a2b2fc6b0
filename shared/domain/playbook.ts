/**
 * Playbook definitions: ordered stages of activities that guide work on a case type. The engine
 * that runs them comes with the playbook issue; this is the stored shape, versioned so a running
 * case keeps the version it started with.
 */
import { z } from 'zod';
import { defineEntity, opt, ref, text, type RecordOf } from './entity';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'must be a lowercase key like intake_check' });

export const activityKinds = ['instruction', 'checklist', 'form', 'decision', 'approval', 'task', 'communication', 'wait_for'] as const;

export const activitySchema = z.strictObject({
  key,
  name: text(160),
  kind: z.enum(activityKinds),
  isMandatory: z.boolean().default(true),
  /** after_previous: when the activity before it in the stage completes; with_stage: when the stage starts. */
  startRule: z.enum(['after_previous', 'with_stage', 'after_activities', 'when_condition']).default('after_previous'),
  after: z.array(key).default([]),
  /** Kind-specific settings (checklist items, form fields, approvers, task template, …). */
  config: z.record(z.string(), z.unknown()).default({}),
});
export type ActivityDefinition = z.infer<typeof activitySchema>;

export const stageSchema = z.strictObject({
  key,
  name: text(120),
  activities: z.array(activitySchema).min(1),
});

export const playbookDefinitionDef = defineEntity('playbookDefinition', 'playbook_definitions', {
  key,
  name: text(160),
  caseTypeId: ref('caseType', 'cascade'),
  version: z.number().int().positive(),
  /** Optional narrowing: the playbook applies only when the case matches. */
  condition: opt(z.record(z.string(), z.unknown())),
  stages: z.array(stageSchema).min(1),
  isActive: z.boolean().default(true),
});
export type PlaybookDefinition = RecordOf<typeof playbookDefinitionDef>;
