/** Case types (their own fields and life cycle) and service definitions (what can be requested). */
import { z } from 'zod';
import { lifecycleSchema } from './caseLifecycle';
import { defineEntity, opt, ref, text, type RecordOf } from './entity';
import { channelSchema, prioritySchema } from './vocab';

const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, { message: 'must be a camelCase key' });

export const caseFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ key: fieldKey, label: text(80), type: z.literal('text'), required: z.boolean().default(false), maxLength: z.number().int().positive().max(8000).default(400) }),
  z.strictObject({ key: fieldKey, label: text(80), type: z.literal('number'), required: z.boolean().default(false), min: z.number().nullable().default(null), max: z.number().nullable().default(null) }),
  z.strictObject({ key: fieldKey, label: text(80), type: z.literal('date'), required: z.boolean().default(false) }),
  z.strictObject({ key: fieldKey, label: text(80), type: z.literal('boolean'), required: z.boolean().default(false) }),
  z.strictObject({ key: fieldKey, label: text(80), type: z.literal('choice'), required: z.boolean().default(false), choices: z.array(text(80)).min(1) }),
]);
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
  isActive: z.boolean().default(true),
});
export type CaseType = RecordOf<typeof caseTypeDef>;

export type FieldProblem = { path: string; message: string };

/** Checks a case's extra field values against its case type's field definitions. */
export function validateCustomFields(fields: readonly CaseField[], values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ path: `customFields.${key}`, message: 'is not a field of this case type' });
  }
  for (const field of fields) {
    const path = `customFields.${field.key}`;
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
