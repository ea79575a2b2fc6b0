/**
 * A real central store for integration tests: a fresh database, the demo data, and the HTTP
 * server listening on a loopback port. Tests talk to it with fetch, as clients do.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import type { Store } from '../../server/db/database';
import { demoPassword } from '../../server/seed/catalog';
import { seed, type SeedResult } from '../../server/seed/seed';
import type { Backend } from './stores';

export const testAnchor = new Date('2026-11-20T00:00:00Z');

export type Harness = {
  store: Store;
  app: FastifyInstance;
  baseUrl: string;
  seeded: SeedResult;
  close(): Promise<void>;
};

export async function startHarness(backend: Backend, cases = 80): Promise<Harness> {
  const { store, dispose } = await backend.open();
  const seeded = await seed(store, { cases, anchor: testAnchor, log: () => undefined });
  const app = await buildApp({ store, rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 * 1024 });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    store,
    app,
    baseUrl: address,
    seeded,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

export type Reply = { status: number; body: any };

/** One HTTP call with a JSON body (or a raw string body when `raw` is given). */
export async function call(h: Harness, method: string, path: string, options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${h.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function login(h: Harness, username: string, deviceName = 'test device'): Promise<{ token: string; userId: string; sessionId: string }> {
  const r = await call(h, 'POST', '/api/auth/login', { body: { username, password: demoPassword, deviceName } });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(r.body)}`);
  return { token: r.body.token, userId: r.body.user.id, sessionId: r.body.session.id };
}

/** A fingerprint of every table: row counts and the highest rev. Equal fingerprints mean nothing changed. */
export async function fingerprint(store: Store): Promise<string> {
  const { sql } = await import('kysely');
  const { recordTypes, entityDefs } = await import('../../shared/domain/records');
  const parts = await Promise.all(
    recordTypes.map(async (t) => {
      const r = await sql<{ n: string; m: string | null }>`select count(*)::text as n, max(rev)::text as m from ${sql.table(entityDefs[t].table)}`.execute(store.db);
      return `${t}:${r.rows[0]?.n}:${r.rows[0]?.m}`;
    }),
  );
  return parts.join('|');
}
