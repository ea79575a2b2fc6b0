/**
 * Starts the sync worker for the signed-in user and mirrors its status into the UI store. The
 * window itself writes only through `mutate` (strict durability), then asks the worker to push.
 */
import { create } from 'zustand';
import type { User } from '../../shared/domain/organisation';
import { databaseName, openCache, type CasewayDb } from '../db/database';
import { initCache } from '../sync/engine';
import type { LiveStatus } from '../sync/live';
import { mutate, mutateMany } from '../sync/mutate';
import { noteContact } from '../auth/offlineSession';
import { startSearchIndex, stopSearchIndex } from '../search/searchClient';
import type { WorkerCommand, WorkerEvent } from '../sync/workerProtocol';
import type { MutationName } from '../../shared/sync/mutations';

export type SyncStatus = {
  live: LiveStatus | 'follower';
  isSyncing: boolean;
  isSnapshotting: boolean;
  error: string | null;
};

export const initialSyncStatus: SyncStatus = { live: 'connecting', isSyncing: false, isSnapshotting: true, error: null };
export const useSyncStatus = create<SyncStatus>()(() => initialSyncStatus);

const deviceKey = 'caseway.deviceId';
/** How long after launch the search index starts building when no search asks for it sooner. */
const searchIndexDelayMs = 3000;

/** This browser profile's device id (not a secret; it keys the device's mutations on the server). */
export function deviceId(): string {
  let id = localStorage.getItem(deviceKey);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(deviceKey, id);
  }
  return id;
}

export type SyncSession = {
  db: CasewayDb;
  /** The session's bearer token, for the few online-only requests (device administration). */
  token: string;
  mutate(name: MutationName, args: unknown): Promise<number>;
  /** Several intents of one action, queued together or not at all. */
  mutateMany(items: readonly { name: MutationName; args: unknown }[]): Promise<number[]>;
  /**
   * Asks for a sync now and waits (at most `timeoutMs`) until the outbox is pushed and the cache is
   * at a complete checkpoint newer than before. False when that did not happen in time (offline,
   * the store failing, another window leading the sync).
   */
  syncNow(timeoutMs: number): Promise<boolean>;
  stop(): void;
};

export function startSync(user: User, token: string, onUnauthenticated: () => void, onRevoked: () => void): SyncSession {
  const db = openCache(databaseName(user.id), { durability: 'strict' });
  const identity = { userId: user.id, orgId: user.orgId, deviceId: deviceId() };
  const ready = initCache(db, identity);
  const worker = new Worker(new URL('../sync/worker.ts', import.meta.url), { type: 'module' });
  const send = (command: WorkerCommand): void => worker.postMessage(command);
  let lastSeenSync: string | null | undefined;
  worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => {
    const e = event.data;
    switch (e.type) {
      case 'status':
        useSyncStatus.setState({ live: e.live, isSyncing: e.isSyncing, isSnapshotting: e.isSnapshotting, error: e.error });
        // A pull that reached the store (the checkpoint's server time moved) starts the offline-unlock
        // period again; the first status only tells where the cache stood.
        if (e.lastSyncAt && lastSeenSync !== undefined && e.lastSyncAt !== lastSeenSync) void noteContact(token, user);
        lastSeenSync = e.lastSyncAt;
        break;
      case 'revoked':
        onRevoked();
        break;
      case 'waitingForLead':
        useSyncStatus.setState({ live: 'follower' });
        break;
      case 'unauthenticated':
        onUnauthenticated();
        break;
      case 'failed':
        useSyncStatus.setState({ error: e.message });
        break;
      default: {
        const exhaustive: never = e;
        return exhaustive;
      }
    }
  });
  send({ type: 'start', baseUrl: location.origin, token, identity, isOnline: navigator.onLine });
  // The search index builds in its own worker (loaded now, so it also runs offline), once the
  // first screen has had the database to itself; a search asked sooner starts it at once.
  void ready.then(() => startSearchIndex(db, searchIndexDelayMs));
  // Back online: push and pull at once rather than at the next poke or periodic pull. Offline: the
  // worker does not try the network until the window says it is back.
  const onOnline = (): void => send({ type: 'connectivity', isOnline: true });
  const onOffline = (): void => send({ type: 'connectivity', isOnline: false });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  return {
    db,
    token,
    mutate: async (name, args) => {
      await ready;
      const id = await mutate(db, name, args, { userId: user.id, orgId: user.orgId, now: new Date().toISOString() });
      send({ type: 'sync' });
      return id;
    },
    mutateMany: async (items) => {
      await ready;
      const ids = await mutateMany(db, items, { userId: user.id, orgId: user.orgId, now: new Date().toISOString() });
      send({ type: 'sync' });
      return ids;
    },
    syncNow: async (timeoutMs) => {
      await ready;
      const before = (await db.meta.get('sync'))?.lastSyncAt ?? null;
      send({ type: 'sync' });
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        await new Promise((done) => setTimeout(done, 250));
        const [meta, queued] = await Promise.all([db.meta.get('sync'), db.outbox.where('status').equals('pending').count()]);
        const status = useSyncStatus.getState();
        if (meta && meta.lastSyncAt !== before && !meta.isSnapshotting && !status.isSyncing && status.error === null && queued === 0) return true;
      }
      return false;
    },
    stop: () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      worker.terminate();
      stopSearchIndex(db);
      db.close();
      useSyncStatus.setState(initialSyncStatus);
    },
  };
}
