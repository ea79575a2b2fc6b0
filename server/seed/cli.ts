/** `npm run seed -- --cases N [--anchor YYYY-MM-DD] [--reset]`: the demo data set, timed. */
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openStore } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { isSeeded, resetData, seed } from './seed';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000' }, anchor: { type: 'string' }, reset: { type: 'boolean', default: false } } });
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 0) throw new Error('--cases must be a non-negative integer');
  const anchor = values.anchor ? new Date(`${values.anchor}T00:00:00Z`) : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
  if (Number.isNaN(anchor.getTime())) throw new Error('--anchor must be a date like 2026-11-22');
  const config = readConfig(process.env);
  const store = await openStore(config.store);
  try {
    await migrateToLatest(store);
    if (await isSeeded(store)) {
      if (!values.reset) throw new Error(`${store.description} already holds data; pass --reset to replace it`);
      await resetData(store);
    }
    console.log(`seeding ${cases} cases into ${store.description} (anchor ${anchor.toISOString().slice(0, 10)})`);
    const result = await seed(store, { cases, anchor, log: (line) => console.log(`  ${line}`) });
    console.log(`seeded ${result.cases} cases, ${result.rows} rows in ${(result.ms / 1000).toFixed(1)} s (${Math.round(result.rows / (result.ms / 1000))} rows/s)`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
