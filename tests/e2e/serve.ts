/** The central store for browser tests: a fresh database, the demo data, the renderer's build. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../../server/app';
import { openStore } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seed } from '../../server/seed/seed';
import { testAnchor } from '../support/harness';
import { recreateDatabase } from '../support/stores';

const port = Number(process.env.E2E_PORT ?? 4321);
const adminUrl = process.env.DATABASE_URL;
// One fixed database name, dropped and made anew on every run, so a killed run leaves no litter.
const database = adminUrl ? await recreateDatabase(adminUrl, 'caseway_e2e') : null;
const dataDir = database ? null : mkdtempSync(join(tmpdir(), 'caseway-e2e-'));
const store = await openStore(database ? { databaseUrl: database.url } : { dataDir: dataDir ?? '' });
await migrateToLatest(store);
await seed(store, { cases: 300, anchor: testAnchor, log: () => undefined });
const app = await buildApp({ store, rendererDir: resolve(process.env.E2E_RENDERER_DIR ?? 'dist/renderer'), logLevel: 'warn', bodyLimitBytes: 1024 * 1024 });
await app.listen({ host: '127.0.0.1', port });
console.log(`e2e store on ${store.description}, port ${port}`);

async function stop(): Promise<void> {
  await app.close();
  await store.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
