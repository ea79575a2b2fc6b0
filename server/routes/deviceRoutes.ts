import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { revokeDeviceBodySchema, wipeReportBodySchema } from '../../shared/api/devices';
import { errorCodes } from '../../shared/api/errors';
import type { Store } from '../db/database';
import { requireAuth } from '../http/access';
import { ApiFailure, parseOr400 } from '../http/errors';
import { deviceReport, listDevices, receiveWipeReport, revokeDevice } from '../services/devices';

const deviceParams = z.strictObject({ deviceId: z.guid({ message: 'must be a UUID' }) });

export function deviceRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/admin/devices', { config: { access: ['administrator'] } }, async (request) => ({ items: await listDevices(store.db, requireAuth(request).actor) }));

  app.post('/api/admin/devices/:deviceId/revoke', { config: { access: ['administrator'] } }, async (request) => {
    const { actor } = requireAuth(request);
    const { deviceId } = parseOr400(deviceParams, request.params, '');
    const body = parseOr400(revokeDeviceBodySchema, request.body ?? {}, '');
    return revokeDevice(store.db, actor, deviceId, body.reason);
  });

  app.get('/api/admin/devices/:deviceId/report', { config: { access: ['administrator'] } }, async (request) => {
    const { deviceId } = parseOr400(deviceParams, request.params, '');
    return deviceReport(store.db, requireAuth(request).actor, deviceId);
  });

  // A revoked device's last word: its session no longer authenticates, so the token is checked here.
  app.post('/api/devices/wipe-report', { config: { access: 'public' }, bodyLimit: 32 * 1024 * 1024 }, async (request) => {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) throw new ApiFailure(401, errorCodes.unauthenticated, 'the Authorization header must be "Bearer <token>"');
    return receiveWipeReport(store.db, match[1], parseOr400(wipeReportBodySchema, request.body, ''));
  });
}
