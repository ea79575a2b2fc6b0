/**
 * `npm run bench:sync`: the sync figures of DESIGN §5, each beside its baseline from the same run.
 *  1. A central store process on real PostgreSQL (DATABASE_URL; PGlite in this process otherwise, said so) with one agent
 *     whose scope holds ≥ 200,000 records; a headless Chromium device (profile on disk) signs in
 *     and bootstraps them into IndexedDB through the workstation's sync worker: records/s end to end.
 *  2. The raw IndexedDB rate for the same records, pages and indexes (Dexie bulkPut, no network).
 *  3. Latency from a mutation on device A to its appearance in device B's cache, with 200 devices
 *     connected and pulling on every poke.
 *  4. The time to replay 10,000 mutations queued offline, each applied exactly once.
 * The last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { openCache, type CasewayDb } from '../../renderer/db/database';
import { initCache, SyncEngine } from '../../renderer/sync/engine';
import { httpTransport } from '../../renderer/sync/httpTransport';
import { connectLive } from '../../renderer/sync/live';
import { mutate } from '../../renderer/sync/mutate';
import { entityDefs, recordTypes } from '../../shared/domain/records';
import { protocolVersion, type PullResponse } from '../../shared/sync/protocol';
import { openStore, type Store } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { demoPassword } from '../../server/seed/catalog';
import { seed } from '../../server/seed/seed';
import { authenticate } from '../../server/services/sessions';
import { rowPulled } from '../../server/sync/pullScope';
import { scopeHash } from '../../server/sync/pull';
import { browserArgs, chromiumPath, percentile } from './measure';
import { startInProcess, startStoreProcess } from './storeServer';
import { recreateDatabase } from '../support/stores';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '60000' }, devices: { type: 'string', default: '200' }, samples: { type: 'string', default: '100' }, replay: { type: 'string', default: '10000' }, phases: { type: 'string', default: 'bootstrap,latency,replay' } } });
const phases = new Set(values.phases.split(','));

async function login(base: string, username: string, deviceId = randomUUID()): Promise<{ token: string; userId: string; orgId: string; deviceId: string }> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword, deviceName: 'bench', deviceId }) });
  const body = (await r.json()) as { token: string; user: { id: string; orgId: string } };
  return { token: body.token, userId: body.user.id, orgId: body.user.orgId, deviceId };
}

async function scopeCount(store: Store, token: string): Promise<number> {
  const { actor } = await authenticate(store.db, token);
  let total = 0;
  for (const type of recordTypes) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(entityDefs[type].table)} t where ${rowPulled(actor, type, 't')}`.execute(store.db);
    total += r.rows[0]?.n ?? 0;
  }
  return total;
}

/** The cursor of a device that is up to date right now (positions the background devices). */
async function headCursor(store: Store, token: string): Promise<string> {
  const { actor } = await authenticate(store.db, token);
  const row = await sql<{ last: number }>`select last_value as last from change_seq`.execute(store.db);
  const head = Number(row.rows[0]?.last ?? 0);
  return `${head}.${scopeHash(actor)}.${head}`;
}

/** The other connected devices, in a process of their own (tests/bench/backgroundDevices.ts). */
async function startCrowd(base: string, devices: { token: string; cursor: string }[]): Promise<{ pokes(): Promise<number>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/backgroundDevices.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const next = (prefix: string): Promise<string> =>
    new Promise((resolve) => {
      const onLine = (line: string): void => {
        if (!line.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolve(line);
      };
      lines.on('line', onLine);
    });
  const ready = next('ready');
  child.stdin.write(`${JSON.stringify({ base, devices })}\n`);
  await ready;
  return {
    pokes: async () => {
      const answer = next('pokes');
      child.stdin.write('stats\n');
      return Number((await answer).split(' ')[1]);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.stdin.write('stop\n');
      await exited;
    },
  };
}

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) console.log('DATABASE_URL is not set: measuring on embedded PGlite instead of PostgreSQL');
const database = adminUrl ? await recreateDatabase(adminUrl, 'caseway_bench_sync') : null;
const dataDir = database ? null : mkdtempSync(join(tmpdir(), 'caseway-bench-'));
const profileDir = mkdtempSync(join(tmpdir(), 'caseway-profile-'));
const rawProfileDir = mkdtempSync(join(tmpdir(), 'caseway-raw-profile-'));
const store = await openStore(database ? { databaseUrl: database.url } : { dataDir: dataDir ?? '' });
const cleanup: (() => Promise<void>)[] = [];
try {
  await migrateToLatest(store);
  const seeded = await seed(store, { cases: Number(values.cases), anchor: new Date('2026-11-20T00:00:00Z'), log: () => undefined });
  // The benchmark agent works every queue of the city, so its scope is large.
  await sql`insert into group_members (id, org_id, group_id, user_id, is_manager)
    select gen_random_uuid(), g.org_id, g.id, u.id, false from groups g join users u on u.org_id = g.org_id and u.username = 'riv.agent'
    on conflict (group_id, user_id) do nothing`.execute(store.db);
  // Measure a store in its steady state, not one still vacuuming and analysing a fresh bulk load.
  await sql`vacuum analyze`.execute(store.db);
  if (!existsSync('dist/renderer/index.html')) throw new Error('build the renderer first (npm run build:renderer)');
  // On PostgreSQL the store runs in a process of its own, as deployed, so the 200 simulated devices
  // below do not share its event loop; PGlite's folder admits one process, so there it runs here.
  const base = database ? await startStoreProcess(database.url, cleanup) : await startInProcess(store, cleanup);
  const probe = await login(base, 'riv.agent');
  const inScope = await scopeCount(store, probe.token);
  console.log(`store: ${store.description}; ${seeded.cases} cases seeded; riv.agent's scope: ${inScope} records`);

  // The case the latency probes write to and the replay piles notes on: one of riv.tech's work orders.
  const shared = await sql<{ case_id: string }>`select t.case_id from tasks t join users u on u.id = t.assigned_to_id join cases c on c.id = t.case_id where u.username = 'riv.tech' and c.closed_at is null and c.resolved_at is null limit 1`.execute(store.db);
  const caseId = shared.rows[0]?.case_id ?? '';
  const figures: Record<string, number> = {};
  // --phases bootstrap,latency,replay (all by default) runs a part, for quick comparisons while tuning.
  if (phases.has('bootstrap')) {
    // 1. Bootstrap through the real workstation in Chromium, profile on disk.
    const context = await chromium.launchPersistentContext(profileDir, { executablePath: chromiumPath, args: browserArgs, headless: true });
    cleanup.push(() => context.close());
    const page = await context.newPage();
    await page.goto(base);
    await page.getByLabel('Username').fill('riv.agent');
    await page.getByLabel('Password').fill(demoPassword);
    const started = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Watch what the person sees (no extra IndexedDB reader competing with the download): the
    // progress panel shows until the snapshot's last page is stored.
    await page.getByTestId('download-progress').waitFor({ timeout: 60_000 });
    await page.getByTestId('download-progress').waitFor({ state: 'detached', timeout: 30 * 60_000 });
    const bootstrapMs = performance.now() - started;
    const stored = await page.evaluate(async (types: string[]) => {
      const dbs = await indexedDB.databases();
      const name = dbs.find((d) => d.name?.startsWith('caseway-'))?.name ?? '';
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
      });
      let total = 0;
      for (const t of types) {
        total += await new Promise<number>((resolve) => {
          const c = db.transaction(t).objectStore(t).count();
          c.onsuccess = () => resolve(c.result);
        });
      }
      db.close();
      return total;
    }, [...recordTypes]);
    const bootstrapRecordsPerSec = Math.round(stored / (bootstrapMs / 1000));
    console.log(`bootstrap in Chromium: ${stored} records in ${(bootstrapMs / 1000).toFixed(1)} s = ${bootstrapRecordsPerSec} records/s`);

    // 2. The same records, in the same pages, written with no network in between.
    const reader = await login(base, 'riv.agent');
    const transport = httpTransport(base, () => reader.token);
    const pages: PullResponse['puts'][] = [];
    const pullStarted = performance.now();
    for (let cursor: string | null = null; ; ) {
      const p: PullResponse = await transport.pull({ protocolVersion, cursor, limit: 5000 });
      pages.push(p.puts);
      cursor = p.cursor;
      if (!p.hasMore) break;
    }
    // The snapshot's first page (own work first, SPEC P10) comes again later: count records once.
    const rawRecords = new Set(pages.flatMap((p) => p.map((r) => `${r.type}:${String(r.record.id)}`))).size;
    const pullMs = performance.now() - pullStarted;
    console.log(`the same pages pulled over HTTP alone (no IndexedDB): ${(pullMs / 1000).toFixed(1)} s = ${Math.round(rawRecords / (pullMs / 1000))} records/s`);
    const bundle = await build({ entryPoints: ['tests/bench/idbWriter.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120' });
    // The raw writes get a browser and profile of their own, as fresh as the bootstrap's was: the
    // workstation's periodic pulls and the bootstrap's own background compaction stay out of it.
    await context.close();
    cleanup.pop();
    const rawContext = await chromium.launchPersistentContext(rawProfileDir, { executablePath: chromiumPath, args: browserArgs, headless: true });
    cleanup.push(() => rawContext.close());
    const benchPage = await rawContext.newPage();
    await benchPage.route('**/__idb-bench', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await benchPage.goto(`${base}/__idb-bench`);
    await benchPage.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    for (const p of pages) await benchPage.evaluate((records) => void window.cwBench.pages.push(records as never), p);
    const rawMs = await benchPage.evaluate(() => window.cwBench.writePages('caseway-raw-bench', window.cwBench.pages));
    const rawIdbRecordsPerSec = Math.round(rawRecords / (rawMs / 1000));
    const ratio = Number((bootstrapRecordsPerSec / rawIdbRecordsPerSec).toFixed(2));
    console.log(`raw IndexedDB, same records and indexes, no network: ${rawRecords} records in ${(rawMs / 1000).toFixed(1)} s = ${rawIdbRecordsPerSec} records/s; bootstrap reaches ${(ratio * 100).toFixed(0)} % (target 80 %)`);
    await rawContext.close();
    cleanup.pop();

    Object.assign(figures, { bootstrapRecordsPerSec, rawIdbRecordsPerSec, ratio });
  }
  if (phases.has('latency')) {
    // 3. Mutation on A → visible in B's cache, with N devices connected and pulling on every poke.
    const deviceCount = Number(values.devices);
    const users = ['sofia.rossi', 'noah.king', 'liam.chen', 'hanh.tran', 'omar.haddad', 'grace.kelly', 'james.walker', 'ruby.harris', 'riv.supervisor', 'elena.novak'];
    const crowdDevices = await Promise.all(
      Array.from({ length: deviceCount - 2 }, async (_, i) => {
        const session = await login(base, users[i % users.length] ?? 'sofia.rossi');
        return { token: session.token, cursor: await headCursor(store, session.token) };
      }),
    );
    const crowd = await startCrowd(base, crowdDevices);
    cleanup.push(() => crowd.stop());
    const tech = await login(base, 'riv.tech');
    const bDb: CasewayDb = openCache(`bench-b-${randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await initCache(bDb, tech);
    const bEngine = new SyncEngine(bDb, httpTransport(base, () => tech.token), tech);
    await bEngine.syncNow();
    const watchers = new Set<() => void>();
    let bBusy: Promise<unknown> = Promise.resolve();
    const bLive = connectLive({
      url: `${base.replace('http', 'ws')}/api/sync/live`,
      token: () => tech.token,
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      onStatus: () => undefined,
      onPoke: () => {
        bBusy = bBusy.then(() => bEngine.syncNow()).then(() => watchers.forEach((w) => w()), () => undefined);
      },
    });
    cleanup.push(async () => bLive.close());
    const agent = await login(base, 'riv.agent');
    const aDb = openCache(`bench-a-${randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await initCache(aDb, agent);
    const aEngine = new SyncEngine(aDb, httpTransport(base, () => agent.token), agent);
    await new Promise((r) => setTimeout(r, 500)); // let B's and A's sockets settle
    const pokesBefore = await crowd.pokes();
    const latencies: number[] = [];
    const pushes: number[] = [];
    for (let i = 0; i < Number(values.samples); i++) {
      const id = randomUUID();
      const t0 = performance.now();
      const seen = new Promise<void>((resolve) => {
        const check = (): void => {
          void bDb.table('journalEntry').get(id).then((r) => {
            if (r) {
              watchers.delete(check);
              resolve();
            }
          });
        };
        watchers.add(check);
      });
      await mutate(aDb, 'case.addWorkNote', { id, caseId, body: `latency probe ${i}`, deviceTime: null }, { userId: agent.userId, orgId: agent.orgId, now: new Date().toISOString() });
      await aEngine.pushOnce();
      pushes.push(performance.now() - t0);
      await seen;
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    const latencyP50Ms = percentile(latencies, 50);
    const latencyP99Ms = percentile(latencies, 99);
    console.log(`mutation on A → in B's cache, ${deviceCount} devices connected: p50 ${latencyP50Ms} ms, p99 ${latencyP99Ms} ms over ${latencies.length} samples (target p99 < 500 ms); of which A's push: p50 ${percentile(pushes, 50)} ms, p99 ${percentile(pushes, 99)} ms; ${Math.round(((await crowd.pokes()) - pokesBefore) / latencies.length)} of the other ${deviceCount - 2} devices poked per change`);
    await crowd.stop();
    bLive.close();

    Object.assign(figures, { latencyP50Ms, latencyP99Ms });
  }
  if (phases.has('replay')) {
    // 4. Replay of mutations queued offline.
    const replayCount = Number(values.replay);
    const offline = await login(base, 'riv.agent');
    const cDb = openCache(`bench-c-${randomUUID()}`, { durability: 'relaxed', indexedDB, IDBKeyRange });
    await initCache(cDb, offline);
    const ids: string[] = [];
    for (let i = 0; i < replayCount; i++) {
      const id = randomUUID();
      ids.push(id);
      await mutate(cDb, 'case.addWorkNote', { id, caseId, body: `queued offline ${i}`, deviceTime: null }, { userId: offline.userId, orgId: offline.orgId, now: new Date().toISOString() });
    }
    const cEngine = new SyncEngine(cDb, httpTransport(base, () => offline.token), offline);
    const replayStarted = performance.now();
    for (;;) if ((await cEngine.pushOnce()) === 0) break;
    const replay10kMs = Math.round(performance.now() - replayStarted);
    const landed = await sql<{ n: number; d: number }>`select count(*)::int as n, count(distinct id)::int as d from journal_entries where id = any(${`{${ids.join(',')}}`}::uuid[])`.execute(store.db);
    const order = await sql<{ ok: boolean }>`select bool_and(mutation_id = rn) as ok from (select mutation_id, row_number() over (order by server_time, mutation_id) as rn from mutation_log where device_id = ${offline.deviceId}) x`.execute(store.db);
    console.log(`replay of ${replayCount} offline mutations: ${replay10kMs} ms (${Math.round(replayCount / (replay10kMs / 1000))}/s); on the store: ${landed.rows[0]?.n} notes, ${landed.rows[0]?.d} distinct, applied in order: ${String(order.rows[0]?.ok)}`);
    if (landed.rows[0]?.n !== replayCount || landed.rows[0]?.d !== replayCount) throw new Error('replay lost or doubled mutations');

    Object.assign(figures, { replay10kMs });
  }
  console.log(JSON.stringify(figures));
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
  await store.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(rawProfileDir, { recursive: true, force: true });
}
process.exit(0);
