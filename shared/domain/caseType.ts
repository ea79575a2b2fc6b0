/** Case types (their own fields and life cycle) and service definitions (what can be requested). */
import { z } from 'zod';
import { lifecycleSchema } from './caseLifecycle';
import { defineEntity, idSchema, opt, ref, text, type RecordOf } from './entity';
import { channelSchema, prioritySchema } from './vocab';

const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, { message: 'must be a camelCase key' });

/** The kinds of field a case type (and a playbook form) can have. */
export const caseFieldShapes = {
  text: z.strictObject({ key: fieldKey, label: text(80), type: z.literal('text'), required: z.boolean().default(false), maxLength: z.number().int().positive().max(8000).default(400) }),
  number: z.strictObject({ key: fieldKey, label: text(80), type: z.literal('number'), required: z.boolean().default(false), min: z.number().nullable().default(null), max: z.number().nullable().default(null) }),
  date: z.strictObject({ key: fieldKey, label: text(80), type: z.literal('date'), required: z.boolean().default(false) }),
  boolean: z.strictObject({ key: fieldKey, label: text(80), type: z.literal('boolean'), required: z.boolean().default(false) }),
  choice: z.strictObject({ key: fieldKey, label: text(80), type: z.literal('choice'), required: z.boolean().default(false), choices: z.array(text(80)).min(1) }),
};

export const caseFieldSchema = z.discriminatedUnion('type', [caseFieldShapes.text, caseFieldShapes.number, caseFieldShapes.date, caseFieldShapes.boolean, caseFieldShapes.choice]);
export type CaseField = z.infer<typeof caseFieldSchema>;

export const caseTypeDef = defineEntity('caseType', 'case_types', {
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'must be a lowercase key like water_outage' }),
  name: text(120),
  description: opt(text(2000)),
  model: z.enum(['csm', 'public_service']),
  fields: z.array(caseFieldSchema).max(60).default([]),
  lifecycle: lifecycleSchema,
  defaultPriority: prioritySchema.default(3),
  resolutionCodes: z.array(text(80)).min(1),
  /** The skills whoever works a case of this type should have (routing suggestions match them). */
  skillIds: z.array(idSchema).max(20).default([]),
  isActive: z.boolean().default(true),
});
export type CaseType = RecordOf<typeof caseTypeDef>;

export type FieldProblem = { path: string; message: string };

/** Checks a case's extra field values against its case type's field definitions. */
export function validateCustomFields(fields: readonly CaseField[], values: Record<string, unknown>): FieldProblem[] {
  return validateFieldValues(fields, values, 'customFields');
}

/** Checks values keyed by field key against field definitions; paths are `<prefix>.<key>`. */
export function validateFieldValues(fields: readonly CaseField[], values: Record<string, unknown>, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ path: `${prefix}.${key}`, message: prefix === 'customFields' ? 'is not a field of this case type' : 'is not a field of this form' });
  }
  for (const field of fields) {
    const path = `${prefix}.${field.key}`;
    const value = values[field.key];
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push({ path, message: `${field.label} is required` });
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) problems.push({ path, message: problem });
  }
  return problems;
}

function fieldProblem(field: CaseField, value: unknown): string | null {
  switch (field.type) {
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value.length > field.maxLength ? `must be at most ${field.maxLength} characters` : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== null && value < field.min) return `must be at least ${field.min}`;
      return field.max !== null && value > field.max ? `must be at most ${field.max}` : null;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date (YYYY-MM-DD)';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && field.choices.includes(value) ? null : `must be one of: ${field.choices.join(', ')}`;
    default: {
      const exhaustive: never = field;
      return exhaustive;
    }
  }
}

/** A service that can be requested: picks the case type, its playbook and the products it covers. */
export const serviceDefinitionDef = defineEntity('serviceDefinition', 'service_definitions', {
  name: text(200),
  description: opt(text(2000)),
  caseTypeId: ref('caseType'),
  catalogItemId: opt(ref('catalogItem')),
  productModelIds: z.array(z.guid()).default([]),
  channels: z.array(channelSchema).min(1),
  playbookDefinitionId: opt(ref('playbookDefinition', 'setNull')),
  defaultGroupId: opt(ref('group', 'setNull')),
  isActive: z.boolean().default(true),
});
export type ServiceDefinition = RecordOf<typeof serviceDefinitionDef>;
