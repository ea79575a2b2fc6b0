/**
 * Every change a device makes is one named, intent-level mutation with a client-made id. Its
 * arguments are validated by these schemas on the device (before it is queued) and again on the
 * server (before it is applied). State-dependent intents carry what they assumed (guards).
 */
import { z } from 'zod';
import { caseDef } from '../domain/case';
import { consumerDef, contactDef } from '../domain/customer';
import { idSchema, omitFields, patchSchema } from '../domain/entity';
import { interactionDef } from '../domain/interaction';
import { journalEntryDef } from '../domain/journal';
import { taskDef } from '../domain/task';
import { attachmentDef } from '../domain/attachment';

const caseCreateArgs = caseDef.create
  .omit({ number: true, state: true, openedById: true, openedAt: true, resolvedAt: true, closedAt: true, resolutionCode: true, resolutionNotes: true })
  .extend({ id: idSchema, priority: caseDef.fields.priority.optional() });

/** Only plain fields; state and assignment have their own intents. */
const caseEditable = omitFields(caseDef.fields, ['number', 'caseTypeId', 'state', 'openedById', 'openedAt', 'resolvedAt', 'closedAt', 'resolutionCode', 'resolutionNotes', 'assignmentGroupId', 'assignedToId']);

/** An edit: the changed fields (no defaults applied), and the values the device saw before (to detect overwrites). */
function editArgs<F extends Record<string, z.ZodType>>(fields: F) {
  return z.strictObject({ id: idSchema, changes: patchSchema(fields), base: z.record(z.string(), z.unknown()).default({}) });
}

const journalArgs = journalEntryDef.create.pick({ caseId: true, body: true, deviceTime: true }).extend({ id: idSchema });

export const mutationArgs = {
  'case.create': caseCreateArgs,
  'case.update': editArgs(caseEditable),
  'case.transition': z.strictObject({
    id: idSchema,
    action: z.string().min(1).max(40),
    resolutionCode: z.string().trim().min(1).max(80).nullable().default(null),
    resolutionNotes: z.string().trim().min(1).max(8000).nullable().default(null),
  }),
  /** Guarded: applies only while the case is still with `expected` (DESIGN §3, guarded intents). */
  'case.assign': z.strictObject({
    id: idSchema,
    assignmentGroupId: idSchema.nullable(),
    assignedToId: idSchema.nullable(),
    expected: z.strictObject({ assignmentGroupId: idSchema.nullable(), assignedToId: idSchema.nullable() }),
    reason: z.string().trim().max(400).nullable().default(null),
  }),
  'case.addComment': journalArgs,
  'case.addWorkNote': journalArgs,
  'task.create': taskDef.create.omit({ number: true }).extend({ id: idSchema }),
  'task.update': editArgs(omitFields(taskDef.fields, ['number', 'caseId'])),
  'interaction.create': interactionDef.create.omit({ number: true }).extend({ id: idSchema }),
  'interaction.update': editArgs(omitFields(interactionDef.fields, ['number'])),
  'consumer.create': consumerDef.create.extend({ id: idSchema }),
  'consumer.update': editArgs(consumerDef.fields),
  'contact.create': contactDef.create.extend({ id: idSchema }),
  'contact.update': editArgs(contactDef.fields),
  'attachment.create': attachmentDef.create.omit({ uploadedById: true, state: true, sha256: true }).extend({ id: idSchema }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as [MutationName, ...MutationName[]];
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
