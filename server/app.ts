/** The central store's HTTP application: JSON API under /api, the renderer's web build at /. */
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from './db/database';
import { registerAccessControl } from './http/access';
import { registerErrorHandler } from './http/errors';
import { registerSecurityHeaders } from './http/securityHeaders';
import { attachmentRoutes } from './routes/attachmentRoutes';
import { fieldworkRoutes } from './routes/fieldworkRoutes';
import { playbookRoutes } from './routes/playbookRoutes';
import { authRoutes } from './routes/authRoutes';
import { deviceRoutes } from './routes/deviceRoutes';
import { recordRoutes } from './routes/recordRoutes';
import { syncRoutes } from './routes/syncRoutes';
import { updateRoutes, updatesDirFrom } from './routes/updateRoutes';
import { registerPokes, type PokeHub } from './sync/pokes';
import { scheduleTombstonePurge } from './sync/retention';
import { liveProtocol } from '../shared/sync/protocol';
import './services/caseRules';
import './services/collaborationRules';

export type AppOptions = {
  store: Store;
  /** Folder of the renderer's production build; served at / when present. */
  rendererDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Largest accepted JSON body. */
  bodyLimitBytes: number;
};

export const version = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    pokes: PokeHub;
  }
}


export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: ['req.headers.authorization', 'password', 'token'] },
    bodyLimit: options.bodyLimitBytes,
  });
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  // The API speaks JSON only; any other body type is refused with 415.
  app.removeContentTypeParser('text/plain');
  registerAccessControl(app, options.store);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024, handleProtocols: (offered: Set<string>) => (offered.has(liveProtocol) ? liveProtocol : false) } });
  app.get('/api/health', { config: { access: 'public' } }, () => ({ ok: true, version, store: options.store.kind }));
  authRoutes(app, options.store);
  recordRoutes(app, options.store);
  syncRoutes(app, options.store);
  attachmentRoutes(app, options.store);
  playbookRoutes(app, options.store);
  fieldworkRoutes(app, options.store);
  deviceRoutes(app, options.store);
  await updateRoutes(app, updatesDirFrom(process.env));
  const pokes = await registerPokes(app, options.store);
  app.decorate('pokes', pokes);
  app.addHook('onClose', () => pokes.close());
  const stopPurge = scheduleTombstonePurge(options.store.db, (error) => app.log.error({ err: error }, 'tombstone purge failed'));
  app.addHook('onClose', async () => stopPurge());
  if (options.rendererDir && existsSync(options.rendererDir)) {
    await app.register(fastifyStatic, { root: options.rendererDir, prefix: '/', wildcard: false });
    app.get('/*', { config: { access: 'public' } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}`, issues: [] } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
