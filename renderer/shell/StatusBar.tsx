/** Online / offline / syncing, pending changes, last sync and sync issues: always visible. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatBytes, readStorageStatus, requestPersistentStorage, type StorageStatus } from '../sync/storage';
import type { CasewayDb } from '../db/database';
import { useSyncStatus } from '../app/syncClient';

/** Asks once for persistent storage, then reads the usage every 30 s and whenever `tick` changes. */
function useStorageStatus(tick: unknown): StorageStatus | null {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    let isCurrent = true;
    const read = () => void readStorageStatus().then((s) => isCurrent && setStatus(s));
    void requestPersistentStorage().then(read);
    const timer = setInterval(read, 30_000);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    let isCurrent = true;
    void readStorageStatus().then((s) => isCurrent && setStatus(s));
    return () => {
      isCurrent = false;
    };
  }, [tick]);
  return status;
}

export function StatusBar({ db, onShowIssues }: { db: CasewayDb; onShowIssues: () => void }) {
  const status = useSyncStatus();
  const pending = useLiveQuery(() => db.outbox.count(), [db], 0);
  const issues = useLiveQuery(() => db.syncIssues.where('isDismissed').equals(0).count(), [db], 0);
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
  const storage = useStorageStatus(`${pending}.${meta?.lastSyncAt ?? ''}`);
  const connection = status.live === 'open' ? 'Online' : status.live === 'follower' ? 'Synced by another window' : status.live === 'connecting' ? 'Connecting…' : 'Offline';
  return (
    <footer className="statusbar" aria-label="Sync status">
      <span role="status" aria-live="polite" data-testid="connection">
        {connection}
        {status.isSyncing ? ' · syncing' : ''}
        {meta?.isSnapshotting ? ' · downloading your work' : ''}
      </span>
      <span data-testid="pending">{pending === 1 ? '1 change waiting' : `${pending} changes waiting`}</span>
      <span>Last sync: {meta?.lastSyncAt ? <time dateTime={meta.lastSyncAt}>{new Date(meta.lastSyncAt).toLocaleTimeString()}</time> : 'never'}</span>
      <button type="button" className="link" onClick={onShowIssues} data-testid="issues">
        {issues === 1 ? '1 sync issue' : `${issues} sync issues`}
      </button>
      {storage?.usageBytes != null && (
        <span data-testid="storage" title={storage.isPersisted ? 'The browser keeps this data even when the disk runs low' : 'The browser may clear this data when the disk runs low'}>
          Storage: {formatBytes(storage.usageBytes)}
          {storage.quotaBytes ? ` of ${formatBytes(storage.quotaBytes)}` : ''}
          {storage.isPersisted ? ' · kept' : ''}
        </span>
      )}
      {status.error && (
        <span className="error" role="alert" data-testid="sync-error">
          {status.error}
        </span>
      )}
    </footer>
  );
}
