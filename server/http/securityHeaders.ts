/**
 * Security headers on every response. The renderer's files (everything outside /api/) carry the
 * renderer's Content-Security-Policy, including `frame-ancestors 'none'`, which only works as a
 * header; workers get the policy from their own script's response, so it goes on every file.
 * API responses (JSON, and attachments sent as downloads) get a policy that allows nothing, so
 * even a stored file opened directly could not run or be framed.
 */
import type { FastifyInstance } from 'fastify';
import { headerContentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';

export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', request.url.startsWith('/api/') ? apiContentSecurityPolicy : headerContentSecurityPolicy);
    return payload;
  });
}
