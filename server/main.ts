/**
 * Starts the central store: opens the database (PGlite in a folder by default, or DATABASE_URL),
 * migrates it, seeds a small demo set on first start, and serves the API and the renderer.
 */
import { buildApp } from './app';
import { readConfig } from './config';
import { openStore } from './db/database';
import { migrateToLatest } from './db/migrate';
import { isSeeded, seed } from './seed/seed';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const store = await openStore(config.store, { onConnectionError: (error) => console.error(`database connection lost (it is replaced on the next query): ${error.message}`) });
  const applied = await migrateToLatest(store);
  if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  if (config.demoCases > 0 && !(await isSeeded(store))) {
    console.log(`first start: seeding ${config.demoCases} demo cases into ${store.description}`);
    const result = await seed(store, { cases: config.demoCases, anchor: startOfToday(), log: () => undefined });
    console.log(`seeded ${result.rows} rows in ${result.ms} ms`);
  }
  const app = await buildApp({ store, rendererDir: config.rendererDir, logLevel: config.logLevel, bodyLimitBytes: 1024 * 1024 });
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`Caseway central store on ${store.description}`);
  console.log(`Caseway is listening: open ${address.replace('127.0.0.1', 'localhost')} in a browser`);
  const stop = async (): Promise<void> => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

function startOfToday(): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
