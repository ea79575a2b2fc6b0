/**
 * A central store for browser tests that stop and start the store itself (tests/e2e/storeProcess.ts
 * runs it): it starts the way server/main.ts does — open the database, migrate, seed the demo data
 * only if the database is empty — so a second start on the same database is a real restart.
 * STORE_DATABASE_URL names a PostgreSQL database, else STORE_DATA_DIR a PGlite data folder; both
 * are made and removed by the caller, never here, so they outlive this process.
 */
import { resolve } from 'node:path';
import { buildApp } from '../../server/app';
import { openStore } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { isSeeded, seed } from '../../server/seed/seed';
import { testAnchor } from '../support/harness';

const port = Number(process.env.E2E_PORT);
const databaseUrl = process.env.STORE_DATABASE_URL;
const dataDir = process.env.STORE_DATA_DIR;
if (!port || (!databaseUrl && !dataDir)) throw new Error('E2E_PORT and STORE_DATABASE_URL or STORE_DATA_DIR are required');

const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: dataDir ?? '' }, { onConnectionError: () => undefined });
await migrateToLatest(store);
if (!(await isSeeded(store))) await seed(store, { cases: Number(process.env.STORE_CASES ?? 60), anchor: testAnchor, log: () => undefined });
const app = await buildApp({ store, rendererDir: resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer'), logLevel: 'warn', bodyLimitBytes: 1024 * 1024 });
await app.listen({ host: '127.0.0.1', port });
console.log(`restartable store on ${store.description}, port ${port}`);

async function stop(): Promise<void> {
  await app.close();
  await store.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// Should the test runner that started this store die without ending it, its pipe closes: end too.
process.stdin.once('end', () => void stop());
process.stdin.resume();
