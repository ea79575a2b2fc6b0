/** An approval asked of a business stakeholder or a role on a case (often from a playbook). */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';
import { roleSchema } from './vocab';

export const approvalDef = defineEntity('approval', 'approvals', {
  caseId: ref('case', 'cascade'),
  taskId: opt(ref('task', 'cascade')),
  activityKey: opt(text(60)),
  approverId: opt(ref('user')),
  approverRole: opt(roleSchema),
  state: z.enum(['requested', 'approved', 'rejected', 'cancelled']).default('requested'),
  requestedById: ref('user'),
  requestedAt: isoDateTime,
  decidedAt: opt(isoDateTime),
  decidedById: opt(ref('user')),
  comment: opt(text(4000)),
});
export type Approval = RecordOf<typeof approvalDef>;
