/**
 * The sync state the desktop shell shows in its tray and menu: the status bar's facts (the
 * window's network, the sync worker's status, the outbox, the last complete checkpoint), reported
 * through the host each time the report changes, never on a render that changed nothing.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { syncStatusReportSchema, type SyncStatusReport } from '../../shared/ipc/bridge';
import type { CasewayDb } from '../db/database';
import type { Host } from '../platform/host';
import { useSyncStatus, type SyncStatus } from './syncClient';

export type SyncFacts = Pick<SyncStatus, 'live' | 'isSyncing'> & { isOnline: boolean; pending: number; lastSyncAt: string | null };

/**
 * Offline while the window has no network or the store's live channel is down (as the status bar
 * says); syncing while a push or pull runs; online otherwise, also when another window of the
 * user leads the sync (it is connected for this one).
 */
export function syncStatusReport(facts: SyncFacts): SyncStatusReport {
  const lastSyncAt = syncStatusReportSchema.shape.lastSyncAt.safeParse(facts.lastSyncAt);
  const connection = !facts.isOnline ? 'offline' : facts.isSyncing ? 'syncing' : facts.live === 'open' || facts.live === 'follower' ? 'online' : 'offline';
  return { connection, pendingChanges: Math.max(0, Math.trunc(facts.pending)), lastSyncAt: lastSyncAt.success ? lastSyncAt.data : null };
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Reports the sync state to the host while the workspace has a sync session. */
export function useSyncStatusReport(host: Host, db: CasewayDb | null): void {
  const { live, isSyncing } = useSyncStatus();
  const isOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  // The same reads as the status bar: the outbox's size and the last checkpoint's time.
  const stored = useLiveQuery(async () => (db ? { pending: await db.outbox.count(), lastSyncAt: (await db.meta.get('sync'))?.lastSyncAt ?? null } : null), [db]);
  const pending = stored?.pending;
  const lastSyncAt = stored?.lastSyncAt ?? null;
  const report = useMemo(() => (pending === undefined ? null : syncStatusReport({ live, isSyncing, isOnline, pending, lastSyncAt })), [live, isSyncing, isOnline, pending, lastSyncAt]);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!report) return;
    const key = JSON.stringify(report);
    if (key === sent.current) return;
    sent.current = key;
    host.reportSyncStatus(report);
  }, [host, report]);
}
