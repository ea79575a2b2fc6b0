/** Online / offline / syncing, pending changes, last sync and sync issues: always visible. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const pending = useLiveQuery(() => db.outbox.count(), [db], 0);
  const issues = useLiveQuery(() => db.syncIssues.where('isDismissed').equals(0).count(), [db], 0);
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
  const storage = useStorageStatus(`${pending}.${meta?.lastSyncAt ?? ''}`);
  const connection = status.live === 'open' ? t('status.online') : status.live === 'follower' ? t('status.follower') : status.live === 'connecting' ? t('status.connecting') : t('status.offline');
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <span role="status" aria-live="polite" data-testid="connection">
        {connection}
        {status.isSyncing ? t('status.syncing') : ''}
        {meta?.isSnapshotting ? t('status.downloading') : ''}
      </span>
      <span data-testid="pending">{t('status.pending', { count: pending })}</span>
      <span>
        {t('status.lastSync')}
        {meta?.lastSyncAt ? <time dateTime={meta.lastSyncAt}>{new Date(meta.lastSyncAt).toLocaleTimeString(i18n.language)}</time> : t('status.never')}
      </span>
      <button type="button" className="link" onClick={onShowIssues} data-testid="issues">
        {t('status.issues', { count: issues })}
      </button>
      {storage?.usageBytes != null && (
        <span data-testid="storage" title={storage.isPersisted ? t('status.keptTitle') : t('status.notKeptTitle')}>
          {t('status.storage', { used: formatBytes(storage.usageBytes) })}
          {storage.quotaBytes ? t('status.storageOf', { quota: formatBytes(storage.quotaBytes) }) : ''}
          {storage.isPersisted ? t('status.kept') : ''}
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
