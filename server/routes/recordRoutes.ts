/** The JSON API for every record type: list, read, create, patch, delete, and case actions. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { transitionBodySchema } from '../../shared/api/auth';
import { caseDef } from '../../shared/domain/case';
import { isRecordType, type RecordType } from '../../shared/domain/records';
import type { Store } from '../db/database';
import { requireAuth } from '../http/access';
import { invalid, notFound, parseOr400 } from '../http/errors';
import { transitionCase } from '../services/caseRules';
import { createRecord, deleteRecord, getRecord, listRecords, lockForWrite, parseListQuery, updateRecord, type WriteContext } from '../services/recordService';
import { fromRow } from '../services/rowMapping';
import { caseVisible } from '../services/scope';
import { notifyChange } from '../sync/pokes';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';

const typeParams = z.strictObject({ type: z.string() });
const idParams = z.strictObject({ type: z.string(), id: z.guid({ message: 'must be a UUID' }) });

function recordType(value: string): RecordType {
  if (!isRecordType(value)) throw notFound(`no record type "${value}"`);
  return value;
}

function expectedRev(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const rev = Number(String(header).replace(/"/g, ''));
  if (!Number.isInteger(rev) || rev < 0) throw invalid('If-Match', 'must be the rev you last saw');
  return rev;
}

export function recordRoutes(app: FastifyInstance, store: Store): void {
  const write = <T>(request: FastifyRequest, fn: (ctx: WriteContext) => Promise<T>): Promise<T> => {
    const { actor } = requireAuth(request);
    return store.db.transaction().execute(async (trx: Transaction<DB>) => {
      const sinceRev = await lockForWrite(trx);
      const result = await fn({ trx, actor, now: new Date().toISOString(), source: 'api', deviceTime: null });
      await notifyChange(trx, actor.orgId, sinceRev);
      return result;
    });
  };

  app.get('/api/records/:type', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const type = recordType(parseOr400(typeParams, request.params, '').type);
    return listRecords(store.db, actor, type, parseListQuery(type, request.query as Record<string, unknown>));
  });

  app.get('/api/records/:type/:id', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const params = parseOr400(idParams, request.params, '');
    return getRecord(store.db, actor, recordType(params.type), params.id);
  });

  app.post('/api/records/:type', { config: { access: 'authenticated' } }, async (request, reply) => {
    const type = recordType(parseOr400(typeParams, request.params, '').type);
    const created = await write(request, (ctx) => createRecord(ctx, type, request.body));
    return reply.status(201).send(created);
  });

  app.patch('/api/records/:type/:id', { config: { access: 'authenticated' } }, async (request) => {
    const params = parseOr400(idParams, request.params, '');
    const type = recordType(params.type);
    return write(request, (ctx) => updateRecord(ctx, type, params.id, request.body, { expectedRev: expectedRev(request), overwrites: new Set() }));
  });

  app.delete('/api/records/:type/:id', { config: { access: 'authenticated' } }, async (request, reply) => {
    const params = parseOr400(idParams, request.params, '');
    const type = recordType(params.type);
    await write(request, (ctx) => deleteRecord(ctx, type, params.id));
    return reply.status(204).send();
  });

  app.post('/api/cases/:id/transition', { config: { access: ['administrator', 'supervisor', 'agent'] } }, async (request) => {
    const { id } = parseOr400(z.strictObject({ id: z.guid({ message: 'must be a UUID' }) }), request.params, '');
    const body = parseOr400(transitionBodySchema, request.body, '');
    return write(request, (ctx) => transitionCase(ctx, id, body));
  });

  /** The signed-in user's own cases, most urgent first: what the workstation lists at this stage. */
  app.get('/api/cases/mine', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const query = parseOr400(z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(200) }), request.query, '');
    const rows = await sql<Record<string, unknown>>`
      select c.* from cases c
      where c.assigned_to_id = ${actor.userId} and ${caseVisible(actor, 'c')}
      order by (c.closed_at is not null), c.priority, c.opened_at desc
      limit ${query.limit}`.execute(store.db);
    return { items: rows.rows.map((r) => fromRow(caseDef, r)), nextCursor: null };
  });
}
