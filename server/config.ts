/** The store's configuration, from the environment (documented in the README). */
import { resolve } from 'node:path';
import type { StoreConfig } from './db/database';
import { defaultOfflineUnlockDays } from '../shared/api/devices';

export type ServerConfig = {
  store: StoreConfig;
  host: string;
  port: number;
  rendererDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  demoCases: number;
};

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

export function readConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const port = Number(env.PORT ?? 4310);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT ?? ''}"`);
  const level = env.LOG_LEVEL ?? 'info';
  const logLevel = logLevels.find((l) => l === level);
  if (!logLevel) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  const demoCases = Number(env.CASEWAY_DEMO_CASES ?? 400);
  if (!Number.isInteger(demoCases) || demoCases < 0) throw new Error('CASEWAY_DEMO_CASES must be a non-negative integer');
  return {
    store: env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: resolve(env.CASEWAY_DATA_DIR ?? '.caseway-data/pglite') },
    host: env.HOST ?? '127.0.0.1',
    port,
    rendererDir: resolve(env.CASEWAY_RENDERER_DIR ?? 'dist/renderer'),
    logLevel,
    demoCases,
  };
}

/** Days a device may be unlocked offline after its last contact with the store (CASEWAY_OFFLINE_UNLOCK_DAYS, default 7). */
export function offlineUnlockDays(env: NodeJS.ProcessEnv): number {
  const days = Number(env.CASEWAY_OFFLINE_UNLOCK_DAYS ?? defaultOfflineUnlockDays);
  if (!Number.isInteger(days) || days < 0 || days > 90) throw new Error('CASEWAY_OFFLINE_UNLOCK_DAYS must be a whole number of days from 0 to 90');
  return days;
}
