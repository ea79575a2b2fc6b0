/**
 * A central store process a browser test can kill and start again on the same database
 * (tests/e2e/restartableStore.ts): a dedicated PostgreSQL database on the server of DATABASE_URL
 * when it is set (as in CI), else a PGlite data folder. Dropped or removed by `dispose`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

/** One fixed name, dropped and made anew by every run, so a killed run leaves no litter. */
const databaseName = 'caseway_e2e_restart';

export type StoreProcess = {
  readonly url: string;
  readonly description: string;
  /** Starts the store and resolves once it answers /api/health. */
  start(): Promise<void>;
  /** Ends the process at once (SIGKILL): no graceful close, sockets drop, nothing is flushed. */
  kill(): Promise<void>;
  /** Kills the process if it runs and removes its database. */
  dispose(): Promise<void>;
};

/** A port nothing listens on now, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createStoreProcess(options: { cases: number }): Promise<StoreProcess> {
  const adminUrl = process.env.DATABASE_URL;
  const port = await freePort();
  let databaseUrl: string | null = null;
  let dataDir: string | null = null;
  if (adminUrl) {
    await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
    await adminQuery(adminUrl, `create database ${databaseName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'caseway-e2e-restart-'));
  }
  const env = { ...process.env, E2E_PORT: String(port), STORE_CASES: String(options.cases), ...(databaseUrl ? { STORE_DATABASE_URL: databaseUrl } : { STORE_DATA_DIR: dataDir ?? '' }) };
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((done) => running.once('exit', () => done()));
    running.kill('SIGKILL');
    await exited;
  };

  return {
    url,
    description: databaseUrl ? `PostgreSQL database ${databaseName}` : `PGlite in ${dataDir}`,
    start: async () => {
      if (child) throw new Error('the store is already running');
      // One node process (tsx as a loader, not its CLI, which forks): SIGKILL really ends the store.
      const started = spawn(process.execPath, ['--import', 'tsx', resolve('tests/e2e/restartableStore.ts')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      child = started;
      output = '';
      started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`the store exited with ${started.exitCode}:\n${output}`);
        const isUp = await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (isUp) return;
        if (Date.now() > deadline) throw new Error(`the store did not start within 60 s:\n${output}`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    kill,
    dispose: async () => {
      await kill();
      if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${databaseName} with (force)`);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
