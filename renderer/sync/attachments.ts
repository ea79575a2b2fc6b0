/**
 * Attachments on the device (SPEC A1–A3): the file is kept as a blob in IndexedDB and its metadata
 * queued as a mutation, so a photo taken offline is never lost; once the store has the metadata,
 * the content goes up in chunks, resuming with the chunks the store has not acknowledged yet.
 */
import { issuesFromZod } from '../../shared/api/errors';
import { attachmentChunkBytes } from '../../shared/domain/attachment';
import { mutationArgs, type MutationName } from '../../shared/sync/mutations';
import type { CasewayDb } from '../db/database';
import { MutationInputError } from './mutate';

export type AttachmentTransport = {
  uploadStatus(id: string): Promise<{ state: string; received: number[]; chunkCount: number }>;
  putChunk(id: string, index: number, data: ArrayBuffer): Promise<void>;
  complete(id: string, sha256: string): Promise<void>;
  download(id: string): Promise<Blob>;
};

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Uploads every pending blob whose metadata the store has applied. Returns how many completed. */
export async function uploadPendingBlobs(db: CasewayDb, transport: AttachmentTransport): Promise<number> {
  const pending = await db.blobs.where('state').equals('pending').toArray();
  let completed = 0;
  for (const item of pending) {
    const queued = await db.outbox.filter((m) => m.name === 'attachment.create' && (m.args as { id?: string }).id === item.id).first();
    if (queued?.status === 'pending') continue; // the store has not got the metadata yet
    const refused = await db.syncIssues.filter((i) => i.kind === 'refused' && i.name === 'attachment.create' && (i.args as { id?: string }).id === item.id).first();
    if (refused) {
      await db.blobs.delete(item.id);
      continue;
    }
    const status = await transport.uploadStatus(item.id);
    if (status.state !== 'uploaded') {
      const received = new Set(status.received);
      for (let index = 0; index < status.chunkCount; index++) {
        if (received.has(index)) continue;
        const chunk = item.blob.slice(index * attachmentChunkBytes, (index + 1) * attachmentChunkBytes);
        await transport.putChunk(item.id, index, await chunk.arrayBuffer());
      }
      await transport.complete(item.id, await sha256Hex(item.blob));
    }
    await db.blobs.update(item.id, { state: 'uploaded' });
    completed++;
  }
  return completed;
}

/** The content of an attachment: from the device when it has it, else downloaded and kept. */
export async function attachmentContent(db: CasewayDb, transport: AttachmentTransport, id: string): Promise<Blob> {
  const stored = await db.blobs.get(id);
  if (stored) return stored.blob;
  const blob = await transport.download(id);
  await db.blobs.put({ id, blob, state: 'downloaded' });
  return blob;
}

export type NewAttachment = { caseId: string | null; taskId: string | null; file: Blob; fileName: string; contentType: string };

/**
 * Keeps the file on the device and queues its metadata. Size and type are checked first, with the
 * shared schema's messages, so a refused file leaves nothing behind.
 */
export async function attachFile(db: CasewayDb, mutate: (name: MutationName, args: unknown) => Promise<number>, input: NewAttachment): Promise<string> {
  const id = crypto.randomUUID();
  const args = { id, caseId: input.caseId, taskId: input.taskId, fileName: input.fileName, contentType: input.contentType, sizeBytes: input.file.size };
  const parsed = mutationArgs['attachment.create'].safeParse(args);
  if (!parsed.success) throw new MutationInputError(issuesFromZod(parsed.error, '', args));
  await db.blobs.put({ id, blob: input.file, state: 'pending' });
  await mutate('attachment.create', args);
  return id;
}
