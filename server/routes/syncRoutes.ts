/** The sync endpoints (shared/sync/SPEC.md): push queued mutations, pull the device's scope. */
import type { FastifyInstance } from 'fastify';
import { errorCodes } from '../../shared/api/errors';
import { incompatibility, protocolVersion, pullRequestSchema, pushRequestSchema } from '../../shared/sync/protocol';
import type { Store } from '../db/database';
import { requireAuth } from '../http/access';
import { ApiFailure, parseOr400 } from '../http/errors';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

function checkVersion(version: number): void {
  if (version === protocolVersion) return;
  const code = version < protocolVersion ? incompatibility.protocolTooOld : incompatibility.protocolTooNew;
  throw new ApiFailure(400, errorCodes.invalid, `sync protocol ${version} is not spoken here (this store speaks ${protocolVersion})`, [{ path: 'protocolVersion', code, message: `must be ${protocolVersion}` }]);
}

export function syncRoutes(app: FastifyInstance, store: Store): void {
  app.post('/api/sync/push', { config: { access: 'authenticated' }, bodyLimit: 16 * 1024 * 1024 }, async (request) => {
    const { actor } = requireAuth(request);
    const body = parseOr400(pushRequestSchema, request.body, '');
    checkVersion(body.protocolVersion);
    return push(store.db, actor, body.mutations);
  });

  app.post('/api/sync/pull', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const body = parseOr400(pullRequestSchema, request.body, '');
    checkVersion(body.protocolVersion);
    return pull(store.db, actor, body.cursor, body.limit, { verify: body.verify ?? false });
  });
}
