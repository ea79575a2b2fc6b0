/** Metadata of a file or photo attached to a case or task; the bytes travel separately. */
import { z } from 'zod';
import { defineEntity, opt, ref, text, type RecordOf } from './entity';

export const maxAttachmentBytes = 25 * 1024 * 1024;
/** Uploads travel in chunks of this size (the last may be smaller), each acknowledged on its own. */
export const attachmentChunkBytes = 512 * 1024;

export function chunkCount(sizeBytes: number): number {
  return Math.ceil(sizeBytes / attachmentChunkBytes);
}
export const allowedContentTypes = [
  'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'text/plain', 'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export const attachmentDef = defineEntity('attachment', 'attachments', {
  caseId: opt(ref('case', 'cascade')),
  taskId: opt(ref('task', 'cascade')),
  fileName: text(255),
  contentType: z.enum(allowedContentTypes, { message: `must be one of: ${allowedContentTypes.join(', ')}` }),
  sizeBytes: z.number().int().positive().max(maxAttachmentBytes, { message: `must be at most ${maxAttachmentBytes / 1024 / 1024} MiB` }),
  sha256: opt(z.string().regex(/^[a-f0-9]{64}$/, { message: 'must be a hex SHA-256' })),
  uploadedById: ref('user'),
  state: z.enum(['pending', 'uploaded']).default('pending'),
});
export type Attachment = RecordOf<typeof attachmentDef>;
