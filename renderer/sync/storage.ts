/**
 * Device storage (DESIGN §3): ask the browser to keep Caseway's data (persistent storage), report
 * how much is used, and turn a full disk into a clear, recoverable error. A write that hits the
 * quota is rolled back by IndexedDB, so the cache keeps its last complete state and nothing queued
 * is lost; the user is told to free space and the sync simply tries again later.
 */
export const storageFullMessage = "This device's storage for Caseway is full. Nothing was lost: free some disk space and Caseway will carry on where it stopped.";

export class StorageFullError extends Error {
  constructor() {
    super(storageFullMessage);
    this.name = 'StorageFullError';
  }
}

/** Whether `error` (or what it wraps: Dexie keeps the DOM error as `inner`) is a quota failure. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { inner?: unknown }).inner, depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError' || name === 'StorageFullError') return true;
  }
  return false;
}

export type StorageStatus = { usageBytes: number | null; quotaBytes: number | null; isPersisted: boolean | null };

type StorageManagerLike = Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

function manager(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}

/** Asks once per session for storage the browser will not evict under pressure. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = manager();
  if (!storage?.persisted || !storage.persist) return null;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return null;
  }
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = manager();
  if (!storage) return { usageBytes: null, quotaBytes: null, isPersisted: null };
  const [estimate, isPersisted] = await Promise.all([storage.estimate().catch(() => null), storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null)]);
  return { usageBytes: estimate?.usage ?? null, quotaBytes: estimate?.quota ?? null, isPersisted };
}

/** "12.3 MB" */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
