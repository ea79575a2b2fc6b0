/**
 * `npm run bench [-- --cases N]`: the central store's figures, each beside a baseline measured in
 * the same run. Seeding N demo cases against the database inserting the same number of plain rows
 * on its own; API reads over HTTP against the same query run directly. Uses DATABASE_URL (a fresh
 * database on that server) or PGlite. The last line is one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../../server/app';
import { openStore } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { demoPassword } from '../../server/seed/catalog';
import { seed } from '../../server/seed/seed';
import { recreateDatabase } from '../support/stores';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '200000' }, reads: { type: 'string', default: '200' } } });
const cases = Number(values.cases);
const reads = Number(values.reads);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2));
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const database = process.env.DATABASE_URL ? await recreateDatabase(process.env.DATABASE_URL, 'caseway_bench') : null;
const dataDir = database ? null : mkdtempSync(join(tmpdir(), 'caseway-bench-'));
const store = await openStore(database ? { databaseUrl: database.url } : { dataDir: dataDir ?? '' });
try {
  await migrateToLatest(store);
  console.log(`store: ${store.description}`);

  const seeded = await seed(store, { cases, anchor: new Date('2026-11-20T00:00:00Z'), log: () => undefined });
  const seedRowsPerSec = Math.round(seeded.rows / (seeded.ms / 1000));
  await sql`create table bench_baseline (id uuid primary key, org_id uuid not null, created_at timestamptz not null, payload text not null, rev bigint not null default nextval('change_seq'))`.execute(store.db);
  const baselineMs = await time(() => sql`insert into bench_baseline select gen_random_uuid(), gen_random_uuid(), now(), repeat('x', 300) from generate_series(1, ${seeded.rows})`.execute(store.db));
  const baselineRowsPerSec = Math.round(seeded.rows / (baselineMs / 1000));
  console.log(`seed: ${cases} cases, ${seeded.rows} rows in ${(seeded.ms / 1000).toFixed(1)} s = ${seedRowsPerSec} rows/s`);
  console.log(`baseline: ${seeded.rows} plain rows inserted server-side in ${(baselineMs / 1000).toFixed(1)} s = ${baselineRowsPerSec} rows/s (seed reaches ${((seedRowsPerSec / baselineRowsPerSec) * 100).toFixed(0)} %)`);

  const app = await buildApp({ store, rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 * 1024 });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'riv.agent', password: demoPassword }) });
  const { token, user } = (await login.json()) as { token: string; user: { id: string } };
  const headers = { authorization: `Bearer ${token}` };
  const http: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < reads; i++) {
    http.push(await time(async () => (await fetch(`${base}/api/cases/mine?limit=200`, { headers })).json()));
    direct.push(await time(() => sql`select c.* from cases c where c.assigned_to_id = ${user.id} order by (c.closed_at is not null), c.priority, c.opened_at desc limit 200`.execute(store.db)));
  }
  console.log(`GET /api/cases/mine (200 rows) over HTTP: p50 ${percentile(http, 50)} ms, p95 ${percentile(http, 95)} ms`);
  console.log(`baseline, the same query without HTTP, auth or scope: p50 ${percentile(direct, 50)} ms, p95 ${percentile(direct, 95)} ms`);
  await app.close();
  console.log(JSON.stringify({ cases, seedRows: seeded.rows, seedMs: seeded.ms, seedRowsPerSec, baselineRowsPerSec, myCasesP50Ms: percentile(http, 50), myCasesP95Ms: percentile(http, 95), directP50Ms: percentile(direct, 50) }));
} finally {
  await store.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
