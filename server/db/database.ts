/**
 * One typed SQL layer (Kysely) over either an embedded PGlite (the default: data in a folder,
 * created on first start) or a real PostgreSQL given by DATABASE_URL. Everything above this file
 * runs unchanged on both.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DB } from './schema';

export type StoreKind = 'pglite' | 'postgres';

export type Store = {
  readonly kind: StoreKind;
  readonly db: Kysely<DB>;
  /** A human description for logs: never contains a password. */
  readonly description: string;
  /**
   * Receives NOTIFY payloads on `channel` (from this process or any other on the same database);
   * `onGap` runs when the listening connection was lost and is back, as payloads may have been missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type StoreConfig = { databaseUrl: string } | { dataDir: string } | { memory: true };

/** `onConnectionError` hears failures of idle PostgreSQL connections (they are replaced, not fatal). */
export type StoreHooks = { onConnectionError?: (error: Error) => void };

const INT8 = 20;
const DATE = 1082;

// Sequence values (rev) fit in a double for centuries of writes; dates stay plain YYYY-MM-DD
// strings so no time zone ever shifts them.
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

export async function openStore(config: StoreConfig, hooks: StoreHooks = {}): Promise<Store> {
  if ('databaseUrl' in config) {
    // Every session in UTC from its start (a startup parameter, so no query can run before it).
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, options: '-c TimeZone=UTC' });
    // An idle pooled connection that the server ends (restart, admin termination) is dropped by the
    // pool and replaced on the next query; without this listener its 'error' would end the process.
    pool.on('error', (error) => {
      hooks.onConnectionError?.(error);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const listeners: (() => Promise<void>)[] = [];
    return {
      kind: 'postgres',
      db,
      description: redactUrl(config.databaseUrl),
      listen: async (channel, onPayload, onGap) => {
        const stop = await listenOnPostgres(config.databaseUrl, channel, onPayload, onGap ?? (() => undefined));
        listeners.push(stop);
        return stop;
      },
      close: async () => {
        await Promise.all(listeners.map((stop) => stop()));
        await db.destroy();
      },
    };
  }
  const dataDir = 'dataDir' in config ? config.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  await client.exec("SET TIME ZONE 'UTC'");
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    description: dataDir ? `PGlite in ${dataDir}` : 'PGlite in memory',
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => db.destroy(),
  };
}

/**
 * LISTEN on a connection of its own (pooled connections come and go). A dropped connection is
 * re-established with backoff for as long as the store runs; after a gap `onGap` is called, since
 * notifications sent meanwhile are lost.
 */
async function listenOnPostgres(url: string, channel: string, onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let client: pg.Client | null = null;
  let isStopped = false;
  let delay = 250;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    c.on('error', () => {
      if (client === c) client = null;
      void c.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await c.connect();
      if (isStopped) throw new Error('stopped');
      await c.query(`LISTEN ${channel}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    delay = 250;
    client = c;
  };
  const scheduleReconnect = (): void => {
    if (isStopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (isStopped) return;
      connect().then(onGap, scheduleReconnect);
    }, delay);
    delay = Math.min(delay * 2, 10_000);
  };
  await connect();
  return async () => {
    isStopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
