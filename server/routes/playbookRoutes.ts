/**
 * Authoring playbooks over HTTP: `POST /api/playbooks` takes a definition as JSON
 * (application/json) or YAML (application/yaml, text/yaml); `?dryRun=true` only checks it.
 * Answers 201 with the new version, 200 when the same content is already the current version
 * (or with a dry run), and 400 naming the path of every bad field.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Store } from '../db/database';
import { requireAuth } from '../http/access';
import { parseOr400 } from '../http/errors';
import { loadPlaybook, parsePlaybookText } from '../services/playbookAuthoring';
import { lockForWrite } from '../services/recordService';
import { notifyChange } from '../sync/pokes';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function playbookRoutes(app: FastifyInstance, store: Store): void {
  app.addContentTypeParser(yamlTypes, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
    done(null, { yamlText: String(body) });
  });

  app.post('/api/playbooks', { config: { access: ['administrator'] } }, async (request, reply) => {
    const { actor } = requireAuth(request);
    const query = parseOr400(z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }), request.query, '');
    const body = request.body as unknown;
    const value = body && typeof body === 'object' && 'yamlText' in body ? parsePlaybookText(String((body as { yamlText: unknown }).yamlText), 'yaml') : body;
    const outcome = await store.db.transaction().execute(async (trx) => {
      const sinceRev = await lockForWrite(trx);
      const result = await loadPlaybook({ trx, actor, now: new Date().toISOString(), source: 'api:playbooks', deviceTime: null }, value, { dryRun: query.dryRun === 'true' });
      if (result.status === 'created') await notifyChange(trx, actor.orgId, sinceRev);
      return result;
    });
    return reply.status(outcome.status === 'created' ? 201 : 200).send(outcome);
  });
}
