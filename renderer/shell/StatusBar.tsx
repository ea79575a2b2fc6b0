/** Online / offline / syncing, pending changes, last sync and sync issues: always visible. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasewayDb } from '../db/database';
import { useSyncStatus } from '../app/syncClient';

export function StatusBar({ db, onShowIssues }: { db: CasewayDb; onShowIssues: () => void }) {
  const status = useSyncStatus();
  const pending = useLiveQuery(() => db.outbox.count(), [db], 0);
  const issues = useLiveQuery(() => db.syncIssues.where('isDismissed').equals(0).count(), [db], 0);
  const meta = useLiveQuery(() => db.meta.get('sync'), [db]);
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
      {status.error && <span className="error">{status.error}</span>}
    </footer>
  );
}
