/** Messages between the window and its sync worker. */
import type { SyncIdentity } from './engine';
import type { LiveStatus } from './live';

export type WorkerCommand =
  | { type: 'start'; baseUrl: string; token: string; identity: SyncIdentity; isOnline: boolean }
  /** The window's view of the network (its online/offline events), which the worker follows too. */
  | { type: 'connectivity'; isOnline: boolean }
  | { type: 'token'; token: string | null }
  /** Something was queued: push it now. */
  | { type: 'sync' };

export type WorkerEvent =
  | { type: 'status'; live: LiveStatus; isSyncing: boolean; isSnapshotting: boolean; lastSyncAt: string | null; error: string | null }
  | { type: 'waitingForLead' }
  | { type: 'unauthenticated'; message: string }
  /** An administrator revoked this device: it must report its queued work and wipe itself. */
  | { type: 'revoked'; message: string }
  | { type: 'failed'; message: string };
