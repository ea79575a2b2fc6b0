/**
 * Every change a device makes is one named, intent-level mutation with a client-made id. Its
 * arguments are validated by these schemas on the device (before it is queued) and again on the
 * server (before it is applied). State-dependent intents carry what they assumed (guards).
 */
import { z } from 'zod';
import { caseDef } from '../domain/case';
import { consumerDef, contactDef } from '../domain/customer';
import { idSchema, isoDateTime, omitFields, patchSchema } from '../domain/entity';
import { installBaseItemDef } from '../domain/product';
import { interactionDef } from '../domain/interaction';
import { journalEntryDef } from '../domain/journal';
import { taskDef } from '../domain/task';
import { attachmentDef } from '../domain/attachment';
import { roleSchema } from '../domain/vocab';

const caseCreateArgs = caseDef.create
  .omit({ number: true, state: true, openedById: true, openedAt: true, resolvedAt: true, closedAt: true, resolutionCode: true, resolutionNotes: true })
  .extend({ id: idSchema, priority: caseDef.fields.priority.optional() });

/** Only plain fields; state and assignment have their own intents. */
const caseEditable = omitFields(caseDef.fields, ['number', 'caseTypeId', 'state', 'openedById', 'openedAt', 'resolvedAt', 'closedAt', 'resolutionCode', 'resolutionNotes', 'assignmentGroupId', 'assignedToId']);

/** An edit: the changed fields (no defaults applied), and the values the device saw before (to detect overwrites). */
function editArgs<F extends Record<string, z.ZodType>>(fields: F) {
  return z.strictObject({ id: idSchema, changes: patchSchema(fields), base: z.record(z.string(), z.unknown()).default({}) });
}

/** Which activity of which playbook version on which case a playbook step is about. */
const activityRef = {
  id: idSchema,
  caseId: idSchema,
  playbookDefinitionId: idSchema,
  activityKey: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'must be an activity key' }),
};
const answerValue = z.union([z.string().max(8000), z.number(), z.boolean(), z.null()]);

const journalArgs = journalEntryDef.create.pick({ caseId: true, body: true, deviceTime: true }).extend({ id: idSchema, taskId: idSchema.nullable().default(null) });

/** When the technician did it, by the device's clock (kept beside the server's time). */
const workAt = isoDateTime;
const signOffSchema = z.strictObject({ name: z.string().trim().min(1, { message: 'the customer\'s name is required' }).max(120), signedAt: isoDateTime, attachmentId: idSchema.nullable() });

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
    /** The bulk action this reassignment was one of (its outcomes are reported together). */
    batchId: idSchema.nullable().default(null),
  }),
  'case.addComment': journalArgs,
  'case.addWorkNote': journalArgs,
  'task.create': taskDef.create.omit({ number: true }).extend({ id: idSchema }),
  'task.update': editArgs(omitFields(taskDef.fields, ['number', 'caseId'])),
  /** Guarded: from open or paused only; opens a stretch of work at the device's time. */
  'workOrder.start': z.strictObject({ id: idSchema, at: workAt }),
  /** Guarded: from in progress only; closes the running stretch of work. */
  'workOrder.pause': z.strictObject({ id: idSchema, at: workAt }),
  /** Guarded: not once completed or cancelled. Time spent defaults to the work log's sum. */
  'workOrder.complete': z.strictObject({
    id: idSchema,
    at: workAt,
    timeSpentMinutes: z.number().int().nonnegative().max(100_000).nullable().default(null),
    partsUsed: taskDef.fields.partsUsed,
    signOff: signOffSchema.nullable().default(null),
  }),
  /** A field technician's record of an installed item's state (e.g. faulty, under repair, in service). */
  'installBaseItem.update': editArgs({ state: installBaseItemDef.fields.state, serialNumber: installBaseItemDef.fields.serialNumber }),
  /** A component swapped: the old item becomes `replaced`, a new one takes its place in the tree. */
  'installBaseItem.replace': z.strictObject({
    id: idSchema,
    newId: idSchema,
    name: installBaseItemDef.fields.name,
    serialNumber: z.string().trim().min(1).max(80).nullable().default(null),
    productModelId: idSchema.nullable().default(null),
    at: workAt,
  }),
  'interaction.create': interactionDef.create.omit({ number: true }).extend({ id: idSchema }),
  'interaction.update': editArgs(omitFields(interactionDef.fields, ['number'])),
  'consumer.create': consumerDef.create.extend({ id: idSchema }),
  'consumer.update': editArgs(consumerDef.fields),
  'contact.create': contactDef.create.extend({ id: idSchema }),
  'contact.update': editArgs(contactDef.fields),
  /** Guarded by the playbook engine: the store refuses a step the activity's state or rules do not allow (SPEC C6). */
  'playbook.completeActivity': z.strictObject({
    ...activityRef,
    data: z
      .strictObject({
        checked: z.array(z.string().max(60)).max(50).optional(),
        answers: z.record(z.string().max(40), answerValue).optional(),
        branch: z.string().max(60).optional(),
        body: z.string().max(8000).optional(),
      })
      .default({}),
    /** The customer-visible comment a communication sends (its client-made id). */
    commentId: idSchema.nullable().default(null),
  }),
  'playbook.skipActivity': z.strictObject({ ...activityRef, reason: z.string().trim().min(1, { message: 'say why it is skipped' }).max(1000) }),
  /** The approvals the device asked for, as the activity's approvers resolved on the device; the store re-resolves and compares. */
  'playbook.requestApproval': z.strictObject({
    ...activityRef,
    approvals: z.array(z.strictObject({ id: idSchema, approverId: idSchema.nullable(), approverRole: roleSchema.nullable() })).min(1).max(21),
  }),
  'playbook.createTask': z.strictObject({ ...activityRef, taskId: idSchema, assignmentGroupId: idSchema.nullable().default(null), assignedToId: idSchema.nullable().default(null) }),
  /** Guarded: only while the approval is still requested, and only by its approver (or a holder of its role). */
  'approval.decide': z.strictObject({ id: idSchema, decision: z.enum(['approved', 'rejected']), comment: z.string().trim().max(4000).nullable().default(null) }),
  'attachment.create': attachmentDef.create.omit({ uploadedById: true, state: true, sha256: true }).extend({ id: idSchema }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as [MutationName, ...MutationName[]];
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
