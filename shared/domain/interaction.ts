/** An interaction: one contact on one channel, from which cases are created. */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';
import { channelSchema } from './vocab';

export const interactionDef = defineEntity('interaction', 'interactions', {
  number: text(40),
  channel: channelSchema,
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['new', 'work_in_progress', 'wrap_up', 'closed']).default('new'),
  startedAt: isoDateTime,
  endedAt: opt(isoDateTime),
  /** The caller's number, the sender's address, the chat handle. */
  fromAddress: opt(text(200)),
  subject: opt(text(400)),
  consumerId: opt(ref('consumer')),
  contactId: opt(ref('contact')),
  accountId: opt(ref('account')),
  agentId: opt(ref('user')),
  caseId: opt(ref('case', 'setNull')),
  notes: opt(text(8000)),
});
export type Interaction = RecordOf<typeof interactionDef>;
