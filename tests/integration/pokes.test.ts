/**
 * Live updates (SPEC L1–L3): a device's WebSocket is poked when data of its organisation changes,
 * also when the change was made through another store process (PostgreSQL LISTEN/NOTIFY).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import WebSocket from 'ws';
import { call, login, startHarness, type Harness } from '../support/harness';
import { backends, createDatabase } from '../support/stores';
import { buildApp } from '../../server/app';
import { liveProtocol } from '../../shared/sync/protocol';
import { openStore } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seed } from '../../server/seed/seed';
import { testAnchor } from '../support/harness';

function openSocket(baseUrl: string, token: string): Promise<{ socket: WebSocket; next: (type: string, timeoutMs?: number) => Promise<Record<string, unknown>> }> {
  const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/sync/live`, [liveProtocol, `bearer.${token}`]);
  // A socket reset while the store shuts down is expected here, not a test failure.
  socket.on('error', () => undefined);
  const inbox: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    inbox.push(JSON.parse(data.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: string, timeoutMs = 5000): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = inbox.findIndex((m) => m.type === type);
      if (index >= 0) return inbox.splice(index, 1)[0] ?? {};
      if (Date.now() > deadline) throw new Error(`no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, next }));
    socket.once('error', reject);
    socket.once('unexpected-response', (req, res) => {
      req.destroy();
      reject(new Error(`refused with ${res.statusCode}`));
    });
  });
}

describe.each(backends)('live updates on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend, 40);
  });
  afterAll(async () => h?.close());

  it('L1: a write pokes the connected devices of the organisation, not the others', async () => {
    const agent = await login(h, 'riv.agent');
    const other = await login(h, 'hwp.agent');
    const admin = await login(h, 'riv.admin');
    const mine = await openSocket(h.baseUrl, agent.token);
    const theirs = await openSocket(h.baseUrl, other.token);
    await mine.next('hello');
    await theirs.next('hello');
    const skill = await call(h, 'POST', '/api/records/skill', { token: admin.token, body: { name: 'Sign language', category: 'Language' } });
    expect(skill.status).toBe(201);
    await mine.next('poke');
    await expect(theirs.next('poke', 500)).rejects.toThrow(/no poke/);
    mine.socket.close();
    theirs.socket.close();
  });

  it('L1: a socket without a valid session is refused', async () => {
    await expect(openSocket(h.baseUrl, 'x'.repeat(43))).rejects.toThrow(/401/);
  });
});

describe.runIf(process.env.DATABASE_URL)('live updates across store processes', () => {
  let child: ChildProcess | null = null;
  it('L2: a change made through one store process pokes a device connected to another', async () => {
    const database = await createDatabase(process.env.DATABASE_URL ?? '');
    const store = await openStore({ databaseUrl: database.url });
    await migrateToLatest(store);
    await seed(store, { cases: 30, anchor: testAnchor, log: () => undefined });
    const app = await buildApp({ store, rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 * 1024 });
    const baseA = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn', CASEWAY_DEMO_CASES: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
      const baseB = await new Promise<string>((resolve, reject) => {
        let out = '';
        child?.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /open (http:\/\/\S+) in a browser/.exec(out);
          if (m?.[1]) resolve(m[1].replace('localhost', '127.0.0.1'));
        });
        child?.once('exit', (code) => reject(new Error(`second store exited ${code}`)));
      });
      const hA = { baseUrl: baseA } as Harness;
      const hB = { baseUrl: baseB } as Harness;
      const agent = await login(hA, 'riv.agent');
      const admin = await login(hB, 'riv.admin');
      const live = await openSocket(baseA, agent.token);
      await live.next('hello');
      const skill = await call(hB, 'POST', '/api/records/skill', { token: admin.token, body: { name: 'Auslan', category: 'Language' } });
      expect(skill.status).toBe(201);
      await live.next('poke');
      live.socket.close();
    } finally {
      const exited = child && child.exitCode === null ? new Promise((resolve) => child?.once('exit', resolve)) : null;
      child?.kill('SIGTERM');
      await exited;
      await app.close();
      await store.close();
      await database.drop();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('a store whose database connections are cut', () => {
  it('L3: keeps serving, listens again and pokes its devices after PostgreSQL ends every connection', async () => {
    const database = await createDatabase(process.env.DATABASE_URL ?? '');
    const lost: string[] = [];
    const store = await openStore({ databaseUrl: database.url }, { onConnectionError: (error) => lost.push(error.message) });
    await migrateToLatest(store);
    await seed(store, { cases: 20, anchor: testAnchor, log: () => undefined });
    const app = await buildApp({ store, rendererDir: null, logLevel: 'silent', bodyLimitBytes: 1024 * 1024 });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const h = { baseUrl } as Harness;
      const agent = await login(h, 'riv.agent');
      const manager = await login(h, 'riv.admin');
      const live = await openSocket(baseUrl, agent.token);
      await live.next('hello');
      // What a database restart does to every session of this store: pool and LISTEN connection.
      const cut = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [new URL(database.url).pathname.slice(1)]);
      expect(cut.rowCount).toBeGreaterThanOrEqual(2);
      // The LISTEN connection comes back on its own and pokes, as changes may have been missed.
      await live.next('poke', 10_000);
      const skill = await call(h, 'POST', '/api/records/skill', { token: manager.token, body: { name: 'Makaton', category: 'Language' } });
      expect(skill.status).toBe(201);
      await live.next('poke', 10_000);
      expect(lost.length).toBeGreaterThan(0);
      live.socket.close();
    } finally {
      await admin.end();
      await app.close();
      await store.close();
      await database.drop();
    }
  });
});
