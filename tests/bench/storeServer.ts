/** The central store for a benchmark: in a process of its own on PostgreSQL (as deployed), or in this process on PGlite. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildApp } from '../../server/app';
import type { Store } from '../../server/db/database';
import { freePort } from '../e2e/storeProcess';

export async function startInProcess(store: Store, cleanup: (() => Promise<void>)[]): Promise<string> {
  const app = await buildApp({ store, rendererDir: join(process.cwd(), 'dist/renderer'), logLevel: 'warn', bodyLimitBytes: 1024 * 1024 });
  cleanup.push(() => app.close());
  return app.listen({ host: '127.0.0.1', port: 0 });
}

export async function startStoreProcess(databaseUrl: string, cleanup: (() => Promise<void>)[]): Promise<string> {
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CASEWAY_DEMO_CASES: '0' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  cleanup.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    await exited;
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the store process exited with ${child.exitCode}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return base;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('the store process did not start within 60 s');
}
