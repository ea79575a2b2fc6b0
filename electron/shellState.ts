/**
 * What the shell shows outside the window — the sync state the renderer reports and the update
 * check — held in main, with the decision when the application menu and the tray must be rebuilt:
 * exactly when something they display changes (a label, the tray image, an enabled item). The
 * renderer reports on every sync step and main ticks once a minute for "Last synced 5 min ago";
 * neither rebuilds a menu that would look the same (rebuilding closes an open menu on some systems).
 */
import type { SyncStatusReport } from '../shared/ipc/bridge';
import { updateCheckLabel, type UpdateCheckState } from './menu';
import { lastSyncLabel, syncSummary, type DesktopSyncStatus } from './syncStatus';
import { trayIconName } from './tray';

export type ShellSnapshot = { sync: DesktopSyncStatus; updateCheck: UpdateCheckState };

export type ShellState = {
  snapshot(): ShellSnapshot;
  reportSync(report: SyncStatusReport): void;
  setUpdateCheck(state: UpdateCheckState): void;
  /** Re-reads the clock: the "last synced" label ages. */
  tick(): void;
};

/** Before the renderer's first report main knows of no connection and no sync. */
export const initialSyncStatus: DesktopSyncStatus = { connection: 'offline', pendingChanges: 0, lastSyncAt: null };

/** The report as main holds it; `lastSyncAt` was checked as an ISO date-time by the shared schema. */
export function desktopSyncStatus(report: SyncStatusReport): DesktopSyncStatus {
  const lastSyncAt = report.lastSyncAt === null ? null : new Date(report.lastSyncAt);
  return { connection: report.connection, pendingChanges: report.pendingChanges, lastSyncAt: lastSyncAt && !Number.isNaN(lastSyncAt.getTime()) ? lastSyncAt : null };
}

/** Everything the menu and the tray display for a snapshot at `now`; equal keys look the same. */
export function shellDisplayKey(snapshot: ShellSnapshot, now: Date): string {
  const { sync, updateCheck } = snapshot;
  // syncSummary carries the connection (which enables Sync now) and the pending count (the tray image).
  return JSON.stringify([syncSummary(sync), lastSyncLabel(sync.lastSyncAt, now), trayIconName(sync), updateCheckLabel(updateCheck)]);
}

type Options = { initial: ShellSnapshot; now: () => Date; onChange: (snapshot: ShellSnapshot) => void };

export function createShellState(options: Options): ShellState {
  let snapshot = options.initial;
  let shown = shellDisplayKey(snapshot, options.now());
  const update = (next: ShellSnapshot): void => {
    snapshot = next;
    const key = shellDisplayKey(next, options.now());
    if (key === shown) return;
    shown = key;
    options.onChange(next);
  };
  return {
    snapshot: () => snapshot,
    reportSync: (report) => update({ ...snapshot, sync: desktopSyncStatus(report) }),
    setUpdateCheck: (updateCheck) => update({ ...snapshot, updateCheck }),
    tick: () => update(snapshot),
  };
}
