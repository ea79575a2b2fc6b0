/**
 * Live updates (SPEC L1–L3): a device's WebSocket is poked when data of its organisation changes,
 * also when the change was made through another store process (PostgreSQL LISTEN/NOTIFY).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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

  it('L1: a change to a case pokes its group and the people on it, and on reassignment both the old and the new group', async () => {
    // Two agents of the same organisation in disjoint groups, and a case of the first one's group.
    const pair = await sql<{ a: string; b: string; ga: string; gb: string; case_id: string; admin: string }>`
      select (select x.username from users x where x.org_id = ua.org_id and x.roles @> '["administrator"]'::jsonb order by x.username limit 1) as admin, ua.username as a, ub.username as b, ma.group_id as ga, mb.group_id as gb, c.id as case_id
      from users ua join group_members ma on ma.user_id = ua.id
      join users ub on ub.org_id = ua.org_id and ub.id <> ua.id
      join group_members mb on mb.user_id = ub.id
      join cases c on c.assignment_group_id = ma.group_id and c.closed_at is null
      where ua.roles @> '["agent"]'::jsonb and ub.roles @> '["agent"]'::jsonb
        and not exists (select 1 from group_members x where x.user_id = ub.id and x.group_id = ma.group_id)
        and not exists (select 1 from group_members y where y.user_id = ua.id and y.group_id = mb.group_id)
        and c.assigned_to_id is distinct from ub.id and c.opened_by_id is distinct from ub.id and c.opened_by_id is distinct from ua.id
        and not exists (select 1 from contributors k where k.case_id = c.id and k.user_id = ua.id)
        and not exists (select 1 from tasks t where t.case_id = c.id and t.assigned_to_id = ua.id)
        and not exists (select 1 from contributors k where k.case_id = c.id and k.user_id = ub.id)
        and not exists (select 1 from tasks t where t.case_id = c.id and (t.assigned_to_id = ub.id or t.assignment_group_id = mb.group_id))
      order by ua.username, ub.username, c.number limit 1`.execute(h.store.db);
    const p = pair.rows[0];
    if (!p) throw new Error('the demo data has no two agents in disjoint groups');
    const inGroup = await openSocket(h.baseUrl, (await login(h, p.a)).token);
    const elsewhere = await openSocket(h.baseUrl, (await login(h, p.b)).token);
    await inGroup.next('hello');
    await elsewhere.next('hello');
    const supervisor = await login(h, p.admin);
    const note = await call(h, 'POST', '/api/records/journalEntry', { token: supervisor.token, body: { caseId: p.case_id, kind: 'work_note', body: 'Checked with the crew' } });
    expect(note.status).toBe(201);
    await inGroup.next('poke');
    await expect(elsewhere.next('poke', 500)).rejects.toThrow(/no poke/);
    // Moved to the other agent's group: it must leave the first device and reach the second.
    const moved = await call(h, 'PATCH', `/api/records/case/${p.case_id}`, { token: supervisor.token, body: { assignmentGroupId: p.gb, assignedToId: null } });
    expect(moved.status).toBe(200);
    await inGroup.next('poke');
    await elsewhere.next('poke');
    inGroup.socket.close();
    elsewhere.socket.close();
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
