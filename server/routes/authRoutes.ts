import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changePasswordBodySchema, loginBodySchema } from '../../shared/api/auth';
import type { Store } from '../db/database';
import { offlineUnlockDays } from '../config';
import { requireAuth } from '../http/access';
import { ApiFailure, invalid, parseOr400 } from '../http/errors';
import { errorCodes } from '../../shared/api/errors';
import { hasRole } from '../services/actor';
import { checkPassword, listSessions, loadUser, login, revokeSession, setPassword } from '../services/sessions';

const idParams = z.strictObject({ id: z.guid({ message: 'must be a UUID' }) });

export function authRoutes(app: FastifyInstance, store: Store): void {
  app.post('/api/auth/login', { config: { access: 'public' } }, async (request) => {
    const body = parseOr400(loginBodySchema, request.body, '');
    return login(store.db, { ...body, userAgent: request.headers['user-agent'] ?? null }, offlineUnlockDays(process.env));
  });

  app.get('/api/auth/me', { config: { access: 'authenticated' } }, async (request) => {
    const { actor, session } = requireAuth(request);
    return { user: await loadUser(store.db, actor.userId), session, groupIds: actor.groupIds };
  });

  app.post('/api/auth/logout', { config: { access: 'authenticated' } }, async (request, reply) => {
    const { actor } = requireAuth(request);
    await revokeSession(store.db, actor, actor.sessionId, false);
    return reply.status(204).send();
  });

  app.get('/api/auth/sessions', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const query = parseOr400(z.strictObject({ userId: z.guid({ message: 'must be a UUID' }).optional() }), request.query, '');
    const userId = query.userId ?? actor.userId;
    if (userId !== actor.userId && !hasRole(actor, 'administrator')) throw new ApiFailure(403, errorCodes.forbidden, "only an administrator may list another user's sessions");
    return { items: await listSessions(store.db, actor, userId) };
  });

  app.delete('/api/auth/sessions/:id', { config: { access: 'authenticated' } }, async (request) => {
    const { actor } = requireAuth(request);
    const { id } = parseOr400(idParams, request.params, '');
    return revokeSession(store.db, actor, id, hasRole(actor, 'administrator'));
  });

  app.post('/api/auth/password', { config: { access: 'authenticated' } }, async (request, reply) => {
    const { actor } = requireAuth(request);
    const body = parseOr400(changePasswordBodySchema, request.body, '');
    if (!(await checkPassword(store.db, actor.userId, body.currentPassword))) throw invalid('currentPassword', 'is wrong');
    await setPassword(store.db, actor.userId, body.newPassword);
    return reply.status(204).send();
  });

  app.put('/api/users/:id/password', { config: { access: ['administrator'] } }, async (request, reply) => {
    const { actor } = requireAuth(request);
    const { id } = parseOr400(idParams, request.params, '');
    const body = parseOr400(changePasswordBodySchema.pick({ newPassword: true }), request.body, '');
    const user = await store.db.selectFrom('users').select('id').where('id', '=', id).where('org_id', '=', actor.orgId).executeTakeFirst();
    if (!user) throw new ApiFailure(404, errorCodes.notFound, `no user ${id}`);
    await setPassword(store.db, id, body.newPassword);
    return reply.status(204).send();
  });
}
