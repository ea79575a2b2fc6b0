/**
 * `npm start`: builds the renderer, starts the central store (embedded PGlite with demo data
 * unless DATABASE_URL is set) and opens the workstation in Electron when its binary is installed;
 * otherwise prints the address to open in a browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const port = process.env.PORT ?? '4310';
const url = `http://localhost:${port}`;

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** The Electron binary's path, or null where it was not downloaded (as on build machines). */
function electronBinary(): string | null {
  try {
    const path: unknown = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('the central store stopped during start-up');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the central store did not start within 150 s');
}

run('npx', ['vite', 'build', '--logLevel', 'warn']);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env: { ...process.env, PORT: port } });
const stop = (): void => {
  server.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
await waitForHealth(server);

const electron = electronBinary();
if (electron) {
  run('npx', ['tsx', 'build/bundleElectron.ts']);
  const desktop = spawn(electron, ['dist/electron/main.cjs'], { stdio: 'inherit', env: { ...process.env, CASEWAY_SERVER_URL: url } });
  desktop.once('exit', stop);
} else {
  console.log(`\nElectron's binary is not installed here, so the workstation runs in your browser:\n\n    ${url}\n\nDemo sign-in: riv.agent / caseway-demo (more in the README). Ctrl+C stops the store.\n`);
}
server.once('exit', (code) => process.exit(code ?? 0));
