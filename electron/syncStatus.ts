/**
 * The sync state the desktop shell shows outside the window (tray, application menu): the same
 * facts as the renderer's status bar, pushed to main by the renderer. Plain data and pure text,
 * so menus are built and tested in Node.
 */
export type SyncConnection = 'online' | 'offline' | 'syncing';

export type DesktopSyncStatus = {
  connection: SyncConnection;
  /** Local changes not yet accepted by the store (the outbox). */
  pendingChanges: number;
  /** When the last pull reached a complete checkpoint; null before the first one. */
  lastSyncAt: Date | null;
};

/** What the tray icon and the menus show, most important first: offline beats syncing beats waiting. */
export type SyncIndicator = 'online' | 'offline' | 'syncing' | 'changesWaiting';

export function syncIndicator(status: DesktopSyncStatus): SyncIndicator {
  switch (status.connection) {
    case 'offline':
      return 'offline';
    case 'syncing':
      return 'syncing';
    case 'online':
      return status.pendingChanges > 0 ? 'changesWaiting' : 'online';
    default: {
      const unreachable: never = status.connection;
      return unreachable;
    }
  }
}

export function connectionLabel(connection: SyncConnection): string {
  switch (connection) {
    case 'online':
      return 'Online';
    case 'offline':
      return 'Offline';
    case 'syncing':
      return 'Syncing…';
    default: {
      const unreachable: never = connection;
      return unreachable;
    }
  }
}

export function pendingChangesLabel(count: number): string {
  if (count === 0) return 'All changes synced';
  return count === 1 ? '1 change waiting' : `${count} changes waiting`;
}

/** "Online · 3 changes waiting": one line for a disabled menu item or a tooltip. */
export function syncSummary(status: DesktopSyncStatus): string {
  return `${connectionLabel(status.connection)} · ${pendingChangesLabel(status.pendingChanges)}`;
}

/** "Last synced 5 min ago", from `now` (passed in: no clock read here). */
export function lastSyncLabel(lastSyncAt: Date | null, now: Date): string {
  if (!lastSyncAt) return 'Not synced yet';
  const minutes = Math.floor((now.getTime() - lastSyncAt.getTime()) / 60_000);
  if (minutes < 1) return 'Last synced just now';
  if (minutes < 60) return `Last synced ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `Last synced ${hours} h ago`;
  return `Last synced ${Math.floor(hours / 24)} d ago`;
}
