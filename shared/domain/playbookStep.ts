/**
 * What a person did on a case's playbook: started an activity (an approval requested, a task
 * created), completed it (with its answers, ticks, branch or message) or skipped it (with a
 * reason). Steps are appended, never edited, so offline work on the same case merges (SPEC C1);
 * the store re-checks each with the playbook engine before it is recorded (SPEC C6).
 */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';

export const playbookStepDef = defineEntity('playbookStep', 'playbook_steps', {
  caseId: ref('case', 'cascade'),
  /** The definition version the case runs (every step of a case names the same one). */
  playbookDefinitionId: ref('playbookDefinition', 'cascade'),
  activityKey: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'must be an activity key' }),
  action: z.enum(['started', 'completed', 'skipped']),
  /** checked (checklist), answers (form), branch (decision), body (communication), taskId, approvalIds. */
  data: z.record(z.string(), z.unknown()).default({}),
  reason: opt(text(1000)),
  actorId: ref('user'),
  deviceTime: opt(isoDateTime),
});
export type PlaybookStep = RecordOf<typeof playbookStepDef>;
