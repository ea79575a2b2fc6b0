/**
 * Every route declares who may call it; a route without a declaration cannot be registered, so
 * no route is ever left unguarded by accident.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeviceSession } from '../../shared/api/auth';
import type { Role } from '../../shared/domain/vocab';
import type { Store } from '../db/database';
import type { Actor } from '../services/actor';
import { authenticate } from '../services/sessions';
import { ApiFailure, forbidden } from './errors';
import { errorCodes } from '../../shared/api/errors';

/** public: anyone; authenticated: any signed-in user (finer checks inside); roles: any of them. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    auth: { actor: Actor; session: DeviceSession } | null;
  }
}

export function requireAuth(request: FastifyRequest): { actor: Actor; session: DeviceSession } {
  if (!request.auth) throw new ApiFailure(401, errorCodes.unauthenticated, 'sign in first');
  return request.auth;
}

/** The bearer token: the Authorization header, or (browsers cannot set headers on a WebSocket) a `bearer.<token>` subprotocol. */
function bearer(request: FastifyRequest): string | null {
  const protocols = request.headers['sec-websocket-protocol'];
  if (!request.headers.authorization && typeof protocols === 'string') {
    const offered = protocols.split(',').map((p) => p.trim()).find((p) => p.startsWith('bearer.'));
    if (offered) return offered.slice('bearer.'.length);
  }
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match?.[1]) throw new ApiFailure(401, errorCodes.unauthenticated, 'the Authorization header must be "Bearer <token>"');
  return match[1];
}

export function registerAccessControl(app: FastifyInstance, store: Store): void {
  app.decorateRequest('auth', null);
  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/');
    if (isApi && route.config?.access === undefined) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access; add config.access`);
    }
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const token = bearer(request);
    if (!token) throw new ApiFailure(401, errorCodes.unauthenticated, 'sign in first (missing Authorization header)');
    request.auth = await authenticate(store.db, token);
    if (access !== 'authenticated' && !request.auth.actor.roles.some((r) => access.includes(r))) {
      throw forbidden(`this needs one of the roles: ${access.join(', ')}`);
    }
  });
}
