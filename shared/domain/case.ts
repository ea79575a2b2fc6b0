/** The case: one constituent or customer issue, request or application, worked to resolution. */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';
import { channelSchema, prioritySchema } from './vocab';

export const caseNumberSchema = z.string().regex(/^[A-Z]{2,4}\d{7,}$/, { message: 'must look like CS0001234' });

export const caseDef = defineEntity('case', 'cases', {
  number: caseNumberSchema,
  caseTypeId: ref('caseType'),
  serviceDefinitionId: opt(ref('serviceDefinition')),
  shortDescription: text(160),
  description: opt(text(16000)),
  /** A state key of the case type's life cycle; changed only by transitions. */
  state: z.string().min(1).max(40),
  priority: prioritySchema,
  channel: channelSchema,
  accountId: opt(ref('account')),
  contactId: opt(ref('contact')),
  consumerId: opt(ref('consumer')),
  householdId: opt(ref('household')),
  soldProductId: opt(ref('soldProduct')),
  installBaseItemId: opt(ref('installBaseItem')),
  assetId: opt(ref('asset')),
  contractId: opt(ref('serviceContract')),
  entitlementId: opt(ref('entitlement')),
  locationId: opt(ref('businessLocation')),
  assignmentGroupId: opt(ref('group')),
  assignedToId: opt(ref('user')),
  openedById: ref('user'),
  openedAt: isoDateTime,
  interactionId: opt(ref('interaction', 'setNull')),
  parentCaseId: opt(ref('case', 'setNull')),
  duplicateOfId: opt(ref('case', 'setNull')),
  resolutionCode: opt(text(80)),
  resolutionNotes: opt(text(8000)),
  resolvedAt: opt(isoDateTime),
  closedAt: opt(isoDateTime),
  /** The playbook version the case runs, fixed when the case is opened (null: none applied then). */
  playbookDefinitionId: opt(ref('playbookDefinition', 'setNull')),
  /** Values of the case type's own fields, keyed by field key. */
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type Case = RecordOf<typeof caseDef>;

/** Fields a plain edit may not set: the life cycle and assignment have their own actions. */
export const caseGuardedFields = ['state', 'resolvedAt', 'closedAt', 'resolutionCode', 'resolutionNotes', 'number', 'openedById', 'openedAt', 'playbookDefinitionId'] as const;

/** Case numbers: the organisation's prefix and a zero-padded sequence, e.g. CS0001234. */
export function formatCaseNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(7, '0')}`;
}
