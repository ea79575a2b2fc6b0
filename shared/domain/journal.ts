/** The activity stream: customer-visible comments and internal work notes. Appended, never edited. */
import { z } from 'zod';
import { defineEntity, isoDateTime, opt, ref, text, type RecordOf } from './entity';

export const journalEntryDef = defineEntity('journalEntry', 'journal_entries', {
  caseId: ref('case', 'cascade'),
  taskId: opt(ref('task', 'cascade')),
  kind: z.enum(['comment', 'work_note']),
  body: text(32000),
  authorId: ref('user'),
  /** When the author wrote it on the device (may be long before the server received it). */
  deviceTime: opt(isoDateTime),
  source: z.enum(['agent', 'portal', 'email', 'phone', 'exchange', 'system']).default('agent'),
});
export type JournalEntry = RecordOf<typeof journalEntryDef>;
