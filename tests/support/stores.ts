/**
 * The databases tests run on: embedded PGlite always, and the real PostgreSQL named by
 * DATABASE_URL when it is set (CI sets it). Each test file gets a fresh, empty database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

export type Backend = { name: 'pglite' | 'postgres'; open(): Promise<{ store: Store; dispose(): Promise<void> }> };

export const backends: Backend[] = [
  {
    name: 'pglite',
    open: async () => {
      const store = await openStore({ memory: true });
      await migrateToLatest(store);
      return { store, dispose: () => store.close() };
    },
  },
  ...(process.env.DATABASE_URL ? [postgresBackend(process.env.DATABASE_URL)] : []),
];

/** A throwaway database on the server of `adminUrl`, dropped afterwards. */
export function createDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  return recreateDatabase(adminUrl, `caseway_t_${randomBytes(6).toString('hex')}`);
}

/** Drops `name` if it exists and creates it empty. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function postgresBackend(adminUrl: string): Backend {
  return {
    name: 'postgres',
    open: async () => {
      const db = await createDatabase(adminUrl);
      const store = await openStore({ databaseUrl: db.url });
      await migrateToLatest(store);
      return {
        store,
        dispose: async () => {
          await store.close();
          await db.drop();
        },
      };
    },
  };
}

/** A fresh, migrated PGlite store for the enclosing describe block; returns its getter. */
export function useFreshStore(): () => Store {
  let opened: { store: Store; dispose(): Promise<void> } | null = null;
  beforeAll(async () => {
    const backend = backends[0];
    if (!backend) throw new Error('no backend');
    opened = await backend.open();
  });
  afterAll(async () => opened?.dispose());
  return () => {
    if (!opened) throw new Error('the store is opened in beforeAll');
    return opened.store;
  };
}
