/** SLA definitions and the SLA clocks attached to cases. */
import { z } from 'zod';
import { businessHoursSchema } from './contract';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';
import { prioritySchema } from './vocab';

export const slaDefinitionDef = defineEntity('slaDefinition', 'sla_definitions', {
  name: text(120),
  caseTypeId: opt(ref('caseType', 'cascade')),
  priority: opt(prioritySchema),
  target: z.enum(['response', 'resolution']),
  durationMinutes: z.number().int().positive(),
  /** null means 24×7. */
  schedule: opt(businessHoursSchema),
  /** State categories in which the clock starts, pauses and stops. */
  pauseWhen: z.array(z.enum(['waiting'])).default(['waiting']),
  stopWhen: z.array(z.enum(['active', 'resolved', 'closed', 'cancelled'])).min(1),
});
export type SlaDefinition = RecordOf<typeof slaDefinitionDef>;

export const caseSlaDef = defineEntity('caseSla', 'case_slas', {
  caseId: ref('case', 'cascade'),
  slaDefinitionId: ref('slaDefinition'),
  state: z.enum(['in_progress', 'paused', 'completed', 'cancelled']),
  hasBreached: z.boolean().default(false),
  startedAt: isoDateTime,
  dueAt: isoDateTime,
  pausedAt: opt(isoDateTime),
  pausedMinutes: z.number().int().nonnegative().default(0),
  stoppedAt: opt(isoDateTime),
});
export type CaseSla = RecordOf<typeof caseSlaDef>;

/** At risk when a quarter or less of the allowed time is left (and not yet breached). */
export function slaStatus(sla: Pick<CaseSla, 'startedAt' | 'dueAt' | 'hasBreached' | 'state'>, now: string): 'ok' | 'at_risk' | 'breached' | 'done' {
  if (sla.state === 'completed' || sla.state === 'cancelled') return sla.hasBreached ? 'breached' : 'done';
  const start = Date.parse(sla.startedAt);
  const due = Date.parse(sla.dueAt);
  const t = Date.parse(now);
  if (sla.hasBreached || t >= due) return 'breached';
  return due - t <= (due - start) / 4 ? 'at_risk' : 'ok';
}
