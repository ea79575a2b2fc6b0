/**
 * Attachment bytes (SPEC A1–A3): resumable chunked upload by the uploader, completion with size
 * and SHA-256 checks, and download on demand by anyone who may see the attachment.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { attachmentChunkBytes, chunkCount } from '../../shared/domain/attachment';
import type { Store } from '../db/database';
import { requireAuth } from '../http/access';
import { conflict, forbidden, invalid, parseOr400 } from '../http/errors';
import { hasRole } from '../services/actor';
import { getRecord, lockForWrite } from '../services/recordService';
import { notifyChange } from '../sync/pokes';

const idParams = z.strictObject({ id: z.guid({ message: 'must be a UUID' }) });
const chunkParams = idParams.extend({ index: z.coerce.number().int().min(0) });

export function attachmentRoutes(app: FastifyInstance, store: Store): void {
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: attachmentChunkBytes }, (_request, body, done) => done(null, body));

  async function uploadable(request: Parameters<typeof requireAuth>[0], id: string) {
    const { actor } = requireAuth(request);
    const attachment = await getRecord(store.db, actor, 'attachment', id);
    if (attachment.uploadedById !== actor.userId && !hasRole(actor, 'administrator')) throw forbidden('only the uploader may send the content');
    return { actor, attachment };
  }

  app.get('/api/attachments/:id/upload', { config: { access: 'authenticated' } }, async (request) => {
    const { id } = parseOr400(idParams, request.params, '');
    const { attachment } = await uploadable(request, id);
    const rows = await store.db.selectFrom('attachment_chunks').select('chunk_index').where('attachment_id', '=', id).orderBy('chunk_index').execute();
    return { state: attachment.state, chunkBytes: attachmentChunkBytes, chunkCount: chunkCount(Number(attachment.sizeBytes)), received: rows.map((r) => r.chunk_index) };
  });

  app.put('/api/attachments/:id/chunks/:index', { config: { access: 'authenticated' } }, async (request, reply) => {
    const { id, index } = parseOr400(chunkParams, request.params, '');
    const { attachment } = await uploadable(request, id);
    if (attachment.state !== 'pending') throw conflict('the attachment is complete; its content cannot change');
    const body = request.body;
    if (!(body instanceof Buffer)) throw invalid('body', 'send the chunk as application/octet-stream');
    const size = Number(attachment.sizeBytes);
    const count = chunkCount(size);
    if (index >= count) throw invalid('index', `must be below ${count} for ${size} bytes`);
    const expected = index === count - 1 ? size - index * attachmentChunkBytes : attachmentChunkBytes;
    if (body.length !== expected) throw invalid('body', `chunk ${index} must be ${expected} bytes, got ${body.length}`);
    await store.db
      .insertInto('attachment_chunks')
      .values({ attachment_id: id, chunk_index: index, data: body })
      .onConflict((oc) => oc.columns(['attachment_id', 'chunk_index']).doUpdateSet({ data: body }))
      .execute();
    return reply.status(204).send();
  });

  app.post('/api/attachments/:id/complete', { config: { access: 'authenticated' } }, async (request) => {
    const { id } = parseOr400(idParams, request.params, '');
    const body = parseOr400(z.strictObject({ sha256: z.string().regex(/^[a-f0-9]{64}$/, { message: 'must be a hex SHA-256' }) }), request.body, '');
    const { actor, attachment } = await uploadable(request, id);
    if (attachment.state === 'uploaded') return attachment;
    return store.db.transaction().execute(async (trx) => {
      const sinceRev = await lockForWrite(trx);
      const rows = await trx.selectFrom('attachment_chunks').select(['chunk_index', 'data']).where('attachment_id', '=', id).orderBy('chunk_index').execute();
      const count = chunkCount(Number(attachment.sizeBytes));
      const missing = [...Array(count).keys()].filter((i) => !rows.some((r) => r.chunk_index === i));
      if (missing.length) throw conflict(`chunks ${missing.join(', ')} are missing`, [{ path: 'chunks', code: 'missing_chunks', message: missing.join(',') }]);
      const hash = createHash('sha256');
      for (const r of rows) hash.update(r.data);
      const digest = hash.digest('hex');
      if (digest !== body.sha256) throw invalid('sha256', 'does not match the uploaded content; upload it again');
      await sql`update attachments set state = 'uploaded', sha256 = ${digest}, updated_at = now() where id = ${id}`.execute(trx);
      await notifyChange(trx, actor.orgId, sinceRev);
      return getRecord(trx, actor, 'attachment', id);
    });
  });

  app.get('/api/attachments/:id/content', { config: { access: 'authenticated' } }, async (request, reply) => {
    const { actor } = requireAuth(request);
    const { id } = parseOr400(idParams, request.params, '');
    const attachment = await getRecord(store.db, actor, 'attachment', id);
    if (attachment.state !== 'uploaded') throw conflict('the content has not been uploaded yet');
    const rows = await store.db.selectFrom('attachment_chunks').select('data').where('attachment_id', '=', id).orderBy('chunk_index').execute();
    return reply
      .header('content-type', String(attachment.contentType))
      .header('content-disposition', `attachment; filename="${String(attachment.fileName).replace(/["\\\r\n]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.concat(rows.map((r) => Buffer.from(r.data))));
  });
}
