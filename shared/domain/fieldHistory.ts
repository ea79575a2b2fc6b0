/**
 * The audit history of every field change: what, when (server and device time), where (device),
 * source (channel or mutation), outcome and who.
 */
import { z } from 'zod';
import { defineEntity, idSchema, isoDateTime, opt, ref, text, type RecordOf } from './entity';

export const fieldHistoryDef = defineEntity('fieldHistory', 'field_history', {
  recordType: text(40),
  recordId: idSchema,
  caseId: opt(ref('case', 'cascade')),
  field: text(60),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  changedById: ref('user'),
  deviceTime: opt(isoDateTime),
  deviceId: opt(idSchema),
  source: text(80),
  outcome: z.enum(['applied', 'overwritten', 'refused']).default('applied'),
});
export type FieldHistory = RecordOf<typeof fieldHistoryDef>;
