/**
 * What the shell shows outside the windows — the sync state each workspace's renderer reports and
 * the update check — held in main, with the decision when the application menu and the tray must
 * be rebuilt. Each workspace keeps its own sync state; the menu and the tray show one of them, the
 * current workspace's (main: the focused window's, else the most recently focused one's), which
 * is also where their "Sync now" goes — not a combination nobody could act on in one place. Rebuilt
 * exactly when something they display changes (a label, the tray image, an enabled item). The
 * renderer reports on every sync step and main ticks once a minute for "Last synced 5 min ago";
 * neither rebuilds a menu that would look the same (rebuilding closes an open menu on some systems).
 */
import type { SyncStatusReport } from '../shared/ipc/bridge';
import { updateCheckLabel, type UpdateCheckState } from './menu';
import { lastSyncLabel, syncSummary, type DesktopSyncStatus } from './syncStatus';
import { trayIconName } from './tray';

/** `sync` is `workspace`'s; with no workspace shown (no window) it is the initial status. */
export type ShellSnapshot = { workspace: string | null; sync: DesktopSyncStatus; updateCheck: UpdateCheckState };

export type ShellState = {
  snapshot(): ShellSnapshot;
  /** `workspace`'s renderer reported (the IPC registry names the sender's workspace). */
  reportSync(workspace: string, report: SyncStatusReport): void;
  /** The workspace the menu and the tray show from now on; null when no window is left. */
  show(workspace: string | null): void;
  /** `workspace`'s window closed: a new one starts from the initial status again. */
  forget(workspace: string): void;
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
  const { workspace, sync, updateCheck } = snapshot;
  // syncSummary carries the connection (which enables Sync now) and the pending count (the tray image).
  return JSON.stringify([workspace, syncSummary(sync), lastSyncLabel(sync.lastSyncAt, now), trayIconName(sync), updateCheckLabel(updateCheck)]);
}

type Options = { updateCheck: UpdateCheckState; now: () => Date; onChange: (snapshot: ShellSnapshot) => void };

export function createShellState(options: Options): ShellState {
  const statuses = new Map<string, DesktopSyncStatus>();
  let workspace: string | null = null;
  let updateCheck = options.updateCheck;
  const snapshot = (): ShellSnapshot => ({ workspace, sync: (workspace === null ? undefined : statuses.get(workspace)) ?? initialSyncStatus, updateCheck });
  let shown = shellDisplayKey(snapshot(), options.now());
  const update = (): void => {
    const next = snapshot();
    const key = shellDisplayKey(next, options.now());
    if (key === shown) return;
    shown = key;
    options.onChange(next);
  };
  return {
    snapshot,
    reportSync(from, report) {
      statuses.set(from, desktopSyncStatus(report));
      update();
    },
    show(next) {
      workspace = next;
      update();
    },
    forget(closed) {
      statuses.delete(closed);
      update();
    },
    setUpdateCheck(next) {
      updateCheck = next;
      update();
    },
    tick: update,
  };
}
