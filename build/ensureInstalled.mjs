// Installs the dependencies when they are missing or older than the lock file, so `npm start` and
// `npm test` work on a fresh clone. The Electron binary is never downloaded here (set
// CASEWAY_WITH_ELECTRON=1 on a desktop with internet access to fetch it).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const isFresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync('package-lock.json').mtimeMs;
if (!isFresh) {
  console.log('installing dependencies (npm ci)…');
  const env = { ...process.env };
  if (process.env.CASEWAY_WITH_ELECTRON !== '1') env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
