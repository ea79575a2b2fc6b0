/// <reference lib="webworker" />
/**
 * The sync engine's home: a Web Worker, so a large bootstrap never blocks the UI. One worker per
 * user holds the sync lead (Web Locks) when several windows are open; the others wait and take
 * over if the leader's window closes. It reports its status to the window that started it.
 */
import '../zodJitless';
import { databaseName, openCache } from '../db/database';
import { initCache, SyncEngine, type SyncIdentity } from './engine';
import { httpTransport, TransportError } from './httpTransport';
import { connectLive, type LiveStatus } from './live';
import { isQuotaError, storageFullMessage } from './storage';
import type { WorkerCommand, WorkerEvent } from './workerProtocol';

declare const self: DedicatedWorkerGlobalScope;

const periodicPullMs = 60_000;
let token: string | null = null;
/** What the window that started this worker last said of the network. */
let isWindowOnline = true;

function post(event: WorkerEvent): void {
  self.postMessage(event);
}

async function run(baseUrl: string, identity: SyncIdentity): Promise<void> {
  // Pulled data can always be pulled again: relaxed durability makes the bootstrap much faster.
  const db = openCache(databaseName(identity.userId), { durability: 'relaxed' });
  await initCache(db, identity);
  const transport = httpTransport(baseUrl, () => token);
  const engine = new SyncEngine(db, transport, identity, 5000, transport);
  let isRunning = false;
  let isWanted = false;
  let live: LiveStatus = 'connecting';
  let lastError: string | null = null;

  const report = async (isSyncing: boolean): Promise<void> => {
    const meta = await db.meta.get('sync');
    post({ type: 'status', live, isSyncing, isSnapshotting: meta?.isSnapshotting ?? true, lastSyncAt: meta?.lastSyncAt ?? null, error: lastError });
  };

  const syncSoon = async (): Promise<void> => {
    isWanted = true;
    if (isRunning) return;
    isRunning = true;
    try {
      while (isWanted) {
        isWanted = false;
        // The system knows there is no network: nothing to try until it comes back.
        if (!navigator.onLine || !isWindowOnline) break;
        await report(true);
        try {
          await engine.syncNow();
          lastError = null;
        } catch (error) {
          if (error instanceof TransportError && error.status === 401) {
            post({ type: error.code === 'device_revoked' ? 'revoked' : 'unauthenticated', message: error.message });
            return;
          }
          // A full disk rolls back the page being written; the last checkpoint and the outbox stay.
          lastError = isQuotaError(error) ? storageFullMessage : error instanceof Error ? error.message : 'sync failed';
        }
      }
    } finally {
      isRunning = false;
      await report(false);
    }
  };

  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/api/sync/live`;
  connectLive({
    url: wsUrl,
    token: () => token,
    WebSocketImpl: WebSocket,
    onPoke: () => void syncSoon(),
    onStatus: (status) => {
      live = status;
      void report(isRunning);
    },
  });
  setInterval(() => void syncSoon(), periodicPullMs);
  self.addEventListener('online', () => void syncSoon());
  self.addEventListener('message', (event: MessageEvent<WorkerCommand>) => {
    if (event.data.type === 'sync' || (event.data.type === 'connectivity' && event.data.isOnline)) void syncSoon();
  });
  await syncSoon();
}

self.addEventListener('message', (event: MessageEvent<WorkerCommand>) => {
  const command = event.data;
  if (command.type === 'token') token = command.token;
  if (command.type === 'connectivity') isWindowOnline = command.isOnline;
  if (command.type !== 'start') return;
  token = command.token;
  isWindowOnline = command.isOnline;
  const start = (): Promise<void> => run(command.baseUrl, command.identity).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
  if ('locks' in navigator) {
    post({ type: 'waitingForLead' });
    // Held for the worker's lifetime: the lock is released when its window closes.
    void navigator.locks.request(`caseway-sync-${command.identity.userId}`, () => start().then(() => new Promise<void>(() => undefined)));
  } else {
    void start();
  }
});
